import { describe, expect, it } from 'vitest';
import { LoginThrottle, MemoryLoginAttempts, waitText } from './login-throttle.js';

function clocked(o: ConstructorParameters<typeof LoginThrottle>[0] = {}) {
  const clock = { now: 1_000_000 };
  return { clock, th: new LoginThrottle({ now: () => clock.now, ...o }) };
}

describe('LoginThrottle', async () => {
  it('delays a (username, address) pair after 3 failures, doubling the wait with each further failure', async () => {
    const { clock, th } = clocked();
    for (let i = 0; i < 3; i++) await th.recordFailure('lan', '192.0.2.1');
    expect(await th.waitMs('lan', '192.0.2.1')).toBe(1000);
    clock.now += 1000;
    expect(await th.isBlocked('lan', '192.0.2.1'), 'the wait is over').toBe(false);
    await th.recordFailure('lan', '192.0.2.1');
    expect(await th.waitMs('lan', '192.0.2.1')).toBe(2000);
    await th.recordFailure('lan', '192.0.2.1');
    expect(await th.waitMs('lan', '192.0.2.1')).toBe(4000);
  });

  it('caps the wait at 15 minutes', async () => {
    const { th } = clocked();
    for (let i = 0; i < 40; i++) await th.recordFailure('lan', '192.0.2.1');
    expect(await th.waitMs('lan', '192.0.2.1')).toBe(15 * 60_000);
  });

  it('does not lock other accounts out of an address where someone keeps failing (issue 11)', async () => {
    const { th } = clocked();
    await th.recordSuccess('quantri', '192.0.2.1');
    for (let i = 0; i < 50; i++) await th.recordFailure(`guess${i % 7}`, '192.0.2.1');
    expect(await th.isBlocked('quantri', '192.0.2.1'), 'a known admin at the same address').toBe(false);
    expect(await th.isBlocked('guess1', '192.0.2.1'), 'the guessing pairs are delayed').toBe(true);
  });

  it('does not let someone who knows a username lock its owner out', async () => {
    const { th } = clocked();
    await th.recordSuccess('quantri', '198.51.100.7');
    for (let i = 0; i < 50; i++) await th.recordFailure('quantri', `203.0.113.${i}`);
    expect(await th.isBlocked('quantri', '198.51.100.7')).toBe(false);
  });

  it('slows guessing spread over many usernames from one address, for pairs never seen to succeed', async () => {
    const { th } = clocked({ spreadFreeFailures: 5 });
    for (const u of ['a', 'b', 'c', 'd', 'e']) await th.recordFailure(u, '192.0.2.1');
    expect(await th.isBlocked('someone-else', '192.0.2.1')).toBe(true);
    expect(await th.isBlocked('someone-else', '192.0.2.2')).toBe(false);
  });

  it('forgets the pair after a success (the address count stays)', async () => {
    const { th } = clocked({ spreadFreeFailures: 3 });
    for (let i = 0; i < 3; i++) await th.recordFailure('lan', '192.0.2.1');
    await th.recordSuccess('lan', '192.0.2.1');
    expect(await th.isBlocked('lan', '192.0.2.1')).toBe(false);
    expect(await th.isBlocked('minh', '192.0.2.1'), 'a new pair at that address is still slowed').toBe(true);
  });

  it('forgets failures a day old', async () => {
    const { clock, th } = clocked();
    for (let i = 0; i < 30; i++) await th.recordFailure('lan', '192.0.2.1');
    clock.now += 24 * 3600_000 + 1;
    expect(await th.isBlocked('lan', '192.0.2.1')).toBe(false);
  });

  it('tracks at most maxKeys keys', async () => {
    const store = new MemoryLoginAttempts(10);
    const th = new LoginThrottle({ store });
    for (let i = 0; i < 100; i++) await th.recordFailure(`user${i}`, `192.0.2.${i}`);
    expect(store.size).toBeLessThanOrEqual(10);
  });

  it('says the wait in Vietnamese', async () => {
    expect(waitText(1500)).toBe('2 giây');
    expect(waitText(61_000)).toBe('2 phút');
  });
});
