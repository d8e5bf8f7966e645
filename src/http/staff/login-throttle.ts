/**
 * Login throttling for the staff and admin consoles (issue 11, failure 7).
 *
 * Failed attempts are counted per (username, client address) pair, and each failure beyond a few free
 * ones doubles the wait before the next attempt of that pair (1 s, 2 s, 4 s … up to 15 minutes). There
 * is no blanket lockout: a right password from an address where others fail is still accepted, and
 * knowing a username is not enough to lock its owner out.
 *
 * Guessing spread over many usernames from one address, or over many addresses against one username, is
 * slowed by looser per-address and per-username counters, which apply only to pairs that have never
 * signed in successfully: an admin who has signed in from their office address before is never delayed by
 * someone else's failures.
 *
 * Counts live in this process's memory (they reset on restart and are not shared between instances).
 */

/** Options of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failures of one (username, address) pair before delays start. Default 3. */
  freeFailures?: number;
  /** Failures from one address (any usernames), or against one username (any addresses), before delays start for pairs never seen to succeed. Default 20. */
  spreadFreeFailures?: number;
  /** The first delay; each further failure doubles it. Default 1 s. */
  baseDelayMs?: number;
  /** The longest delay. Default 15 minutes. */
  maxDelayMs?: number;
  /** Failures older than this (since the key's last failure) are forgotten. Default 24 hours. */
  forgetMs?: number;
  /** Most keys tracked; the oldest are dropped beyond it so a flood of usernames cannot exhaust memory. Default 10 000. */
  maxKeys?: number;
  now?: () => number;
}

interface Failures {
  count: number;
  last: number;
}

/**
 * Per-(user, address) login throttle with a growing delay.
 *
 * @example
 * const wait = throttle.waitMs(username, ip);
 * if (wait > 0) return tooManyAttempts(wait);
 * if (!ok) throttle.recordFailure(username, ip); else throttle.recordSuccess(username, ip);
 */
export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly known = new Map<string, number>();
  private readonly free: number;
  private readonly spreadFree: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(o: LoginThrottleOptions = {}) {
    this.free = o.freeFailures ?? 3;
    this.spreadFree = o.spreadFreeFailures ?? 20;
    this.baseDelayMs = o.baseDelayMs ?? 1000;
    this.maxDelayMs = o.maxDelayMs ?? 15 * 60_000;
    this.forgetMs = o.forgetMs ?? 24 * 3600_000;
    this.maxKeys = o.maxKeys ?? 10_000;
    this.now = o.now ?? Date.now;
  }

  /** How long (ms) this username must wait before trying again from this address; 0 = may try now. */
  waitMs(username: string, ip: string): number {
    const pair = this.wait(pairKey(username, ip), this.free);
    if (this.known.has(pairKey(username, ip))) return pair;
    return Math.max(pair, this.wait(`ip:${ip}`, this.spreadFree), this.wait(`user:${username}`, this.spreadFree));
  }

  /** True when {@link waitMs} is positive. */
  isBlocked(username: string, ip: string): boolean {
    return this.waitMs(username, ip) > 0;
  }

  /** Records a failed attempt against the pair, the address and the username. */
  recordFailure(username: string, ip: string): void {
    const at = this.now();
    for (const key of [pairKey(username, ip), `ip:${ip}`, `user:${username}`]) {
      const before = this.current(key, at);
      this.failures.delete(key); // re-insert so Map order is least recently failed first
      this.failures.set(key, { count: (before?.count ?? 0) + 1, last: at });
    }
    trim(this.failures, this.maxKeys);
  }

  /**
   * Forgets the pair's failures after a successful login and remembers the pair as known (so spread-out
   * guessing by others never delays it). The address's and username's counts are kept, so one valid
   * account cannot be used to reset the counters while guessing others' passwords.
   */
  recordSuccess(username: string, ip?: string): void {
    if (ip === undefined) return;
    const key = pairKey(username, ip);
    this.failures.delete(key);
    this.known.delete(key);
    this.known.set(key, this.now());
    trim(this.known, this.maxKeys);
  }

  private wait(key: string, free: number): number {
    const f = this.current(key, this.now());
    if (!f || f.count < free) return 0;
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(30, f.count - free));
    return Math.max(0, f.last + delay - this.now());
  }

  private current(key: string, at: number): Failures | undefined {
    const f = this.failures.get(key);
    if (f && at - f.last > this.forgetMs) {
      this.failures.delete(key);
      return undefined;
    }
    return f;
  }
}

function pairKey(username: string, ip: string): string {
  return `pair:${username}\n${ip}`;
}

function trim(map: Map<string, unknown>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

/** "45 giây", "3 phút": a wait as the login page says it (rounded up). */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}
