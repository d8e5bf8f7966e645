import { describe, it, expect } from 'vitest';
import { withRetry } from './retry.js';
import { PlatformApiError, PlatformNetworkError } from './platform-errors.js';

/** A call failing with the given errors in turn, then answering 'ok'; counts the calls. */
function failing(...errors: unknown[]) {
  const calls = { n: 0 };
  const fn = async () => {
    calls.n++;
    const e = errors.shift();
    if (e) throw e;
    return 'ok';
  };
  return { fn, calls };
}

describe('withRetry', () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);

  it('waits exactly retry_after when the platform says so, and backs off otherwise', async () => {
    waits.length = 0;
    const { fn, calls } = failing(new PlatformApiError('telegram', 'sendMessage', 429, 'Too Many Requests', 7), new PlatformApiError('telegram', 'sendMessage', 502, 'Bad Gateway'));
    expect(await withRetry(fn, { sleep, baseDelayMs: 100 })).toBe('ok');
    expect(calls.n).toBe(3);
    expect(waits[0]).toBe(7000);
    expect(waits[1]).toBeGreaterThanOrEqual(150);
  });

  it('never shortens a retry_after above maxDelayMs: it throws at once for the outbox to wait', async () => {
    waits.length = 0;
    const flood = new PlatformApiError('telegram', 'sendMessage', 429, 'Too Many Requests', 3600);
    const { fn, calls } = failing(flood);
    await expect(withRetry(fn, { sleep, maxDelayMs: 30_000 })).rejects.toBe(flood);
    expect(calls.n, 'a call made sooner than retry_after would only be refused again').toBe(1);
    expect(waits).toEqual([]);
  });

  it('does not repeat a request that timed out (it may have been delivered)', async () => {
    const timeout = new PlatformNetworkError('telegram', 'sendMessage', { cause: new Error('aborted'), timedOut: true });
    const { fn, calls } = failing(timeout);
    await expect(withRetry(fn, { sleep })).rejects.toBe(timeout);
    expect(calls.n).toBe(1);
  });

  it('retries a refused connection and throws a 403 at once', async () => {
    const refused = failing(new PlatformNetworkError('zalo', 'sendMessage', { cause: new Error('ECONNREFUSED') }));
    expect(await withRetry(refused.fn, { sleep })).toBe('ok');
    expect(refused.calls.n).toBe(2);
    const blocked = new PlatformApiError('telegram', 'sendMessage', 403, 'Forbidden');
    const b = failing(blocked);
    await expect(withRetry(b.fn, { sleep })).rejects.toBe(blocked);
    expect(b.calls.n).toBe(1);
  });
});
