/**
 * What the PostgreSQL per-port objects (`PgTicketStore`, `PgReplyOutbox`, …) borrow from the `PgStore` that
 * owns the pool: its guarded query runner and its transaction runner.
 */
import type { QueryResult, QueryResultRow } from 'pg';

/** A query on one connection, inside a transaction; driver errors surface as thrown (mapped by the runner). */
export type PgQuery = <R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]) => Promise<QueryResult<R>>;

/** The owning store's pool, handed to the per-port helpers. */
export interface PgContext {
  /** One pooled query: rejects STORAGE_UNAVAILABLE when closed, and maps driver errors to AppErrors. */
  query<R extends QueryResultRow = QueryResultRow>(op: string, text: string, values?: unknown[]): Promise<QueryResult<R>>;
  /**
   * Runs `fn` between BEGIN and COMMIT on one connection (READ COMMITTED), rolling back when it throws;
   * errors are mapped like `query`'s, AppErrors thrown by `fn` pass through unchanged.
   */
  transaction<T>(op: string, fn: (q: PgQuery) => Promise<T>): Promise<T>;
}
