/**
 * SQLite implementation of the Zalo OA channel's {@link ZaloOaStore} port (migration `zalo_oa`).
 * `SqliteStore` owns the connection and builds one on it. Every method is one statement (or one
 * `BEGIN IMMEDIATE` transaction), so processes sharing the file see the lease and generation checks hold.
 */
import type { OaAuthState, OaConnectionRow, OaTokenWrite, OaUserRow, ZaloOaStore } from '../../channels/zalo-oa/index.js';
import { oaAuthStateFromRow, oaConnectionFromRow, oaUserFromRow } from '../zalo-oa-rows.js';
import type { OaAuthStateDbRow, OaConnectionDbRow, OaUserDbRow } from '../zalo-oa-rows.js';
import type { SqliteContext } from './sqlite-context.js';

const T = 'zalo_oa_connection';

const LEASE = `INSERT INTO ${T} (app_id, status, generation, lease_owner, lease_until) VALUES (?, 'disconnected', 0, ?, ?)
  ON CONFLICT (app_id) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
  WHERE ${T}.lease_owner IS NULL OR ${T}.lease_until < ? OR ${T}.lease_owner = excluded.lease_owner
  RETURNING *`;

/** Columns every save writes (the pair and its times), then the lease and problem cleared. */
const SAVE_SET = `status = 'connected', tokens = excluded.tokens, key_id = excluded.key_id,
  access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
  generation = ${T}.generation + 1, lease_owner = NULL, lease_until = NULL, refreshed_at = excluded.refreshed_at,
  problem = NULL, problem_at = NULL`;

const SAVE_INSERT = `INSERT INTO ${T} (app_id, status, tokens, key_id, access_expires_at, refresh_expires_at, generation, refreshed_at,
    oa_id, oa_name, connected_at, connected_by, seed_id)
  VALUES (?, 'connected', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`;

/** A refresh keeps the OA and who connected it; only a matching generation may save. */
const SAVE_REFRESH = `${SAVE_INSERT} ON CONFLICT (app_id) DO UPDATE SET ${SAVE_SET} WHERE ${T}.generation = ?`;

/** A new connection replaces the OA details too. */
const SAVE_CONNECTION = `${SAVE_INSERT} ON CONFLICT (app_id) DO UPDATE SET ${SAVE_SET},
    oa_id = excluded.oa_id, oa_name = excluded.oa_name, connected_at = excluded.connected_at,
    connected_by = excluded.connected_by, seed_id = COALESCE(excluded.seed_id, ${T}.seed_id)
  WHERE ? IS NULL OR ${T}.generation = ?`;

const INTERACTION = {
  message: `INSERT INTO zalo_oa_users (user_id, last_interaction_at, last_message_at, last_message_id, replies_to_last_message)
    VALUES (?, ?, ?, ?, 0)
    ON CONFLICT (user_id) DO UPDATE SET
      last_interaction_at = MAX(zalo_oa_users.last_interaction_at, excluded.last_interaction_at),
      replies_to_last_message = CASE WHEN excluded.last_message_at >= COALESCE(zalo_oa_users.last_message_at, -1)
        AND excluded.last_message_id IS NOT zalo_oa_users.last_message_id THEN 0 ELSE zalo_oa_users.replies_to_last_message END,
      last_message_id = CASE WHEN excluded.last_message_at >= COALESCE(zalo_oa_users.last_message_at, -1)
        THEN excluded.last_message_id ELSE zalo_oa_users.last_message_id END,
      last_message_at = MAX(COALESCE(zalo_oa_users.last_message_at, -1), excluded.last_message_at)`,
  follow: `INSERT INTO zalo_oa_users (user_id, last_interaction_at, followed) VALUES (?, ?, 1)
    ON CONFLICT (user_id) DO UPDATE SET
      last_interaction_at = MAX(zalo_oa_users.last_interaction_at, excluded.last_interaction_at),
      followed = CASE WHEN excluded.last_interaction_at >= COALESCE(zalo_oa_users.unfollowed_at, -1) THEN 1 ELSE zalo_oa_users.followed END`,
  // An unfollow is not an interaction: a new row gets last_interaction_at 0 (never reachable).
  unfollow: `INSERT INTO zalo_oa_users (user_id, last_interaction_at, followed, unfollowed_at) VALUES (?, 0, 0, ?)
    ON CONFLICT (user_id) DO UPDATE SET followed = 0, unfollowed_at = MAX(COALESCE(zalo_oa_users.unfollowed_at, -1), excluded.unfollowed_at)`,
} as const;

/** The {@link ZaloOaStore} part of `SqliteStore`, built once by the store on its shared connection. */
export class SqliteZaloOaStore implements ZaloOaStore {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt' | 'transaction'>) {}

  async getOaConnection(appId: string): Promise<OaConnectionRow | null> {
    return this.ctx.run('getOaConnection', () => {
      const r = this.ctx.stmt(`SELECT * FROM ${T} WHERE app_id = ?`).get(appId) as OaConnectionDbRow | undefined;
      return r ? oaConnectionFromRow(r) : null;
    });
  }

