/**
 * PostgreSQL implementation of the admin {@link AuditLog} port: an append-only table of admin actions
 * (migration `audit_log`). `PgStore` owns the pool and builds one on it.
 */
import type { AuditEntry, AuditLog } from '../../admin/ports.js';
import type { PgContext } from './pg-context.js';

/** The filter of {@link AuditLog.listAudit}. */
type AuditFilter = Parameters<AuditLog['listAudit']>[0];

interface AuditRow {
  id: string;
  /** BIGINT arrives as a string from pg. */
  at: string | number;
  actor: string;
  action: string;
  target: string;
  /** JSONB arrives parsed. */
  details: Record<string, unknown> | null;
}

/** Entries returned when the filter names no limit, and the most ever returned at once. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** The {@link AuditLog} part of `PgStore`, built once by the store on its shared connection. */
export class PgAuditLog implements AuditLog {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  /** Appends an entry; recording the same id again is a no-op (a retried write is not doubled). */
  async recordAudit(e: AuditEntry): Promise<void> {
    await this.ctx.query('recordAudit',
      `INSERT INTO audit_log (id, at, actor, action, target, details) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [e.id, e.at, e.actor, e.action, e.target, e.details === undefined ? null : JSON.stringify(e.details)]);
  }

  /**
   * Entries matching the filter (`from` inclusive, `to` exclusive, exact actor and action), newest first
   * (ties in insertion order, newest first); at most `limit` (default 100, capped at 1000).
   */
  async listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(Number.isFinite(filter.limit) ? Number(filter.limit) : DEFAULT_LIMIT)));
    const res = await this.ctx.query<AuditRow>('listAudit',
      `SELECT id, at, actor, action, target, details FROM audit_log
       WHERE ($1::bigint IS NULL OR at >= $1) AND ($2::bigint IS NULL OR at < $2)
         AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR action = $4)
       ORDER BY at DESC, seq DESC LIMIT $5`,
      [filter.from ?? null, filter.to ?? null, filter.actor ?? null, filter.action ?? null, limit]);
    return res.rows.map(fromRow);
  }
}

function fromRow(r: AuditRow): AuditEntry {
  const entry: AuditEntry = { id: r.id, at: Number(r.at), actor: r.actor, action: r.action, target: r.target };
  if (r.details !== null) entry.details = r.details;
  return entry;
}
