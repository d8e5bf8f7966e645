/**
 * PostgreSQL implementation of the conversation core's {@link UpdateClaims} (migration 12): claims on
 * `processed_updates` rows, taken by one upsert (the primary key decides which instance wins).
 */
import type { ChannelName, UpdateClaim, UpdateClaims } from '../../conversation/index.js';
import { CLAIM_OF_UPDATE, CLAIM_UPDATE, SETTLE_HANDLED, SETTLE_UNHANDLED } from '../update-claims-sql.js';
import type { PgContext } from './pg-context.js';

/** Update claims on the store's pool. */
export class PgUpdateClaims implements UpdateClaims {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  async claimUpdate(channel: ChannelName, key: string, now: number, claimUntil: number): Promise<UpdateClaim> {
    const res = await this.ctx.query('claimUpdate', CLAIM_UPDATE, [channel, key, now, claimUntil]);
    if (res.rowCount === 1) return 'claimed';
    // Between the two statements the claim may settle or lapse: either answer is then still true.
    const row = await this.ctx.query<{ claim_until: string | null }>('claimUpdate', CLAIM_OF_UPDATE, [channel, key]);
    return row.rows[0]?.claim_until == null ? 'done' : 'busy';
  }

  async settleUpdate(channel: ChannelName, key: string, claimUntil: number, handled: boolean): Promise<void> {
    await this.ctx.query('settleUpdate', handled ? SETTLE_HANDLED : SETTLE_UNHANDLED, [channel, key, claimUntil]);
  }
}
