/**
 * Connecting the OA from a refresh token given in the settings (`ZALO_OA_REFRESH_TOKEN`), for headless
 * set-ups: spent once, under the refresh lease, so instances starting together do not burn it.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../../common/logger.js';
import { OaOAuthRejectedError } from './oa-errors.js';
import type { ZaloOaOAuthClient } from './oauth-client.js';
import type { ZaloOaStore } from './ports.js';
import type { SealedPairCodec } from './sealed-pair.js';
import type { OaTokenEvent } from './token-manager.js';

/** What {@link seedConnection} needs from the token manager. */
export interface SeedContext {
  store: ZaloOaStore;
  oauth: ZaloOaOAuthClient;
  codec: SealedPairCodec;
  appId: string;
  owner: string;
  leaseMs: number;
  now: () => number;
  logger: Logger;
  emit: (e: OaTokenEvent) => void;
}

/** What happened to a seed. */
export type SeedOutcome = 'seeded' | 'already_connected' | 'seed_spent' | 'busy' | 'refused';

/**
 * Spends `refreshToken` for a pair when no usable pair is stored and this seed was never used (its
 * fingerprint is kept on the row); a no-op otherwise. `busy`: another instance holds the lease (it is
 * seeding). `refused`: Zalo refused the token (logged as an alert; admins must connect the OA).
 */
export async function seedConnection(c: SeedContext, refreshToken: string): Promise<SeedOutcome> {
  const seedId = createHash('sha256').update(`zalo-oa seed ${refreshToken}`).digest('hex').slice(0, 16);
  const row = await c.store.getOaConnection(c.appId);
  if (row?.status === 'connected' && row.tokens) return 'already_connected';
  if (row?.seedId === seedId) return 'seed_spent';
  const leased = await c.store.leaseOaConnection(c.appId, c.owner, c.now(), c.now() + c.leaseMs);
  if (!leased) return 'busy';
  if ((leased.status === 'connected' && leased.tokens) || leased.seedId === seedId) {
    await c.store.releaseOaConnection(c.appId, c.owner);
    return leased.status === 'connected' ? 'already_connected' : 'seed_spent';
  }
  try {
    const pair = await c.oauth.refresh(refreshToken);
    await c.store.saveOaTokens(c.appId, leased.generation, c.codec.write(pair, { by: 'seed', seedId }));
    c.emit({ kind: 'connected', by: 'seed' });
    return 'seeded';
  } catch (err: unknown) {
    await c.store.releaseOaConnection(c.appId, c.owner).catch(() => undefined);
    if (!(err instanceof OaOAuthRejectedError)) throw err;
    c.logger.error({ channel: 'zalo-oa', alert: 'zalo_oa_reauth_required', err: err.message }, 'ZALO_OA_REFRESH_TOKEN was refused by Zalo; connect the OA at /admin/zalo-oa or set a fresh refresh token');
    c.emit({ kind: 'reauth_required', problem: err.description });
    return 'refused';
  }
}
