/**
 * PostgreSQL implementation of the escalation core's {@link TicketStore} port: tickets, waiters, the relay
 * outbox and staff Q&A drafts. `PgStore` owns the pool and builds one on it, beside the other
 * ports' objects.
 *
 * Several instances may share the schema:
 * - ticket numbers are `max + 1` taken under a transaction-scoped advisory lock (per schema), so they are
 *   unique and gap-free (a sequence would leave gaps on rollback);
 * - every ticket change is one `UPDATE … WHERE version = $n` (READ COMMITTED re-checks the condition after
 *   waiting for a concurrent writer, so the loser changes nothing and gets CONFLICT);
 * - `leaseOutbox` locks due rows with `FOR UPDATE SKIP LOCKED` and leases them in the same statement, so
 *   two instances never lease the same item while its lease is live.
 */
import { AppError } from '../../common/errors.js';
import type {
  OutboxItem, StaffFaqDraft, Ticket, TicketFilter, TicketStore, TicketWaiter,
} from '../../escalation/index.js';
import {
  FAQ_DRAFT_COLUMNS, OUTBOX_INSERT_COLUMNS, WAITER_COLUMNS, faqDraftValues, outboxInsertValues,
  ticketInsertValues, ticketPatchValues, waiterValues,
} from '../escalation-params.js';
import type { ColumnValue, TicketPatch } from '../escalation-params.js';
import {
  byDue, faqDraftFromRow, outboxFromRow, staleOrMissing, ticketFromRow, waiterFromRow,
} from '../escalation-rows.js';
import type { FaqDraftRow, NewOutboxItem, NewTicket, OutboxRow, TicketRow, WaiterRow } from '../escalation-rows.js';
import type { PgContext, PgQuery } from './pg-context.js';

