/**
 * SQLite implementation of the conversation core's {@link Store} port and the escalation core's
 * {@link TicketStore} and {@link StaffAccountStore} ports, on better-sqlite3. The escalation ports live in
 * `sqlite-ticket-store.ts` and `sqlite-staff-store.ts`; this class owns the connection and delegates.
 *
 * better-sqlite3 is synchronous; every method still returns a promise (and reports failures as rejections,
 * never synchronous throws) to match the port. The database runs in WAL mode with a busy timeout, so
 * several processes may share one file: writes are serialised by SQLite's lock and `markUpdate` relies on
 * the primary key (`INSERT OR IGNORE`), so a duplicate update is recognised across processes too.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { AppError, describeError } from '../../common/errors.js';
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
import type { Migration } from '../migrations.js';
import type { ReportPeriod, ReportQuestionRow, ReportStore, ReportTicketRow } from '../../reports/index.js';
import { feedbackParams, questionFromRow, questionParams, userFromRow } from '../rows.js';
import type { QuestionRow, UserRow } from '../rows.js';
import type { SqliteContext } from './sqlite-context.js';
import { sqliteError } from './sqlite-errors.js';
import type { AuditEntry, AuditLog, ReindexJobStore, StoredReindexJob } from '../../admin/ports.js';
import { SqliteAuditLog } from './sqlite-audit.js';
import { SqliteReindexJobStore } from './sqlite-reindex-jobs.js';
import { SqliteStaffAccountStore } from './sqlite-staff-store.js';
import { SqliteReportStore } from './sqlite-reports.js';
import { SqliteTicketStore } from './sqlite-ticket-store.js';
import { SqliteZaloOaStore } from './sqlite-zalo-oa.js';
import { SqliteTrainingStore } from './sqlite-training.js';
import type {
  AnswerRecord, CompletionRecord, LearnerProgress, LearnerRecord, RosterCompletion, RosterEntry, RosterLink, RosterStore, TrainingStore,
} from '../../training/index.js';

import type { OaAuthState, OaConnectionRow, OaTokenWrite, OaUserRow, ZaloOaStore } from '../../channels/zalo-oa/index.js';
import type { OutboxBacklog } from '../app-store.js';
import { SqliteReplyOutbox } from './sqlite-reply-outbox.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { OUTBOX_BACKLOG_SQL } from '../ops-queries.js';

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file path, or `:memory:` for a private in-memory database. The parent folder must exist. */
  path: string;
  /** How long a write waits for another connection's lock before failing. Default 5000 ms. */
  busyTimeoutMillis?: number;
  /** Receives migration and lifecycle events. Default: silent. */
  logger?: Logger;
  /** Migrations to apply; tests only. Default {@link MIGRATIONS}. */
  migrations?: readonly Migration[];
  /**
   * Checkpoint the WAL on a worker thread every this many ms instead of inside the commit that crosses
   * 1000 pages (see sqlite-checkpointer.ts); 0 keeps SQLite's automatic checkpoint. File databases only.
   * Default 0; the server sets it.
   */
  checkpointIntervalMs?: number;
}

const QUESTION_COLUMNS = `id, channel, chat_id, user_id, text, search_text, answered, source, confidence,
  citations, answer_text, unit_id, created_at, reply_kind, reply_reason`;

/**
 * A {@link Store}, {@link TicketStore} and {@link StaffAccountStore} on one SQLite file: for a single server
 * or development (several processes may share the file). Use `PgStore` when several
 * bot instances run on different machines.
 *
 * @example
 * const store = new SqliteStore({ path: 'data/bot.db' });
 * await store.migrate();
 * if (await store.markUpdate('telegram', '123', Date.now())) { ... }
 */
export class SqliteStore implements Store, ReplyOutbox, TicketStore, StaffAccountStore, ReportStore, AuditLog, ZaloOaStore, TrainingStore, RosterStore {
  private readonly db: SqliteDatabase;
  private readonly tickets: SqliteTicketStore;
  private readonly staff: SqliteStaffAccountStore;
  private readonly logger: Logger;
  private readonly migrations: readonly Migration[];
  private readonly statements = new Map<string, Statement>();
  private readonly checkpointer: SqliteCheckpointer | undefined;
  private closed = false;

