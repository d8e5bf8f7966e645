import { randomUUID } from 'node:crypto';
import { msg } from '../common/messages-vi.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { Answer } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';
import { docLabel } from '../answer/index.js';
import { isFollowUp } from './follow-up.js';
import { answerToPlainText } from './plain-text.js';
import { typedAnswerChoice, typedUnitChoice } from './typed-choices.js';
import type { Escalator, KnowledgeSearch, QuestionRecord, Store, Unit, UserRecord } from './ports.js';
import type { InboundMessage, OutboundReply, ReplyAction, ReplyChoice } from './types.js';

/** Options for {@link ConversationService}. */
export interface ConversationOptions {
  knowledge: KnowledgeSearch;
  /** Writes the answer: the extractive AnswerComposer, or the grounded LLM composer wrapping it. */
  composer: { compose(result: SearchResult): Answer | Promise<Answer> };
  store: Store;
  /** Admin-maintained units officials pick from; empty disables the question. */
  units?: Unit[];
  escalator?: Escalator;
  /** Escalate automatically when the bot abstains. Default true. */
  autoEscalate?: boolean;
  /** Questions per user per minute before the polite rate-limit reply. Default 20. */
  rateLimitPerMinute?: number;
  logger?: Logger;
  now?: () => number;
}

/** Channels where choices are typed ("1", "2", "3") instead of pressed. */
const TYPED_CHOICE_CHANNELS = new Set(['zalo', 'zalo-oa']);

/**
 * ConversationService: the platform-neutral conversation core. One call handles one inbound message and
 * returns the replies to send; channels only translate messages in and replies out.
 *
 * Steps: remember the user → media gets a polite explanation → commands (/start, /help, /vanban,
 * /donvi, /hoicanbo) → actions (feedback, escalate, unit pick; typed as words or numbers on Zalo) →
 * rate limit → question: follow-up context, search, cited answer or abstention (escalated when
 * `autoEscalate`), stored with its citations and confidence.
 */
export class ConversationService {
  private readonly units: Unit[];
  private readonly now: () => number;
  private readonly log: Logger;
  /** Chats that were just shown the unit list and may answer with a number (per instance, short-lived). */
  private readonly awaitingUnit = new Map<string, number>();
  /** Recently recorded users (see {@link touch}). */
  private readonly users = new Map<string, { user: UserRecord; at: number }>();

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
   * Records the user, at most once a minute per user and instance (last-seen times need no more
   * precision, and it saves a database write on every message of a conversation).
   */
  private async touch(m: InboundMessage): Promise<UserRecord> {
    const key = `${m.channel}:${m.userId}`;
    const cached = this.users.get(key);
    const now = this.now();
    if (cached && now - cached.at < 60_000 && cached.user.chatId === m.chatId && (!m.displayName || cached.user.displayName === m.displayName)) {
      return cached.user;
    }
    const user = await this.o.store.touchUser({ channel: m.channel, userId: m.userId, chatId: m.chatId, displayName: m.displayName, at: m.ts || now });
    if (this.users.size > 10_000) this.users.clear();
    this.users.set(key, { user, at: now });
    return user;
  }

  private async command(m: InboundMessage, user: UserRecord, name: string): Promise<OutboundReply[]> {
    switch (name) {
      case 'start': {
        const replies: OutboundReply[] = [{ text: msg('chat.greeting', { name: user.displayName ? ` ${user.displayName}` : '' }) }];
        if (!user.unitAsked && this.units.length) replies.push(await this.askUnit(m));
        return replies;
      }
      case 'help':
        return [{ text: msg('chat.help') }];
      case 'vanban':
        return [{ text: this.documentList() }];
      case 'donvi':
        return this.units.length ? [await this.askUnit(m)] : [{ text: msg('chat.unit.none') }];
      case 'hoicanbo':
        return this.escalate(m, user, undefined, 'manual');
      default:
        return [{ text: msg('chat.unknownCommand') }];
    }
  }

