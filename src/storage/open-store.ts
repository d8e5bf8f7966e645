/**
 * Opens the store (every port: {@link AppStore}) named by a database URL and brings its schema up to date. This is the one place
 * that maps `DATABASE_URL` to a storage technology; the composition root (`app/`) calls it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { AppStore } from './app-store.js';
import { PgStore } from './postgres/pg-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** PostgreSQL only: schema holding every table (see `PgStoreOptions.schema`). Ignored for SQLite. */
  schema?: string;
  /** Receives migration and connection events. Default: silent. */
  logger?: Logger;
  /** SQLite files only: WAL checkpoints on a worker thread every this many ms (see `SqliteStoreOptions`). Default 0 (SQLite's own). */
  checkpointIntervalMs?: number;
}

/**
 * Opens a store from a database URL and runs its pending migrations.
 *
 * - `sqlite:<path>` (relative to the working directory, or absolute; `sqlite:///abs/path` also works;
 *   `sqlite::memory:` for a private in-memory database). The parent folder is created when missing.
 * - `postgres://…` or `postgresql://…`.
 *
 * Rejects with CONFIG_INVALID for any other scheme, and with STORAGE_UNAVAILABLE when the database cannot
 * be reached (the store is closed again before rejecting). It does not retry.
 *
 * @example
 * const store = await openStore('sqlite:data/bot.db');
 * const shared = await openStore('postgres://bot@db:5432/cchc', { schema: 'cchc' });
 */
export async function openStore(databaseUrl: string, opts: OpenStoreOptions = {}): Promise<AppStore> {
  const store = createStore(databaseUrl, opts);
  try {
    await store.migrate();
  } catch (err: unknown) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

/**
 * Opens the store named by a database URL without migrating it, for tools that must only look (`cchc
 * doctor` checks whether migrations are pending). A SQLite file that does not exist yet is not created.
 */
export async function connectStore(databaseUrl: string, opts: OpenStoreOptions = {}): Promise<AppStore> {
  const url = databaseUrl.trim();
  if (/^sqlite:/i.test(url) && sqlitePath(url) !== ':memory:' && !existsSync(resolve(sqlitePath(url)))) {
    throw new AppError('STORAGE_UNAVAILABLE', `SQLite database ${sqlitePath(url)} does not exist yet (it is created at the first start)`);
  }
  const store = createStore(url, opts);
  try {
    await store.ping();
  } catch (err: unknown) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return store;
}

/** Builds the store for the URL's scheme without connecting or migrating. */
function createStore(databaseUrl: string, opts: OpenStoreOptions): AppStore {
  const url = databaseUrl.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return new PgStore({ connectionString: url, schema: opts.schema, logger: opts.logger });
  }
  if (/^sqlite:/i.test(url)) {
    const path = sqlitePath(url);
    if (path !== ':memory:') {
      try {
        mkdirSync(dirname(resolve(path)), { recursive: true });
      } catch (err: unknown) {
        throw new AppError('STORAGE_UNAVAILABLE', `cannot create the folder for SQLite database ${path}`, { cause: err });
      }
    }
    return new SqliteStore({ path, logger: opts.logger, checkpointIntervalMs: opts.checkpointIntervalMs });
  }
  // Only the scheme is echoed: the rest of the URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? '(none)';
  throw new AppError('CONFIG_INVALID',
    `unsupported database URL scheme "${scheme}"; use sqlite:<path>, postgres:// or postgresql://`);
}

/** The file path of a `sqlite:` URL: `sqlite:data/x.db` → `data/x.db`, `sqlite:///abs/x.db` → `/abs/x.db`. */
function sqlitePath(url: string): string {
  let path = url.slice('sqlite:'.length);
  if (path.startsWith('//')) path = path.slice(2);
  if (path === '') throw new AppError('CONFIG_INVALID', 'sqlite: database URL has no path; use e.g. sqlite:data/bot.db');
  return path;
}
