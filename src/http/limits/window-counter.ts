/**
 * In-memory counters of events per key in a sliding window, with a cap on tracked keys so a flood of
 * distinct keys (rotating addresses) cannot exhaust memory. Per process: counts reset on restart and are
 * not shared between instances (see README, "Limits").
 */

/** Options of {@link WindowCounter}. */
export interface WindowCounterOptions {
  /** Events allowed per key within the window. */
  limit: number;
  /** Window length, ms. */
  windowMs: number;
  /** Most keys tracked; the least recently hit are forgotten beyond it. Default 50,000. */
  maxKeys?: number;
  now?: () => number;
}

/** What {@link WindowCounter.hit} decided. */
export interface WindowDecision {
  allowed: boolean;
  /** Events counted for the key in the window, this one included when allowed. */
  count: number;
  /** When refused: ms until the oldest counted event leaves the window. */
  retryAfterMs: number;
}

/**
 * Sliding-window log per key: `hit(key)` counts an event unless the key already has `limit` events in
 * the window (a refused event is not counted, so a client that keeps trying is let in as the window moves).
 *
 * @example
 * const perAddress = new WindowCounter({ limit: 30, windowMs: 60_000 });
 * if (!perAddress.hit(req.ip).allowed) throw new AppError('RATE_LIMITED', 'web chat: too many messages');
 */
export class WindowCounter {
  private readonly events = new Map<string, number[]>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly o: WindowCounterOptions) {
    this.maxKeys = o.maxKeys ?? 50_000;
    this.now = o.now ?? Date.now;
  }

  /** Counts an event for `key` if the key is under its limit. */
  hit(key: string): WindowDecision {
    const at = this.now();
    const list = this.recent(key, at);
    if (list.length >= this.o.limit) {
      return { allowed: false, count: list.length, retryAfterMs: Math.max(0, list[0]! + this.o.windowMs - at) };
    }
    list.push(at);
    this.events.delete(key); // re-insert: Map order is least recently hit first
    this.events.set(key, list);
    while (this.events.size > this.maxKeys) {
      const oldest = this.events.keys().next().value;
      if (oldest === undefined) break;
      this.events.delete(oldest);
    }
    return { allowed: true, count: list.length, retryAfterMs: 0 };
  }

  /** Events counted for `key` in the window. */
  count(key: string): number {
    return this.recent(key, this.now()).length;
  }

  private recent(key: string, at: number): number[] {
    const since = at - this.o.windowMs;
    const kept = (this.events.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.events.delete(key);
    return kept;
  }
}
