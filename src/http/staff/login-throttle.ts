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
 * Counts live in a {@link LoginAttemptStore}: the database in production, so every instance sees the same
 * counts (N instances do not give N times the attempts); this process's memory when none is given (tests).
 */
import type { LoginAttemptStore, LoginAttempts } from '../../escalation/index.js';

/** Options of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Where the counts live. Default: a {@link MemoryLoginAttempts} of this process (not shared). */
  store?: LoginAttemptStore;
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
  /** Memory store only: most keys tracked; the oldest are dropped beyond it so a flood of usernames cannot exhaust memory. Default 10 000. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * Per-(user, address) login throttle with a growing delay.
 *
 * @example
 * const wait = await throttle.waitMs(username, ip);
 * if (wait > 0) return tooManyAttempts(wait);
 * if (!ok) await throttle.recordFailure(username, ip); else await throttle.recordSuccess(username, ip);
 */
export class LoginThrottle {
  private readonly store: LoginAttemptStore;
  private readonly free: number;
  private readonly spreadFree: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetMs: number;
  private readonly now: () => number;

  constructor(o: LoginThrottleOptions = {}) {
    this.free = o.freeFailures ?? 3;
    this.spreadFree = o.spreadFreeFailures ?? 20;
    this.baseDelayMs = o.baseDelayMs ?? 1000;
    this.maxDelayMs = o.maxDelayMs ?? 15 * 60_000;
    this.forgetMs = o.forgetMs ?? 24 * 3600_000;
    this.store = o.store ?? new MemoryLoginAttempts(o.maxKeys ?? 10_000);
    this.now = o.now ?? Date.now;
  }

  /** How long (ms) this username must wait before trying again from this address; 0 = may try now. */
  async waitMs(username: string, ip: string): Promise<number> {
    const now = this.now();
    const pair = pairKey(username, ip);
    const spread = [`ip:${ip}`, `user:${username}`];
    const records = await this.store.loginAttempts([pair, ...spread], now - this.forgetMs);
    const pairWait = this.wait(records.get(pair), this.free, now);
    if (records.get(pair)?.succeededAt != null) return pairWait;
    return Math.max(pairWait, ...spread.map((k) => this.wait(records.get(k), this.spreadFree, now)));
  }

  /** True when {@link waitMs} is positive. */
  async isBlocked(username: string, ip: string): Promise<boolean> {
    return (await this.waitMs(username, ip)) > 0;
  }

  /** Records a failed attempt against the pair, the address and the username. */
  async recordFailure(username: string, ip: string): Promise<void> {
    const at = this.now();
    await this.store.recordLoginFailure([pairKey(username, ip), `ip:${ip}`, `user:${username}`], at, at - this.forgetMs);
  }

  /**
   * Forgets the pair's failures after a successful login and remembers the pair as known (so spread-out
   * guessing by others never delays it). The address's and username's counts are kept, so one valid
   * account cannot be used to reset the counters while guessing others' passwords.
   */
  async recordSuccess(username: string, ip?: string): Promise<void> {
    if (ip === undefined) return;
    await this.store.recordLoginSuccess(pairKey(username, ip), this.now());
  }

  private wait(f: LoginAttempts | undefined, free: number, now: number): number {
    if (!f || f.lastFailureAt === null || f.failures < free || now - f.lastFailureAt > this.forgetMs) return 0;
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(30, f.failures - free));
    return Math.max(0, f.lastFailureAt + delay - now);
  }
}

/**
 * A {@link LoginAttemptStore} in this process's memory, capped at `maxKeys` records (least recently
 * changed dropped first). For tests and single-process tools; instances do not share it.
 */
export class MemoryLoginAttempts implements LoginAttemptStore {
  private readonly records = new Map<string, LoginAttempts>();

  constructor(private readonly maxKeys = 10_000) {}

  async loginAttempts(keys: readonly string[], since: number): Promise<Map<string, LoginAttempts>> {
    const out = new Map<string, LoginAttempts>();
    for (const key of keys) {
      const r = this.records.get(key);
      if (r) out.set(key, fresh(r, since));
    }
    return out;
  }

  async recordLoginFailure(keys: readonly string[], at: number, since: number): Promise<void> {
    for (const key of keys) {
      const before = this.records.get(key);
      const r = before ? fresh(before, since) : { failures: 0, lastFailureAt: null, succeededAt: null };
      this.records.delete(key); // re-insert so Map order is least recently changed first
      this.records.set(key, { ...r, failures: r.failures + 1, lastFailureAt: at });
    }
    this.trim();
  }

  async recordLoginSuccess(key: string, at: number): Promise<void> {
    this.records.delete(key);
    this.records.set(key, { failures: 0, lastFailureAt: null, succeededAt: at });
    this.trim();
  }

  /** How many keys are remembered (tests). */
  get size(): number {
    return this.records.size;
  }

  private trim(): void {
    while (this.records.size > this.maxKeys) {
      const oldest = this.records.keys().next().value;
      if (oldest === undefined) break;
      this.records.delete(oldest);
    }
  }
}

/** The record with failures older than `since` forgotten. */
function fresh(r: LoginAttempts, since: number): LoginAttempts {
  return r.lastFailureAt !== null && r.lastFailureAt < since ? { ...r, failures: 0, lastFailureAt: null } : r;
}

function pairKey(username: string, ip: string): string {
  return `pair:${username}\n${ip}`;
}

/** "45 giây", "3 phút": a wait as the login page says it (rounded up). */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
}