const WAITER_INSERT = `INSERT INTO ticket_waiters (${WAITER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const OUTBOX_INSERT = `INSERT INTO outbox (${OUTBOX_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`;
/** Serialises ticket numbering per schema (the key includes the schema the connection writes to). */
const NUMBER_LOCK = "SELECT pg_advisory_xact_lock(hashtext('cchc-bot:ticket-number:' || current_schema()))";

/** `$n` (with a JSONB cast for JSON columns) for each value, numbered from `first`. */
function placeholders(values: ColumnValue[], first = 1): string[] {
  return values.map((v, i) => `$${first + i}${v.json ? '::jsonb' : ''}`);
}

/** The {@link TicketStore} half of `PgStore`; not used on its own. */
export class PgTicketStore implements TicketStore {
  constructor(private readonly ctx: PgContext) {}

  /** Inserts the ticket (number = highest + 1, version 1) and its first waiter in one transaction. */
  async createTicket(t: NewTicket, first: TicketWaiter): Promise<Ticket> {
    const values = ticketInsertValues(t);
    return this.ctx.transaction('createTicket', async (q) => {
      // The lock is taken in its own statement so the MAX below sees every earlier holder's commit.
      await q(NUMBER_LOCK);
      const res = await q<TicketRow>(`INSERT INTO tickets (number, version, ${values.map((v) => v.column).join(', ')})
        VALUES ((SELECT COALESCE(MAX(number), 0) + 1 FROM tickets), 1, ${placeholders(values).join(', ')})
        RETURNING *`, values.map((v) => v.value));
      await q(WAITER_INSERT, waiterValues(t.id, first));
      return ticketFromRow(res.rows[0]);
    });
  }

  /** The ticket with this id, or null. */
  async getTicket(id: string): Promise<Ticket | null> {
    return this.one('getTicket', 'SELECT * FROM tickets WHERE id = $1', [id]);
  }

  /** The ticket with this human number, or null. */
  async getTicketByNumber(n: number): Promise<Ticket | null> {
    return this.one('getTicketByNumber', 'SELECT * FROM tickets WHERE number = $1', [n]);
  }

  /** The ticket the question waits on (first asker or merged), or null. */
  async ticketForQuestion(questionId: string): Promise<Ticket | null> {
    return this.one('ticketForQuestion',
      'SELECT t.* FROM ticket_waiters w JOIN tickets t ON t.id = w.ticket_id WHERE w.question_id = $1', [questionId]);
  }

  /** The ticket whose staff card is this message, or null (the newest when a card was reused). */
  async ticketByCard(chatId: string, messageId: string): Promise<Ticket | null> {
    return this.one('ticketByCard', `SELECT * FROM tickets WHERE card_chat_id = $1 AND card_message_id = $2
      ORDER BY created_at DESC, number DESC LIMIT 1`, [chatId, messageId]);
  }

  /** The ticket whose forum topic is this thread, or null (the newest when a topic was reused). */
  async ticketByThread(chatId: string, threadId: string): Promise<Ticket | null> {
    return this.one('ticketByThread', `SELECT * FROM tickets WHERE card_chat_id = $1 AND card_thread_id = $2
      ORDER BY created_at DESC, number DESC LIMIT 1`, [chatId, threadId]);
  }

  /**
   * Tickets matching the filter, newest first. `from` is inclusive and `to` exclusive; an empty or missing
   * `states` does not filter; without `limit` every match is returned.
   */
  async listTickets(f: TicketFilter): Promise<Ticket[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (f.states && f.states.length > 0) add((n) => `state = ANY(${n}::text[])`, f.states);
    if (f.channel !== undefined) add((n) => `channel = ${n}`, f.channel);
    if (f.from !== undefined) add((n) => `created_at >= ${n}`, f.from);
    if (f.to !== undefined) add((n) => `created_at < ${n}`, f.to);
    // LIMIT NULL means no limit.
    params.push(f.limit ?? null, f.offset ?? 0);
    const res = await this.ctx.query<TicketRow>('listTickets', `SELECT * FROM tickets
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at DESC, number DESC LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
    return res.rows.map(ticketFromRow);
  }

  /** Applies the patch when the version matches and bumps it; CONFLICT when stale, NOT_FOUND when unknown. */
  async updateTicket(id: string, expectedVersion: number, patch: TicketPatch): Promise<Ticket> {
    const pooled: PgQuery = (text, values) => this.ctx.query('updateTicket', text, values);
    return this.applyPatch('updateTicket', pooled, id, expectedVersion, patch);
  }

  /** Adds a waiter; a repeat of the same question is a no-op, one waiting on another ticket is CONFLICT. */
  async addWaiter(ticketId: string, w: TicketWaiter): Promise<void> {
    const res = await this.ctx.query('addWaiter', `${WAITER_INSERT} ON CONFLICT (question_id) DO NOTHING`,
      waiterValues(ticketId, w));
    if (res.rowCount === 1) return;
    const existing = await this.ctx.query<{ ticket_id: string }>('addWaiter',
      'SELECT ticket_id FROM ticket_waiters WHERE question_id = $1', [w.questionId]);
    const other = existing.rows[0]?.ticket_id;
    if (other !== undefined && other !== ticketId) {
      throw new AppError('CONFLICT', `addWaiter: question ${w.questionId} already waits on ticket ${other}`);
    }
  }

  /** The ticket's waiters, earliest first. */
  async waiters(ticketId: string): Promise<TicketWaiter[]> {
    const res = await this.ctx.query<WaiterRow>('waiters',
      'SELECT * FROM ticket_waiters WHERE ticket_id = $1 ORDER BY joined_at, question_id', [ticketId]);
    return res.rows.map(waiterFromRow);
  }

  /** The version-checked ticket update and every relay, in one transaction. */
  async answerTicket(id: string, expectedVersion: number, patch: Partial<Ticket>, relays: NewOutboxItem[]): Promise<Ticket> {
    return this.ctx.transaction('answerTicket', async (q) => {
      const ticket = await this.applyPatch('answerTicket', q, id, expectedVersion, patch);
      for (const r of relays) await q(OUTBOX_INSERT, outboxInsertValues(r));
      return ticket;
    });
  }

  /** Adds a pending item (no attempts yet); NOT_FOUND for an unknown ticket, CONFLICT for a repeated id. */
  async enqueueOutbox(item: NewOutboxItem): Promise<void> {
    await this.ctx.query('enqueueOutbox', OUTBOX_INSERT, outboxInsertValues(item));
  }

  /** Leases due, unleased (or lease-expired) pending items in one statement, oldest due first. */
  async leaseOutbox(owner: string, now: number, leaseUntil: number, limit: number): Promise<OutboxItem[]> {
    const n = Math.floor(limit);
    if (!(n > 0)) return [];
    // A row leased by a concurrent caller is either locked (skipped) or, once committed, fails the
    // re-checked lease condition, so it is never returned twice.
    const res = await this.ctx.query<OutboxRow>('leaseOutbox', `WITH due AS (
        SELECT id FROM outbox
        WHERE state = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until < $2)
        ORDER BY next_attempt_at, created_at, id
        LIMIT $4
        FOR UPDATE SKIP LOCKED
      )
      UPDATE outbox o SET lease_owner = $1, lease_until = $3 FROM due WHERE o.id = due.id
      RETURNING o.*`, [owner, now, leaseUntil, n]);
    return res.rows.map(outboxFromRow).sort(byDue);
  }

  /** Marks the item sent and clears its lease, only while `owner` holds the lease of a pending item. */
  async markOutboxSent(id: string, owner: string, sentAt: number, platformMessageId?: string): Promise<boolean> {
    const res = await this.ctx.query('markOutboxSent', `UPDATE outbox
      SET state = 'sent', sent_at = $1, platform_message_id = $2, lease_owner = NULL, lease_until = NULL
      WHERE id = $3 AND lease_owner = $4 AND state = 'pending'`, [sentAt, platformMessageId ?? null, id, owner]);
    return res.rowCount === 1;
  }

  /**
   * Counts a failed attempt, records the error and the next attempt (or `failed` when `giveUp`) and clears
   * the lease. Like {@link markOutboxSent} it applies only while `owner` holds the lease of a pending item;
   * otherwise (another instance took the item over) it changes nothing.
   */
  async markOutboxRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void> {
    await this.ctx.query('markOutboxRetry', `UPDATE outbox
      SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, lease_owner = NULL, lease_until = NULL,
        state = CASE WHEN $3::boolean THEN 'failed' ELSE 'pending' END
      WHERE id = $4 AND lease_owner = $5 AND state = 'pending'`, [error, nextAttemptAt, giveUp, id, owner]);
  }

  /** The ticket's outbox items, oldest first. */
  async outboxForTicket(ticketId: string): Promise<OutboxItem[]> {
    const res = await this.ctx.query<OutboxRow>('outboxForTicket',
      'SELECT * FROM outbox WHERE ticket_id = $1 ORDER BY created_at, id', [ticketId]);
    return res.rows.map(outboxFromRow);
  }

  /** Items of this chat that failed for good and are not marked reported (see {@link markOutboxReported}). */
  async failedOutboxForChat(channel: string, chatId: string): Promise<OutboxItem[]> {
    const res = await this.ctx.query<OutboxRow>('failedOutboxForChat', `SELECT * FROM outbox
      WHERE channel = $1 AND chat_id = $2 AND state = 'failed' AND reported_at IS NULL
      ORDER BY created_at, id`, [channel, chatId]);
    return res.rows.map(outboxFromRow);
  }

  /**
   * Records that the official was told about these failed items, so `failedOutboxForChat` stops returning
   * them. Not in the `TicketStore` port yet; unknown ids and items already reported are left alone.
   */
  async markOutboxReported(ids: readonly string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.ctx.query('markOutboxReported',
      'UPDATE outbox SET reported_at = $1 WHERE reported_at IS NULL AND id = ANY($2::text[])', [at, [...ids]]);
  }

  /** Inserts the draft or replaces every field of the draft with that id. */
  async saveFaqDraft(d: StaffFaqDraft): Promise<void> {
    await this.ctx.query('saveFaqDraft', `INSERT INTO staff_faq_drafts (${FAQ_DRAFT_COLUMNS})
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      ON CONFLICT (id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, question = EXCLUDED.question,
        answer = EXCLUDED.answer, source_number = EXCLUDED.source_number, source_article = EXCLUDED.source_article,
        created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at, state = EXCLUDED.state,
        decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`, faqDraftValues(d));
  }

  /** The draft with this id, or null. */
  async getFaqDraft(id: string): Promise<StaffFaqDraft | null> {
    const res = await this.ctx.query<FaqDraftRow>('getFaqDraft', 'SELECT * FROM staff_faq_drafts WHERE id = $1', [id]);
    return res.rows.length > 0 ? faqDraftFromRow(res.rows[0]) : null;
  }

  /** Drafts in this state (all when omitted), oldest first. */
  async listFaqDrafts(state?: StaffFaqDraft['state']): Promise<StaffFaqDraft[]> {
    const res = state === undefined
      ? await this.ctx.query<FaqDraftRow>('listFaqDrafts', 'SELECT * FROM staff_faq_drafts ORDER BY created_at, id')
      : await this.ctx.query<FaqDraftRow>('listFaqDrafts',
        'SELECT * FROM staff_faq_drafts WHERE state = $1 ORDER BY created_at, id', [state]);
    return res.rows.map(faqDraftFromRow);
  }

  /** One ticket or null. */
  private async one(op: string, text: string, values: unknown[]): Promise<Ticket | null> {
    const res = await this.ctx.query<TicketRow>(op, text, values);
    return res.rows.length > 0 ? ticketFromRow(res.rows[0]) : null;
  }

  /** The version-checked UPDATE through `q` (pooled, or a transaction's connection). */
  private async applyPatch(op: string, q: PgQuery, id: string, expectedVersion: number, patch: Partial<Ticket>): Promise<Ticket> {
    const values = ticketPatchValues(patch);
    const sets = [...values.map((v, i) => `${v.column} = ${placeholders([v], i + 1)[0]}`), 'version = version + 1'];
    const n = values.length;
    const res = await q<TicketRow>(`UPDATE tickets SET ${sets.join(', ')} WHERE id = $${n + 1} AND version = $${n + 2}
      RETURNING *`, [...values.map((v) => v.value), id, expectedVersion]);
    if (res.rows.length > 0) return ticketFromRow(res.rows[0]);
    const current = await q<{ version: number }>('SELECT version FROM tickets WHERE id = $1', [id]);
    throw staleOrMissing(op, id, expectedVersion, current.rows[0]?.version);
  }
}
