/**
 * Long synchronous work on the server's main thread (a reindex's snapshot assembly, a new search
 * generation) cut into slices, so timers, health checks and webhooks are served between them.
 */

/** Resolves after the event loop has run what is waiting (I/O callbacks, timers): `setImmediate`. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Default slice length, ms: short enough for a 200 ms health check budget on a busy machine. */
export const DEFAULT_SLICE_MS = 15;

/**
 * TimeSlicer: call {@link due} inside a loop (it only reads the clock) and `await` {@link pause} when it
 * says the slice is used up; the next slice starts when the event loop comes back.
 *
 * @example
 * const slicer = new TimeSlicer();
 * for (const c of chunks) {
 *   builder.add(c);
 *   if (slicer.due()) await slicer.pause();
 * }
 */
export class TimeSlicer {
  private started = performance.now();
  /** How many times work was handed back to the event loop (for tests and logs). */
  pauses = 0;

  constructor(
    readonly sliceMs = DEFAULT_SLICE_MS,
    private readonly yielder: () => Promise<void> = yieldToEventLoop,
  ) {}

  /** True when the current slice has run for `sliceMs` or longer. */
  due(): boolean {
    return performance.now() - this.started >= this.sliceMs;
  }

  /** Lets the event loop run, then starts a new slice. */
  async pause(): Promise<void> {
    this.pauses += 1;
    await this.yielder();
    this.started = performance.now();
  }

  /** {@link pause} when {@link due}: for the boundaries between phases of unknown length. */
  async checkpoint(): Promise<void> {
    if (this.due()) await this.pause();
  }
}

/**
 * Work written once as a generator that `yield`s between small steps (a chunk, an entry), run either
 * at once ({@link runSteps}) or in slices ({@link runStepsSliced}), so the sync and the sliced path share
 * one implementation.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing and returns its result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs `steps` to the end, letting the event loop in whenever `slicer` says a slice is used up. */
export async function runStepsSliced<T>(steps: Steps<T>, slicer: TimeSlicer): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (slicer.due()) await slicer.pause();
  }
}
