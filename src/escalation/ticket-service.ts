import { randomUUID } from 'node:crypto';
import { AppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { msg } from '../common/messages-vi.js';
import type { Analyzer } from '../text/analyzer.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import { FaqMatcher } from '../search/faq-matcher.js';
import type { EscalationResult, Escalator, QuestionRecord, UserRecord } from '../conversation/ports.js';
import { transition } from './ticket-state.js';
import type { StaffNotifier, TicketFilter, TicketStore } from './ports.js';
import type { OutboxItem, StaffActor, StaffFaqDraft, Ticket, TicketWaiter } from './types.js';

/** Options for {@link TicketService}. */
export interface TicketServiceOptions {
  tickets: TicketStore;
  notifier: StaffNotifier;
  analyzer: Analyzer;
  /** Adds an approved staff Q&A to the live FAQ layer (KnowledgeBase.addFaq). */
  addFaq: (entry: FaqEntry) => void;
  /** Minutes before an unclaimed/unanswered ticket is reminded about. Default 60. */
  remindMinutes?: number;
  /** Similarity at which a new question joins an open ticket. Default 0.75. */
  mergeThreshold?: number;
  logger?: Logger;
  now?: () => number;
}

/** A ticket with what the console and the staff card show about it. */
export interface TicketDetail {
  ticket: Ticket;
  waiters: TicketWaiter[];
  outbox: OutboxItem[];
}

/**
 * TicketService: hands questions to reform staff and carries their answers back (see README.md).
 * It is the conversation core's {@link Escalator}, and the API the staff group and the console act through.
 */
export class TicketService implements Escalator {
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly o: TicketServiceOptions) {
    this.log = o.logger ?? silentLogger;
    this.now = o.now ?? Date.now;
  }

  /** Escalates a question: joins its existing or a similar open ticket, or opens a new one and posts its card. */
  async escalate(input: { question: QuestionRecord; user: UserRecord; reason: 'auto' | 'manual' | 'unhelpful'; excerpt: string[] }): Promise<EscalationResult> {
    const { question: q, user } = input;
    const existing = await this.o.tickets.ticketForQuestion(q.id);
    if (existing && existing.state !== 'closed') return { ticketId: existing.id, created: false };
    const waiter: TicketWaiter = { questionId: q.id, channel: q.channel, chatId: q.chatId, userId: q.userId, displayName: user.displayName, questionText: q.text, joinedAt: this.now() };
    if (existing) {
      // Escalated again after it was closed: reopen the same ticket.
      const reopened = await this.o.tickets.updateTicket(existing.id, existing.version, { state: transition(existing.state, 'reopen'), reopenCount: existing.reopenCount + 1 });
      await this.notify(() => this.o.notifier.updateTicket(reopened));
      return { ticketId: existing.id, created: false };
    }
    const similar = await this.similarOpenTicket(q.text);
    if (similar) {
      await this.o.tickets.addWaiter(similar.id, waiter);
      this.log.info({ ticketId: similar.id, questionId: q.id }, 'question joined an open ticket');
      await this.notify(() => this.o.notifier.updateTicket(similar));
      return { ticketId: similar.id, created: false };
    }
    let ticket = await this.o.tickets.createTicket(
      {
        id: randomUUID(),
        state: 'open',
        questionId: q.id,
        questionText: q.text,
        channel: q.channel,
        chatId: q.chatId,
        userId: q.userId,
        displayName: user.displayName,
        unitId: q.unitId ?? null,
        excerpt: input.excerpt,
        sources: q.citations,
        reason: input.reason,
        createdAt: this.now(),
        reopenCount: 0,
      },
      waiter,
    );
    const card = await this.notify(() => this.o.notifier.postTicket(ticket));
    if (card) ticket = await this.o.tickets.updateTicket(ticket.id, ticket.version, { card });
    this.log.info({ ticketId: ticket.id, number: ticket.number, reason: input.reason }, 'ticket opened');
    return { ticketId: ticket.id, created: true };
  }

  /** A staff member takes the ticket (open → claimed). Two claims at once: one wins, the other gets CONFLICT. */
  async claim(ticketId: string, actor: StaffActor): Promise<Ticket> {
    const t = await this.require(ticketId);
    const updated = await this.o.tickets.updateTicket(t.id, t.version, { state: transition(t.state, 'claim'), claimedBy: actor.name, claimedAt: this.now() });
    await this.notify(() => this.o.notifier.updateTicket(updated));
    return updated;
  }

  /** Closes the ticket (no answer needed, or done). */
  async close(ticketId: string, actor: StaffActor): Promise<Ticket> {
    const t = await this.require(ticketId);
    const updated = await this.o.tickets.updateTicket(t.id, t.version, { state: transition(t.state, 'close'), closedBy: actor.name, closedAt: this.now() });
    await this.notify(() => this.o.notifier.updateTicket(updated));
    return updated;
  }

  /**
   * Records a staff answer and queues it for every waiting official in one transaction; the outbox relay
   * delivers it. Answering an answered ticket with a different text is a correction (queued too); the
   * same text again (a double submission) is refused with CONFLICT, so the official gets it once.
   */
  async answer(ticketId: string, actor: StaffActor, text: string): Promise<Ticket> {
    const answer = text.trim();
    if (!answer) throw new AppError('INVALID_INPUT', 'the answer is empty');
    if (answer.length > 8000) throw new AppError('INVALID_INPUT', 'the answer is longer than 8000 characters');
    const t = await this.require(ticketId);
    if (t.state === 'answered' && sameAnswer(t.answerText, answer)) {
      throw new AppError('CONFLICT', `ticket #${t.number} is already answered with this text`);
    }
    const state = transition(t.state, t.state === 'answered' ? 'correct' : 'answer');
    const waiters = await this.o.tickets.waiters(t.id);
    const now = this.now();
    const relays = waiters.map((w) => ({
      id: randomUUID(),
      ticketId: t.id,
      channel: w.channel,
      chatId: w.chatId,
      kind: 'staff_answer' as const,
      text: msg('ticket.relay', { number: t.number, question: w.questionText, answer, staff: actor.name }),
      staffName: actor.name,
      createdAt: now,
      nextAttemptAt: now,
    }));
    const updated = await this.o.tickets.answerTicket(t.id, t.version, { state, answeredBy: actor.name, answeredAt: now, answerText: answer, claimedBy: t.claimedBy ?? actor.name, claimedAt: t.claimedAt ?? now }, relays);
    this.log.info({ ticketId: t.id, number: t.number, relays: relays.length, staff: actor.id }, 'ticket answered');
    await this.notify(() => this.o.notifier.updateTicket(updated));
    return updated;
  }

  /** {@link Escalator.reopen}: true when the question's answered ticket went back to staff. */
  async reopen(questionId: string): Promise<boolean> {
    return (await this.reopenForQuestion(questionId)) !== null;
  }

  /** {@link Escalator.undelivered}. */
  undelivered(channel: string, chatId: string): Promise<string[]> {
    return this.undeliveredFor(channel, chatId);
  }

  /** The official said a staff answer did not help: the ticket goes back to staff. */
  async reopenForQuestion(questionId: string): Promise<Ticket | null> {
    const t = await this.o.tickets.ticketForQuestion(questionId);
    if (!t || (t.state !== 'answered' && t.state !== 'closed')) return null;
    const updated = await this.o.tickets.updateTicket(t.id, t.version, { state: transition(t.state, 'reopen'), reopenCount: t.reopenCount + 1 });
    await this.notify(() => this.o.notifier.updateTicket(updated));
    return updated;
  }

  async get(ticketId: string): Promise<Ticket | null> {
    return this.o.tickets.getTicket(ticketId);
  }

  async detail(ticketId: string): Promise<TicketDetail | null> {
    const ticket = await this.o.tickets.getTicket(ticketId);
    if (!ticket) return null;
    const [waiters, outbox] = await Promise.all([this.o.tickets.waiters(ticket.id), this.o.tickets.outboxForTicket(ticket.id)]);
    return { ticket, waiters, outbox };
  }

  list(filter: TicketFilter): Promise<Ticket[]> {
    return this.o.tickets.listTickets(filter);
  }

  /** Drafts a curated Q&A from a staff answer; it enters the FAQ only after approval by someone else. */
  async draftFaq(ticketId: string, actor: StaffActor, input: { question?: string; answer?: string; sourceNumber?: string; sourceArticle?: string }): Promise<StaffFaqDraft> {
    const t = await this.require(ticketId);
    const question = (input.question ?? t.questionText).trim();
    const answer = (input.answer ?? t.answerText ?? '').trim();
    if (!question || !answer) throw new AppError('INVALID_INPUT', 'a Q&A needs a question and an answer (answer the ticket first)');
    const draft: StaffFaqDraft = {
      id: randomUUID(),
      ticketId: t.id,
      question,
      answer,
      sourceNumber: input.sourceNumber?.trim() || undefined,
      sourceArticle: input.sourceArticle?.trim() || undefined,
      createdBy: actor.name,
      createdAt: this.now(),
      state: 'pending',
    };
    await this.o.tickets.saveFaqDraft(draft);
    return draft;
  }

  /**
   * Approves or rejects a drafted Q&A. The approver must be a different person than the author, unless an
   * admin. An approved Q&A enters the live FAQ layer at once (no reindex).
   */
  async decideFaq(draftId: string, actor: StaffActor, approve: boolean): Promise<StaffFaqDraft> {
    const d = await this.o.tickets.getFaqDraft(draftId);
    if (!d) throw new AppError('NOT_FOUND', `no Q&A draft ${draftId}`);
    if (d.state !== 'pending') throw new AppError('CONFLICT', `the Q&A draft is already ${d.state}`);
    if (approve && d.createdBy === actor.name && actor.role !== 'admin') {
      throw new AppError('FORBIDDEN', 'a Q&A must be approved by a second staff member or an admin');
    }
    const decided: StaffFaqDraft = { ...d, state: approve ? 'approved' : 'rejected', decidedBy: actor.name, decidedAt: this.now() };
    await this.o.tickets.saveFaqDraft(decided);
    if (approve) this.o.addFaq(staffFaqEntry(decided));
    return decided;
  }

  /** Every approved staff Q&A as FAQ entries (loaded into the FAQ layer at start-up). */
  async approvedFaq(): Promise<FaqEntry[]> {
    return (await this.o.tickets.listFaqDrafts('approved')).map(staffFaqEntry);
  }

  /**
   * SLA sweep: reminds staff about tickets unclaimed or unanswered past the limit (again each period),
   * and tells each waiting official once that the answer will take longer.
   */
  async sweep(): Promise<number> {
    const limit = (this.o.remindMinutes ?? 60) * 60_000;
    const now = this.now();
    let reminded = 0;
    for (const t of await this.o.tickets.listTickets({ states: ['open', 'claimed'], limit: 500 })) {
      const age = now - t.createdAt;
      if (age < limit || (t.remindedAt && now - t.remindedAt < limit)) continue;
      let updated = await this.o.tickets.updateTicket(t.id, t.version, { remindedAt: now }).catch(() => null);
      if (!updated) continue;
      await this.notify(() => this.o.notifier.remind(updated as Ticket, Math.round(age / 60_000)));
      if (!t.delayNoticeAt) {
        for (const w of await this.o.tickets.waiters(t.id)) {
          await this.o.tickets.enqueueOutbox({ id: randomUUID(), ticketId: t.id, channel: w.channel, chatId: w.chatId, kind: 'delay_notice', text: msg('ticket.delay', { number: t.number }), createdAt: now, nextAttemptAt: now });
        }
        updated = await this.o.tickets.updateTicket(t.id, updated.version, { delayNoticeAt: now }).catch(() => updated);
      }
      reminded++;
    }
    return reminded;
  }

  /** Staff answers that could not be delivered to this chat (each returned once), for the official's next message. */
  async undeliveredFor(channel: string, chatId: string): Promise<string[]> {
    const failed = (await this.o.tickets.failedOutboxForChat(channel, chatId)).filter((i) => i.kind === 'staff_answer');
    if (failed.length) await this.o.tickets.markOutboxReported(failed.map((i) => i.id), this.now());
    return failed.map((i) => i.text);
  }

  private async similarOpenTicket(text: string): Promise<Ticket | null> {
    const open = await this.o.tickets.listTickets({ states: ['open', 'claimed'], limit: 500 });
    if (!open.length) return null;
    const matcher = new FaqMatcher(
      this.o.analyzer,
      open.map((t) => ({ id: t.id, question: t.questionText, variants: [], answer: '', source: { number: '', article: '' }, origin: 'staff' as const })),
      { threshold: this.o.mergeThreshold ?? 0.75 },
    );
    const m = matcher.match(this.o.analyzer.analyzeQuery(text));
    return m ? (open.find((t) => t.id === m.entry.id) ?? null) : null;
  }

  private async require(id: string): Promise<Ticket> {
    const t = await this.o.tickets.getTicket(id);
    if (!t) throw new AppError('NOT_FOUND', `no ticket ${id}`);
    return t;
  }

  /** Runs a staff-notification call; its failure is logged and never fails the official's request. */
  private async notify<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err: unknown) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'staff notification failed');
      return undefined;
    }
  }
}

/** True when two answers differ only in spacing (a resubmission, not a correction). */
function sameAnswer(a: string | undefined, b: string): boolean {
  const norm = (x: string) => x.normalize('NFC').replace(/\s+/g, ' ').trim();
  return a !== undefined && norm(a) === norm(b);
}

/** The FAQ entry of an approved staff Q&A. */
export function staffFaqEntry(d: StaffFaqDraft): FaqEntry {
  return {
    id: `staff-${d.id}`,
    question: d.question,
    variants: [],
    answer: d.answer,
    source: { number: d.sourceNumber ?? '', article: d.sourceArticle ?? '' },
    origin: 'staff',
  };
}
