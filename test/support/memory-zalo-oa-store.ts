/**
 * An in-memory {@link ZaloOaStore} for unit tests, with the same lease and generation rules as the SQL
 * stores (the contract suite in `src/storage/zalo-oa.contract.ts` pins them for the real ones). Several
 * token managers may share one instance to stand for several app instances on one database.
 */
import { AppError } from '../../src/common/errors.js';
import type { OaAuthState, OaConnectionRow, OaTokenWrite, OaUserRow, ZaloOaStore } from '../../src/channels/zalo-oa/index.js';

export class MemoryZaloOaStore implements ZaloOaStore {
  readonly rows = new Map<string, OaConnectionRow>();
  readonly states = new Map<string, OaAuthState>();
  readonly users = new Map<string, OaUserRow>();
  /** Set to make every call reject, as an unreachable database would. */
  down = false;

  private check(): void {
    if (this.down) throw new AppError('STORAGE_UNAVAILABLE', 'database unreachable (simulated)');
  }

  async getOaConnection(appId: string): Promise<OaConnectionRow | null> {
    this.check();
    const r = this.rows.get(appId);
    return r ? { ...r } : null;
  }

  async leaseOaConnection(appId: string, owner: string, now: number, leaseUntil: number): Promise<OaConnectionRow | null> {
    this.check();
    const r = this.rows.get(appId) ?? { appId, status: 'disconnected' as const, generation: 0 };
    if (r.leaseOwner && r.leaseOwner !== owner && (r.leaseUntil ?? 0) >= now) return null;
    const leased = { ...r, leaseOwner: owner, leaseUntil };
    this.rows.set(appId, leased);
    return { ...leased };
  }

  async releaseOaConnection(appId: string, owner: string): Promise<void> {
    this.check();
    const r = this.rows.get(appId);
    if (r && r.leaseOwner === owner) this.rows.set(appId, { ...r, leaseOwner: undefined, leaseUntil: undefined });
  }

  async saveOaTokens(appId: string, expected: number | 'any', w: OaTokenWrite): Promise<boolean> {
    this.check();
    const r = this.rows.get(appId);
    if (r && expected !== 'any' && r.generation !== expected) return false;
    const c = w.connection;
    const next: OaConnectionRow = {
      ...(r ?? { appId, generation: 0 }),
      status: 'connected', tokens: w.tokens, keyId: w.keyId, accessExpiresAt: w.accessExpiresAt, refreshExpiresAt: w.refreshExpiresAt,
      generation: (r?.generation ?? 0) + 1, leaseOwner: undefined, leaseUntil: undefined, refreshedAt: w.at, problem: undefined, problemAt: undefined,
      ...(c ? { oaId: c.oaId, oaName: c.oaName, connectedAt: w.at, connectedBy: c.by, seedId: c.seedId ?? r?.seedId } : {}),
    };
    this.rows.set(appId, next);
    return true;
  }

  async markOaReauthRequired(appId: string, expected: number, problem: string, at: number): Promise<boolean> {
    this.check();
    const r = this.rows.get(appId);
    if (!r || r.generation !== expected || r.status === 'reauth_required') return false;
    this.rows.set(appId, { ...r, status: 'reauth_required', problem, problemAt: at, leaseOwner: undefined, leaseUntil: undefined });
    return true;
  }

  async disconnectOa(appId: string, at: number): Promise<void> {
    this.check();
    const r = this.rows.get(appId);
    if (r) this.rows.set(appId, { appId, status: 'disconnected', generation: r.generation + 1, seedId: r.seedId, problemAt: at });
  }

  async saveOaAuthState(s: OaAuthState): Promise<void> {
    this.check();
    this.states.set(s.state, { ...s });
  }

  async takeOaAuthState(state: string, now: number): Promise<OaAuthState | null> {
    this.check();
    const s = this.states.get(state);
    this.states.delete(state);
    return s && s.expiresAt >= now ? s : null;
  }

  async recordOaInteraction(i: { userId: string; at: number; kind: 'message' | 'follow' | 'unfollow'; msgId?: string }): Promise<void> {
    this.check();
    const u = this.users.get(i.userId) ?? { userId: i.userId, lastInteractionAt: 0, repliesToLastMessage: 0 };
    if (i.kind === 'unfollow') {
      this.users.set(i.userId, { ...u, followed: false, unfollowedAt: Math.max(u.unfollowedAt ?? -1, i.at) });
      return;
    }
    const next = { ...u, lastInteractionAt: Math.max(u.lastInteractionAt, i.at) };
    if (i.kind === 'follow' && i.at >= (u.unfollowedAt ?? -1)) next.followed = true;
    if (i.kind === 'message' && i.at >= (u.lastMessageAt ?? -1)) {
      if (i.msgId !== u.lastMessageId) next.repliesToLastMessage = 0;
      next.lastMessageId = i.msgId;
      next.lastMessageAt = i.at;
    }
    this.users.set(i.userId, next);
  }

  async getOaUser(userId: string): Promise<OaUserRow | null> {
    this.check();
    const u = this.users.get(userId);
    return u ? { ...u } : null;
  }

  async countOaReply(userId: string, msgId: string): Promise<number> {
    this.check();
    const u = this.users.get(userId);
    if (!u || u.lastMessageId !== msgId) return 0;
    u.repliesToLastMessage += 1;
    return u.repliesToLastMessage;
  }
}
