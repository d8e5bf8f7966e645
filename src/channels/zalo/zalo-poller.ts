/**
 * Long polling for Zalo Bot updates, for development and deployments without a public HTTPS URL.
 */
import { describeError, isAppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Dispatcher, ReplySender } from '../../conversation/index.js';
import { mapZaloEvent } from './map-event.js';
import type { ZaloClient } from './zalo-client.js';

/** Options for {@link ZaloPoller}. */
export interface ZaloPollerOptions {
  client: ZaloClient;
  dispatcher: Dispatcher;
  sender: ReplySender;
  logger: Logger;
  /** Seconds Zalo may hold each `getUpdates` request. Default 30. */
  timeoutSeconds?: number;
  /** First pause after a failed poll, doubled per consecutive failure up to 30 s. Default 1000 ms. */
  errorDelayMs?: number;
  /** Tries to record one update when storage is down, before it is logged and dropped. Default 5. */
  acceptAttempts?: number;
}

const MAX_ERROR_DELAY_MS = 30_000;

/**
 * ZaloPoller: calls `getUpdates` in a loop (one update per call; 408 means none) and hands each mapped
 * update to the dispatcher. `getUpdates` has no offset, so a fetched update is consumed: when it cannot
 * be recorded (storage down) it is retried a few times before being dropped with an error log.
 * Webhook and polling are exclusive; the caller deletes the webhook first.
 */
export class ZaloPoller {
  private readonly opts: Required<ZaloPollerOptions>;
  private abort = new AbortController();
  private loop?: Promise<void>;

  constructor(opts: ZaloPollerOptions) {
    this.opts = {
      ...opts,
      timeoutSeconds: opts.timeoutSeconds ?? 30,
      errorDelayMs: opts.errorDelayMs ?? 1000,
      acceptAttempts: opts.acceptAttempts ?? 5,
    };
  }

  /** True while the loop runs. */
  get running(): boolean {
    return this.loop !== undefined;
  }

  /** Starts the loop in the background (no-op when running). */
  start(): void {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run().finally(() => {
      this.loop = undefined;
    });
  }

  /** Stops polling: aborts the pending request and resolves when the loop has ended. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { client, logger, timeoutSeconds } = this.opts;
    const signal = this.abort.signal;
    let failures = 0;
    logger.info({ channel: 'zalo', timeoutSeconds }, 'zalo polling started');
    while (!signal.aborted) {
      try {
        const update = await client.getUpdates({ timeout: timeoutSeconds }, { signal });
        failures = 0;
        if (update) await this.handle(update);
      } catch (err: unknown) {
        if (signal.aborted) break;
        failures++;
        const delay = Math.min(MAX_ERROR_DELAY_MS, this.opts.errorDelayMs * 2 ** (failures - 1));
        logger.warn({ channel: 'zalo', failures, delayMs: delay, err: describeError(err) }, 'zalo getUpdates failed');
        await this.pause(delay);
      }
    }
    logger.info({ channel: 'zalo' }, 'zalo polling stopped');
  }

  private async handle(update: unknown): Promise<void> {
    const { dispatcher, sender, logger } = this.opts;
    const msg = mapZaloEvent(update);
    if (!msg) {
      logger.debug({ channel: 'zalo', event: eventName(update) }, 'zalo update ignored');
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await dispatcher.accept(msg, sender);
        return;
      } catch (err: unknown) {
        const retry = isAppError(err, 'STORAGE_UNAVAILABLE') && attempt < this.opts.acceptAttempts && !this.abort.signal.aborted;
        if (!retry) {
          logger.error({ channel: 'zalo', updateKey: msg.updateKey, attempt, err: describeError(err) }, 'zalo update dropped');
          return;
        }
        await this.pause(Math.min(MAX_ERROR_DELAY_MS, this.opts.errorDelayMs * 2 ** (attempt - 1)));
      }
    }
  }

  /** Sleeps, waking early when stopped. */
  private pause(ms: number): Promise<void> {
    const signal = this.abort.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

function eventName(update: unknown): unknown {
  return typeof update === 'object' && update !== null ? (update as { event_name?: unknown }).event_name : undefined;
}
