/**
 * The Zalo OA {@link ReplySender}: renders replies as the Zalo bot does (plain text, numbered typed
 * choices, pieces under 2000 characters), and sends each piece as a customer-service message replying
 * to the user's last message, with a token refresh on an expired token and retries on rate limits.
 */
import { describeError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { OutboundReply, ReplySender } from '../../conversation/index.js';
import { withRetry } from '../retry.js';
import type { RetryOptions } from '../retry.js';
import { renderZalo } from '../zalo/index.js';
import type { ZaloOaClient } from './oa-client.js';
import { OaApiError } from './oa-errors.js';
import type { ZaloOaStore } from './ports.js';
import { FREE_REPLY_WINDOW_MS } from './reply-window.js';
import type { OaTokenManager } from './token-manager.js';

/** Options for {@link ZaloOaSender}. */
export interface ZaloOaSenderOptions {
  client: ZaloOaClient;
  tokens: OaTokenManager;
  store: ZaloOaStore;
  logger: Logger;
  /** Retry policy for rate limits, 5xx and network failures. Its `sleep` also paces messages. */
  retry?: RetryOptions;
  /** Minimum gap between two messages to one user, ms. Default 500 (Zalo publishes no per-user rate). */
  minIntervalMs?: number;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * ZaloOaSender: one promise chain per user (pieces of two replies never interleave), each piece sent
 * through {@link ZaloOaSender.sendText}.
 *
 * `send` rejects when a piece could not be delivered; the error says why: an {@link OaApiError} whose
 * `permanent` is true (window closed, quota used up, messages restricted) means "keep it for the user's
 * next message", anything else may succeed later (the outbox retries staff answers).
 */
export class ZaloOaSender implements ReplySender {
  /** The OA webhook, like the Zalo Bot one, is to be acknowledged within about 2 s. */
  readonly ackWithinMs = 2000;
  private readonly retry: RetryOptions;
  private readonly minIntervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly o: ZaloOaSenderOptions) {
    this.retry = o.retry ?? {};
    this.minIntervalMs = o.minIntervalMs ?? 500;
    this.sleep = o.retry?.sleep ?? defaultSleep;
    this.now = o.now ?? Date.now;
  }

  /** Renders `reply` and sends its pieces to the user after any reply already queued for them. */
  send(userId: string, reply: OutboundReply): Promise<void> {
    const pieces = renderZalo(reply);
    if (pieces.length === 0) return Promise.resolve();
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const sent = previous.then(() => this.sendPieces(userId, pieces));
    const tail = sent.then(() => this.pause(), () => this.pause());
    this.queues.set(userId, tail);
    const cleanup = () => {
      if (this.queues.get(userId) === tail) this.queues.delete(userId);
    };
    tail.then(cleanup, cleanup);
    return sent;
  }

  /** Resolves when every reply queued so far has been sent or has failed. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /**
   * Sends one text now: as a reply to the user's last message while it is in the 48-hour free window,
   * else as a plain customer-service message. An expired or invalid token is refreshed once and the send
   * retried; rate limits and server failures are retried with backoff. Returns Zalo's message id.
   */
  async sendText(userId: string, text: string): Promise<string> {
    const user = await this.o.store.getOaUser(userId);
    const quote = user?.lastMessageId && user.lastMessageAt !== undefined && this.now() - user.lastMessageAt < FREE_REPLY_WINDOW_MS ? user.lastMessageId : undefined;
    const attempt = async () => {
      const token = await this.o.tokens.accessToken();
      try {
        return await this.o.client.sendText(token, { userId, text, replyToMsgId: quote });
      } catch (err: unknown) {
        if (!(err instanceof OaApiError) || err.kind !== 'token') throw err;
        this.o.logger.info({ channel: 'zalo-oa', code: err.code }, 'zalo-oa access token refused; refreshing once');
        const fresh = await this.o.tokens.refreshAfterRejection(token);
        return await this.o.client.sendText(fresh, { userId, text, replyToMsgId: quote });
      }
    };
    const sent = await withRetry(attempt, {
      ...this.retry,
      onRetry: (err, n, delayMs) => {
        this.o.logger.warn({ channel: 'zalo-oa', attempt: n, delayMs, err: describeError(err) }, 'zalo-oa message/cs retry');
        this.retry.onRetry?.(err, n, delayMs);
      },
    });
    if (quote) await this.o.store.countOaReply(userId, quote).catch((err: unknown) => this.o.logger.warn({ channel: 'zalo-oa', err: describeError(err) }, 'zalo-oa reply not counted'));
    return sent.messageId;
  }

  private async sendPieces(userId: string, pieces: string[]): Promise<void> {
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) await this.pause();
      try {
        await this.sendText(userId, pieces[i]);
      } catch (err: unknown) {
        const outcome = err instanceof OaApiError ? { code: err.code, kind: err.kind } : {};
        this.o.logger.error({ channel: 'zalo-oa', piece: i + 1, pieces: pieces.length, ...outcome, err: describeError(err) }, 'zalo-oa reply not delivered');
        throw err;
      }
    }
  }

  private pause(): Promise<void> {
    return this.minIntervalMs > 0 ? this.sleep(this.minIntervalMs) : Promise.resolve();
  }
}
