/**
 * SQLite implementation of the login throttle's {@link LoginAttemptStore} (migration 11). Counts are
 * changed by single upserts, so processes sharing the file never lose a failure.
 */
import type { LoginAttemptStore, LoginAttempts } from '../../escalation/index.js';
import { LOGIN_ATTEMPTS_PRUNE, LOGIN_FAILURE_UPSERT, LOGIN_SUCCESS_UPSERT, loginAttemptsFromRow } from '../login-attempts-sql.js';
import type { LoginAttemptRow } from '../login-attempts-sql.js';
import type { SqliteContext } from './sqlite-context.js';

/** `$1`-style placeholders become named `@p1` ones (better-sqlite3 binds them from an object). */
const sqlite = (sql: string) => sql.replace(/\$(\d+)/g, '@p$1');

/** Login attempts on the store's SQLite connection. */
export class SqliteLoginAttempts implements LoginAttemptStore {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt' | 'transaction'>) {}

  async loginAttempts(keys: readonly string[], since: number): Promise<Map<string, LoginAttempts>> {
    return this.ctx.run('loginAttempts', () => {
      const out = new Map<string, LoginAttempts>();
      const read = this.ctx.stmt('SELECT * FROM login_attempts WHERE throttle_key = ?');
      for (const key of new Set(keys)) {
        const row = read.get(key) as LoginAttemptRow | undefined;
        if (row) out.set(key, loginAttemptsFromRow(row, since));
      }
      return out;
    });
  }

  async recordLoginFailure(keys: readonly string[], at: number, since: number): Promise<void> {
    await this.ctx.transaction('recordLoginFailure', () => {
      this.ctx.stmt(sqlite(LOGIN_ATTEMPTS_PRUNE)).run({ p1: since });
      const upsert = this.ctx.stmt(sqlite(LOGIN_FAILURE_UPSERT));
      for (const key of new Set(keys)) upsert.run({ p1: key, p2: at, p3: since });
    });
  }

  async recordLoginSuccess(key: string, at: number): Promise<void> {
    await this.ctx.run('recordLoginSuccess', () => this.ctx.stmt(sqlite(LOGIN_SUCCESS_UPSERT)).run({ p1: key, p2: at }));
  }
}
