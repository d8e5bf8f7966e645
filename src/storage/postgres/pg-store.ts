/**
 * PostgreSQL implementation of the conversation core's {@link Store} port and the escalation core's
 * {@link TicketStore} and {@link StaffAccountStore} ports, on a `pg` connection pool. The escalation ports
 * live in `pg-ticket-store.ts` and `pg-staff-store.ts`; this class owns the pool and delegates.
 *
 * Several bot instances may share one database: `markUpdate` is a single `INSERT … ON CONFLICT DO NOTHING`
 * (the primary key decides which instance wins), and `migrate` holds a transaction-scoped advisory lock so
 * instances starting together apply each migration once. Connection failures and timeouts reject with
 * AppError STORAGE_UNAVAILABLE (the `pg` error as `cause`) instead of hanging.
 */
import pg from 'pg';
import type { Pool as PgPool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { AppError } from '../../common/errors.js';
import { silentLogger } from '../../common/logger.js';
import type { Logger } from '../../common/logger.js';
import type {
  ChannelName, FeedbackRecord, InboundMessage, OutboundReply, QuestionRecord, ReplyJob, ReplyOutbox, Store, UpdateOutcome, UserRecord,
} from '../../conversation/index.js';
import type {
  OutboxItem, StaffAccount, StaffAccountStore, StaffFaqDraft, StaffSession, Ticket, TicketFilter, TicketStore, TicketWaiter,
} from '../../escalation/index.js';
import type { TicketPatch } from '../escalation-params.js';
import type { NewOutboxItem, NewTicket } from '../escalation-rows.js';
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from '../migrations.js';
import type { OutboxBacklog } from '../app-store.js';
import { PgReplyOutbox } from './pg-reply-outbox.js';
import { OUTBOX_BACKLOG_SQL } from '../ops-queries.js';
import type { Migration } from '../migrations.js';
import type { ReportPeriod, ReportQuestionRow, ReportStore, ReportTicketRow } from '../../reports/index.js';
import { feedbackParams, questionFromRow, questionParams, userFromRow } from '../rows.js';
import type { QuestionRow, UserRow } from '../rows.js';
import type { PgContext, PgQuery } from './pg-context.js';
import { isConnectionFailure, pgError } from './pg-errors.js';
import type { AuditEntry, AuditLog, ReindexJobStore, StoredReindexJob } from '../../admin/ports.js';
import { PgAuditLog } from './pg-audit.js';
import { PgReindexJobStore } from './pg-reindex-jobs.js';
import { PgStaffAccountStore } from './pg-staff-store.js';
import { PgReportStore } from './pg-reports.js';
import { PgTicketStore } from './pg-ticket-store.js';
import { PgZaloOaStore } from './pg-zalo-oa.js';
import { PgTrainingStore } from './pg-training.js';
import type {
  AnswerRecord, CompletionRecord, LearnerProgress, LearnerRecord, RosterCompletion, RosterEntry, RosterLink, RosterStore, TrainingStore,
} from '../../training/index.js';

import type { OaAuthState, OaConnectionRow, OaTokenWrite, OaUserRow, ZaloOaStore } from '../../channels/zalo-oa/index.js';

/** Options of {@link PgStore}. */
export interface PgStoreOptions {
  /** `postgres://` or `postgresql://` URL. Never logged (it may hold a password). */
  connectionString: string;
  /**
   * Schema holding every table (created by `migrate`). Lowercase letters, digits and `_`. It becomes the
   * connection's whole `search_path`, which isolates tests from each other. Default: the server's search_path.
   */
  schema?: string;
  /** Pool size. Default 10. */
  max?: number;
  /** How long to wait for a new connection before STORAGE_UNAVAILABLE. Default 5000 ms. */
  connectionTimeoutMillis?: number;
  /** Client-side limit for one query; a server that stops answering rejects instead of hanging. Default 15000 ms. */
  queryTimeoutMillis?: number;
  /** Limit for each migration statement (and the wait for the migration lock). Default 600000 ms. */
  migrationTimeoutMillis?: number;
  /** Idle connections are closed after this long. Default 30000 ms. */
  idleTimeoutMillis?: number;
  /** Receives pool errors and migration events. Default: silent. */
  logger?: Logger;
  /** Migrations to apply; tests only. Default {@link MIGRATIONS}. */
  migrations?: readonly Migration[];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const QUESTION_COLUMNS = `id, channel, chat_id, user_id, text, search_text, answered, source, confidence,
  citations, answer_text, unit_id, created_at, reply_kind, reply_reason`;

/**
 * A {@link Store}, {@link TicketStore} and {@link StaffAccountStore} on PostgreSQL: use it when several bot
 * instances share one database.
 *
 * @example
 * const store = new PgStore({ connectionString: 'postgres://bot@db/cchc', schema: 'cchc' });
 * await store.migrate();
 * await store.ping();
 */
export class PgStore implements Store, ReplyOutbox, TicketStore, StaffAccountStore, ReportStore, AuditLog, ZaloOaStore, TrainingStore, RosterStore {
  private readonly pool: PgPool;
  private readonly tickets: PgTicketStore;
  private readonly staff: PgStaffAccountStore;
  private readonly logger: Logger;
  private readonly schema: string | undefined;
  private readonly migrations: readonly Migration[];
  private readonly migrationTimeoutMillis: number;
  private closed = false;

  /** Creates the pool (no connection is opened yet); throws INVALID_INPUT for a bad schema name. */
  constructor(options: PgStoreOptions) {
    this.logger = options.logger ?? silentLogger;
    this.schema = options.schema;
    this.migrations = options.migrations ?? MIGRATIONS;
    this.migrationTimeoutMillis = options.migrationTimeoutMillis ?? 600_000;
    if (this.schema !== undefined && !SCHEMA_NAME.test(this.schema)) {
      throw new AppError('INVALID_INPUT', `schema "${this.schema}" must match ${SCHEMA_NAME}`);
    }
    const { connectionString, serverOptions } = withSearchPath(options.connectionString, this.schema);
    this.pool = new pg.Pool({
      connectionString,
      options: serverOptions,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
      query_timeout: options.queryTimeoutMillis ?? 15_000,
      idleTimeoutMillis: options.idleTimeoutMillis ?? 30_000,
      keepAlive: true,
    });
    // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the process.
    this.pool.on('error', (err: Error) => {
      this.logger.warn({ err: err.message, schema: this.schema }, 'PostgreSQL idle connection failed');
    });
    const ctx: PgContext = {
      query: (op, text, values) => this.query(op, text, values),
      transaction: (op, fn) => this.transaction(op, fn),
    };
    this.tickets = new PgTicketStore(ctx);
    this.staff = new PgStaffAccountStore(ctx);
  }

  /** Applies pending migrations in one transaction under `pg_advisory_xact_lock`, creating the schema first. */
  async migrate(): Promise<void> {
    const client = await this.connect('migrate');
    const timeout = this.migrationTimeoutMillis;
    const q = (text: string, values?: unknown[]) => client.query({ text, values, query_timeout: timeout } as pg.QueryConfig);
    let failure: unknown;
    try {
      await q('BEGIN');
      await q('SELECT pg_advisory_xact_lock(hashtext($1))', [`cchc-bot:migrate:${this.schema ?? ''}`]);
      if (this.schema !== undefined) await q(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await q(SCHEMA_MIGRATIONS_DDL);
      const { rows } = await q('SELECT id FROM schema_migrations');
      const applied = rows.map((r: { id: number }) => r.id);
      const known = new Set(this.migrations.map((m) => m.id));
      const unknown = applied.filter((id) => !known.has(id));
      if (unknown.length > 0) this.logger.warn({ unknown }, 'database has migrations this version does not know');
      for (const m of pendingMigrations(applied, this.migrations)) {
        await q(m.postgres);
        await q('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, Date.now()]);
        this.logger.info({ migration: m.id, name: m.name, schema: this.schema }, 'applied migration');
      }
      await q('COMMIT');
    } catch (err: unknown) {
      failure = err;
      await client.query('ROLLBACK').catch(() => undefined);
      throw pgError(err, 'migrate');
    } finally {
      // Passing the error destroys the connection rather than returning a possibly broken one to the pool.
      client.release(failure instanceof Error ? failure : undefined);
    }
  }

  /** Runs `SELECT 1`; rejects with STORAGE_UNAVAILABLE when the server does not answer in time. */
  async ping(): Promise<void> {
    await this.query('ping', 'SELECT 1');
  }

  /** Ends the pool; later calls reject with STORAGE_UNAVAILABLE. Calling it twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Migration ids recorded in `schema_migrations` (of this store's schema), ascending; empty before the first. */
  async appliedMigrations(): Promise<number[]> {
    const exists = await this.query<{ t: string | null }>('appliedMigrations', "SELECT to_regclass('schema_migrations')::text AS t");
    if (!exists.rows[0]?.t) return [];
    const res = await this.query<{ id: number }>('appliedMigrations', 'SELECT id FROM schema_migrations ORDER BY id');
    return res.rows.map((r) => Number(r.id));
  }

  /** The relay outbox backlog (pending count, oldest pending, failed and not reported). */
  async outboxBacklog(): Promise<OutboxBacklog> {
    const res = await this.query<{ pending: string | null; oldest: string | null; failed: string | null }>('outboxBacklog', OUTBOX_BACKLOG_SQL);
    const row = res.rows[0];
    return { pending: Number(row?.pending ?? 0), oldestPendingAt: row?.oldest == null ? null : Number(row.oldest), failed: Number(row?.failed ?? 0) };
  }

  /** Records the update key; false when any instance already recorded it (decided by the primary key). */
  async markUpdate(channel: ChannelName, key: string, at: number): Promise<boolean> {
    const res = await this.query('markUpdate', `INSERT INTO processed_updates (channel, update_key, processed_at)
      VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [channel, key, at]);
    return res.rowCount === 1;
  }

  /** Inserts the user or refreshes chat, display name (when given) and last seen; the unit is kept. */
  async touchUser(u: { channel: ChannelName; userId: string; chatId: string; displayName?: string; at: number }): Promise<UserRecord> {
    const res = await this.query<UserRow>('touchUser', `INSERT INTO users
        (channel, user_id, chat_id, display_name, unit_id, unit_asked, first_seen_at, last_seen_at)
      VALUES ($1, $2, $3, $4, NULL, FALSE, $5, $5)
      ON CONFLICT (channel, user_id) DO UPDATE SET
        chat_id = EXCLUDED.chat_id,
        display_name = COALESCE(EXCLUDED.display_name, users.display_name),
        first_seen_at = LEAST(users.first_seen_at, EXCLUDED.first_seen_at),
        last_seen_at = GREATEST(users.last_seen_at, EXCLUDED.last_seen_at)
      RETURNING *`, [u.channel, u.userId, u.chatId, u.displayName ?? null, u.at]);
    return userFromRow(res.rows[0]);
  }

  /** Sets the unit (null = skipped), marks the question asked and answered; rejects NOT_FOUND for an unknown user. */
  async setUserUnit(channel: ChannelName, userId: string, unitId: string | null): Promise<void> {
    const res = await this.query('setUserUnit',
      'UPDATE users SET unit_id = $1, unit_asked = TRUE, unit_asked_at = NULL WHERE channel = $2 AND user_id = $3', [unitId, channel, userId]);
    if (res.rowCount === 0) throw new AppError('NOT_FOUND', `setUserUnit: no user ${channel}/${userId}; touchUser first`);
  }

  /** Records that the unit list was shown at `at`; rejects NOT_FOUND for an unknown user. */
  async markUnitAsked(channel: ChannelName, userId: string, at: number): Promise<void> {
    const res = await this.query('markUnitAsked',
      'UPDATE users SET unit_asked = TRUE, unit_asked_at = $1 WHERE channel = $2 AND user_id = $3', [at, channel, userId]);
    if (res.rowCount === 0) throw new AppError('NOT_FOUND', `markUnitAsked: no user ${channel}/${userId}; touchUser first`);
  }

  /** Inserts the question, or updates its answer fields when the id exists (identity and time are kept). */
  async saveQuestion(q: QuestionRecord): Promise<void> {
    await this.query('saveQuestion', `INSERT INTO questions (${QUESTION_COLUMNS})
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15)
      ON CONFLICT (id) DO UPDATE SET
        search_text = EXCLUDED.search_text, answered = EXCLUDED.answered, source = EXCLUDED.source,
        confidence = EXCLUDED.confidence, citations = EXCLUDED.citations,
        answer_text = EXCLUDED.answer_text, unit_id = EXCLUDED.unit_id,
        reply_kind = EXCLUDED.reply_kind, reply_reason = EXCLUDED.reply_reason`, questionParams(q, (b) => b));
  }

  /** The question with this id, or null. */
  async getQuestion(id: string): Promise<QuestionRecord | null> {
    const res = await this.query<QuestionRow>('getQuestion', `SELECT ${QUESTION_COLUMNS} FROM questions WHERE id = $1`, [id]);
    return res.rows.length > 0 ? questionFromRow(res.rows[0]) : null;
  }

  /** The newest question in this chat that was not a chat message (ties broken by id), or null. */
  async lastQuestion(channel: ChannelName, chatId: string): Promise<QuestionRecord | null> {
    const res = await this.query<QuestionRow>('lastQuestion', `SELECT ${QUESTION_COLUMNS} FROM questions
      WHERE channel = $1 AND chat_id = $2 AND reply_kind <> 'chat' ORDER BY created_at DESC, id DESC LIMIT 1`, [channel, chatId]);
    return res.rows.length > 0 ? questionFromRow(res.rows[0]) : null;
  }

  /** Questions by this user on this channel with `created_at >= since`. */
  async countQuestionsSince(channel: ChannelName, userId: string, since: number): Promise<number> {
    const res = await this.query<{ n: number }>('countQuestionsSince',
      'SELECT COUNT(*)::int AS n FROM questions WHERE channel = $1 AND user_id = $2 AND created_at >= $3',
      [channel, userId, since]);
    return res.rows[0].n;
  }

  /** Stores the vote, replacing an earlier one by the same user; NOT_FOUND when the question is unknown. */
  async saveFeedback(f: FeedbackRecord): Promise<void> {
    await this.query('saveFeedback', `INSERT INTO feedback (question_id, channel, user_id, value, created_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (question_id, user_id) DO UPDATE SET
        channel = EXCLUDED.channel, value = EXCLUDED.value, created_at = EXCLUDED.created_at`, feedbackParams(f));
  }

  // TicketStore and StaffAccountStore: see pg-ticket-store.ts and pg-staff-store.ts.

  /** Inserts a ticket (next number, version 1) with its first waiter. */
  createTicket(t: NewTicket, first: TicketWaiter): Promise<Ticket> { return this.tickets.createTicket(t, first); }
  /** The ticket with this id, or null. */
  getTicket(id: string): Promise<Ticket | null> { return this.tickets.getTicket(id); }
  /** The ticket with this number, or null. */
  getTicketByNumber(n: number): Promise<Ticket | null> { return this.tickets.getTicketByNumber(n); }
  /** The ticket a question waits on, or null. */
  ticketForQuestion(questionId: string): Promise<Ticket | null> { return this.tickets.ticketForQuestion(questionId); }
  /** The ticket whose staff card is this message, or null. */
  ticketByCard(chatId: string, messageId: string): Promise<Ticket | null> { return this.tickets.ticketByCard(chatId, messageId); }
  /** The ticket whose forum topic is this thread, or null. */
  ticketByThread(chatId: string, threadId: string): Promise<Ticket | null> { return this.tickets.ticketByThread(chatId, threadId); }
  /** Tickets matching the filter, newest first (`to` exclusive; no limit unless given). */
  listTickets(f: TicketFilter): Promise<Ticket[]> { return this.tickets.listTickets(f); }
  /** Version-checked update (CONFLICT when stale, NOT_FOUND when unknown); bumps the version. */
  updateTicket(id: string, expectedVersion: number, patch: TicketPatch): Promise<Ticket> {
    return this.tickets.updateTicket(id, expectedVersion, patch);
  }
  /** Adds a waiter (a repeat is a no-op; CONFLICT when the question waits on another ticket). */
  addWaiter(ticketId: string, w: TicketWaiter): Promise<void> { return this.tickets.addWaiter(ticketId, w); }
  /** The ticket's waiters, earliest first. */
  waiters(ticketId: string): Promise<TicketWaiter[]> { return this.tickets.waiters(ticketId); }
  /** Version-checked update plus one outbox item per relay, in one transaction. */
  answerTicket(id: string, expectedVersion: number, patch: Partial<Ticket>, relays: NewOutboxItem[]): Promise<Ticket> {
    return this.tickets.answerTicket(id, expectedVersion, patch, relays);
  }
  /** Adds a pending outbox item. */
  enqueueOutbox(item: NewOutboxItem): Promise<void> { return this.tickets.enqueueOutbox(item); }
  /** Leases due pending items to `owner` (exclusive across instances sharing the schema). */
  leaseOutbox(owner: string, now: number, leaseUntil: number, limit: number): Promise<OutboxItem[]> {
    return this.tickets.leaseOutbox(owner, now, leaseUntil, limit);
  }
  /** Marks an item sent while `owner` holds its lease; false otherwise. */
  markOutboxSent(id: string, owner: string, sentAt: number, platformMessageId?: string): Promise<boolean> {
    return this.tickets.markOutboxSent(id, owner, sentAt, platformMessageId);
  }
  /** Records a failed attempt (or gives up) and releases the lease; a no-op once `owner` lost the lease. */
  markOutboxRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void> {
    return this.tickets.markOutboxRetry(id, owner, error, nextAttemptAt, giveUp);
  }
  /** The ticket's outbox items, oldest first. */
  outboxForTicket(ticketId: string): Promise<OutboxItem[]> { return this.tickets.outboxForTicket(ticketId); }
  /** Failed, not yet reported items of a chat. */
  failedOutboxForChat(channel: string, chatId: string): Promise<OutboxItem[]> {
    return this.tickets.failedOutboxForChat(channel, chatId);
  }
  /** Marks failed items as reported to the official (not in the port yet). */
  markOutboxReported(ids: readonly string[], at: number): Promise<void> { return this.tickets.markOutboxReported(ids, at); }
  /** Inserts or replaces a Q&A draft. */
  saveFaqDraft(d: StaffFaqDraft): Promise<void> { return this.tickets.saveFaqDraft(d); }
  /** The draft with this id, or null. */
  getFaqDraft(id: string): Promise<StaffFaqDraft | null> { return this.tickets.getFaqDraft(id); }
  /** Drafts in a state (all when omitted), oldest first. */
  listFaqDrafts(state?: StaffFaqDraft['state']): Promise<StaffFaqDraft[]> { return this.tickets.listFaqDrafts(state); }

  /** Inserts a console account; CONFLICT when the username is taken. */
  createAccount(a: StaffAccount): Promise<void> { return this.staff.createAccount(a); }
  /** The account with this username, or null. */
  getAccount(username: string): Promise<StaffAccount | null> { return this.staff.getAccount(username); }
  /** Every account, by username. */
  listAccounts(): Promise<StaffAccount[]> { return this.staff.listAccounts(); }
  /** Replaces the password hash; NOT_FOUND for an unknown username. */
  setPassword(username: string, passwordHash: string): Promise<void> { return this.staff.setPassword(username, passwordHash); }
  /** Disables or re-enables an account; NOT_FOUND for an unknown username (not in the port yet). */
  setDisabled(username: string, disabled: boolean): Promise<void> { return this.staff.setDisabled(username, disabled); }
  /** Inserts a session; NOT_FOUND for an unknown username. */
  createSession(s: StaffSession): Promise<void> { return this.staff.createSession(s); }
  /** The session with this id (even if expired), or null. */
  getSession(id: string): Promise<StaffSession | null> { return this.staff.getSession(id); }
  /** Deletes a session; unknown ids are ignored. */
  deleteSession(id: string): Promise<void> { return this.staff.deleteSession(id); }

  /** One pooled query; rejects when closed and maps driver errors to AppErrors. */
  private async query<R extends QueryResultRow = QueryResultRow>(op: string, text: string, values?: unknown[]): Promise<QueryResult<R>> {
    if (this.closed) throw new AppError('STORAGE_UNAVAILABLE', `PostgreSQL ${op}: the store is closed`);
    try {
      return await this.pool.query<R>(text, values);
    } catch (err: unknown) {
      throw pgError(err, op);
    }
  }

  /**
   * Runs `fn` in a READ COMMITTED transaction on one connection; rolls back and maps the error when it
   * throws. The connection goes back to the pool unless it broke (then it is destroyed).
   */
  private async transaction<T>(op: string, fn: (q: PgQuery) => Promise<T>): Promise<T> {
    const client = await this.connect(op);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn((text, values) => client.query(text, values));
      await client.query('COMMIT');
      return result;
    } catch (err: unknown) {
      try {
        await client.query('ROLLBACK');
        if (isConnectionFailure(err)) broken = err instanceof Error ? err : new Error(String(err));
      } catch (rollbackErr: unknown) {
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      }
      throw pgError(err, op);
    } finally {
      client.release(broken);
    }
  }

  /**
   * A dedicated connection (for transactions); rejects like {@link PgStore.query}. While it is checked
   * out the pool does not listen for its errors: a connection cut between two of its queries (a database
   * restart) would emit 'error' with no listener and kill the process. It is listened to here, the next
   * query on it rejects, and it is destroyed on release instead of going back to the pool.
   */
  private async connect(op: string): Promise<PoolClient> {
    if (this.closed) throw new AppError('STORAGE_UNAVAILABLE', `PostgreSQL ${op}: the store is closed`);
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err: unknown) {
      throw pgError(err, op);
    }
    let failure: Error | undefined;
    const onError = (err: Error) => {
      failure = err;
      this.logger.warn({ err: err.message, op, schema: this.schema }, 'PostgreSQL connection in use failed');
    };
    client.on('error', onError);
    const release = client.release.bind(client);
    client.release = (err?: Error | boolean) => {
      client.removeListener('error', onError);
      client.release = release;
      return release(err ?? failure);
    };
    return client;
  }

  // ReportStore: see pg-reports.ts.

  /** Questions created in the period (channel and unit filters applied), with their latest vote and ticket. */
  reportQuestions(p: ReportPeriod): Promise<ReportQuestionRow[]> { return this.reports().reportQuestions(p); }
  /** Tickets created or answered in the period, or still waiting (filters applied), by number. */
  reportTickets(p: ReportPeriod): Promise<ReportTicketRow[]> { return this.reports().reportTickets(p); }

  /** The report reader on this store's connection (stateless, so built per call). */
  private reports(): ReportStore {
    return new PgReportStore({ query: (op, text, values) => this.query(op, text, values) });
  }

  // AuditLog: see pg-audit.ts.

  /** Appends an admin action to the audit log; the same id twice is stored once. */
  recordAudit(e: AuditEntry): Promise<void> { return this.auditLog().recordAudit(e); }
  /** Admin actions matching the filter, newest first (default 100, at most 1000). */
  listAudit(filter: Parameters<AuditLog['listAudit']>[0]): Promise<AuditEntry[]> { return this.auditLog().listAudit(filter); }

  /** The audit log on this store's connection (stateless, so built per call). */
  private auditLog(): AuditLog {
    return new PgAuditLog({ query: (op, text, values) => this.query(op, text, values) });
  }

  // ReindexJobStore: see pg-reindex-jobs.ts.

  /** Records a reindex job as running unless a live one runs (a stale one is marked failed first). */
  claimReindexJob(job: StoredReindexJob, now: number, staleError: string): Promise<{ job: StoredReindexJob; claimed: boolean }> {
    return this.reindexJobs().claimReindexJob(job, now, staleError);
  }
  /** Saves a reindex job's progress or outcome. */
  saveReindexJob(job: StoredReindexJob): Promise<void> { return this.reindexJobs().saveReindexJob(job); }
  /** A reindex job by id. */
  getReindexJob(id: string): Promise<StoredReindexJob | undefined> { return this.reindexJobs().getReindexJob(id); }
  /** Recent reindex jobs, newest first. */
  listReindexJobs(limit: number): Promise<StoredReindexJob[]> { return this.reindexJobs().listReindexJobs(limit); }

  private reindexJobs(): ReindexJobStore {
    return new PgReindexJobStore({ query: (op, text, values) => this.query(op, text, values), transaction: (op, fn) => this.transaction(op, fn) });
  }

  // WebInboxStore (channels/webchat): replies waiting for web sessions.

  /** Adds a reply for a web session. */
  async pushWebReply(sessionId: string, reply: OutboundReply, at: number): Promise<void> {
    await this.query('pushWebReply', 'INSERT INTO web_inbox (session_id, reply, at) VALUES ($1, $2, $3)', [sessionId, JSON.stringify(reply), at]);
  }
  /** Removes and returns a session's replies since `since`, oldest first; a DELETE … RETURNING hands each row to one poll. */
  async takeWebReplies(sessionId: string, since: number): Promise<OutboundReply[]> {
    const { rows } = await this.query<{ reply: string; at: string; seq: string }>('takeWebReplies', 'DELETE FROM web_inbox WHERE session_id = $1 RETURNING reply, at, seq', [sessionId]);
    return rows.filter((r) => Number(r.at) >= since).sort((x, y) => Number(x.seq) - Number(y.seq)).map((r) => JSON.parse(r.reply) as OutboundReply);
  }

  // ZaloOaStore: see pg-zalo-oa.ts.

  /** The OA connection row, or null. */
  getOaConnection(appId: string): Promise<OaConnectionRow | null> { return this.zaloOa().getOaConnection(appId); }
  /** Takes the OA refresh lease (creating the row) unless another owner holds it; null when refused. */
  leaseOaConnection(appId: string, owner: string, now: number, leaseUntil: number): Promise<OaConnectionRow | null> {
    return this.zaloOa().leaseOaConnection(appId, owner, now, leaseUntil);
  }
  /** Gives the OA refresh lease back (only its owner can). */
  releaseOaConnection(appId: string, owner: string): Promise<void> { return this.zaloOa().releaseOaConnection(appId, owner); }
  /** Saves a new OA token pair if the generation still matches; false when another save came first. */
  saveOaTokens(appId: string, expectedGeneration: number | 'any', w: OaTokenWrite): Promise<boolean> {
    return this.zaloOa().saveOaTokens(appId, expectedGeneration, w);
  }
  /** Marks the OA pair unusable if the generation still matches; true when this call changed it. */
  markOaReauthRequired(appId: string, expectedGeneration: number, problem: string, at: number): Promise<boolean> {
    return this.zaloOa().markOaReauthRequired(appId, expectedGeneration, problem, at);
  }
  /** Wipes the OA pair. */
  disconnectOa(appId: string, at: number): Promise<void> { return this.zaloOa().disconnectOa(appId, at); }
  /** Stores a pending OAuth authorisation. */
  saveOaAuthState(s: OaAuthState): Promise<void> { return this.zaloOa().saveOaAuthState(s); }
  /** Returns and deletes a pending OAuth authorisation; null when unknown or expired. */
  takeOaAuthState(state: string, now: number): Promise<OaAuthState | null> { return this.zaloOa().takeOaAuthState(state, now); }
  /** Records an OA user's message, follow or unfollow. */
  recordOaInteraction(i: { userId: string; at: number; kind: 'message' | 'follow' | 'unfollow'; msgId?: string }): Promise<void> {
    return this.zaloOa().recordOaInteraction(i);
  }
  /** An OA user's interaction record, or null. */
  getOaUser(userId: string): Promise<OaUserRow | null> { return this.zaloOa().getOaUser(userId); }
  /** Counts a reply quoting the user's last message; the new count (0 when it is no longer the last). */
  countOaReply(userId: string, msgId: string): Promise<number> { return this.zaloOa().countOaReply(userId, msgId); }

  /** The OA store on this store's connection (stateless, so built per call). */
  private zaloOa(): ZaloOaStore {
    return new PgZaloOaStore({ query: (op, text, values) => this.query(op, text, values) });
  }

  // ReplyOutbox: see pg-reply-outbox.ts.

  /** Records the update and its reply job (leased to `owner`) in one transaction; see ReplyOutbox. */
  recordUpdate(m: InboundMessage, owner: string, now: number, leaseUntil: number): Promise<{ outcome: UpdateOutcome; job?: ReplyJob }> {
    return this.replies().recordUpdate(m, owner, now, leaseUntil);
  }
  /** Leases due pending reply jobs whose lease is free or expired. */
  leaseReplyJobs(owner: string, now: number, leaseUntil: number, limit: number): Promise<ReplyJob[]> {
    return this.replies().leaseReplyJobs(owner, now, leaseUntil, limit);
  }
  /** Extends `owner`'s leases on these jobs. */
  renewReplyLeases(owner: string, ids: readonly string[], leaseUntil: number): Promise<void> { return this.replies().renewReplyLeases(owner, ids, leaseUntil); }
  /** Owners holding a live lease on a pending reply job. */
  replyLeaseOwners(now: number): Promise<string[]> { return this.replies().replyLeaseOwners(now); }
  /** Ends the leases of owners known to be dead. */
  expireReplyLeases(owners: readonly string[]): Promise<void> { return this.replies().expireReplyLeases(owners); }
  /** Stores a job's replies while `owner` holds its lease. */
  saveReplies(id: string, owner: string, replies: OutboundReply[]): Promise<boolean> { return this.replies().saveReplies(id, owner, replies); }
  /** Records accepted replies (and the end of the job when `done`). */
  markRepliesDelivered(id: string, owner: string, delivered: number, at: number, done: boolean): Promise<boolean> {
    return this.replies().markRepliesDelivered(id, owner, delivered, at, done);
  }
  /** Records a failed attempt (or gives up) and ends the lease. */
  markReplyRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void> {
    return this.replies().markReplyRetry(id, owner, error, nextAttemptAt, giveUp);
  }
  /** Given-up reply jobs of a chat not yet shown to the official. */
  failedRepliesForChat(channel: ChannelName, chatId: string): Promise<ReplyJob[]> { return this.replies().failedRepliesForChat(channel, chatId); }
  /** Marks given-up reply jobs as shown. */
  markRepliesReported(ids: readonly string[], at: number): Promise<void> { return this.replies().markRepliesReported(ids, at); }
  /** Deletes finished reply jobs older than `before`. */
  pruneReplyJobs(before: number): Promise<number> { return this.replies().pruneReplyJobs(before); }

  /** The reply outbox on this store's connection (stateless, so built per call). */
  private replies(): ReplyOutbox {
    return new PgReplyOutbox({ query: (op, text, values) => this.query(op, text, values), transaction: (op, fn) => this.transaction(op, fn) });
  }

  // TrainingStore and RosterStore: see pg-training.ts.

  getLearner(channel: ChannelName, userId: string): Promise<LearnerRecord | null> { return this.training().getLearner(channel, userId); }
  saveLearner(l: LearnerRecord): Promise<void> { return this.training().saveLearner(l); }
  markLessonSeen(e: { channel: ChannelName; userId: string; courseId: string; lessonId: string; at: number }): Promise<void> { return this.training().markLessonSeen(e); }
  saveAnswer(a: AnswerRecord): Promise<void> { return this.training().saveAnswer(a); }
  learnerProgress(channel: ChannelName, userId: string): Promise<LearnerProgress> { return this.training().learnerProgress(channel, userId); }
  saveCompletion(c: CompletionRecord): Promise<boolean> { return this.training().saveCompletion(c); }
  dailyLearners(time: string): Promise<LearnerRecord[]> { return this.training().dailyLearners(time); }
  claimDaily(channel: ChannelName, userId: string, day: string): Promise<boolean> { return this.training().claimDaily(channel, userId, day); }
  importRoster(entries: RosterEntry[], at: number): Promise<{ added: number; updated: number; removed: number }> { return this.training().importRoster(entries, at); }
  listRoster(): Promise<RosterEntry[]> { return this.training().listRoster(); }
  rosterByCode(code: string): Promise<RosterEntry | null> { return this.training().rosterByCode(code); }
  linkRoster(link: RosterLink): Promise<void> { return this.training().linkRoster(link); }
  unlinkRoster(channel: ChannelName, userId: string): Promise<boolean> { return this.training().unlinkRoster(channel, userId); }
  rosterLinkOf(channel: ChannelName, userId: string): Promise<RosterLink | null> { return this.training().rosterLinkOf(channel, userId); }
  listRosterLinks(): Promise<RosterLink[]> { return this.training().listRosterLinks(); }
  rosterCompletions(from: number, to: number): Promise<RosterCompletion[]> { return this.training().rosterCompletions(from, to); }
  unlinkedCompletions(from: number, to: number): Promise<number> { return this.training().unlinkedCompletions(from, to); }
  rosterStarted(): Promise<string[]> { return this.training().rosterStarted(); }

  /** The training store on this store's connection (stateless, so built per call). */
  private training(): PgTrainingStore {
    return new PgTrainingStore({ query: (op, text, values) => this.query(op, text, values), transaction: (op, fn) => this.transaction(op, fn) });
  }
}

/**
 * Moves any `options` query parameter out of the URL (pg would let it override ours) and appends
 * `-c search_path=<schema>` to it when a schema is set.
 */
function withSearchPath(url: string, schema: string | undefined): { connectionString: string; serverOptions?: string } {
  if (schema === undefined) return { connectionString: url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // No `cause`: URL's TypeError carries the input, which may hold a password, and causes get logged.
    throw new AppError('CONFIG_INVALID', 'PostgreSQL connection string is not a valid URL');
  }
  const existing = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  const serverOptions = [existing, `-c search_path=${schema}`].filter(Boolean).join(' ');
  return { connectionString: parsed.toString(), serverOptions };

}