  private async action(m: InboundMessage, user: UserRecord, type: ReplyAction | 'unit', questionId?: string, value?: string): Promise<OutboundReply[]> {
    if (type === 'unit') return this.pickUnit(m, value && value !== 'skip' ? value : null);
    if (type === 'escalate') return this.escalate(m, user, questionId, 'manual');
    const q = questionId ? await this.o.store.getQuestion(questionId) : await this.o.store.lastQuestion(m.channel, m.chatId);
    if (!q || q.chatId !== m.chatId) return [{ text: msg('chat.feedback.noQuestion') }];
    await this.o.store.saveFeedback({ questionId: q.id, channel: m.channel, userId: m.userId, value: type, createdAt: this.now() });
    if (type === 'helpful') return [{ text: msg('chat.feedback.helpful') }];
    if (this.o.escalator?.reopen && (await this.o.escalator.reopen(q.id))) return [{ text: msg('chat.feedback.reopened') }];
    // On typed-choice channels a lone choice would be numbered "1", which there means "helpful": offer
    // the escalation in words instead (the official types "hỏi cán bộ").
    const choices: ReplyChoice[] = TYPED_CHOICE_CHANNELS.has(m.channel) ? [] : [{ action: 'escalate', label: msg('chat.choice.escalate'), questionId: q.id }];
    return [{ text: msg('chat.feedback.unhelpful'), questionId: q.id, choices }];
  }

  /** Typed stand-ins for buttons: unit numbers right after the unit list, and feedback/escalation words. */
  private async typedReply(m: InboundMessage, user: UserRecord, text: string): Promise<OutboundReply[] | null> {
    const key = `${m.channel}:${m.chatId}`;
    const awaiting = this.awaitingUnit.get(key);
    if (awaiting && this.now() - awaiting < 30 * 60_000) {
      const pick = typedUnitChoice(text, this.units.length);
      if (pick !== null) return this.pickUnit(m, pick === 'skip' ? null : this.units[pick - 1].id);
    }
    const choice = typedAnswerChoice(text, TYPED_CHOICE_CHANNELS.has(m.channel));
    if (!choice) return null;
    const last = await this.o.store.lastQuestion(m.channel, m.chatId);
    if (!last && /^\d$/.test(text)) return null;
    return this.action(m, user, choice, last?.id);
  }

  /** Staff answers that could not be delivered earlier, shown once on the official's next message. */
  private async undeliveredAnswers(m: InboundMessage): Promise<OutboundReply[]> {
    if (!this.o.escalator?.undelivered) return [];
    const texts = await this.o.escalator.undelivered(m.channel, m.chatId);
    return texts.map((t) => ({ text: `${msg('chat.undelivered')}\n\n${t}` }));
  }

  private async askUnit(m: InboundMessage): Promise<OutboundReply> {
    this.awaitingUnit.set(`${m.channel}:${m.chatId}`, this.now());
    await this.o.store.setUserUnit(m.channel, m.userId, null);
    this.users.delete(`${m.channel}:${m.userId}`);
    const choices: ReplyChoice[] = [
      ...this.units.map((u) => ({ action: 'unit' as const, label: u.name, value: u.id })),
      { action: 'unit', label: msg('chat.unit.skip'), value: 'skip' },
    ];
    return { text: msg('chat.unit.ask'), choices };
  }

  private async pickUnit(m: InboundMessage, unitId: string | null): Promise<OutboundReply[]> {
    this.awaitingUnit.delete(`${m.channel}:${m.chatId}`);
    const unit = unitId ? this.units.find((u) => u.id === unitId) : undefined;
    await this.o.store.setUserUnit(m.channel, m.userId, unit ? unit.id : null);
    this.users.delete(`${m.channel}:${m.userId}`);
    return [{ text: unit ? msg('chat.unit.saved', { unit: unit.name }) : msg('chat.unit.skipped') }];
  }

