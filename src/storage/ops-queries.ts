/**
 * SQL shared by both dialects for the operators' read-only views (`OpsStore`).
 */

/** One row: pending items, the oldest pending `created_at`, and failed items not yet reported. */
export const OUTBOX_BACKLOG_SQL = `SELECT
  SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
  MIN(CASE WHEN state = 'pending' THEN created_at END) AS oldest,
  SUM(CASE WHEN state = 'failed' AND reported_at IS NULL THEN 1 ELSE 0 END) AS failed
FROM outbox WHERE state IN ('pending', 'failed')`;