  /** Opens (creating if needed) the file and sets WAL, busy timeout and foreign keys; throws STORAGE_UNAVAILABLE. */
  constructor(options: SqliteStoreOptions) {
    this.logger = options.logger ?? silentLogger;
    this.migrations = options.migrations ?? MIGRATIONS;
    let db: SqliteDatabase | undefined;
    try {
      db = new Database(options.path);
      db.pragma('journal_mode = WAL');
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMillis ?? 5000))}`);
      db.pragma('foreign_keys = ON');
      // NORMAL is durable across application crashes in WAL mode, and much faster than FULL.
      db.pragma('synchronous = NORMAL');
    } catch (err: unknown) {
      db?.close();
      // Any failure to open (missing folder, unreadable or non-database file) means no storage.
      throw new AppError('STORAGE_UNAVAILABLE', `cannot open SQLite database ${options.path}: ${describeError(err)}`, { cause: err });
    }
    this.db = db;
    const every = Math.floor(options.checkpointIntervalMs ?? 0);
    if (every > 0 && options.path !== ':memory:' && db.pragma('journal_mode', { simple: true }) === 'wal') {
      // The worker opens the file only now that it exists; until it runs, nothing needs checkpointing.
      db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new SqliteCheckpointer(options.path, every, (reason) => {
        this.logger.warn({ reason }, 'background WAL checkpoints stopped; SQLite checkpoints on commit again');
        if (!this.closed) db.pragma('wal_autocheckpoint = 1000');
      });
    }
    const ctx: SqliteContext = {
      db,
      run: (op, fn) => this.run(op, fn),
      transaction: (op, fn) => this.run(op, () => this.db.transaction(fn).immediate()),
      stmt: (sql) => this.stmt(sql),
    };
    this.tickets = new SqliteTicketStore(ctx);
    this.staff = new SqliteStaffAccountStore(ctx);
  }

  /** Applies pending migrations in one `BEGIN IMMEDIATE` transaction, so concurrent starters serialise. */
  async migrate(): Promise<void> {
    await this.run('migrate', () => {
      const apply = this.db.transaction(() => {
        this.db.exec(SCHEMA_MIGRATIONS_DDL);
        const rows = this.db.prepare('SELECT id FROM schema_migrations').all() as { id: number }[];
        const applied = rows.map((r) => r.id);
        const known = new Set(this.migrations.map((m) => m.id));
        const unknown = applied.filter((id) => !known.has(id));
        if (unknown.length > 0) this.logger.warn({ unknown }, 'database has migrations this version does not know');
        const insert = this.db.prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)');
        for (const m of pendingMigrations(applied, this.migrations)) {
          this.db.exec(m.sqlite);
          insert.run(m.id, m.name, Date.now());
          this.logger.info({ migration: m.id, name: m.name }, 'applied migration');
        }
      });
      apply.immediate();
    });
  }

  /** Runs `SELECT 1`; rejects with STORAGE_UNAVAILABLE when the store is closed or the file unusable. */
  async ping(): Promise<void> {
    await this.run('ping', () => this.stmt('SELECT 1').get());
  }

  /** Closes the file; later calls reject with STORAGE_UNAVAILABLE. Calling it twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpointer?.stop();
    this.statements.clear();
    this.db.close();
  }

  /** Migration ids recorded in `schema_migrations`, ascending; empty before the first migration. */
  async appliedMigrations(): Promise<number[]> {
    return this.run('appliedMigrations', () => {
      const table = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
      if (!table) return [];
      return (this.db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    });
  }

  /** The relay outbox backlog (pending count, oldest pending, failed and not reported). */
  async outboxBacklog(): Promise<OutboxBacklog> {
    return this.run('outboxBacklog', () => {
      const row = this.stmt(OUTBOX_BACKLOG_SQL).get() as { pending: number | null; oldest: number | null; failed: number | null };
      return { pending: row.pending ?? 0, oldestPendingAt: row.oldest ?? null, failed: row.failed ?? 0 };
    });
  }

  /**
   * Copies the database into `dest` with SQLite's online backup API: consistent even while this or
   * another process writes (pages changed during the copy are copied again). `dest` must not exist.
   */
  async backupTo(dest: string): Promise<void> {
    if (this.closed) throw new AppError('STORAGE_UNAVAILABLE', 'SQLite backup: the store is closed');
    try {
      await this.db.backup(dest);
    } catch (err: unknown) {
      throw sqliteError(err, 'backup');
    }
  }

  /** Records the update key; false when it was already recorded (by this or another process). */
  async markUpdate(channel: ChannelName, key: string, at: number): Promise<boolean> {
    return this.run('markUpdate', () => this.stmt(
      'INSERT OR IGNORE INTO processed_updates (channel, update_key, processed_at) VALUES (?, ?, ?)',
    ).run(channel, key, at).changes === 1);
  }

  /** Inserts the user or refreshes chat, display name (when given) and last seen; the unit is kept. */
  async touchUser(u: { channel: ChannelName; userId: string; chatId: string; displayName?: string; at: number }): Promise<UserRecord> {
    return this.run('touchUser', () => {
      const row = this.stmt(`INSERT INTO users
          (channel, user_id, chat_id, display_name, unit_id, unit_asked, first_seen_at, last_seen_at)
        VALUES (?, ?, ?, ?, NULL, 0, ?, ?)
        ON CONFLICT (channel, user_id) DO UPDATE SET
          chat_id = excluded.chat_id,
          display_name = COALESCE(excluded.display_name, users.display_name),
          first_seen_at = MIN(users.first_seen_at, excluded.first_seen_at),
          last_seen_at = MAX(users.last_seen_at, excluded.last_seen_at)
        RETURNING *`).get(u.channel, u.userId, u.chatId, u.displayName ?? null, u.at, u.at) as UserRow;
      return userFromRow(row);
    });
  }

  /** Sets the unit (null = skipped), marks the question asked and answered; rejects NOT_FOUND for an unknown user. */
  async setUserUnit(channel: ChannelName, userId: string, unitId: string | null): Promise<void> {
    await this.run('setUserUnit', () => {
      const { changes } = this.stmt('UPDATE users SET unit_id = ?, unit_asked = 1, unit_asked_at = NULL WHERE channel = ? AND user_id = ?')
        .run(unitId, channel, userId);
      if (changes === 0) throw new AppError('NOT_FOUND', `setUserUnit: no user ${channel}/${userId}; touchUser first`);
    });
  }

  /** Records that the unit list was shown at `at`; rejects NOT_FOUND for an unknown user. */
  async markUnitAsked(channel: ChannelName, userId: string, at: number): Promise<void> {
    await this.run('markUnitAsked', () => {
      const { changes } = this.stmt('UPDATE users SET unit_asked = 1, unit_asked_at = ? WHERE channel = ? AND user_id = ?')
        .run(at, channel, userId);
      if (changes === 0) throw new AppError('NOT_FOUND', `markUnitAsked: no user ${channel}/${userId}; touchUser first`);
    });
  }

  /** Inserts the question, or updates its answer fields when the id exists (identity and time are kept). */
  async saveQuestion(q: QuestionRecord): Promise<void> {
    await this.run('saveQuestion', () => {
      this.stmt(`INSERT INTO questions (${QUESTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
          search_text = excluded.search_text, answered = excluded.answered, source = excluded.source,
          confidence = excluded.confidence, citations = excluded.citations,
          answer_text = excluded.answer_text, unit_id = excluded.unit_id,
          reply_kind = excluded.reply_kind, reply_reason = excluded.reply_reason`).run(...questionParams(q, (b) => (b ? 1 : 0)));
    });
  }

  /** The question with this id, or null. */
  async getQuestion(id: string): Promise<QuestionRecord | null> {
    return this.run('getQuestion', () => {
      const row = this.stmt(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE id = ?`).get(id) as QuestionRow | undefined;
      return row ? questionFromRow(row) : null;
    });
  }

  /** The newest question in this chat that was not a chat message (ties broken by insertion order), or null. */
  async lastQuestion(channel: ChannelName, chatId: string): Promise<QuestionRecord | null> {
    return this.run('lastQuestion', () => {
      const row = this.stmt(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE channel = ? AND chat_id = ?
        AND reply_kind <> 'chat' ORDER BY created_at DESC, rowid DESC LIMIT 1`).get(channel, chatId) as QuestionRow | undefined;
      return row ? questionFromRow(row) : null;
    });
  }

  /** Questions by this user on this channel with `created_at >= since`. */
  async countQuestionsSince(channel: ChannelName, userId: string, since: number): Promise<number> {
    return this.run('countQuestionsSince', () => {
      const row = this.stmt('SELECT COUNT(*) AS n FROM questions WHERE channel = ? AND user_id = ? AND created_at >= ?')
        .get(channel, userId, since) as { n: number };
      return row.n;
    });
  }

  /** Stores the vote, replacing an earlier one by the same user; NOT_FOUND when the question is unknown. */
  async saveFeedback(f: FeedbackRecord): Promise<void> {
    await this.run('saveFeedback', () => {
      this.stmt(`INSERT INTO feedback (question_id, channel, user_id, value, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (question_id, user_id) DO UPDATE SET
          channel = excluded.channel, value = excluded.value, created_at = excluded.created_at`)
        .run(...feedbackParams(f));
    });
  }

  // TicketStore and StaffAccountStore: see sqlite-ticket-store.ts and sqlite-staff-store.ts.

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
  /** Leases due pending items to `owner` (exclusive across processes sharing the file). */
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

  /** Runs `fn` as a promise: rejects when closed, and maps driver errors to AppErrors. */
  private async run<T>(op: string, fn: () => T): Promise<T> {
    if (this.closed) throw new AppError('STORAGE_UNAVAILABLE', `SQLite ${op}: the store is closed`);
    try {
      return fn();
    } catch (err: unknown) {
      throw sqliteError(err, op);
    }
  }

  /** A prepared statement, cached; prepared lazily so tables exist by the time it is compiled. */
  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // ReportStore: see sqlite-reports.ts.

  /** Questions created in the period (channel and unit filters applied), with their latest vote and ticket. */
  reportQuestions(p: ReportPeriod): Promise<ReportQuestionRow[]> { return this.reports().reportQuestions(p); }
  /** Tickets created or answered in the period, or still waiting (filters applied), by number. */
  reportTickets(p: ReportPeriod): Promise<ReportTicketRow[]> { return this.reports().reportTickets(p); }

  /** The report reader on this store's connection (stateless, so built per call). */
  private reports(): ReportStore {
    return new SqliteReportStore({ run: (op, fn) => this.run(op, fn), stmt: (sql) => this.stmt(sql) });
  }

  // AuditLog: see sqlite-audit.ts.

  /** Appends an admin action to the audit log; the same id twice is stored once. */
  recordAudit(e: AuditEntry): Promise<void> { return this.auditLog().recordAudit(e); }
  /** Admin actions matching the filter, newest first (default 100, at most 1000). */
  listAudit(filter: Parameters<AuditLog['listAudit']>[0]): Promise<AuditEntry[]> { return this.auditLog().listAudit(filter); }

  /** The audit log on this store's connection (stateless, so built per call). */
  private auditLog(): AuditLog {
    return new SqliteAuditLog({ run: (op, fn) => this.run(op, fn), stmt: (sql) => this.stmt(sql) });
  }

  // ReindexJobStore: see sqlite-reindex-jobs.ts.

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
    return new SqliteReindexJobStore({ run: (op, fn) => this.run(op, fn), stmt: (sql) => this.stmt(sql), transaction: (op, fn) => this.run(op, () => this.db.transaction(fn).immediate()) });
  }

  // WebInboxStore (channels/webchat): replies waiting for web sessions.

  /** Adds a reply for a web session. */
  async pushWebReply(sessionId: string, reply: OutboundReply, at: number): Promise<void> {
    await this.run('pushWebReply', () => this.stmt('INSERT INTO web_inbox (session_id, reply, at) VALUES (?, ?, ?)').run(sessionId, JSON.stringify(reply), at));
  }
  /** Removes and returns a session's replies since `since`, oldest first (older ones are dropped). */
  takeWebReplies(sessionId: string, since: number): Promise<OutboundReply[]> {
    return this.run('takeWebReplies', () => this.db.transaction(() => {
      const rows = this.stmt('DELETE FROM web_inbox WHERE session_id = ? RETURNING reply, at, seq').all(sessionId) as Array<{ reply: string; at: number; seq: number }>;
      return rows.filter((r) => r.at >= since).sort((x, y) => x.seq - y.seq).map((r) => JSON.parse(r.reply) as OutboundReply);
    }).immediate());
  }

  // ZaloOaStore: see sqlite-zalo-oa.ts.

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
    return new SqliteZaloOaStore({ run: (op, fn) => this.run(op, fn), stmt: (sql) => this.stmt(sql), transaction: (op, fn) => this.run(op, () => this.db.transaction(fn).immediate()) });
  }

  // ReplyOutbox: see sqlite-reply-outbox.ts.

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
    return new SqliteReplyOutbox({ db: this.db, run: (op, fn) => this.run(op, fn), stmt: (sql) => this.stmt(sql), transaction: (op, fn) => this.run(op, () => this.db.transaction(fn).immediate()) });
  }

  // TrainingStore and RosterStore: see sqlite-training.ts.

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
  private training(): SqliteTrainingStore {
    return new SqliteTrainingStore({ run: (op, fn) => this.run(op, fn), stmt: (sql) => this.stmt(sql), transaction: (op, fn) => this.run(op, () => this.db.transaction(fn).immediate()) });
  }
}
