/**
 * SQLite implementation of the escalation core's {@link StaffAccountStore} port (staff console accounts
 * and login sessions). `SqliteStore` owns the connection and builds one on it.
 */
import { AppError } from '../../common/errors.js';
import type { StaffAccount, StaffAccountStore, StaffSession } from '../../escalation/index.js';
import { ACCOUNT_COLUMNS, SESSION_COLUMNS, accountValues, sessionValues } from '../escalation-params.js';
import { accountFromRow, sessionFromRow } from '../escalation-rows.js';
import type { AccountRow, SessionRow } from '../escalation-rows.js';
import type { SqliteContext } from './sqlite-context.js';

/** The {@link StaffAccountStore} half of `SqliteStore`; not used on its own. */
export class SqliteStaffAccountStore implements StaffAccountStore {
  constructor(private readonly ctx: SqliteContext) {}

  /** Inserts the account; CONFLICT when the username is taken. */
  async createAccount(a: StaffAccount): Promise<void> {
    await this.ctx.run('createAccount', () => this.ctx.stmt(
      `INSERT INTO staff_accounts (${ACCOUNT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(...accountValues(a, (b) => (b ? 1 : 0))));
  }

  /** The account with this username (exact match), or null. */
  async getAccount(username: string): Promise<StaffAccount | null> {
    return this.ctx.run('getAccount', () => {
      const row = this.ctx.stmt('SELECT * FROM staff_accounts WHERE username = ?').get(username) as AccountRow | undefined;
      return row ? accountFromRow(row) : null;
    });
  }

  /** Every account, by username. */
  async listAccounts(): Promise<StaffAccount[]> {
    return this.ctx.run('listAccounts', () =>
      (this.ctx.stmt('SELECT * FROM staff_accounts ORDER BY username').all() as AccountRow[]).map(accountFromRow));
  }

  /** Replaces the password hash; NOT_FOUND for an unknown username. Existing sessions are kept. */
  async setPassword(username: string, passwordHash: string): Promise<void> {
    await this.ctx.run('setPassword', () => {
      const { changes } = this.ctx.stmt('UPDATE staff_accounts SET password_hash = ? WHERE username = ?')
        .run(passwordHash, username);
      if (changes === 0) throw new AppError('NOT_FOUND', `setPassword: no staff account ${username}`);
    });
  }

  /**
   * Disables or re-enables an account; NOT_FOUND for an unknown username. Not in the `StaffAccountStore`
   * port yet (the `staff disable` CLI command uses it when present). Sessions are kept: the console must
   * check `disabled` on each request.
   */
  async setDisabled(username: string, disabled: boolean): Promise<void> {
    await this.ctx.run('setDisabled', () => {
      const { changes } = this.ctx.stmt('UPDATE staff_accounts SET disabled = ? WHERE username = ?')
        .run(disabled ? 1 : 0, username);
      if (changes === 0) throw new AppError('NOT_FOUND', `setDisabled: no staff account ${username}`);
    });
  }

  /** Inserts the session; NOT_FOUND for an unknown username, CONFLICT for a repeated id. */
  async createSession(s: StaffSession): Promise<void> {
    await this.ctx.run('createSession', () => this.ctx.stmt(
      `INSERT INTO staff_sessions (${SESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?)`,
    ).run(...sessionValues(s)));
  }

  /** The session with this id, or null. Expired sessions are returned too: the caller checks `expiresAt`. */
  async getSession(id: string): Promise<StaffSession | null> {
    return this.ctx.run('getSession', () => {
      const row = this.ctx.stmt('SELECT * FROM staff_sessions WHERE id = ?').get(id) as SessionRow | undefined;
      return row ? sessionFromRow(row) : null;
    });
  }

  /** Deletes the session; an unknown id is not an error. */
  async deleteSession(id: string): Promise<void> {
    await this.ctx.run('deleteSession', () => this.ctx.stmt('DELETE FROM staff_sessions WHERE id = ?').run(id));
  }
}
