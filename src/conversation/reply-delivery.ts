/**
 * The retry policy and lease helpers of the reply outbox (see README.md "Reply outbox"): how long to wait
 * after a failed send, when to give up, and how an instance tells that a lease holder died.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';

/** Default longest backoff between delivery attempts, ms (`REPLY_MAX_BACKOFF_SECONDS`). */
export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/** Settings of {@link retryPlan}. */
export interface RetryPolicy {
  /** Give up once the next attempt would come later than this after the update arrived, ms. */
  giveUpMs: number;
  /** First backoff, ms, doubled per attempt. Default 2000. */
  baseDelayMs?: number;
  /**
   * Longest backoff between attempts, ms: a hard cap (jitter never goes above it), so after a long outage
   * an answer is tried again at least this often. A platform's `retry_after` may ask for more and is
   * honoured. Default {@link DEFAULT_MAX_BACKOFF_MS}.
   */
  maxDelayMs?: number;
  /**
   * Least wait after a request whose outcome is unknown (it timed out after it was sent: the platform may
   * have delivered it), ms. Default 60 000: a platform that slow is overloaded, and resending at once is
   * what doubles answers.
   */
  unknownOutcomeDelayMs?: number;
}

/** What to do after a failed delivery attempt. */
export interface RetryPlan {
  giveUp: boolean;
  nextAttemptAt: number;
  /** Why it failed, in the shape the logs and the outbox row keep. */
  kind: 'permanent' | 'rate_limited' | 'unknown_outcome' | 'transient';
}

/**
 * The failure as the core sees it, read structurally so the core needs no channel types: a
 * `PlatformApiError` has `retryable` and `retryAfter` (seconds), a `PlatformNetworkError` from a timed-out
 * request has `timedOut`, and a sender marks "retrying cannot help until the official writes again" with
 * `permanent` (Zalo OA's closed reply window). A refusal that is not `retryable` (400, 403) is permanent,
 * except a Zalo OA token failure (`kind: 'token'`), which an admin's reconnection heals.
 */
export function failureKind(err: unknown): { kind: RetryPlan['kind']; retryAfterMs?: number } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { permanent?: unknown; retryable?: unknown; retryAfter?: unknown; timedOut?: unknown; kind?: unknown };
  // A refused or missing Zalo OA token (`kind: 'token'`) heals once an admin reconnects: retried.
  if (e.permanent === true || (e.retryable === false && e.kind !== 'token')) return { kind: 'permanent' };
  if (typeof e.retryAfter === 'number' && e.retryAfter >= 0) return { kind: 'rate_limited', retryAfterMs: e.retryAfter * 1000 };
  if (e.timedOut === true) return { kind: 'unknown_outcome' };
  return { kind: 'transient' };
}

/**
 * Decides when to try a failed delivery again: exponential backoff (with ±20 % jitter) never longer than
 * `maxDelayMs`, never sooner than the platform's `retry_after` whatever its size, and never sooner than
 * `unknownOutcomeDelayMs` after a timed-out request. Gives up at once on a permanent failure, or when the
 * next attempt would pass `giveUpMs` after `createdAt`.
 */
export function retryPlan(err: unknown, attempts: number, createdAt: number, now: number, policy: RetryPolicy, random: () => number = Math.random): RetryPlan {
  const { kind, retryAfterMs } = failureKind(err);
  if (kind === 'permanent') return { giveUp: true, nextAttemptAt: now, kind };
  const base = policy.baseDelayMs ?? 2000;
  const cap = policy.maxDelayMs ?? DEFAULT_MAX_BACKOFF_MS;
  const backoff = Math.min(cap, Math.min(cap, base * 2 ** Math.min(attempts, 30)) * (0.8 + random() * 0.4));
  const delay = Math.max(backoff, retryAfterMs ?? 0, kind === 'unknown_outcome' ? (policy.unknownOutcomeDelayMs ?? 60_000) : 0);
  const nextAttemptAt = now + Math.round(delay);
  return { giveUp: nextAttemptAt - createdAt > policy.giveUpMs, nextAttemptAt, kind };
}

/**
 * A lease owner id naming this process: `reply:<host>:<pid>:<random>`. Another instance on the same host
 * can then tell when the holder is gone (see {@link isDeadLocalOwner}).
 */
export function newOwnerId(): string {
  return `reply:${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * True when `owner` is a lease holder on this host that no longer runs: its process id does not exist,
 * or it is this process's id under another name (a previous run in the same container). Owners on other
 * hosts are never judged dead here; their leases simply expire.
 */
export function isDeadLocalOwner(owner: string, self: string): boolean {
  if (owner === self) return false;
  const m = /^reply:(.*):(\d+):[0-9a-f]{8}$/.exec(owner);
  if (!m || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err: unknown) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
