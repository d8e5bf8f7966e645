/**
 * The behaviour every {@link LoginAttemptStore} must show, run against real databases by the store
 * integration tests: counts per key, forgetting, success, and counts shared by two stores on one database
 * (two instances) without losing concurrent failures. Not part of the public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginAttemptStore } from '../escalation/index.js';
import { LoginThrottle } from '../http/staff/index.js';

/** A migrated store on a fresh database, a second store on the same database, and how to close both. */
export interface LoginAttemptHarness {
  store: LoginAttemptStore;
  peer: LoginAttemptStore;
  cleanup: () => Promise<void>;
}

/** Registers the login-attempt contract for one store. */
export function runLoginAttemptContract(name: string, open: () => Promise<LoginAttemptHarness>): void {
  describe(`${name} as LoginAttemptStore`, () => {
    let h: LoginAttemptHarness;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('counts failures per key with the last failure time, and forgets counts older than `since`', async () => {
      await h.store.recordLoginFailure(['pair:lan\n192.0.2.1', 'ip:192.0.2.1'], 1_000, 0);
      await h.store.recordLoginFailure(['pair:lan\n192.0.2.1'], 2_000, 0);
      const read = await h.store.loginAttempts(['pair:lan\n192.0.2.1', 'ip:192.0.2.1', 'user:minh'], 0);
      expect(read.get('pair:lan\n192.0.2.1')).toEqual({ failures: 2, lastFailureAt: 2_000, succeededAt: null });
      expect(read.get('ip:192.0.2.1')).toEqual({ failures: 1, lastFailureAt: 1_000, succeededAt: null });
      expect(read.has('user:minh'), 'a key never seen has no record').toBe(false);
      expect((await h.store.loginAttempts(['pair:lan\n192.0.2.1'], 2_001)).get('pair:lan\n192.0.2.1')?.failures, 'too old: forgotten').toBe(0);
      await h.store.recordLoginFailure(['pair:lan\n192.0.2.1'], 9_000, 5_000);
      expect((await h.store.loginAttempts(['pair:lan\n192.0.2.1'], 5_000)).get('pair:lan\n192.0.2.1')?.failures, 'a failure after a forgotten run starts again at one').toBe(1);
    });

    it('clears the failures of a key that signs in and remembers the success', async () => {
      await h.store.recordLoginFailure(['pair:lan\n192.0.2.1'], 1_000, 0);
      await h.store.recordLoginSuccess('pair:lan\n192.0.2.1', 1_500);
      expect((await h.store.loginAttempts(['pair:lan\n192.0.2.1'], 0)).get('pair:lan\n192.0.2.1')).toEqual({ failures: 0, lastFailureAt: null, succeededAt: 1_500 });
      await h.store.recordLoginFailure(['pair:lan\n192.0.2.1'], 2_000, 0);
      expect((await h.store.loginAttempts(['pair:lan\n192.0.2.1'], 0)).get('pair:lan\n192.0.2.1')).toEqual({ failures: 1, lastFailureAt: 2_000, succeededAt: 1_500 });
      await h.store.recordLoginFailure(['ip:x'], 100_000, 50_000);
      expect((await h.peer.loginAttempts(['pair:lan\n192.0.2.1'], 0)).get('pair:lan\n192.0.2.1')?.succeededAt, 'a key that signed in is kept when old failures are pruned').toBe(1_500);
    });

    it('counts every failure recorded at once by two instances', async () => {
      const keys = ['pair:quantri\n203.0.113.9', 'user:quantri'];
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? h.peer : h.store).recordLoginFailure(keys, 1_000 + i, 0)));
      const read = await h.peer.loginAttempts(keys, 0);
      expect(read.get(keys[0])?.failures, 'no failure lost between instances').toBe(20);
      expect(read.get(keys[1])?.failures).toBe(20);
    });

    it('gives N throttles on one database the attempts of one, not N times them', async () => {
      const now = () => 1_000_000;
      const one = new LoginThrottle({ store: h.store, now });
      const two = new LoginThrottle({ store: h.peer, now });
      // Two failures through each instance: three are free, the fourth starts the delay everywhere.
      for (const t of [one, two, one, two]) await t.recordFailure('lan', '192.0.2.1');
      expect(await one.waitMs('lan', '192.0.2.1')).toBe(2_000);
      expect(await two.waitMs('lan', '192.0.2.1')).toBe(2_000);
      await two.recordSuccess('lan', '192.0.2.1');
      expect(await one.isBlocked('lan', '192.0.2.1'), 'a success on one instance clears the pair on the other').toBe(false);
    });
  });
}
