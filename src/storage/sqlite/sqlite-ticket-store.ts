/**
 * SQLite implementation of the escalation core's {@link TicketStore} port: tickets, waiters, the relay
 * outbox and staff Q&A drafts. `SqliteStore` owns the connection and builds one on it, beside the
 * other ports' objects.
 *
 * Several processes may share the file: ticket numbers and outbox leases are taken inside `BEGIN
 * IMMEDIATE` transactions (SQLite's single writer lock), and every ticket change is one `UPDATE … WHERE
 * version = ?`, so a stale writer changes nothing and gets CONFLICT.
 */
import { AppError } from '../../common/errors.js';
import type {
  OutboxItem, StaffFaqDraft, Ticket, TicketFilter, TicketStore, TicketWaiter,
} from '../../escalation/index.js';
import {
  FAQ_DRAFT_COLUMNS, OUTBOX_INSERT_COLUMNS, TICKET_INSERT_COLUMNS, WAITER_COLUMNS, faqDraftValues, outboxInsertValues,
  ticketInsertValues, ticketPatchValues, waiterValues,
} from '../escalation-params.js';
import type { TicketPatch } from '../escalation-params.js';
import {
  byDue, faqDraftFromRow, outboxFromRow, staleOrMissing, ticketFromRow, waiterFromRow,
} from '../escalation-rows.js';
import type { FaqDraftRow, NewOutboxItem, NewTicket, OutboxRow, TicketRow, WaiterRow } from '../escalation-rows.js';
import type { SqliteContext } from './sqlite-context.js';

// Numbers are max + 1: gap-free, and safe because the insert runs under BEGIN IMMEDIATE (one writer).
const TICKET_INSERT = `INSERT INTO tickets (number, version, ${TICKET_INSERT_COLUMNS.join(', ')})
  VALUES ((SELECT COALESCE(MAX(number), 0) + 1 FROM tickets), 1, ${TICKET_INSERT_COLUMNS.map(() => '?').join(', ')})
  RETURNING *`;

