/**
 * SQL shared by both dialects for the operators' read-only views (`OpsStore`).
 */

/**
 * One row over both outboxes (staff answers in `outbox`, bot answers in `reply_jobs`): pending items, the
 * oldest pending `created_at`, and failed items not yet reported to the official.
 */
export const OUTBOX_BACKLOG_SQL = `SELECT SUM(pending) AS pending, MIN(oldest) AS oldest, SUM(failed) AS failed FROM (
  SELECT
    SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
    MIN(CASE WHEN state = 'pending' THEN created_at END) AS oldest,
    SUM(CASE WHEN state = 'failed' AND reported_at IS NULL THEN 1 ELSE 0 END) AS failed
  FROM outbox WHERE state IN ('pending', 'failed')
  UNION ALL
  SELECT
    SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END),
    MIN(CASE WHEN state = 'pending' THEN created_at END),
    SUM(CASE WHEN state = 'failed' AND reported_at IS NULL THEN 1 ELSE 0 END)
  FROM reply_jobs WHERE state IN ('pending', 'failed')
) AS both_outboxes`;
