import { PlatformApiError, PlatformNetworkError } from './platform-errors.js';

/** Options for {@link withRetry}. */
export interface RetryOptions {
  /** Attempts in all, including the first. Default 5. */
  attempts?: number;
  /** First backoff in ms, doubled each time (with jitter). Default 500. */
  baseDelayMs?: number;
  /**
   * Longest single wait, ms. Default 30 000. A platform's `retry_after` longer than this is not shortened:
   * the error is thrown at once so the caller (the reply outbox, the staff outbox) waits as long as asked.
   */
  maxDelayMs?: number;
  /** Injectable sleep, for tests. */
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs a platform call, retrying 429 (after the platform's `retry_after`), 5xx and network failures with
 * exponential backoff. Thrown at once instead: other errors (a 400 bad request, a 403 blocked bot); a
 * request that timed out after it was sent (it may have been delivered: repeating it at once is how an
 * answer arrives twice); and a 429 whose `retry_after` is longer than `maxDelayMs` (flood control asking
 * for minutes: the caller's outbox schedules the retry, nothing is shortened). Throws the last error when
 * every attempt failed, so a reply is never silently dropped.
 */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 5;
  const base = opts.baseDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 30_000;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err: unknown) {
      const retryable = (err instanceof PlatformNetworkError && !err.timedOut) || (err instanceof PlatformApiError && err.retryable);
      if (!retryable || attempt >= attempts) throw err;
      const hinted = err instanceof PlatformApiError && err.retryAfter !== undefined ? err.retryAfter * 1000 : undefined;
      if (hinted !== undefined && hinted > max) throw err;
      const delay = hinted ?? Math.min(max, base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}
