/**
 * PostgreSQL implementation of the Zalo OA channel's {@link ZaloOaStore} port (migration `zalo_oa`).
 * `PgStore` owns the pool and builds one on it. Every method is one statement (an upsert or a guarded
 * update), so instances sharing the database see the lease and generation checks hold: PostgreSQL
 * serialises concurrent upserts of one row on its primary key.
 */
import type { OaAuthState, OaConnectionRow, OaTokenWrite, OaUserRow, ZaloOaStore } from '../../channels/zalo-oa/index.js';
import { oaAuthStateFromRow, oaConnectionFromRow, oaUserFromRow } from '../zalo-oa-rows.js';
import type { OaAuthStateDbRow, OaConnectionDbRow, OaUserDbRow } from '../zalo-oa-rows.js';
import type { PgContext } from './pg-context.js';

const T = 'zalo_oa_connection';
const U = 'zalo_oa_users';

const LEASE = `INSERT INTO ${T} (app_id, status, generation, lease_owner, lease_until) VALUES ($1, 'disconnected', 0, $2, $3)
  ON CONFLICT (app_id) DO UPDATE SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
  WHERE ${T}.lease_owner IS NULL OR ${T}.lease_until < $4 OR ${T}.lease_owner = EXCLUDED.lease_owner
  RETURNING *`;

const SAVE_SET = `status = 'connected', tokens = EXCLUDED.tokens, key_id = EXCLUDED.key_id,
  access_expires_at = EXCLUDED.access_expires_at, refresh_expires_at = EXCLUDED.refresh_expires_at,
  generation = ${T}.generation + 1, lease_owner = NULL, lease_until = NULL, refreshed_at = EXCLUDED.refreshed_at,
  problem = NULL, problem_at = NULL`;

const SAVE_INSERT = `INSERT INTO ${T} (app_id, status, tokens, key_id, access_expires_at, refresh_expires_at, generation, refreshed_at,
    oa_id, oa_name, connected_at, connected_by, seed_id)
  VALUES ($1, 'connected', $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11)`;

const SAVE_REFRESH = `${SAVE_INSERT} ON CONFLICT (app_id) DO UPDATE SET ${SAVE_SET} WHERE ${T}.generation = $12`;

const SAVE_CONNECTION = `${SAVE_INSERT} ON CONFLICT (app_id) DO UPDATE SET ${SAVE_SET},
    oa_id = EXCLUDED.oa_id, oa_name = EXCLUDED.oa_name, connected_at = EXCLUDED.connected_at,
    connected_by = EXCLUDED.connected_by, seed_id = COALESCE(EXCLUDED.seed_id, ${T}.seed_id)
  WHERE $12::bigint IS NULL OR ${T}.generation = $12`;

const INTERACTION = {
  message: `INSERT INTO ${U} (user_id, last_interaction_at, last_message_at, last_message_id, replies_to_last_message)
    VALUES ($1, $2, $2, $3, 0)
    ON CONFLICT (user_id) DO UPDATE SET
      last_interaction_at = GREATEST(${U}.last_interaction_at, EXCLUDED.last_interaction_at),
      replies_to_last_message = CASE WHEN EXCLUDED.last_message_at >= COALESCE(${U}.last_message_at, -1)
        AND EXCLUDED.last_message_id IS DISTINCT FROM ${U}.last_message_id THEN 0 ELSE ${U}.replies_to_last_message END,
      last_message_id = CASE WHEN EXCLUDED.last_message_at >= COALESCE(${U}.last_message_at, -1)
        THEN EXCLUDED.last_message_id ELSE ${U}.last_message_id END,
      last_message_at = GREATEST(COALESCE(${U}.last_message_at, -1), EXCLUDED.last_message_at)`,
  follow: `INSERT INTO ${U} (user_id, last_interaction_at, followed) VALUES ($1, $2, TRUE)
    ON CONFLICT (user_id) DO UPDATE SET
      last_interaction_at = GREATEST(${U}.last_interaction_at, EXCLUDED.last_interaction_at),
      followed = CASE WHEN EXCLUDED.last_interaction_at >= COALESCE(${U}.unfollowed_at, -1) THEN TRUE ELSE ${U}.followed END`,
  // An unfollow is not an interaction: a new row gets last_interaction_at 0 (never reachable).
  unfollow: `INSERT INTO ${U} (user_id, last_interaction_at, followed, unfollowed_at) VALUES ($1, 0, FALSE, $2)
    ON CONFLICT (user_id) DO UPDATE SET followed = FALSE, unfollowed_at = GREATEST(COALESCE(${U}.unfollowed_at, -1), EXCLUDED.unfollowed_at)`,
} as const;

