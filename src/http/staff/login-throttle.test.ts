import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('blocks a username after 5 failures within 15 minutes, and frees it when they age out', () => {
    const clock = { now: 0 };
    const th = new LoginThrottle({ now: () => clock.now });
    for (let i = 0; i < 4; i++) th.recordFailure('lan', `10.0.0.${i}`);
    expect(th.isBlocked('lan', '10.0.0.9')).toBe(false);
    th.recordFailure('lan', '10.0.0.4');
    expect(th.isBlocked('lan', '10.0.0.9')).toBe(true);
    clock.now = 15 * 60_000 + 1;
    expect(th.isBlocked('lan', '10.0.0.9')).toBe(false);
  });

  it('blocks an IP that fails for several usernames', () => {
    const th = new LoginThrottle();
    for (const u of ['a', 'b', 'c', 'd', 'e']) th.recordFailure(u, '192.0.2.1');
    expect(th.isBlocked('someone-else', '192.0.2.1')).toBe(true);
    expect(th.isBlocked('someone-else', '192.0.2.2')).toBe(false);
  });

  it('forgets the username (not the IP) after a success', () => {
    const th = new LoginThrottle({ maxFailures: 2 });
    th.recordFailure('lan', '192.0.2.1');
    th.recordFailure('lan', '192.0.2.1');
    th.recordSuccess('lan');
    expect(th.isBlocked('lan', '192.0.2.7')).toBe(false);
    expect(th.isBlocked('lan', '192.0.2.1')).toBe(true);
  });

  it('tracks at most maxKeys keys', () => {
    const th = new LoginThrottle({ maxKeys: 10 });
    for (let i = 0; i < 100; i++) th.recordFailure(`user${i}`, '192.0.2.1');
    expect((th as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(10);
  });
});
