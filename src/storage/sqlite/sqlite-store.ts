/**
 * The SQLite database handle on better-sqlite3: it owns the connection (WAL, busy timeout, foreign keys),
 * migrations, liveness, backup and closing, and builds one object per store port on that connection
 * (`sqlite-*.ts` beside it), offered as one {@link AppStore} through `mountPorts`.
 *
 * better-sqlite3 is synchronous; every method still returns a promise (and reports failures as rejections,
 * never synchronous throws) to match the ports. The database runs in WAL mode with a busy timeout, so
 * several processes may share one file: writes are serialised by SQLite's lock.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { AppError, describeError } from '../../common/errors.js';
import { silentLogger } from '../../common/logger.js';
import type { Logger } from '../../common/logger.js';
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from '../migrations.js';
import type { Migration } from '../migrations.js';
import { mountPorts } from '../store-ports.js';
import type { MountedPorts, StorePorts } from '../store-ports.js';
import type { SqliteContext } from './sqlite-context.js';
import { sqliteError } from './sqlite-errors.js';
import { SqliteAuditLog } from './sqlite-audit.js';
import { SqliteConversationStore } from './sqlite-conversation-store.js';
import { SqliteLoginAttempts } from './sqlite-login-attempts.js';
import { SqliteOpsStore } from './sqlite-ops.js';
import { SqliteReindexJobStore } from './sqlite-reindex-jobs.js';
import { SqliteReplyOutbox } from './sqlite-reply-outbox.js';
import { SqliteReportStore } from './sqlite-reports.js';
import { SqliteStaffAccountStore } from './sqlite-staff-store.js';
import { SqliteTicketStore } from './sqlite-ticket-store.js';
import { SqliteTrainingStore } from './sqlite-training.js';
import { SqliteUpdateClaims } from './sqlite-update-claims.js';
import { SqliteWebInbox } from './sqlite-web-inbox.js';
import { SqliteZaloOaStore } from './sqlite-zalo-oa.js';
import { SqliteCheckpointer, WAL_RESTART_FRAMES } from './sqlite-checkpointer.js';

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
  /** WAL frames from which the background checkpointer restarts the log (default {@link WAL_RESTART_FRAMES}). */
  walRestartFrames?: number;
}

/** Every port method, mounted from {@link SqliteStore.ports} in the constructor. */
export interface SqliteStore extends MountedPorts {}

/**
 * Every store port on one SQLite file: for a single server or development (several processes may share
 * the file). Use `PgStore` when several bot instances run on different machines.
 *
 * @example
 * const store = new SqliteStore({ path: 'data/bot.db' });
 * await store.migrate();
 * if (await store.markUpdate('telegram', '123', Date.now())) { ... }
 */
export class SqliteStore {
  /** The per-port objects on this connection; the store's port methods are theirs. */
  readonly ports: StorePorts;
  private readonly db: SqliteDatabase;
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
      // When the checkpointer restarts the log, the WAL file is cut back to this size (bytes).
      const restartFrames = options.walRestartFrames ?? WAL_RESTART_FRAMES;
      db.pragma(`journal_size_limit = ${Math.min(restartFrames * Number(db.pragma('page_size', { simple: true })), 2 ** 40)}`);
      this.checkpointer = new SqliteCheckpointer(
        options.path,
        every,
        (reason) => {
          this.logger.warn({ reason }, 'background WAL checkpoints stopped; SQLite checkpoints on commit again');
          if (!this.closed) db.pragma('wal_autocheckpoint = 1000');
        },
        restartFrames,
      );
    }
    // One transaction wrapper for every call (better-sqlite3 builds a new one per `db.transaction(fn)`).
    const inTransaction = db.transaction((fn: () => unknown) => fn());
    const ctx: SqliteContext = {
      db,
      run: (op, fn) => this.run(op, fn),
      transaction: (op, fn) => this.run(op, () => inTransaction.immediate(fn) as ReturnType<typeof fn>),
      stmt: (sql) => this.stmt(sql),
    };
    this.ports = {
      conversation: new SqliteConversationStore(ctx),
      replies: new SqliteReplyOutbox(ctx),
      updateClaims: new SqliteUpdateClaims(ctx),
      tickets: new SqliteTicketStore(ctx),
      staff: new SqliteStaffAccountStore(ctx),
      logins: new SqliteLoginAttempts(ctx),
      reports: new SqliteReportStore(ctx),
      audit: new SqliteAuditLog(ctx),
      reindexJobs: new SqliteReindexJobStore(ctx),
      ops: new SqliteOpsStore(ctx),
      zaloOa: new SqliteZaloOaStore(ctx),
      webInbox: new SqliteWebInbox(ctx),
      training: new SqliteTrainingStore(ctx),
    };
    mountPorts(this, this.ports);
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
}
