import { describe, expect, it } from 'vitest';
import { LoginThrottle, waitText } from './login-throttle.js';

function clocked(o: ConstructorParameters<typeof LoginThrottle>[0] = {}) {
  const clock = { now: 1_000_000 };
  return { clock, th: new LoginThrottle({ now: () => clock.now, ...o }) };
}

describe('LoginThrottle', () => {
  it('delays a (username, address) pair after 3 failures, doubling the wait with each further failure', () => {
    const { clock, th } = clocked();
    for (let i = 0; i < 3; i++) th.recordFailure('lan', '192.0.2.1');
    expect(th.waitMs('lan', '192.0.2.1')).toBe(1000);
    clock.now += 1000;
    expect(th.isBlocked('lan', '192.0.2.1'), 'the wait is over').toBe(false);
    th.recordFailure('lan', '192.0.2.1');
    expect(th.waitMs('lan', '192.0.2.1')).toBe(2000);
    th.recordFailure('lan', '192.0.2.1');
    expect(th.waitMs('lan', '192.0.2.1')).toBe(4000);
  });

  it('caps the wait at 15 minutes', () => {
    const { th } = clocked();
    for (let i = 0; i < 40; i++) th.recordFailure('lan', '192.0.2.1');
    expect(th.waitMs('lan', '192.0.2.1')).toBe(15 * 60_000);
  });

  it('does not lock other accounts out of an address where someone keeps failing (issue 11)', () => {
    const { th } = clocked();
    th.recordSuccess('quantri', '192.0.2.1');
    for (let i = 0; i < 50; i++) th.recordFailure(`guess${i % 7}`, '192.0.2.1');
    expect(th.isBlocked('quantri', '192.0.2.1'), 'a known admin at the same address').toBe(false);
    expect(th.isBlocked('guess1', '192.0.2.1'), 'the guessing pairs are delayed').toBe(true);
  });

  it('does not let someone who knows a username lock its owner out', () => {
    const { th } = clocked();
    th.recordSuccess('quantri', '198.51.100.7');
    for (let i = 0; i < 50; i++) th.recordFailure('quantri', `203.0.113.${i}`);
    expect(th.isBlocked('quantri', '198.51.100.7')).toBe(false);
  });

  it('slows guessing spread over many usernames from one address, for pairs never seen to succeed', () => {
    const { th } = clocked({ spreadFreeFailures: 5 });
    for (const u of ['a', 'b', 'c', 'd', 'e']) th.recordFailure(u, '192.0.2.1');
    expect(th.isBlocked('someone-else', '192.0.2.1')).toBe(true);
    expect(th.isBlocked('someone-else', '192.0.2.2')).toBe(false);
  });

  it('forgets the pair after a success (the address count stays)', () => {
    const { th } = clocked({ spreadFreeFailures: 3 });
    for (let i = 0; i < 3; i++) th.recordFailure('lan', '192.0.2.1');
    th.recordSuccess('lan', '192.0.2.1');
    expect(th.isBlocked('lan', '192.0.2.1')).toBe(false);
    expect(th.isBlocked('minh', '192.0.2.1'), 'a new pair at that address is still slowed').toBe(true);
  });

  it('forgets failures a day old', () => {
    const { clock, th } = clocked();
    for (let i = 0; i < 30; i++) th.recordFailure('lan', '192.0.2.1');
    clock.now += 24 * 3600_000 + 1;
    expect(th.isBlocked('lan', '192.0.2.1')).toBe(false);
  });

  it('tracks at most maxKeys keys', () => {
    const th = new LoginThrottle({ maxKeys: 10 });
    for (let i = 0; i < 100; i++) th.recordFailure(`user${i}`, `192.0.2.${i}`);
    expect((th as unknown as { failures: Map<string, unknown> }).failures.size).toBeLessThanOrEqual(10);
  });

  it('says the wait in Vietnamese', () => {
    expect(waitText(1500)).toBe('2 giây');
    expect(waitText(61_000)).toBe('2 phút');
  });
});
