import { AppError } from '../../src/common/errors.js';
import type { OutboxItem, StaffFaqDraft, Ticket, TicketFilter, TicketStore, TicketWaiter } from '../../src/escalation/index.js';

type NewOutboxItem = Omit<OutboxItem, 'state' | 'attempts' | 'sentAt' | 'platformMessageId' | 'lastError' | 'leaseOwner' | 'leaseUntil'>;

/** Ticket fields a patch may clear by setting them to `undefined` (nullable columns in storage/). */
const CLEARABLE = new Set<string>([
  'displayName', 'unitId', 'claimedBy', 'claimedAt', 'answeredBy', 'answeredAt', 'answerText', 'closedBy', 'closedAt', 'remindedAt', 'delayNoticeAt', 'card',
]);

/**
 * An in-memory {@link TicketStore} for unit tests, faithful to the port's contract as the SQL stores
 * implement it: sequential numbers from 1, `version` from 1 and bumped by every change, a stale
 * `expectedVersion` → AppError CONFLICT, a question waiting on at most one ticket, an answer and its relays
 * recorded together or not at all, exclusive outbox leases, and failed items reported to the official once. Records are copied in and out, so callers
 * never change stored state by accident. `down = true` makes every call fail like an unreachable database.
 */
export class MemoryTicketStore implements TicketStore {
  down = false;
  readonly tickets = new Map<string, Ticket>();
  readonly waiterRows = new Map<string, TicketWaiter & { ticketId: string }>();
  readonly outbox = new Map<string, OutboxItem>();
  readonly drafts = new Map<string, StaffFaqDraft>();
  /** When a failed item was reported to its official (`outbox.reported_at` in storage/), by item id. */
  readonly reportedAt = new Map<string, number>();

