/**
 * SQLite implementation of the admin {@link AuditLog} port: an append-only table of admin actions
 * (migration `audit_log`). `SqliteStore` owns the connection and builds one on it.
 */
import type { AuditEntry, AuditLog } from '../../admin/ports.js';
import type { SqliteContext } from './sqlite-context.js';

/** The filter of {@link AuditLog.listAudit}. */
type AuditFilter = Parameters<AuditLog['listAudit']>[0];

interface AuditRow {
  id: string;
  at: number;
  actor: string;
  action: string;
  target: string;
  details: string | null;
}

/** Entries returned when the filter names no limit, and the most ever returned at once. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The {@link AuditLog} part of `SqliteStore`, built once by the store on its shared connection. */
export class SqliteAuditLog implements AuditLog {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt'>) {}

  /** Appends an entry; recording the same id again is a no-op (a retried write is not doubled). */
  async recordAudit(e: AuditEntry): Promise<void> {
    await this.ctx.run('recordAudit', () => this.ctx.stmt(
      `INSERT INTO audit_log (id, at, actor, action, target, details) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    ).run(e.id, e.at, e.actor, e.action, e.target, e.details === undefined ? null : JSON.stringify(e.details)));
  }

  /**
   * Entries matching the filter (`from` inclusive, `to` exclusive, exact actor and action), newest first
   * (ties in insertion order, newest first); at most `limit` (default 100, capped at 1000).
   */
  async listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    const from = filter.from ?? null;
    const to = filter.to ?? null;
    const actor = filter.actor ?? null;
    const action = filter.action ?? null;
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(Number.isFinite(filter.limit) ? Number(filter.limit) : DEFAULT_LIMIT)));
    return this.ctx.run('listAudit', () => (this.ctx.stmt(
      `SELECT id, at, actor, action, target, details FROM audit_log
       WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) AND (? IS NULL OR actor = ?) AND (? IS NULL OR action = ?)
       ORDER BY at DESC, seq DESC LIMIT ?`,
    ).all(from, from, to, to, actor, actor, action, action, limit) as AuditRow[]).map(fromRow));
  }
}

function fromRow(r: AuditRow): AuditEntry {
  const entry: AuditEntry = { id: r.id, at: Number(r.at), actor: r.actor, action: r.action, target: r.target };
  if (r.details !== null) entry.details = JSON.parse(r.details) as Record<string, unknown>;
  return entry;
}