/** The {@link ZaloOaStore} part of `PgStore`, built once by the store on its shared connection. */
export class PgZaloOaStore implements ZaloOaStore {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  async getOaConnection(appId: string): Promise<OaConnectionRow | null> {
    const res = await this.ctx.query<OaConnectionDbRow>('getOaConnection', `SELECT * FROM ${T} WHERE app_id = $1`, [appId]);
    return res.rows.length ? oaConnectionFromRow(res.rows[0]) : null;
  }

  async leaseOaConnection(appId: string, owner: string, now: number, leaseUntil: number): Promise<OaConnectionRow | null> {
    const res = await this.ctx.query<OaConnectionDbRow>('leaseOaConnection', LEASE, [appId, owner, leaseUntil, now]);
    return res.rows.length ? oaConnectionFromRow(res.rows[0]) : null;
  }

  async releaseOaConnection(appId: string, owner: string): Promise<void> {
    await this.ctx.query('releaseOaConnection', `UPDATE ${T} SET lease_owner = NULL, lease_until = NULL WHERE app_id = $1 AND lease_owner = $2`, [appId, owner]);
  }

  async saveOaTokens(appId: string, expectedGeneration: number | 'any', w: OaTokenWrite): Promise<boolean> {
    const c = w.connection;
    const values = [appId, w.tokens, w.keyId, w.accessExpiresAt, w.refreshExpiresAt, w.at, c?.oaId ?? null, c?.oaName ?? null, c ? w.at : null, c?.by ?? null, c?.seedId ?? null];
    if (c) {
      const res = await this.ctx.query('saveOaTokens', SAVE_CONNECTION, [...values, expectedGeneration === 'any' ? null : expectedGeneration]);
      return res.rowCount === 1;
    }
    const res = await this.ctx.query('saveOaTokens', SAVE_REFRESH, [...values, expectedGeneration === 'any' ? -1 : expectedGeneration]);
    return res.rowCount === 1;
  }

  async markOaReauthRequired(appId: string, expectedGeneration: number, problem: string, at: number): Promise<boolean> {
    const res = await this.ctx.query('markOaReauthRequired',
      `UPDATE ${T} SET status = 'reauth_required', problem = $1, problem_at = $2, lease_owner = NULL, lease_until = NULL
       WHERE app_id = $3 AND generation = $4 AND status <> 'reauth_required'`, [problem, at, appId, expectedGeneration]);
    return res.rowCount === 1;
  }

  async disconnectOa(appId: string, at: number): Promise<void> {
    await this.ctx.query('disconnectOa',
      `UPDATE ${T} SET status = 'disconnected', tokens = NULL, key_id = NULL, access_expires_at = NULL, refresh_expires_at = NULL,
         generation = generation + 1, lease_owner = NULL, lease_until = NULL, oa_id = NULL, oa_name = NULL, connected_at = NULL,
         connected_by = NULL, refreshed_at = NULL, problem = NULL, problem_at = $1
       WHERE app_id = $2`, [at, appId]);
  }

  async saveOaAuthState(s: OaAuthState): Promise<void> {
    await this.ctx.query('saveOaAuthState', 'INSERT INTO zalo_oa_auth_states (state, verifier, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [s.state, s.verifier, s.createdBy, s.createdAt, s.expiresAt]);
  }

  async takeOaAuthState(state: string, now: number): Promise<OaAuthState | null> {
    const res = await this.ctx.query<OaAuthStateDbRow>('takeOaAuthState', 'DELETE FROM zalo_oa_auth_states WHERE state = $1 RETURNING *', [state]);
    await this.ctx.query('takeOaAuthState', 'DELETE FROM zalo_oa_auth_states WHERE expires_at < $1', [now]);
    const s = res.rows.length ? oaAuthStateFromRow(res.rows[0]) : null;
    return s && s.expiresAt >= now ? s : null;
  }

  async recordOaInteraction(i: { userId: string; at: number; kind: 'message' | 'follow' | 'unfollow'; msgId?: string }): Promise<void> {
    const values = i.kind === 'message' ? [i.userId, i.at, i.msgId ?? null] : [i.userId, i.at];
    await this.ctx.query('recordOaInteraction', INTERACTION[i.kind], values);
  }

  async getOaUser(userId: string): Promise<OaUserRow | null> {
    const res = await this.ctx.query<OaUserDbRow>('getOaUser', `SELECT * FROM ${U} WHERE user_id = $1`, [userId]);
    return res.rows.length ? oaUserFromRow(res.rows[0]) : null;
  }

  async countOaReply(userId: string, msgId: string): Promise<number> {
    const res = await this.ctx.query<{ n: string | number }>('countOaReply',
      `UPDATE ${U} SET replies_to_last_message = replies_to_last_message + 1 WHERE user_id = $1 AND last_message_id = $2
       RETURNING replies_to_last_message AS n`, [userId, msgId]);
    return res.rows.length ? Number(res.rows[0].n) : 0;
  }
}
