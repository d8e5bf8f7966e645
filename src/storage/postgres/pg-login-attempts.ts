/**
 * PostgreSQL implementation of the login throttle's {@link LoginAttemptStore} (migration 11). Each count
 * changes in one upsert, so failures recorded by several instances at once are all counted.
 */
import type { LoginAttemptStore, LoginAttempts } from '../../escalation/index.js';
import { LOGIN_ATTEMPTS_PRUNE, LOGIN_FAILURE_UPSERT, LOGIN_SUCCESS_UPSERT, loginAttemptsFromRow } from '../login-attempts-sql.js';
import type { LoginAttemptRow } from '../login-attempts-sql.js';
import type { PgContext } from './pg-context.js';

/** Login attempts on the store's pool. */
export class PgLoginAttempts implements LoginAttemptStore {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  async loginAttempts(keys: readonly string[], since: number): Promise<Map<string, LoginAttempts>> {
    const res = await this.ctx.query<LoginAttemptRow>('loginAttempts', 'SELECT * FROM login_attempts WHERE throttle_key = ANY($1::text[])', [[...keys]]);
    return new Map(res.rows.map((row) => [row.throttle_key, loginAttemptsFromRow(row, since)]));
  }

  async recordLoginFailure(keys: readonly string[], at: number, since: number): Promise<void> {
    await this.ctx.query('recordLoginFailure', LOGIN_ATTEMPTS_PRUNE, [since]);
    // One upsert per key (not one transaction): each is atomic, and a key counted alone is still counted.
    for (const key of new Set(keys)) await this.ctx.query('recordLoginFailure', LOGIN_FAILURE_UPSERT, [key, at, since]);
  }

  async recordLoginSuccess(key: string, at: number): Promise<void> {
    await this.ctx.query('recordLoginSuccess', LOGIN_SUCCESS_UPSERT, [key, at]);
  }
}
