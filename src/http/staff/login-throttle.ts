/**
 * Login throttling for the staff console: failed attempts are counted per username and per client IP in
 * a sliding window, and a key with too many recent failures is refused before its password is checked.
 * Counts live in this process's memory (they reset on restart and are not shared between instances).
 */

/** Options of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failures within the window after which a username or IP is refused. Default 5. */
  maxFailures?: number;
  /** Length of the sliding window in ms. Default 15 minutes. */
  windowMs?: number;
  /** Most keys tracked; the oldest are dropped beyond it so a flood of usernames cannot exhaust memory. Default 10 000. */
  maxKeys?: number;
  now?: () => number;
}

/**
 * Counts failed logins per `user:<name>` and `ip:<address>`.
 *
 * @example
 * if (throttle.isBlocked(username, ip)) return tooManyAttempts();
 * if (!ok) throttle.recordFailure(username, ip); else throttle.recordSuccess(username);
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(o: LoginThrottleOptions = {}) {
    this.maxFailures = o.maxFailures ?? 5;
    this.windowMs = o.windowMs ?? 15 * 60_000;
    this.maxKeys = o.maxKeys ?? 10_000;
    this.now = o.now ?? Date.now;
  }

  /** True when the username or the IP has `maxFailures` or more failures within the window. */
  isBlocked(username: string, ip: string): boolean {
    return this.recent(`user:${username}`) >= this.maxFailures || this.recent(`ip:${ip}`) >= this.maxFailures;
  }

  /** Records a failed attempt against both the username and the IP. */
  recordFailure(username: string, ip: string): void {
    for (const key of [`user:${username}`, `ip:${ip}`]) {
      const list = this.failures.get(key) ?? [];
      list.push(this.now());
      this.failures.delete(key); // re-insert so Map order is least recently failed first
      this.failures.set(key, list);
    }
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /**
   * Forgets the username's failures after a successful login. The IP's are kept, so one valid account
   * cannot be used to reset the counter while guessing others' passwords.
   */
  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private recent(key: string): number {
    const list = this.failures.get(key);
    if (!list) return 0;
    const since = this.now() - this.windowMs;
    const kept = list.filter((at) => at > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept.length;
  }
}
