/**
 * PostgreSQL implementation of {@link OpsStore}: what `cchc doctor` and `/metrics` read, without changing anything.
 */
import type { OpsStore, OutboxBacklog } from '../app-store.js';
import { OUTBOX_BACKLOG_SQL } from '../ops-queries.js';
import type { PgContext } from './pg-context.js';

/** The operators' reads on the store's pool. */
export class PgOpsStore implements OpsStore {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  /** Migration ids recorded in `schema_migrations` (of this store's schema), ascending; empty before the first. */
  async appliedMigrations(): Promise<number[]> {
    const exists = await this.ctx.query<{ t: string | null }>('appliedMigrations', "SELECT to_regclass('schema_migrations')::text AS t");
    if (!exists.rows[0]?.t) return [];
    const res = await this.ctx.query<{ id: number }>('appliedMigrations', 'SELECT id FROM schema_migrations ORDER BY id');
    return res.rows.map((r) => Number(r.id));
  }

  /** The relay outbox backlog (pending count, oldest pending, failed and not reported). */
  async outboxBacklog(): Promise<OutboxBacklog> {
    const res = await this.ctx.query<{ pending: string | null; oldest: string | null; failed: string | null }>('outboxBacklog', OUTBOX_BACKLOG_SQL);
    const row = res.rows[0];
    return { pending: Number(row?.pending ?? 0), oldestPendingAt: row?.oldest == null ? null : Number(row.oldest), failed: Number(row?.failed ?? 0) };
  }
}