const OUTBOX_INSERT = `INSERT INTO outbox (${OUTBOX_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Order of due outbox items: oldest due first, then oldest created. */
const OUTBOX_ORDER = 'next_attempt_at, created_at, id';

/** The {@link TicketStore} half of `SqliteStore`; not used on its own. */
export class SqliteTicketStore implements TicketStore {
  constructor(private readonly ctx: SqliteContext) {}

  /** Inserts the ticket (number = highest + 1, version 1) and its first waiter in one transaction. */
  async createTicket(t: NewTicket, first: TicketWaiter): Promise<Ticket> {
    return this.ctx.transaction('createTicket', () => {
      const row = this.ctx.stmt(TICKET_INSERT).get(...ticketInsertValues(t).map((c) => c.value)) as TicketRow;
      this.ctx.stmt(`INSERT INTO ticket_waiters (${WAITER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...waiterValues(t.id, first));
      return ticketFromRow(row);
    });
  }

  /** The ticket with this id, or null. */
  async getTicket(id: string): Promise<Ticket | null> {
    return this.one('getTicket', 'SELECT * FROM tickets WHERE id = ?', id);
  }

  /** The ticket with this human number, or null. */
  async getTicketByNumber(n: number): Promise<Ticket | null> {
    return this.one('getTicketByNumber', 'SELECT * FROM tickets WHERE number = ?', n);
  }

  /** The ticket the question waits on (first asker or merged), or null. */
  async ticketForQuestion(questionId: string): Promise<Ticket | null> {
    return this.one('ticketForQuestion',
      'SELECT t.* FROM ticket_waiters w JOIN tickets t ON t.id = w.ticket_id WHERE w.question_id = ?', questionId);
  }

  /** The ticket whose staff card is this message, or null (the newest when a card was reused). */
  async ticketByCard(chatId: string, messageId: string): Promise<Ticket | null> {
    return this.one('ticketByCard', `SELECT * FROM tickets WHERE card_chat_id = ? AND card_message_id = ?
      ORDER BY created_at DESC, number DESC LIMIT 1`, chatId, messageId);
  }

  /** The ticket whose forum topic is this thread, or null (the newest when a topic was reused). */
  async ticketByThread(chatId: string, threadId: string): Promise<Ticket | null> {
    return this.one('ticketByThread', `SELECT * FROM tickets WHERE card_chat_id = ? AND card_thread_id = ?
      ORDER BY created_at DESC, number DESC LIMIT 1`, chatId, threadId);
  }

  /**
   * Tickets matching the filter, newest first. `from` is inclusive and `to` exclusive; an empty or missing
   * `states` does not filter; without `limit` every match is returned.
   */
  async listTickets(f: TicketFilter): Promise<Ticket[]> {
    return this.ctx.run('listTickets', () => {
      const where: string[] = [];
      const params: unknown[] = [];
      if (f.states && f.states.length > 0) {
        where.push(`state IN (${f.states.map(() => '?').join(', ')})`);
        params.push(...f.states);
      }
      if (f.channel !== undefined) { where.push('channel = ?'); params.push(f.channel); }
      if (f.from !== undefined) { where.push('created_at >= ?'); params.push(f.from); }
      if (f.to !== undefined) { where.push('created_at < ?'); params.push(f.to); }
      // SQLite needs a LIMIT before OFFSET; -1 means no limit.
      params.push(f.limit ?? -1, f.offset ?? 0);
      const sql = `SELECT * FROM tickets ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, number DESC LIMIT ? OFFSET ?`;
      return (this.ctx.db.prepare(sql).all(...params) as TicketRow[]).map(ticketFromRow);
    });
  }

  /** Applies the patch when the version matches and bumps it; CONFLICT when stale, NOT_FOUND when unknown. */
  async updateTicket(id: string, expectedVersion: number, patch: TicketPatch): Promise<Ticket> {
    return this.ctx.run('updateTicket', () => this.applyPatch('updateTicket', id, expectedVersion, patch));
  }

  /** Adds a waiter; a repeat of the same question is a no-op, one waiting on another ticket is CONFLICT. */
  async addWaiter(ticketId: string, w: TicketWaiter): Promise<void> {
    await this.ctx.run('addWaiter', () => {
      const { changes } = this.ctx.stmt(`INSERT INTO ticket_waiters (${WAITER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (question_id) DO NOTHING`).run(...waiterValues(ticketId, w));
      if (changes === 1) return;
      const row = this.ctx.stmt('SELECT ticket_id FROM ticket_waiters WHERE question_id = ?').get(w.questionId) as
        { ticket_id: string } | undefined;
      if (row && row.ticket_id !== ticketId) {
        throw new AppError('CONFLICT', `addWaiter: question ${w.questionId} already waits on ticket ${row.ticket_id}`);
      }
    });
  }

  /** The ticket's waiters, earliest first. */
  async waiters(ticketId: string): Promise<TicketWaiter[]> {
    return this.ctx.run('waiters', () => (this.ctx.stmt(`SELECT * FROM ticket_waiters WHERE ticket_id = ?
      ORDER BY joined_at, question_id`).all(ticketId) as WaiterRow[]).map(waiterFromRow));
  }

  /** The version-checked ticket update and every relay, in one transaction. */
  async answerTicket(id: string, expectedVersion: number, patch: Partial<Ticket>, relays: NewOutboxItem[]): Promise<Ticket> {
    return this.ctx.transaction('answerTicket', () => {
      const ticket = this.applyPatch('answerTicket', id, expectedVersion, patch);
      const insert = this.ctx.stmt(OUTBOX_INSERT);
      for (const r of relays) insert.run(...outboxInsertValues(r));
      return ticket;
    });
  }

  /** Adds a pending item (no attempts yet); NOT_FOUND for an unknown ticket, CONFLICT for a repeated id. */
  async enqueueOutbox(item: NewOutboxItem): Promise<void> {
    await this.ctx.run('enqueueOutbox', () => this.ctx.stmt(OUTBOX_INSERT).run(...outboxInsertValues(item)));
  }

  /** Leases due, unleased (or lease-expired) pending items inside `BEGIN IMMEDIATE`, oldest due first. */
  async leaseOutbox(owner: string, now: number, leaseUntil: number, limit: number): Promise<OutboxItem[]> {
    const n = Math.floor(limit);
    if (!(n > 0)) return [];
    return this.ctx.transaction('leaseOutbox', () => {
      const rows = this.ctx.stmt(`UPDATE outbox SET lease_owner = ?, lease_until = ?
        WHERE id IN (SELECT id FROM outbox
          WHERE state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
          ORDER BY ${OUTBOX_ORDER} LIMIT ?)
        RETURNING *`).all(owner, leaseUntil, now, now, n) as OutboxRow[];
      return rows.map(outboxFromRow).sort(byDue);
    });
  }

  /** Marks the item sent and clears its lease, only while `owner` holds the lease of a pending item. */
  async markOutboxSent(id: string, owner: string, sentAt: number, platformMessageId?: string): Promise<boolean> {
    return this.ctx.run('markOutboxSent', () => this.ctx.stmt(`UPDATE outbox
      SET state = 'sent', sent_at = ?, platform_message_id = ?, lease_owner = NULL, lease_until = NULL
      WHERE id = ? AND lease_owner = ? AND state = 'pending'`)
      .run(sentAt, platformMessageId ?? null, id, owner).changes === 1);
  }

  /**
   * Counts a failed attempt, records the error and the next attempt (or `failed` when `giveUp`) and clears
   * the lease. Like {@link markOutboxSent} it applies only while `owner` holds the lease of a pending item;
   * otherwise (another instance took the item over) it changes nothing.
   */
  async markOutboxRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void> {
    await this.ctx.run('markOutboxRetry', () => this.ctx.stmt(`UPDATE outbox
      SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL,
        state = CASE WHEN ? = 1 THEN 'failed' ELSE 'pending' END
      WHERE id = ? AND lease_owner = ? AND state = 'pending'`)
      .run(error, nextAttemptAt, giveUp ? 1 : 0, id, owner));
  }

  /** The ticket's outbox items, oldest first. */
  async outboxForTicket(ticketId: string): Promise<OutboxItem[]> {
    return this.ctx.run('outboxForTicket', () => (this.ctx.stmt(`SELECT * FROM outbox WHERE ticket_id = ?
      ORDER BY created_at, id`).all(ticketId) as OutboxRow[]).map(outboxFromRow));
  }

  /** Items of this chat that failed for good and are not marked reported (see {@link markOutboxReported}). */
  async failedOutboxForChat(channel: string, chatId: string): Promise<OutboxItem[]> {
    return this.ctx.run('failedOutboxForChat', () => (this.ctx.stmt(`SELECT * FROM outbox
      WHERE channel = ? AND chat_id = ? AND state = 'failed' AND reported_at IS NULL
      ORDER BY created_at, id`).all(channel, chatId) as OutboxRow[]).map(outboxFromRow));
  }

  /**
   * Records that the official was told about these failed items, so `failedOutboxForChat` stops returning
   * them. Not in the `TicketStore` port yet; unknown ids and items already reported are left alone.
   */
  async markOutboxReported(ids: readonly string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.ctx.run('markOutboxReported', () => {
      this.ctx.db.prepare(`UPDATE outbox SET reported_at = ? WHERE reported_at IS NULL
        AND id IN (${ids.map(() => '?').join(', ')})`).run(at, ...ids);
    });
  }

  /** Inserts the draft or replaces every field of the draft with that id. */
  async saveFaqDraft(d: StaffFaqDraft): Promise<void> {
    await this.ctx.run('saveFaqDraft', () => this.ctx.stmt(`INSERT INTO staff_faq_drafts (${FAQ_DRAFT_COLUMNS})
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET ticket_id = excluded.ticket_id, question = excluded.question,
        answer = excluded.answer, source_number = excluded.source_number, source_article = excluded.source_article,
        created_by = excluded.created_by, created_at = excluded.created_at, state = excluded.state,
        decided_by = excluded.decided_by, decided_at = excluded.decided_at`).run(...faqDraftValues(d)));
  }

  /** The draft with this id, or null. */
  async getFaqDraft(id: string): Promise<StaffFaqDraft | null> {
    return this.ctx.run('getFaqDraft', () => {
      const row = this.ctx.stmt('SELECT * FROM staff_faq_drafts WHERE id = ?').get(id) as FaqDraftRow | undefined;
      return row ? faqDraftFromRow(row) : null;
    });
  }

  /** Drafts in this state (all when omitted), oldest first. */
  async listFaqDrafts(state?: StaffFaqDraft['state']): Promise<StaffFaqDraft[]> {
    return this.ctx.run('listFaqDrafts', () => {
      const rows = state === undefined
        ? this.ctx.stmt('SELECT * FROM staff_faq_drafts ORDER BY created_at, id').all()
        : this.ctx.stmt('SELECT * FROM staff_faq_drafts WHERE state = ? ORDER BY created_at, id').all(state);
      return (rows as FaqDraftRow[]).map(faqDraftFromRow);
    });
  }

  /** One ticket or null, for constant SQL. */
  private async one(op: string, sql: string, ...params: unknown[]): Promise<Ticket | null> {
    return this.ctx.run(op, () => {
      const row = this.ctx.stmt(sql).get(...params) as TicketRow | undefined;
      return row ? ticketFromRow(row) : null;
    });
  }

  /** The version-checked UPDATE; synchronous so it can run inside a transaction. */
  private applyPatch(op: string, id: string, expectedVersion: number, patch: Partial<Ticket>): Ticket {
    const values = ticketPatchValues(patch);
    const sets = [...values.map((v) => `${v.column} = ?`), 'version = version + 1'];
    // Not cached: the SQL varies with the patch's keys.
    const row = this.ctx.db.prepare(`UPDATE tickets SET ${sets.join(', ')} WHERE id = ? AND version = ? RETURNING *`)
      .get(...values.map((v) => v.value), id, expectedVersion) as TicketRow | undefined;
    if (row) return ticketFromRow(row);
    const current = this.ctx.stmt('SELECT version FROM tickets WHERE id = ?').get(id) as { version: number } | undefined;
    throw staleOrMissing(op, id, expectedVersion, current?.version);
  }
}
