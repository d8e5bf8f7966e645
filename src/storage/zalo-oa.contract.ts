/**
 * The behaviour every {@link ZaloOaStore} implementation must show, as a Vitest suite run against real
 * databases by `sqlite/sqlite-store.int.test.ts` and `postgres/pg-store.int.test.ts`, including two
 * instances racing for the refresh lease. Not part of the public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OaTokenWrite, ZaloOaStore } from '../channels/zalo-oa/index.js';

/** A migrated store on a fresh database, a second instance on the same database, and the clean-up. */
export interface ZaloOaTestHarness {
  store: ZaloOaStore;
  openPeer: () => Promise<ZaloOaStore>;
  cleanup: () => Promise<void>;
}

const APP = '2553000000000000001';

function write(tokens: string, at: number, extra: Partial<OaTokenWrite> = {}): OaTokenWrite {
  return { tokens, keyId: 'k1', accessExpiresAt: at + 90_000_000, refreshExpiresAt: at + 7_776_000_000, at, ...extra };
}

/**
 * Registers the OA store contract for one store.
 *
 * @example runZaloOaContract('SqliteStore', async () => ({ store, openPeer, cleanup }));
 */
export function runZaloOaContract(name: string, open: () => Promise<ZaloOaTestHarness>): void {
  describe(`${name} as ZaloOaStore`, () => {
    let h: ZaloOaTestHarness;
    let store: ZaloOaStore;
    beforeEach(async () => {
      h = await open();
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('stores a new connection, then refreshes it only from the generation it read', async () => {
      expect(await store.getOaConnection(APP)).toBeNull();
      expect(await store.saveOaTokens(APP, 'any', write('sealed-1', 1000, { connection: { by: 'web:lan', oaId: '5500123456789012345', oaName: 'Sở Nội vụ' } }))).toBe(true);
      const first = await store.getOaConnection(APP);
      expect(first).toMatchObject({ appId: APP, status: 'connected', tokens: 'sealed-1', keyId: 'k1', generation: 1, oaId: '5500123456789012345', oaName: 'Sở Nội vụ', connectedBy: 'web:lan', connectedAt: 1000, refreshedAt: 1000, accessExpiresAt: 90_001_000 });
      expect(await store.saveOaTokens(APP, 1, write('sealed-2', 2000)), 'refresh from generation 1').toBe(true);
      expect(await store.saveOaTokens(APP, 1, write('sealed-stale', 3000)), 'a second save from generation 1 is stale').toBe(false);
      const second = await store.getOaConnection(APP);
      expect(second).toMatchObject({ tokens: 'sealed-2', generation: 2, oaName: 'Sở Nội vụ', connectedAt: 1000, refreshedAt: 2000 });
    });

    it('gives the refresh lease to one owner at a time, to another once it expires or is released', async () => {
      const a = await store.leaseOaConnection(APP, 'a', 100, 1100);
      expect(a, 'the first lease creates the row').toMatchObject({ status: 'disconnected', generation: 0, leaseOwner: 'a', leaseUntil: 1100 });
      expect(await store.leaseOaConnection(APP, 'b', 500, 1500)).toBeNull();
      expect(await store.leaseOaConnection(APP, 'a', 600, 1600), 'the holder may extend it').toMatchObject({ leaseOwner: 'a', leaseUntil: 1600 });
      expect(await store.leaseOaConnection(APP, 'b', 1700, 2700), 'expired').toMatchObject({ leaseOwner: 'b' });
      await store.releaseOaConnection(APP, 'a');
      expect((await store.getOaConnection(APP))?.leaseOwner, 'only the holder can release').toBe('b');
      await store.releaseOaConnection(APP, 'b');
      expect((await store.getOaConnection(APP))?.leaseOwner).toBeUndefined();
    });

    it('lets exactly one of two instances take the lease, and a save releases it', async () => {
      const peer = await h.openPeer();
      await store.saveOaTokens(APP, 'any', write('sealed-1', 1000, { connection: { by: 'seed' } }));
      const results = await Promise.all([
        ...Array.from({ length: 5 }, (_, i) => store.leaseOaConnection(APP, `a${i}`, 2000, 62_000)),
        ...Array.from({ length: 5 }, (_, i) => peer.leaseOaConnection(APP, `b${i}`, 2000, 62_000)),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const owner = winners[0]?.leaseOwner ?? '';
      const saves = await Promise.all([store.saveOaTokens(APP, 1, write('sealed-a', 3000)), peer.saveOaTokens(APP, 1, write('sealed-b', 3000))]);
      expect(saves.filter(Boolean), 'only one save from generation 1 lands').toHaveLength(1);
      const row = await peer.getOaConnection(APP);
      expect(row).toMatchObject({ generation: 2, status: 'connected' });
      expect(row?.leaseOwner, `lease of ${owner} released by the save`).toBeUndefined();
    });

    it('marks the pair unusable once per generation, keeps it for diagnosis, and a new connection clears it', async () => {
      await store.saveOaTokens(APP, 'any', write('sealed-1', 1000, { connection: { by: 'web:lan' } }));
      await store.leaseOaConnection(APP, 'a', 1500, 9000);
      expect(await store.markOaReauthRequired(APP, 1, 'Invalid refresh token', 2000)).toBe(true);
      expect(await store.markOaReauthRequired(APP, 1, 'again', 2100), 'reported once').toBe(false);
      expect(await store.getOaConnection(APP)).toMatchObject({ status: 'reauth_required', problem: 'Invalid refresh token', problemAt: 2000, tokens: 'sealed-1' });
      expect((await store.getOaConnection(APP))?.leaseOwner).toBeUndefined();
      await store.saveOaTokens(APP, 1, write('sealed-2', 2500));
      expect(await store.markOaReauthRequired(APP, 1, 'late report of an old generation', 2600)).toBe(false);
      await store.saveOaTokens(APP, 'any', write('sealed-3', 3000, { connection: { by: 'web:hung', oaId: '55' } }));
      const row = await store.getOaConnection(APP);
      expect(row).toMatchObject({ status: 'connected', tokens: 'sealed-3', connectedBy: 'web:hung', oaId: '55' });
      expect(row?.problem).toBeUndefined();
    });

    it('wipes the pair on disconnect and bumps the generation, keeping the spent seed fingerprint', async () => {
      await store.saveOaTokens(APP, 'any', write('sealed-1', 1000, { connection: { by: 'seed', seedId: 'seed-fp', oaId: '55', oaName: 'OA' } }));
      await store.disconnectOa(APP, 5000);
      const row = await store.getOaConnection(APP);
      expect(row).toMatchObject({ status: 'disconnected', generation: 2, seedId: 'seed-fp' });
      for (const k of ['tokens', 'oaId', 'oaName', 'accessExpiresAt', 'connectedBy'] as const) expect(row?.[k], k).toBeUndefined();
      expect(await store.saveOaTokens(APP, 1, write('sealed-late', 6000)), 'a refresh begun before the disconnect cannot bring the pair back').toBe(false);
    });

    it('hands out a pending authorisation once, and never an expired one', async () => {
      await store.saveOaAuthState({ state: 's1', verifier: 'sealed-v', createdBy: 'web:lan', createdAt: 1000, expiresAt: 601_000 });
      await store.saveOaAuthState({ state: 's2', verifier: 'sealed-w', createdBy: 'web:lan', createdAt: 1000, expiresAt: 2000 });
      expect(await store.takeOaAuthState('s1', 5000)).toEqual({ state: 's1', verifier: 'sealed-v', createdBy: 'web:lan', createdAt: 1000, expiresAt: 601_000 });
      expect(await store.takeOaAuthState('s1', 5000), 'single use').toBeNull();
      expect(await store.takeOaAuthState('s2', 5000), 'expired').toBeNull();
      expect(await store.takeOaAuthState('nope', 5000)).toBeNull();
    });

    it('tracks the last message and replies to it, never moving backwards on late deliveries', async () => {
      const user = '8411000000000000001';
      expect(await store.getOaUser(user)).toBeNull();
      await store.recordOaInteraction({ userId: user, at: 1000, kind: 'message', msgId: 'm1' });
      expect(await store.countOaReply(user, 'm1')).toBe(1);
      expect(await store.countOaReply(user, 'm1')).toBe(2);
      await store.recordOaInteraction({ userId: user, at: 5000, kind: 'message', msgId: 'm2' });
      expect(await store.countOaReply(user, 'm1'), 'm1 is no longer the last message').toBe(0);
      await store.recordOaInteraction({ userId: user, at: 3000, kind: 'message', msgId: 'm-late' });
      await store.recordOaInteraction({ userId: user, at: 5000, kind: 'message', msgId: 'm2' });
      expect(await store.getOaUser(user)).toEqual({ userId: user, lastInteractionAt: 5000, lastMessageAt: 5000, lastMessageId: 'm2', repliesToLastMessage: 0 });
      expect(await store.countOaReply(user, 'm2')).toBe(1);
      await store.recordOaInteraction({ userId: user, at: 5000, kind: 'message', msgId: 'm2' });
      expect((await store.getOaUser(user))?.repliesToLastMessage, 'a redelivered message keeps the count').toBe(1);
    });

    it('records follows and unfollows; an unfollow is not an interaction', async () => {
      await store.recordOaInteraction({ userId: 'u1', at: 1000, kind: 'follow' });
      expect(await store.getOaUser('u1')).toEqual({ userId: 'u1', lastInteractionAt: 1000, repliesToLastMessage: 0, followed: true });
      await store.recordOaInteraction({ userId: 'u1', at: 2000, kind: 'unfollow' });
      expect(await store.getOaUser('u1')).toMatchObject({ lastInteractionAt: 1000, followed: false, unfollowedAt: 2000 });
      await store.recordOaInteraction({ userId: 'u1', at: 1500, kind: 'follow' });
      expect((await store.getOaUser('u1'))?.followed, 'a follow older than the unfollow changes nothing').toBe(false);
      await store.recordOaInteraction({ userId: 'u2', at: 3000, kind: 'unfollow' });
      expect(await store.getOaUser('u2')).toMatchObject({ lastInteractionAt: 0, followed: false });
    });
  });
}
