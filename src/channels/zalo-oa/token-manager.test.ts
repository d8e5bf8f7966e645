import { describe, it, expect } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { MemoryZaloOaStore } from '../../../test/support/memory-zalo-oa-store.js';
import { OaNotConnectedError, OaOAuthRejectedError } from './oa-errors.js';
import type { OaTokenPair, ZaloOaOAuthClient } from './oauth-client.js';
import { PlatformNetworkError } from '../platform-errors.js';
import { TokenCipher } from './token-cipher.js';
import { OaTokenManager } from './token-manager.js';
import type { OaTokenEvent } from './token-manager.js';

const APP = '2553';
const HOUR = 3600_000;

/** A fake OAuth endpoint: single-use refresh tokens, calls recorded, optional delay and failures. */
class FakeOAuth {
  valid = new Set<string>(['r0']);
  calls: string[] = [];
  next = 1;
  failNext: 'network' | undefined;
  delay = Promise.resolve();
  constructor(private readonly clock: { now: number }) {}
  async refresh(refreshToken: string): Promise<OaTokenPair> {
    this.calls.push(refreshToken);
    await this.delay;
    if (this.failNext === 'network') {
      this.failNext = undefined;
      throw new PlatformNetworkError('zalo-oa', 'access_token', { cause: new Error('socket hang up') });
    }
    if (!this.valid.delete(refreshToken)) throw new OaOAuthRejectedError('refresh_token', -14014, 'Invalid refresh token');
    const n = this.next++;
    this.valid.add(`r${n}`);
    return { accessToken: `a${n}`, refreshToken: `r${n}`, accessExpiresAt: this.clock.now + 25 * HOUR, refreshExpiresAt: this.clock.now + 2000 * HOUR };
  }
}

function setup(opts: { accessLeftMs?: number } = {}) {
  const clock = { now: 1_000_000_000 };
  const store = new MemoryZaloOaStore();
  const oauth = new FakeOAuth(clock);
  const cipher = new TokenCipher(Buffer.alloc(32, 3));
  const events: OaTokenEvent[] = [];
  const manager = (owner: string) => new OaTokenManager({
    store, oauth: oauth as unknown as ZaloOaOAuthClient, cipher, appId: APP, logger: silentLogger, owner,
    now: () => clock.now, sleep: async () => { clock.now += 10; await new Promise((r) => setImmediate(r)); }, pollMs: 10, onEvent: (e) => events.push(e),
  });
  const a = manager('instance-a');
  const connect = () => a.saveConnection({ accessToken: 'a0', refreshToken: 'r0', accessExpiresAt: clock.now + (opts.accessLeftMs ?? 25 * HOUR), refreshExpiresAt: clock.now + 2000 * HOUR }, { by: 'web:lan', oaId: '55' });
  return { clock, store, oauth, cipher, events, a, manager, connect };
}

