/**
 * Claims on processed updates and the reply order across instances (migration 12): the DDL for both
 * dialects and the statements both stores run (`$n` placeholders; SQLite binds them by name).
 *
 * A `processed_updates` row with `claim_until` NULL is a handled update (every row written by `markUpdate`
 * and `recordUpdate`); a row with `claim_until` set is an update being handled by an instance until then
 * (conversation/ports.ts UpdateClaims). PostgreSQL also numbers reply jobs (`seq`) so that "recorded before"
 * is decided by the database, not by instance clocks; SQLite uses the table's rowid, which grows the same way.
 */

export const INSTANCE_ORDER_SQLITE = 'ALTER TABLE processed_updates ADD COLUMN claim_until INTEGER;';

export const INSTANCE_ORDER_POSTGRES = `ALTER TABLE processed_updates ADD COLUMN claim_until BIGINT;
ALTER TABLE reply_jobs ADD COLUMN seq BIGSERIAL;
CREATE INDEX reply_jobs_chat_seq ON reply_jobs (channel, chat_id, seq);`;

/** Claims a new update, or takes over a lapsed claim ($1 channel, $2 key, $3 now, $4 claim until). */
export const CLAIM_UPDATE = `INSERT INTO processed_updates (channel, update_key, processed_at, claim_until) VALUES ($1, $2, $3, $4)
  ON CONFLICT (channel, update_key) DO UPDATE SET processed_at = excluded.processed_at, claim_until = excluded.claim_until
  WHERE processed_updates.claim_until IS NOT NULL AND processed_updates.claim_until < excluded.processed_at`;

/** The claim of an update already recorded ($1 channel, $2 key). */
export const CLAIM_OF_UPDATE = 'SELECT claim_until FROM processed_updates WHERE channel = $1 AND update_key = $2';

/** Records a claimed update as handled ($1 channel, $2 key, $3 the claim's end). */
export const SETTLE_HANDLED = 'UPDATE processed_updates SET claim_until = NULL WHERE channel = $1 AND update_key = $2 AND claim_until = $3';

/** Forgets a claimed update that was not handled ($1 channel, $2 key, $3 the claim's end). */
export const SETTLE_UNHANDLED = 'DELETE FROM processed_updates WHERE channel = $1 AND update_key = $2 AND claim_until = $3';
