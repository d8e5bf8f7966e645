/**
 * The PostgreSQL database handle on a `pg` connection pool: it owns the pool, migrations, liveness and
 * closing, and builds one object per store port on that pool (`pg-*.ts` beside it), offered as one
 * {@link AppStore} through `mountPorts`.
 *
 * Several bot instances may share one database, and `migrate` holds a transaction-scoped advisory lock so
 * instances starting together apply each migration once. Connection failures and timeouts reject with
 * AppError STORAGE_UNAVAILABLE (the `pg` error as `cause`) instead of hanging.
 */
import pg from 'pg';
import type { Pool as PgPool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { AppError } from '../../common/errors.js';
import { silentLogger } from '../../common/logger.js';
import type { Logger } from '../../common/logger.js';
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL, pendingMigrations } from '../migrations.js';
import type { Migration } from '../migrations.js';
import { mountPorts } from '../store-ports.js';
import type { MountedPorts, StorePorts } from '../store-ports.js';
import type { PgContext, PgQuery } from './pg-context.js';
import { isConnectionFailure, pgError } from './pg-errors.js';
import { PgAuditLog } from './pg-audit.js';
import { PgConversationStore } from './pg-conversation-store.js';
import { PgLoginAttempts } from './pg-login-attempts.js';
import { PgOpsStore } from './pg-ops.js';
import { PgReindexJobStore } from './pg-reindex-jobs.js';
import { PgReplyOutbox } from './pg-reply-outbox.js';
import { PgReportStore } from './pg-reports.js';
import { PgStaffAccountStore } from './pg-staff-store.js';
import { PgTicketStore } from './pg-ticket-store.js';
import { PgTrainingStore } from './pg-training.js';
import { PgUpdateClaims } from './pg-update-claims.js';
import { PgWebInbox } from './pg-web-inbox.js';
import { PgZaloOaStore } from './pg-zalo-oa.js';

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

/** Every port method, mounted from {@link PgStore.ports} in the constructor. */
export interface PgStore extends MountedPorts {}

/**
 * Every store port on PostgreSQL: use it when several bot instances share one database.
 *
 * @example
 * const store = new PgStore({ connectionString: 'postgres://bot@db/cchc', schema: 'cchc' });
 * await store.migrate();
 * await store.ping();
 */
export class PgStore {
  /** The per-port objects on this pool; the store's port methods are theirs. */
  readonly ports: StorePorts;
  private readonly pool: PgPool;
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
    this.ports = {
      conversation: new PgConversationStore(ctx),
      replies: new PgReplyOutbox(ctx),
      updateClaims: new PgUpdateClaims(ctx),
      tickets: new PgTicketStore(ctx),
      staff: new PgStaffAccountStore(ctx),
      logins: new PgLoginAttempts(ctx),
      reports: new PgReportStore(ctx),
      audit: new PgAuditLog(ctx),
      reindexJobs: new PgReindexJobStore(ctx),
      ops: new PgOpsStore(ctx),
      zaloOa: new PgZaloOaStore(ctx),
      webInbox: new PgWebInbox(ctx),
      training: new PgTrainingStore(ctx),
    };
    mountPorts(this, this.ports);
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
