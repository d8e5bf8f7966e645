/**
 * SQLite implementation of {@link OpsStore}: what `cchc doctor` and `/metrics` read, without changing anything.
 */
import type { OpsStore, OutboxBacklog } from '../app-store.js';
import { OUTBOX_BACKLOG_SQL } from '../ops-queries.js';
import type { SqliteContext } from './sqlite-context.js';

/** The operators' reads on the store's SQLite connection. */
export class SqliteOpsStore implements OpsStore {
  constructor(private readonly ctx: Pick<SqliteContext, 'db' | 'run' | 'stmt'>) {}

  /** Migration ids recorded in `schema_migrations`, ascending; empty before the first migration. */
  async appliedMigrations(): Promise<number[]> {
    return this.ctx.run('appliedMigrations', () => {
      const table = this.ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
      if (!table) return [];
      return (this.ctx.db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    });
  }

  /** The relay outbox backlog (pending count, oldest pending, failed and not reported). */
  async outboxBacklog(): Promise<OutboxBacklog> {
    return this.ctx.run('outboxBacklog', () => {
      const row = this.ctx.stmt(OUTBOX_BACKLOG_SQL).get() as { pending: number | null; oldest: number | null; failed: number | null };
      return { pending: row.pending ?? 0, oldestPendingAt: row.oldest ?? null, failed: row.failed ?? 0 };
    });
  }
}