  async createTicket(t: Omit<Ticket, 'number' | 'version'>, first: TicketWaiter): Promise<Ticket> {
    this.check();
    if (this.tickets.has(t.id)) throw new AppError('CONFLICT', `ticket ${t.id} exists`);
    this.checkWaiter(first);
    const ticket: Ticket = { ...copy(t), number: this.tickets.size + 1, version: 1 };
    this.tickets.set(ticket.id, ticket);
    this.waiterRows.set(first.questionId, { ...copy(first), ticketId: ticket.id });
    return copy(ticket);
  }
  async getTicket(id: string) {
    this.check();
    return copyOrNull(this.tickets.get(id));
  }
  async getTicketByNumber(n: number) {
    this.check();
    return copyOrNull([...this.tickets.values()].find((t) => t.number === n));
  }
  async ticketForQuestion(questionId: string) {
    this.check();
    const row = this.waiterRows.get(questionId);
    const id = row?.ticketId ?? [...this.tickets.values()].find((t) => t.questionId === questionId)?.id;
    return copyOrNull(id ? this.tickets.get(id) : undefined);
  }
  async ticketByCard(chatId: string, messageId: string) {
    this.check();
    return copyOrNull([...this.tickets.values()].find((t) => t.card?.chatId === chatId && t.card.messageId === messageId));
  }
  async ticketByThread(chatId: string, threadId: string) {
    this.check();
    return copyOrNull([...this.tickets.values()].find((t) => t.card?.chatId === chatId && t.card.threadId === threadId));
  }
  async listTickets(f: TicketFilter) {
    this.check();
    const rows = [...this.tickets.values()]
      .filter((t) => (!f.states || f.states.includes(t.state)) && (!f.channel || t.channel === f.channel))
      .filter((t) => (f.from === undefined || t.createdAt >= f.from) && (f.to === undefined || t.createdAt < f.to))
      .sort((a, b) => a.createdAt - b.createdAt || a.number - b.number);
    const offset = f.offset ?? 0;
    return rows.slice(offset, f.limit === undefined ? undefined : offset + f.limit).map(copy);
  }
  async updateTicket(id: string, expectedVersion: number, patch: Partial<Omit<Ticket, 'id' | 'number' | 'version'>>) {
    this.check();
    const t = this.requireVersion(id, expectedVersion);
    const updated = applyPatch(t, patch);
    this.tickets.set(id, updated);
    return copy(updated);
  }
  async addWaiter(ticketId: string, w: TicketWaiter) {
    this.check();
    if (!this.tickets.has(ticketId)) throw new AppError('NOT_FOUND', `no ticket ${ticketId}`);
    this.checkWaiter(w);
    this.waiterRows.set(w.questionId, { ...copy(w), ticketId });
  }
  async waiters(ticketId: string) {
    this.check();
    return [...this.waiterRows.values()]
      .filter((w) => w.ticketId === ticketId)
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map(({ ticketId: _t, ...w }) => copy(w));
  }
  async answerTicket(id: string, expectedVersion: number, patch: Partial<Ticket>, relays: NewOutboxItem[]) {
    this.check();
    const t = this.requireVersion(id, expectedVersion);
    for (const r of relays) if (this.outbox.has(r.id)) throw new AppError('CONFLICT', `outbox item ${r.id} exists`);
    // Checked everything first: the ticket and its relays are written together or not at all.
    const updated = applyPatch(t, patch);
    this.tickets.set(id, updated);
    for (const r of relays) this.outbox.set(r.id, pending(r));
    return copy(updated);
  }
  async enqueueOutbox(item: NewOutboxItem) {
    this.check();
    if (this.outbox.has(item.id)) throw new AppError('CONFLICT', `outbox item ${item.id} exists`);
    this.outbox.set(item.id, pending(item));
  }
  async leaseOutbox(owner: string, now: number, leaseUntil: number, limit: number) {
    this.check();
    const due = [...this.outbox.values()]
      .filter((o) => o.state === 'pending' && o.nextAttemptAt <= now)
      .filter((o) => !o.leaseOwner || o.leaseOwner === owner || (o.leaseUntil ?? 0) <= now)
      .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt)
      .slice(0, limit);
    for (const o of due) Object.assign(o, { leaseOwner: owner, leaseUntil });
    return due.map(copy);
  }
  async markOutboxSent(id: string, owner: string, sentAt: number, platformMessageId?: string) {
    this.check();
    const o = this.outbox.get(id);
    if (!o || o.state !== 'pending' || o.leaseOwner !== owner) return false;
    Object.assign(o, { state: 'sent', sentAt, platformMessageId, leaseOwner: undefined, leaseUntil: undefined });
    return true;
  }
  async markOutboxRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean) {
    this.check();
    const o = this.outbox.get(id);
    if (!o || o.state !== 'pending' || o.leaseOwner !== owner) return;
    Object.assign(o, { attempts: o.attempts + 1, lastError: error, nextAttemptAt, state: giveUp ? 'failed' : 'pending', leaseOwner: undefined, leaseUntil: undefined });
  }
  async outboxForTicket(ticketId: string) {
    this.check();
    return [...this.outbox.values()].filter((o) => o.ticketId === ticketId).sort((a, b) => a.createdAt - b.createdAt).map(copy);
  }
  async failedOutboxForChat(channel: string, chatId: string) {
    this.check();
    return [...this.outbox.values()]
      .filter((o) => o.state === 'failed' && o.channel === channel && o.chatId === chatId && !this.reportedAt.has(o.id))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(copy);
  }
  async markOutboxReported(ids: string[], at: number) {
    this.check();
    for (const id of ids) if (this.outbox.get(id)?.state === 'failed' && !this.reportedAt.has(id)) this.reportedAt.set(id, at);
  }
  async saveFaqDraft(d: StaffFaqDraft) {
    this.check();
    this.drafts.set(d.id, copy(d));
  }
  async getFaqDraft(id: string) {
    this.check();
    return copyOrNull(this.drafts.get(id));
  }
  async listFaqDrafts(state?: StaffFaqDraft['state']) {
    this.check();
    return [...this.drafts.values()].filter((d) => !state || d.state === state).sort((a, b) => a.createdAt - b.createdAt).map(copy);
  }

  private check(): void {
    if (this.down) throw new AppError('STORAGE_UNAVAILABLE', 'memory ticket store is down');
  }
  private checkWaiter(w: TicketWaiter): void {
    if (this.waiterRows.has(w.questionId)) throw new AppError('CONFLICT', `question ${w.questionId} already waits on a ticket`);
  }
  private requireVersion(id: string, expectedVersion: number): Ticket {
    const t = this.tickets.get(id);
    if (!t) throw new AppError('NOT_FOUND', `no ticket ${id}`);
    if (t.version !== expectedVersion) throw new AppError('CONFLICT', `ticket ${id} changed (version ${t.version}, expected ${expectedVersion})`);
    return t;
  }
}

/** Applies a patch like the SQL stores: an own key set to undefined clears an optional field; id/number/version stay. */
function applyPatch(t: Ticket, patch: Partial<Ticket>): Ticket {
  const next: Record<string, unknown> = { ...t };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id' || key === 'number' || key === 'version') continue;
    if (value === undefined) {
      if (CLEARABLE.has(key)) delete next[key];
      continue;
    }
    next[key] = copy(value);
  }
  return { ...(next as unknown as Ticket), version: t.version + 1 };
}

function pending(item: NewOutboxItem): OutboxItem {
  return { ...copy(item), state: 'pending', attempts: 0 };
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

function copyOrNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : copy(value);
}
