/**
 * UpdatePoller: long polling with `getUpdates` for deployments without a public HTTPS URL (development,
 * internal networks). It feeds each update to the same handler the webhook uses, in order, and confirms
 * an update (moves `offset` past it) only once it was handled, so an update that could not be recorded
 * (database down) is fetched again after a backoff. Telegram refuses getUpdates while a webhook is set,
 * so the channel calls `deleteWebhook` first.
 */
import type { Logger } from '../../common/logger.js';
import { describeError } from '../../common/errors.js';
import { ALLOWED_UPDATES } from './map-update.js';
import type { TelegramClient } from './telegram-client.js';

/** What the handler reports for one update: handled (confirm it) or retry later. */
export type PollOutcome = 'handled' | 'retry';

/** Options for {@link UpdatePoller}. */
export interface UpdatePollerOptions {
  client: TelegramClient;
  /** Handles one update; resolve `'retry'` to fetch it again later. Must not throw (a throw counts as retry). */
  handle: (update: unknown) => Promise<PollOutcome>;
  logger: Logger;
  /** Long-poll time, seconds. Default 25. */
  timeoutSeconds?: number;
  /** First backoff after a failure, ms, doubled up to `maxBackoffMs`. Default 1000. */
  baseBackoffMs?: number;
  /** Default 30 000. */
  maxBackoffMs?: number;
}

/**
 * Runs the `getUpdates` loop until {@link stop}. Not for use while a webhook is set.
 *
 * @example
 * const poller = new UpdatePoller({ client, handle: (u) => channel.pollOne(u), logger });
 * poller.start();
 * // …
 * await poller.stop();
 */
export class UpdatePoller {
  private readonly o: Required<Omit<UpdatePollerOptions, 'client' | 'handle' | 'logger'>>;
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private offset = 0;

  constructor(private readonly options: UpdatePollerOptions) {
    this.o = {
      timeoutSeconds: options.timeoutSeconds ?? 25,
      baseBackoffMs: options.baseBackoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
    };
  }

  /** True while the loop runs. */
  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Starts the loop (no-op when already running). */
  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
  }

  /**
   * Stops the loop: aborts the pending long poll, waits for the update being handled, then confirms the
   * handled updates to Telegram (a last `getUpdates` with the new offset, best effort) so a restart does
   * not fetch them again.
   */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.controller = undefined;
    if (this.offset > 0) {
      await this.options.client.getUpdates({ offset: this.offset, timeout: 0, allowedUpdates: ALLOWED_UPDATES }).catch((err: unknown) => {
        this.options.logger.debug({ channel: 'telegram', err: describeError(err) }, 'could not confirm polled updates on stop');
      });
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const ok = await this.pollOnce(signal);
      if (signal.aborted) break;
      failures = ok ? 0 : failures + 1;
      if (failures) await abortableSleep(Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** (failures - 1)), signal);
    }
  }

  /** One getUpdates round; false when it failed or an update must be retried (then back off). */
  private async pollOnce(signal: AbortSignal): Promise<boolean> {
    let updates: unknown[];
    try {
      updates = await this.options.client.getUpdates({
        offset: this.offset,
        timeout: this.o.timeoutSeconds,
        allowedUpdates: ALLOWED_UPDATES,
        signal,
      });
    } catch (err: unknown) {
      if (!signal.aborted) this.options.logger.warn({ channel: 'telegram', err: describeError(err) }, 'getUpdates failed; backing off');
      return false;
    }
    for (const update of updates) {
      const id = (update as { update_id?: unknown }).update_id;
      let outcome: PollOutcome;
      try {
        outcome = await this.options.handle(update);
      } catch (err: unknown) {
        this.options.logger.error({ channel: 'telegram', updateKey: String(id), err: describeError(err) }, 'polled update handler threw');
        outcome = 'retry';
      }
      if (outcome === 'retry' && typeof id === 'number') return false; // offset stays: fetched again
      if (typeof id === 'number') this.offset = Math.max(this.offset, id + 1);
      if (signal.aborted) break;
    }
    return true;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
