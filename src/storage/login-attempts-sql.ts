/**
 * The login throttle's counters (migration 11 `login_attempts`, escalation/ports.ts LoginAttemptStore),
 * shared by every instance: DDL for both dialects and the statements both stores run (the upsert syntax
 * is the same in SQLite and PostgreSQL; only the placeholders differ).
 */
import type { LoginAttempts } from '../escalation/index.js';

const DDL = (int: string) => `CREATE TABLE login_attempts (
  throttle_key TEXT PRIMARY KEY,
  failures ${int} NOT NULL DEFAULT 0,
  last_failure_at ${int},
  succeeded_at ${int}
);
CREATE INDEX login_attempts_last_failure ON login_attempts (last_failure_at);`;

export const LOGIN_ATTEMPTS_SQLITE = DDL('INTEGER');
export const LOGIN_ATTEMPTS_POSTGRES = DDL('BIGINT');

/**
 * Adds one failure to a key ($1 key, $2 at, $3 since): a count whose last failure is before `since` starts
 * again. One statement, so concurrent failures on two instances are both counted.
 */
export const LOGIN_FAILURE_UPSERT = `INSERT INTO login_attempts (throttle_key, failures, last_failure_at, succeeded_at)
  VALUES ($1, 1, $2, NULL)
  ON CONFLICT (throttle_key) DO UPDATE SET
    failures = CASE WHEN login_attempts.last_failure_at IS NULL OR login_attempts.last_failure_at < $3
      THEN 1 ELSE login_attempts.failures + 1 END,
    last_failure_at = $2`;

/** Forgets keys that never signed in and whose last failure is before $1. */
export const LOGIN_ATTEMPTS_PRUNE = 'DELETE FROM login_attempts WHERE succeeded_at IS NULL AND last_failure_at < $1';

/** Clears a key's failures and records its success ($1 key, $2 at). */
export const LOGIN_SUCCESS_UPSERT = `INSERT INTO login_attempts (throttle_key, failures, last_failure_at, succeeded_at)
  VALUES ($1, 0, NULL, $2)
  ON CONFLICT (throttle_key) DO UPDATE SET failures = 0, last_failure_at = NULL, succeeded_at = $2`;

/** A `login_attempts` row as either driver returns it. */
export interface LoginAttemptRow {
  throttle_key: string;
  failures: number | string;
  last_failure_at: number | string | null;
  succeeded_at: number | string | null;
}

/** The port's record of a row, with failures before `since` forgotten. */
export function loginAttemptsFromRow(row: LoginAttemptRow, since: number): LoginAttempts {
  const last = row.last_failure_at === null ? null : Number(row.last_failure_at);
  const succeededAt = row.succeeded_at === null ? null : Number(row.succeeded_at);
  if (last === null || last < since) return { failures: 0, lastFailureAt: null, succeededAt };
  return { failures: Number(row.failures), lastFailureAt: last, succeededAt };
}
