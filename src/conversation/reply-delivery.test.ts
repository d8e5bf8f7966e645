import { describe, it, expect } from 'vitest';
import { failureKind, isDeadLocalOwner, newOwnerId, retryPlan } from './reply-delivery.js';

const policy = { giveUpMs: 3600_000, baseDelayMs: 1000, maxDelayMs: 60_000, unknownOutcomeDelayMs: 30_000 };
const half = () => 0.5;

describe('retryPlan', () => {
  it('doubles the backoff per attempt up to the cap', () => {
    const delays = [0, 1, 2, 3, 10].map((a) => retryPlan(new Error('x'), a, 0, 0, policy, half).nextAttemptAt);
    expect(delays).toEqual([1000, 2000, 4000, 8000, 60_000]);
  });

  it('never retries sooner than retry_after, even far above the cap', () => {
    const plan = retryPlan({ retryable: true, retryAfter: 1800 }, 0, 0, 0, policy, half);
    expect(plan).toMatchObject({ kind: 'rate_limited', giveUp: false, nextAttemptAt: 1_800_000 });
  });

  it('never waits longer than the cap, whatever the jitter; by default a minute', () => {
    for (const r of [0, 0.5, 0.999]) {
      expect(retryPlan(new Error('x'), 12, 0, 0, policy, () => r).nextAttemptAt).toBeLessThanOrEqual(60_000);
      expect(retryPlan(new Error('x'), 12, 0, 0, { giveUpMs: 3600_000 }, () => r).nextAttemptAt).toBeLessThanOrEqual(60_000);
    }
    expect(retryPlan(new Error('x'), 12, 0, 0, { giveUpMs: 3600_000 }, () => 0).nextAttemptAt).toBeGreaterThanOrEqual(48_000);
  });

  it('honours a retry_after above the default cap', () => {
    expect(retryPlan({ retryable: true, retryAfter: 120 }, 8, 0, 0, { giveUpMs: 3600_000 }, half)).toMatchObject({ kind: 'rate_limited', nextAttemptAt: 120_000 });
  });

  it('waits at least the unknown-outcome delay after a timed-out request', () => {
    expect(retryPlan({ timedOut: true }, 0, 0, 0, policy, half)).toMatchObject({ kind: 'unknown_outcome', nextAttemptAt: 30_000 });
  });

  it('gives up on permanent refusals at once, and when the next attempt passes the give-up time', () => {
    expect(retryPlan({ retryable: false, code: 403 }, 0, 0, 5, policy).giveUp).toBe(true);
    expect(retryPlan({ permanent: true }, 0, 0, 5, policy).giveUp).toBe(true);
    expect(retryPlan(new Error('x'), 3, 0, 3_595_000, policy, half).giveUp).toBe(true);
    expect(retryPlan(new Error('x'), 3, 0, 3_000_000, policy, half).giveUp).toBe(false);
  });

  it('keeps retrying a Zalo OA token failure (an admin reconnects)', () => {
    expect(failureKind({ retryable: false, kind: 'token' }).kind).toBe('transient');
  });
});

describe('lease owners', () => {
  it('knows this process is alive and a missing process on this host is dead; other hosts are never judged', () => {
    const me = newOwnerId();
    expect(isDeadLocalOwner(me, me)).toBe(false);
    const [, host] = /^reply:(.*):\d+:/.exec(me) ?? [];
    expect(isDeadLocalOwner(`reply:${host}:${process.ppid}:0123abcd`, me), 'the parent process is alive').toBe(false);
    expect(isDeadLocalOwner(`reply:${host}:99999999:0123abcd`, me)).toBe(true);
    expect(isDeadLocalOwner(`reply:${host}:${process.pid}:0123abcd`, me), 'this pid under another name: a previous run').toBe(true);
    expect(isDeadLocalOwner('reply:another-host:1:0123abcd', me)).toBe(false);
    expect(isDeadLocalOwner('relay-xyz', me)).toBe(false);
  });
});
