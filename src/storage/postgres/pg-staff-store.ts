/**
 * PostgreSQL implementation of the escalation core's {@link StaffAccountStore} port (staff console accounts
 * and login sessions). `PgStore` owns the pool and builds one on it.
 */
import { AppError } from '../../common/errors.js';
import type { StaffAccount, StaffAccountStore, StaffSession } from '../../escalation/index.js';
import { ACCOUNT_COLUMNS, SESSION_COLUMNS, accountValues, sessionValues } from '../escalation-params.js';
import { accountFromRow, sessionFromRow } from '../escalation-rows.js';
import type { AccountRow, SessionRow } from '../escalation-rows.js';
import type { PgContext } from './pg-context.js';

/** The {@link StaffAccountStore} half of `PgStore`; not used on its own. */
export class PgStaffAccountStore implements StaffAccountStore {
  constructor(private readonly ctx: PgContext) {}

  /** Inserts the account; CONFLICT when the username is taken. */
  async createAccount(a: StaffAccount): Promise<void> {
    await this.ctx.query('createAccount', `INSERT INTO staff_accounts (${ACCOUNT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`,
      accountValues(a, (b) => b));
  }

  /** The account with this username (exact match), or null. */
  async getAccount(username: string): Promise<StaffAccount | null> {
    const res = await this.ctx.query<AccountRow>('getAccount', 'SELECT * FROM staff_accounts WHERE username = $1', [username]);
    return res.rows.length > 0 ? accountFromRow(res.rows[0]) : null;
  }

  /** Every account, by username. */
  async listAccounts(): Promise<StaffAccount[]> {
    const res = await this.ctx.query<AccountRow>('listAccounts', 'SELECT * FROM staff_accounts ORDER BY username');
    return res.rows.map(accountFromRow);
  }

  /** Replaces the password hash; NOT_FOUND for an unknown username. Existing sessions are kept. */
  async setPassword(username: string, passwordHash: string): Promise<void> {
    const res = await this.ctx.query('setPassword', 'UPDATE staff_accounts SET password_hash = $1 WHERE username = $2',
      [passwordHash, username]);
    if (res.rowCount === 0) throw new AppError('NOT_FOUND', `setPassword: no staff account ${username}`);
  }

  /**
   * Disables or re-enables an account; NOT_FOUND for an unknown username. Not in the `StaffAccountStore`
   * port yet (the `staff disable` CLI command uses it when present). Sessions are kept: the console must
   * check `disabled` on each request.
   */
  async setDisabled(username: string, disabled: boolean): Promise<void> {
    const res = await this.ctx.query('setDisabled', 'UPDATE staff_accounts SET disabled = $1 WHERE username = $2',
      [disabled, username]);
    if (res.rowCount === 0) throw new AppError('NOT_FOUND', `setDisabled: no staff account ${username}`);
  }

  /** Inserts the session; NOT_FOUND for an unknown username, CONFLICT for a repeated id. */
  async createSession(s: StaffSession): Promise<void> {
    await this.ctx.query('createSession', `INSERT INTO staff_sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5)`,
      sessionValues(s));
  }

  /** The session with this id, or null. Expired sessions are returned too: the caller checks `expiresAt`. */
  async getSession(id: string): Promise<StaffSession | null> {
    const res = await this.ctx.query<SessionRow>('getSession', 'SELECT * FROM staff_sessions WHERE id = $1', [id]);
    return res.rows.length > 0 ? sessionFromRow(res.rows[0]) : null;
  }

  /** Deletes the session; an unknown id is not an error. */
  async deleteSession(id: string): Promise<void> {
    await this.ctx.query('deleteSession', 'DELETE FROM staff_sessions WHERE id = $1', [id]);
  }
}
