import { msg } from '../common/messages-vi.js';
import { isAppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { Answer } from '../answer/index.js';
import { answerByParts } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';
import { documentListText } from './document-list.js';
import { isFollowUp } from './follow-up.js';
import { questionRecord } from './question-record.js';
import { choicesFor, offersStaff, replyKindOf } from './reply-choices.js';
import { TYPED_NUMBER_RE, typedChoice, typedUnitChoice, typedWordChoice } from './typed-choices.js';
import type { ConversationStore, Escalator, KnowledgeSearch, Learning, QuestionRecord, Unit, UserRecord } from './ports.js';
import type { InboundMessage, OutboundReply, ReplyAction, ReplyChoice } from './types.js';

/** Options for {@link ConversationService}. */
export interface ConversationOptions {
  knowledge: KnowledgeSearch;
  /** Writes the answer: the extractive AnswerComposer, or the grounded LLM composer wrapping it. */
  composer: {
    compose(result: SearchResult): Answer | Promise<Answer>;
    /** The answer-or-abstain rule without composing; when given, multi-part questions are answered part by part. */
    wouldAnswer?(result: SearchResult): boolean;
  };
  store: ConversationStore;
  /** Admin-maintained units officials pick from; empty disables the question. */
  units?: Unit[];
  escalator?: Escalator;
  /** Short courses in the chat (/hoctap); absent disables them. */
  learning?: Learning;
  /**
   * Pass every abstention to staff without asking. Default false: the official is offered the choice
   * ("Chuyển câu hỏi cho cán bộ" or rephrase) and a ticket is created only when they accept.
   */
  autoEscalate?: boolean;
  /** Units (ids) whose officials' abstentions go to staff without asking, when `autoEscalate` is off. Default none. */
  autoEscalateUnits?: readonly string[];
  /** Questions per user per minute before the polite rate-limit reply. Default 20. */
  rateLimitPerMinute?: number;
  logger?: Logger;
  now?: () => number;
}

/** How long a typed number still refers to the choices under the last answer. */
export const TYPED_CHOICE_WINDOW_MS = 24 * 60 * 60_000;

/** How long after the unit list a typed number still picks a unit. */
export const UNIT_PICK_WINDOW_MS = 30 * 60_000;

/**
 * ConversationService: the platform-neutral conversation core. One call handles one inbound message and
 * returns the replies to send; channels only translate messages in and replies out.
 *
 * Steps: remember the user → media gets a polite explanation → commands (/start, /help, /vanban,
 * /donvi, /hoicanbo) → actions (feedback, escalate, unit pick; typed as words, or as numbers where the
 * channel has no buttons) → rate limit → question: follow-up context, search, then a cited answer, an
 * abstention that offers the staff (a ticket only when the official accepts, or at once for units set to
 * `autoEscalate`), or a short chat reply (greeting, off-topic, junk: never a ticket); stored with its
 * reply kind, citations and confidence.
 */
export class ConversationService {
  private readonly units: Unit[];
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly o: ConversationOptions) {
    this.units = o.units ?? [];
    this.now = o.now ?? Date.now;
    this.log = o.logger ?? silentLogger;
  }

  /** Handles one message and returns the replies, in order. */
  async handle(m: InboundMessage): Promise<OutboundReply[]> {
    const user = await this.touch(m);
    if (m.kind === 'media') return [{ text: msg('chat.media') }];
    if (m.kind === 'command' && m.command) return this.command(m, user, m.command.name);
    if (m.kind === 'action' && m.action) return this.action(m, user, m.action.type, m.action.questionId, m.action.value);
    const text = (m.text ?? '').trim();
    if (!text) return [{ text: msg('answer.empty') }];
    const typed = await this.typedReply(m, user, text);
    if (typed) return typed;
    if (await this.rateLimited(m)) return [{ text: msg('chat.rateLimited') }];
    const waiting = await this.undeliveredAnswers(m);
    return [...waiting, ...(await this.question(m, user, text))];
  }

  /**
   * Records the user on every message and returns the stored record. No per-instance cache: the unit a
   * user picked on another instance (or the unit prompt it showed) must be seen here at once.
   */
  private async touch(m: InboundMessage): Promise<UserRecord> {
    return this.o.store.touchUser({ channel: m.channel, userId: m.userId, chatId: m.chatId, displayName: m.displayName, at: m.ts || this.now() });
  }

  private async command(m: InboundMessage, user: UserRecord, name: string): Promise<OutboundReply[]> {
    switch (name) {
      case 'start': {
        const replies: OutboundReply[] = [{ text: msg('chat.greeting', { name: user.displayName ? ` ${user.displayName}` : '' }) }];
        if (!user.unitAsked && this.units.length) replies.push(await this.askUnit(m));
        return replies;
      }
      case 'help':
        return [{ text: this.o.learning ? `${msg('chat.help')}\n\n${msg('training.help')}` : msg('chat.help') }];
      case 'vanban':
        return [{ text: documentListText(this.o.knowledge.documents().values()) }];
      case 'donvi':
        return this.units.length ? [await this.askUnit(m)] : [{ text: msg('chat.unit.none') }];
      case 'hoicanbo':
        return m.command?.args ? this.askStaffDirectly(m, user, m.command.args) : this.escalate(m, user, undefined);
      default:
        if (this.o.learning?.commands.includes(name)) return this.o.learning.command(m, user, name, m.command?.args ?? '');
        return [{ text: msg('chat.unknownCommand') }];
    }
  }

  private async action(m: InboundMessage, user: UserRecord, type: ReplyAction | 'unit' | 'learn', questionId?: string, value?: string): Promise<OutboundReply[]> {
    if (type === 'unit') return this.pickUnit(m, value && value !== 'skip' ? value : null);
    if (type === 'learn') return this.o.learning ? this.o.learning.action(m, user, value ?? '') : [{ text: msg('chat.unknownCommand') }];
    if (type === 'escalate') return this.escalate(m, user, questionId);
    const q = await this.ownQuestion(m, questionId);
    if (!q) return [{ text: msg('chat.feedback.noQuestion') }];
    await this.o.store.saveFeedback({ questionId: q.id, channel: m.channel, userId: m.userId, value: type, createdAt: this.now() });
    if (type === 'helpful') return [{ text: msg('chat.feedback.helpful') }];
    if (this.o.escalator?.reopen && (await this.o.escalator.reopen(q.id))) return [{ text: msg('chat.feedback.reopened') }];
    // The "ask staff" choice keeps the number it had under the answer, so a typed "3" still means it.
    const choices: ReplyChoice[] = this.o.escalator ? choicesFor(q).filter((c) => c.action === 'escalate') : [];
    return [{ text: msg('chat.feedback.unhelpful'), questionId: q.id, choices }];
  }

  /**
   * The question an action refers to: the one named (when it belongs to this chat), else the last one;
   * null when there is none or it was a chat message (greetings and junk get no votes and no tickets).
   */
  private async ownQuestion(m: InboundMessage, questionId?: string): Promise<QuestionRecord | null> {
    const q = questionId ? await this.o.store.getQuestion(questionId) : await this.o.store.lastQuestion(m.channel, m.chatId);
    if (!q || q.channel !== m.channel || q.chatId !== m.chatId || replyKindOf(q) === 'chat') return null;
    return q;
  }

  /**
   * Typed stand-ins for buttons: unit numbers right after the unit list; the number or words of a choice
   * offered with the last answer, derived from the stored question (so any instance reads a "1" the same
   * way); "hỏi cán bộ" at any time.
   */
  private async typedReply(m: InboundMessage, user: UserRecord, text: string): Promise<OutboundReply[] | null> {
    const learned = await this.typedLearning(m, user, text);
    if (learned) return learned;
    const unit = await this.typedUnitPick(m, text);
    if (unit) return unit;
    // Only a possible choice costs a database read; every question would otherwise pay for it.
    if (!(m.typedChoices && TYPED_NUMBER_RE.test(text)) && !typedWordChoice(text)) return null;
    const last = await this.o.store.lastQuestion(m.channel, m.chatId);
    const offered = last && this.now() - last.createdAt < TYPED_CHOICE_WINDOW_MS ? choicesFor(last) : [];
    const choice = typedChoice(text, offered, m.typedChoices === true);
    if (!choice) return null;
    return this.action(m, user, choice, last?.id);
  }

  /**
   * A typed reply to the last learning prompt ("2", "tiếp"), when that prompt came after the last question
   * and the last unit list; the learning side reads its stored prompt.
   */
  private async typedLearning(m: InboundMessage, user: UserRecord, text: string): Promise<OutboundReply[] | null> {
    if (!this.o.learning?.mightBeTyped(text)) return null;
    const last = await this.o.store.lastQuestion(m.channel, m.chatId);
    const since = Math.max(last?.createdAt ?? 0, user.unitAskedAt ?? 0);
    return this.o.learning.typed(m, user, text, since);
  }

  /**
   * A unit number (or "bỏ qua") typed while the unit list is the last thing shown: within
   * {@link UNIT_PICK_WINDOW_MS} of the list and with no question asked since. Read from the stored user, so
   * it works whichever instance showed the list.
   */
  private async typedUnitPick(m: InboundMessage, text: string): Promise<OutboundReply[] | null> {
    const pick = this.units.length ? typedUnitChoice(text, this.units.length) : null;
    if (pick === null) return null;
    // The cached user may predate the list shown by another instance: read it again.
    const user = await this.o.store.touchUser({ channel: m.channel, userId: m.userId, chatId: m.chatId, at: m.ts || this.now() });
    const askedAt = user.unitAskedAt;
    if (askedAt === undefined || this.now() - askedAt > UNIT_PICK_WINDOW_MS) return null;
    const last = await this.o.store.lastQuestion(m.channel, m.chatId);
    // Messages of one chat are handled in order, so a question stored in the same millisecond came after.
    if (last && last.createdAt >= askedAt) return null;
    return this.pickUnit(m, pick === 'skip' ? null : this.units[pick - 1].id);
  }

  /** Staff answers that could not be delivered earlier, shown once on the official's next message. */
  private async undeliveredAnswers(m: InboundMessage): Promise<OutboundReply[]> {
    if (!this.o.escalator?.undelivered) return [];
    const texts = await this.o.escalator.undelivered(m.channel, m.chatId);
    return texts.map((t) => ({ text: `${msg('chat.undelivered')}\n\n${t}` }));
  }

  private async askUnit(m: InboundMessage): Promise<OutboundReply> {
    await this.o.store.markUnitAsked(m.channel, m.userId, this.now());
    const choices: ReplyChoice[] = [
      ...this.units.map((u) => ({ action: 'unit' as const, label: u.name, value: u.id })),
      { action: 'unit', label: msg('chat.unit.skip'), value: 'skip' },
    ];
    return { text: msg('chat.unit.ask'), choices };
  }

  private async pickUnit(m: InboundMessage, unitId: string | null): Promise<OutboundReply[]> {
    const unit = unitId ? this.units.find((u) => u.id === unitId) : undefined;
    await this.o.store.setUserUnit(m.channel, m.userId, unit ? unit.id : null);
    return [{ text: unit ? msg('chat.unit.saved', { unit: unit.name }) : msg('chat.unit.skipped') }];
  }

  private async rateLimited(m: InboundMessage): Promise<boolean> {
    const limit = this.o.rateLimitPerMinute ?? 20;
    const recent = await this.o.store.countQuestionsSince(m.channel, m.userId, this.now() - 60_000);
    return recent >= limit;
  }

  private async question(m: InboundMessage, user: UserRecord, text: string): Promise<OutboundReply[]> {
    const { record, answer } = await this.answerAndRecord(m, user, text);
    if (answer.kind === 'answer') return [{ answer, questionId: record.id, choices: choicesFor(record) }];
    if (answer.kind === 'chat') return [{ answer }];
    if (answer.reason === 'empty_query') return [{ text: answer.message }];
    if (!this.o.escalator) return [{ answer, questionId: record.id }];
    if (this.autoEscalates(user)) {
      const r = await this.handOver(m, user, record, 'auto');
      return [{ answer, questionId: record.id, prompt: r === 'limited' ? msg('error.escalationLimited') : msg('chat.escalate.autoDone') }];
    }
    return [{ answer, questionId: record.id, prompt: msg('chat.escalate.offer'), choices: choicesFor(record) }];
  }

  /** Searches (with the previous question for a follow-up), composes the reply and stores the record. */
  private async answerAndRecord(m: InboundMessage, user: UserRecord, text: string): Promise<{ record: QuestionRecord; answer: Answer }> {
    const last = await this.o.store.lastQuestion(m.channel, m.chatId);
    const followUp = last !== null && isFollowUp(text, last.createdAt, this.now());
    // The follow-up first: what it names and asks (a document, "còn hiệu lực không") decides the intent,
    // and the previous question only adds its topic.
    const searchText = followUp && last ? `${text} ${last.searchText}` : text;
    const knowledge = this.o.knowledge;
    const search = (t: string) => knowledge.searchAsync?.(t) ?? knowledge.search(t);
    const result = await search(searchText);
    const composer = this.o.composer;
    // A multi-part question gets its covered parts answered and the others named (answer/multi-part.ts).
    const answer =
      composer.wouldAnswer && !followUp
        ? await answerByParts(text, result, { search, compose: (r) => composer.compose(r), wouldAnswer: (r) => composer.wouldAnswer?.(r) ?? false })
        : await composer.compose(result);
    const record = questionRecord(m, user, { text, searchText, answer, at: this.now() });
    await this.o.store.saveQuestion(record);
    const reason = answer.kind === 'answer' ? answer.source : answer.reason;
    this.log.info({ channel: m.channel, questionId: record.id, kind: answer.kind, reason, confidence: record.confidence, followUp }, 'question answered');
    return { record, answer };
  }

  /** True when this official's abstentions go to staff without asking (all units, or theirs). */
  private autoEscalates(user: UserRecord): boolean {
    if (this.o.autoEscalate) return true;
    return Boolean(user.unitId && this.o.autoEscalateUnits?.includes(user.unitId));
  }

  /**
   * "/hoicanbo <câu hỏi>": the question goes to staff at once (searched first, so staff see the sources
   * the bot found). A chat message (greeting, off-topic, junk) gets its short reply and no ticket.
   */
  private async askStaffDirectly(m: InboundMessage, user: UserRecord, text: string): Promise<OutboundReply[]> {
    if (await this.rateLimited(m)) return [{ text: msg('chat.rateLimited') }];
    const { record, answer } = await this.answerAndRecord(m, user, text);
    if (answer.kind === 'chat') return [{ answer }];
    return this.escalateRecord(m, user, record);
  }

  /** The official asked for staff (button, typed choice, /hoicanbo): their last (or named) question becomes a ticket. */
  private async escalate(m: InboundMessage, user: UserRecord, questionId: string | undefined): Promise<OutboundReply[]> {
    const q = await this.ownQuestion(m, questionId);
    if (!q || (replyKindOf(q) === 'escalate' && !offersStaff(q))) return [{ text: msg('chat.escalate.noQuestion') }];
    return this.escalateRecord(m, user, q);
  }

  private async escalateRecord(m: InboundMessage, user: UserRecord, q: QuestionRecord): Promise<OutboundReply[]> {
    if (!this.o.escalator) return [{ text: msg('chat.escalate.unavailable') }];
    const r = await this.handOver(m, user, q, 'manual');
    if (r === 'limited') return [{ text: msg('error.escalationLimited') }];
    return [{ text: r.created ? msg('chat.escalate.done') : msg('chat.escalate.already') }];
  }

  /** Hands the question to staff; 'limited' when the escalator refused it for an abuse budget (web chat, issue 11). */
  private async handOver(m: InboundMessage, user: UserRecord, q: QuestionRecord, reason: 'auto' | 'manual') {
    const escalator = this.o.escalator as Escalator;
    // Staff (not officials) see how sure the bot was.
    const bot = msg('staff.excerpt.bot', { confidence: q.confidence.toFixed(2) });
    const excerpt = [`${user.displayName ?? m.userId}: ${q.text}`, `${bot}: ${q.answerText}`];
    let r;
    try {
      r = await escalator.escalate({ question: q, user, reason, excerpt });
    } catch (err: unknown) {
      if (!isAppError(err, 'ESCALATION_LIMITED')) throw err;
      this.log.warn({ channel: m.channel, questionId: q.id, reason }, 'escalation refused: budget spent');
      return 'limited' as const;
    }
    this.log.info({ channel: m.channel, questionId: q.id, ticketId: r.ticketId, created: r.created, reason }, 'question escalated');
    return r;
  }
}
