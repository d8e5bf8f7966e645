/**
 * The Zalo {@link ReplySender}: renders, splits, paces and retries outbound messages per chat.
 */
import { describeError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { OutboundReply, ReplySender } from '../../conversation/index.js';
import { PlatformApiError } from '../platform-errors.js';
import { withRetry } from '../retry.js';
import type { RetryOptions } from '../retry.js';
import { renderZalo } from './render.js';
import type { ZaloClient } from './zalo-client.js';

/** Options for {@link ZaloSender}. */
export interface ZaloSenderOptions {
  client: ZaloClient;
  logger: Logger;
  /**
   * Retry policy for each message (429 / 5xx / network retried; other 4xx thrown at once). Its `sleep`,
   * when given, is also used for the pacing pauses, so tests run without a real clock.
   */
  retry?: RetryOptions;
  /**
   * Minimum gap between two messages to the same chat, ms. Zalo documents no rate limit; about one
   * message a second per chat is the advice in platforms.md §1.4. Default 1000; tests use 0.
   */
  minIntervalMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * ZaloSender: sends each reply as plain-text pieces through `sendMessage`, in order, one chat at a time.
 *
 * Replies to the same chat are queued on a promise chain, so pieces of two replies never interleave and
 * messages are spaced by `minIntervalMs`; different chats do not wait for each other. `send` rejects
 * (with the last {@link PlatformApiError} or network error) only when a piece could not be delivered
 * after the retries; the remaining pieces of that reply are then not sent.
 */
export class ZaloSender implements ReplySender {
  /** Zalo wants the webhook's 200 within about 2 s (platforms.md). */
  readonly ackWithinMs = 2000;
  private readonly client: ZaloClient;
  private readonly logger: Logger;
  private readonly retry: RetryOptions;
  private readonly minIntervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Tail of each chat's queue (including the pacing pause after the last message). */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(opts: ZaloSenderOptions) {
    this.client = opts.client;
    this.logger = opts.logger;
    this.retry = opts.retry ?? {};
    this.minIntervalMs = opts.minIntervalMs ?? 1000;
    this.sleep = opts.retry?.sleep ?? defaultSleep;
  }

  /** Renders `reply` and sends its pieces to `chatId` after any reply already queued for that chat. */
  send(chatId: string, reply: OutboundReply): Promise<void> {
    const pieces = renderZalo(reply);
    if (pieces.length === 0) return Promise.resolve();
    const previous = this.queues.get(chatId) ?? Promise.resolve();
    const sent = previous.then(() => this.sendPieces(chatId, pieces));
    const tail = sent.then(
      () => this.pause(),
      () => this.pause(),
    );
    this.queues.set(chatId, tail);
    const cleanup = () => {
      if (this.queues.get(chatId) === tail) this.queues.delete(chatId);
    };
    tail.then(cleanup, cleanup);
    return sent;
  }

  /** Shows "typing…"; best effort, never throws (a failure is logged at debug level). */
  async typing(chatId: string): Promise<void> {
    try {
      await this.client.sendChatAction({ chat_id: chatId, action: 'typing' });
    } catch (err: unknown) {
      this.logger.debug({ channel: 'zalo', chatId, err: describeError(err) }, 'zalo typing failed');
    }
  }

  /** Resolves when every reply queued so far has been sent or has failed (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private async sendPieces(chatId: string, pieces: string[]): Promise<void> {
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) await this.pause();
      try {
        await withRetry(() => this.client.sendMessage({ chat_id: chatId, text: pieces[i] }), {
          ...this.retry,
          onRetry: (err, attempt, delayMs) => {
            this.logger.warn({ channel: 'zalo', chatId, attempt, delayMs, err: describeError(err) }, 'zalo sendMessage retry');
            this.retry.onRetry?.(err, attempt, delayMs);
          },
        });
      } catch (err: unknown) {
        const code = err instanceof PlatformApiError ? err.code : undefined;
        this.logger.error(
          { channel: 'zalo', chatId, piece: i + 1, pieces: pieces.length, code, err: describeError(err) },
          'zalo reply not delivered',
        );
        throw err;
      }
    }
  }

  private pause(): Promise<void> {
    return this.minIntervalMs > 0 ? this.sleep(this.minIntervalMs) : Promise.resolve();
  }
}