  async leaseOaConnection(appId: string, owner: string, now: number, leaseUntil: number): Promise<OaConnectionRow | null> {
    return this.ctx.run('leaseOaConnection', () => {
      const r = this.ctx.stmt(LEASE).get(appId, owner, leaseUntil, now) as OaConnectionDbRow | undefined;
      return r ? oaConnectionFromRow(r) : null;
    });
  }

  async releaseOaConnection(appId: string, owner: string): Promise<void> {
    await this.ctx.run('releaseOaConnection', () =>
      this.ctx.stmt(`UPDATE ${T} SET lease_owner = NULL, lease_until = NULL WHERE app_id = ? AND lease_owner = ?`).run(appId, owner));
  }

  async saveOaTokens(appId: string, expectedGeneration: number | 'any', w: OaTokenWrite): Promise<boolean> {
    const c = w.connection;
    const values = [appId, w.tokens, w.keyId, w.accessExpiresAt, w.refreshExpiresAt, w.at, c?.oaId ?? null, c?.oaName ?? null, c ? w.at : null, c?.by ?? null, c?.seedId ?? null];
    return this.ctx.run('saveOaTokens', () => {
      if (c) {
        const expected = expectedGeneration === 'any' ? null : expectedGeneration;
        return this.ctx.stmt(SAVE_CONNECTION).run(...values, expected, expected).changes === 1;
      }
      return this.ctx.stmt(SAVE_REFRESH).run(...values, expectedGeneration === 'any' ? -1 : expectedGeneration).changes === 1;
    });
  }

  async markOaReauthRequired(appId: string, expectedGeneration: number, problem: string, at: number): Promise<boolean> {
    return this.ctx.run('markOaReauthRequired', () => this.ctx.stmt(
      `UPDATE ${T} SET status = 'reauth_required', problem = ?, problem_at = ?, lease_owner = NULL, lease_until = NULL
       WHERE app_id = ? AND generation = ? AND status <> 'reauth_required'`,
    ).run(problem, at, appId, expectedGeneration).changes === 1);
  }

  async disconnectOa(appId: string, at: number): Promise<void> {
    await this.ctx.run('disconnectOa', () => this.ctx.stmt(
      `UPDATE ${T} SET status = 'disconnected', tokens = NULL, key_id = NULL, access_expires_at = NULL, refresh_expires_at = NULL,
         generation = generation + 1, lease_owner = NULL, lease_until = NULL, oa_id = NULL, oa_name = NULL, connected_at = NULL,
         connected_by = NULL, refreshed_at = NULL, problem = NULL, problem_at = ?
       WHERE app_id = ?`,
    ).run(at, appId));
  }

  async saveOaAuthState(s: OaAuthState): Promise<void> {
    await this.ctx.run('saveOaAuthState', () => this.ctx.stmt(
      'INSERT INTO zalo_oa_auth_states (state, verifier, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ).run(s.state, s.verifier, s.createdBy, s.createdAt, s.expiresAt));
  }

  async takeOaAuthState(state: string, now: number): Promise<OaAuthState | null> {
    return this.ctx.transaction('takeOaAuthState', () => {
      const r = this.ctx.stmt('DELETE FROM zalo_oa_auth_states WHERE state = ? RETURNING *').get(state) as OaAuthStateDbRow | undefined;
      this.ctx.stmt('DELETE FROM zalo_oa_auth_states WHERE expires_at < ?').run(now);
      const s = r ? oaAuthStateFromRow(r) : null;
      return s && s.expiresAt >= now ? s : null;
    });
  }

  async recordOaInteraction(i: { userId: string; at: number; kind: 'message' | 'follow' | 'unfollow'; msgId?: string }): Promise<void> {
    await this.ctx.run('recordOaInteraction', () => {
      if (i.kind === 'message') this.ctx.stmt(INTERACTION.message).run(i.userId, i.at, i.at, i.msgId ?? null);
      else this.ctx.stmt(INTERACTION[i.kind]).run(i.userId, i.at);
    });
  }

  async getOaUser(userId: string): Promise<OaUserRow | null> {
    return this.ctx.run('getOaUser', () => {
      const r = this.ctx.stmt('SELECT * FROM zalo_oa_users WHERE user_id = ?').get(userId) as OaUserDbRow | undefined;
      return r ? oaUserFromRow(r) : null;
    });
  }

  async countOaReply(userId: string, msgId: string): Promise<number> {
    return this.ctx.run('countOaReply', () => {
      const r = this.ctx.stmt(`UPDATE zalo_oa_users SET replies_to_last_message = replies_to_last_message + 1
        WHERE user_id = ? AND last_message_id = ? RETURNING replies_to_last_message AS n`).get(userId, msgId) as { n: number } | undefined;
      return r ? Number(r.n) : 0;
    });
  }
}
