/**
 * SQLite implementation of the conversation core's {@link UpdateClaims} (migration 12): claims on
 * `processed_updates` rows, taken by one upsert so processes sharing the file never both claim an update.
 */
import type { ChannelName, UpdateClaim, UpdateClaims } from '../../conversation/index.js';
import { CLAIM_OF_UPDATE, CLAIM_UPDATE, SETTLE_HANDLED, SETTLE_UNHANDLED } from '../update-claims-sql.js';
import type { SqliteContext } from './sqlite-context.js';

/** `$1`-style placeholders become named `@p1` ones (better-sqlite3 binds them from an object). */
const sqlite = (sql: string) => sql.replace(/\$(\d+)/g, '@p$1');

/** Update claims on the store's SQLite connection. */
export class SqliteUpdateClaims implements UpdateClaims {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt' | 'transaction'>) {}

  async claimUpdate(channel: ChannelName, key: string, now: number, claimUntil: number): Promise<UpdateClaim> {
    return this.ctx.transaction('claimUpdate', () => {
      if (this.ctx.stmt(sqlite(CLAIM_UPDATE)).run({ p1: channel, p2: key, p3: now, p4: claimUntil }).changes === 1) return 'claimed';
      const row = this.ctx.stmt(sqlite(CLAIM_OF_UPDATE)).get({ p1: channel, p2: key }) as { claim_until: number | null } | undefined;
      return row?.claim_until == null ? 'done' : 'busy';
    });
  }

  async settleUpdate(channel: ChannelName, key: string, claimUntil: number, handled: boolean): Promise<void> {
    await this.ctx.run('settleUpdate', () => this.ctx.stmt(sqlite(handled ? SETTLE_HANDLED : SETTLE_UNHANDLED)).run({ p1: channel, p2: key, p3: claimUntil }));
  }
}