describe('OaTokenManager', () => {
  it('hands out the stored token while it is fresh, sealed at rest (the database never sees it)', async () => {
    const t = setup();
    await t.connect();
    expect(await t.a.accessToken()).toBe('a0');
    expect(t.oauth.calls).toEqual([]);
    expect(t.events).toEqual([{ kind: 'connected', by: 'web:lan', oaId: '55' }]);
    // '.' is outside the base64url alphabet of the sealed form, so these words cannot appear by chance.
    await t.a.saveConnection({ accessToken: 'ACCESS.TOKEN.SECRET', refreshToken: 'REFRESH.TOKEN.SECRET', accessExpiresAt: t.clock.now + 25 * HOUR, refreshExpiresAt: t.clock.now + 2000 * HOUR }, { by: 'web:lan' });
    expect(t.store.rows.get(APP)?.tokens).not.toMatch(/TOKEN|SECRET|accessToken/);
    expect(await t.a.accessToken()).toBe('ACCESS.TOKEN.SECRET');
  });

  it('refreshes ahead of expiry, saves the new pair before using it, and spends each refresh token once', async () => {
    const t = setup({ accessLeftMs: 30 * 60_000 });
    await t.connect();
    expect(await t.a.accessToken()).toBe('a1');
    expect(t.oauth.calls).toEqual(['r0']);
    expect(t.store.rows.get(APP)).toMatchObject({ status: 'connected', generation: 2, accessExpiresAt: t.clock.now + 25 * HOUR });
    expect(await t.a.accessToken()).toBe('a1');
    expect(t.oauth.calls, 'no second refresh while fresh').toEqual(['r0']);
  });

  it('lets exactly one of two instances refresh; the other waits and uses the saved pair', async () => {
    const t = setup({ accessLeftMs: 10 * 60_000 });
    await t.connect();
    const b = t.manager('instance-b');
    let release!: () => void;
    t.oauth.delay = new Promise<void>((r) => (release = r));
    const both = Promise.all([t.a.accessToken(), b.accessToken(), t.a.accessToken(), b.accessToken()]);
    await new Promise((r) => setTimeout(r, 20));
    release();
    expect(await both).toEqual(['a1', 'a1', 'a1', 'a1']);
    expect(t.oauth.calls).toEqual(['r0']);
    expect(t.events.filter((e) => e.kind === 'reauth_required')).toEqual([]);
  });

  it('after a rejected token uses the pair another instance already saved instead of refreshing again', async () => {
    const t = setup();
    await t.connect();
    const b = t.manager('instance-b');
    expect(await t.a.refreshAfterRejection('a0')).toBe('a1');
    expect(await b.refreshAfterRejection('a0'), 'b was still holding a0').toBe('a1');
    expect(t.oauth.calls).toEqual(['r0']);
  });

  it('marks a refused refresh token once, reports it, and keeps using the access token until it expires', async () => {
    const t = setup({ accessLeftMs: 30 * 60_000 });
    await t.connect();
    t.oauth.valid.clear();
    expect(await t.a.accessToken(), 'still valid for 30 minutes').toBe('a0');
    expect(t.store.rows.get(APP)).toMatchObject({ status: 'reauth_required', problem: 'Invalid refresh token' });
    expect(t.events.filter((e) => e.kind === 'reauth_required')).toEqual([{ kind: 'reauth_required', problem: 'Invalid refresh token' }]);
    expect(await t.manager('instance-b').accessToken()).toBe('a0');
    expect(t.oauth.calls, 'no second attempt on a refused pair').toEqual(['r0']);
    t.clock.now += HOUR;
    await expect(t.a.accessToken()).rejects.toMatchObject({ reason: 'reauth_required' });
  });

  it('keeps the pair after a network failure and refreshes on a later try', async () => {
    const t = setup({ accessLeftMs: 30 * 60_000 });
    await t.connect();
    t.oauth.failNext = 'network';
    expect(await t.a.accessToken()).toBe('a0');
    expect(t.events.some((e) => e.kind === 'refresh_failed')).toBe(true);
    expect(t.store.rows.get(APP)).toMatchObject({ status: 'connected', generation: 1 });
    expect(t.store.rows.get(APP)?.leaseOwner, 'lease released').toBeUndefined();
    expect(await t.a.refreshIfDue()).toBe(true);
    expect(await t.a.accessToken()).toBe('a1');
  });

  it('refuses with a clear reason when nothing is connected or the key changed', async () => {
    const t = setup();
    await expect(t.a.accessToken()).rejects.toBeInstanceOf(OaNotConnectedError);
    await t.connect();
    const other = new OaTokenManager({ store: t.store, oauth: t.oauth as unknown as ZaloOaOAuthClient, cipher: new TokenCipher(Buffer.alloc(32, 9)), appId: APP, logger: silentLogger });
    await expect(other.accessToken()).rejects.toMatchObject({ reason: 'key_changed' });
    expect((await other.connection()).keyMatches).toBe(false);
  });

  it('spends a seed refresh token once across instances, and not again after a restart', async () => {
    const t = setup();
    t.oauth.valid = new Set(['seed-1']);
    const b = t.manager('instance-b');
    const outcomes = await Promise.all([t.a.seed('seed-1'), b.seed('seed-1')]);
    expect(outcomes.sort()).toEqual(['busy', 'seeded']);
    expect(t.oauth.calls).toEqual(['seed-1']);
    expect(await t.a.accessToken()).toBe('a1');
    expect(await t.manager('after-restart').seed('seed-1')).toBe('already_connected');
    await t.a.disconnect('web:lan');
    expect(await t.a.seed('seed-1'), 'a spent seed is not tried again').toBe('seed_spent');
    t.oauth.valid.add('seed-2');
    expect(await t.a.seed('seed-2'), 'a new seed connects again').toBe('seeded');
  });
});