  private documentList(): string {
    const docs = [...this.o.knowledge.documents().values()].sort((a, b) => (b.issuedDate ?? '').localeCompare(a.issuedDate ?? ''));
    if (!docs.length) return msg('chat.documents.none');
    const current = docs.filter((d) => d.status === 'in_force' || d.status === 'partly_expired');
    const old = docs.filter((d) => !current.includes(d));
    const line = (d: (typeof docs)[number]) => `• ${docLabel(d)} – ${d.title}${d.status === 'partly_expired' ? ' (hết hiệu lực một phần)' : ''}`;
    const parts = [msg('chat.documents.header', { count: current.length }), ...current.map(line)];
    if (old.length) parts.push('', msg('chat.documents.outdated'), ...old.map((d) => `${line(d)}${d.replacedBy ? ` → thay bằng ${d.replacedBy}` : ''}`));
    return parts.join('\n');
  }

  private async rateLimited(m: InboundMessage): Promise<boolean> {
    const limit = this.o.rateLimitPerMinute ?? 20;
    const recent = await this.o.store.countQuestionsSince(m.channel, m.userId, this.now() - 60_000);
    return recent >= limit;
  }

  private async question(m: InboundMessage, user: UserRecord, text: string): Promise<OutboundReply[]> {
    const last = await this.o.store.lastQuestion(m.channel, m.chatId);
    const followUp = last !== null && isFollowUp(text, last.createdAt, this.now());
    const searchText = followUp && last ? `${last.searchText} ${text}` : text;
    const knowledge = this.o.knowledge;
    const result = await (knowledge.searchAsync?.(searchText) ?? knowledge.search(searchText));
    const answer = await this.o.composer.compose(result);
    const record: QuestionRecord = {
      id: randomUUID(),
      channel: m.channel,
      chatId: m.chatId,
      userId: m.userId,
      text,
      searchText,
      answered: answer.kind === 'answer',
      source: answer.kind === 'answer' ? answer.source : 'none',
      confidence: answer.confidence,
      citations: answer.citations,
      answerText: answerToPlainText(answer),
      unitId: user.unitId ?? null,
      createdAt: this.now(),
    };
    await this.o.store.saveQuestion(record);
    this.log.info({ channel: m.channel, questionId: record.id, answered: record.answered, confidence: record.confidence, followUp }, 'question answered');
    const choices: ReplyChoice[] = [
      { action: 'helpful', label: msg('chat.choice.helpful'), questionId: record.id },
      { action: 'unhelpful', label: msg('chat.choice.unhelpful'), questionId: record.id },
      { action: 'escalate', label: msg('chat.choice.escalate'), questionId: record.id },
    ];
    if (answer.kind === 'answer') return [{ answer, questionId: record.id, choices }];
    if (answer.reason === 'empty_query') return [{ text: answer.message }];
    if ((this.o.autoEscalate ?? true) && this.o.escalator) {
      await this.handOver(m, user, record, 'auto');
      return [{ answer: { ...answer, message: msg('chat.escalate.auto') }, questionId: record.id }];
    }
    return [{ answer, questionId: record.id, choices }];
  }

  private async escalate(m: InboundMessage, user: UserRecord, questionId: string | undefined, reason: 'manual'): Promise<OutboundReply[]> {
    const q = questionId ? await this.o.store.getQuestion(questionId) : await this.o.store.lastQuestion(m.channel, m.chatId);
    if (!q || q.chatId !== m.chatId) return [{ text: msg('chat.escalate.noQuestion') }];
    return this.escalateRecord(m, user, q, reason);
  }

  private async escalateRecord(m: InboundMessage, user: UserRecord, q: QuestionRecord, reason: 'manual'): Promise<OutboundReply[]> {
    if (!this.o.escalator) return [{ text: msg('chat.escalate.unavailable') }];
    const r = await this.handOver(m, user, q, reason);
    return [{ text: r.created ? msg('chat.escalate.done') : msg('chat.escalate.already') }];
  }

  private async handOver(m: InboundMessage, user: UserRecord, q: QuestionRecord, reason: 'auto' | 'manual') {
    const escalator = this.o.escalator as Escalator;
    const excerpt = [`${user.displayName ?? m.userId}: ${q.text}`, `Bot: ${q.answerText}`];
    const r = await escalator.escalate({ question: q, user, reason, excerpt });
    this.log.info({ channel: m.channel, questionId: q.id, ticketId: r.ticketId, created: r.created, reason }, 'question escalated');
    return r;
  }
}
