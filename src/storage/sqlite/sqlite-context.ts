/**
 * What the SQLite per-port objects (`SqliteTicketStore`, `SqliteReplyOutbox`, …) borrow from the
 * `SqliteStore` that owns the connection: the database, its guarded runner and its statement cache.
 */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

/** The owning store's connection and helpers, handed to the per-port helpers. */
export interface SqliteContext {
  readonly db: SqliteDatabase;
  /** Runs `fn` as a promise: rejects STORAGE_UNAVAILABLE when closed, and maps driver errors to AppErrors. */
  run<T>(op: string, fn: () => T): Promise<T>;
  /** Like `run`, inside one `BEGIN IMMEDIATE` transaction (rolled back when `fn` throws). */
  transaction<T>(op: string, fn: () => T): Promise<T>;
  /** A cached prepared statement; use only for SQL whose text does not vary with the input. */
  stmt(sql: string): Statement;
}
