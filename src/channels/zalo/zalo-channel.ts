/**
 * The Zalo Bot channel adapter: webhook handler, reply sender and polling, over {@link ZaloClient}.
 */
import { AppError, describeError, isAppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Dispatcher, ReplySender } from '../../conversation/index.js';
import { withRetry } from '../retry.js';
import type { RetryOptions } from '../retry.js';
import { header, secretMatches } from '../webhook.js';
import type { WebhookHandler, WebhookRequest, WebhookResponse } from '../webhook.js';
import { mapZaloEvent } from './map-event.js';
import { ZaloClient } from './zalo-client.js';
import { ZaloPoller } from './zalo-poller.js';
import { ZaloSender } from './zalo-sender.js';

/** Path the http/ layer mounts {@link ZaloChannel.webhook} on; `start()` registers `${publicUrl}${path}`. */
export const ZALO_WEBHOOK_PATH = '/webhooks/zalo';

/** Header in which Zalo echoes the webhook `secret_token` (platforms.md §1.3). */
export const ZALO_SECRET_HEADER = 'x-bot-api-secret-token';

/** Options for {@link ZaloChannel}. */
export interface ZaloChannelOptions {
  /** Bot token from Zalo Bot Manager (`<bot_id>:<secret>`); never logged. */
  token: string;
  /** API root. Default `https://bot-api.zaloplatforms.com`; tests pass the fake's `apiRoot`. */
  apiRoot?: string;
  /** Webhook secret (8–256 characters). Without it the webhook answers 401 to everything. */
  webhookSecret?: string;
  /** Public HTTPS base URL of this server. With `webhookSecret`, `start()` sets the webhook; else it polls. */
  publicUrl?: string;
  /** Whether `start()` sets the webhook in webhook mode. Default true; false with WEBHOOK_SET_AT_START=false. */
  registerAtStart?: boolean;
  dispatcher: Dispatcher;
  logger: Logger;
  /** Retry policy for sends and for `setWebhook` / `deleteWebhook` at start. */
  retry?: RetryOptions;
  /** Injectable fetch for the client. */
  fetch?: typeof fetch;
  /** Per-request timeout, ms. Default 10 000. */
  timeoutMs?: number;
  /** Timeout of `sendMessage`, ms (see ZaloClientOptions.sendTimeoutMs). Default 120 000. */
  sendTimeoutMs?: number;
  /** Minimum gap between two messages to one chat, ms. Default 1000; tests use 0. */
  minSendIntervalMs?: number;
  /** Seconds each long poll may wait. Default 30. */
  pollTimeoutSeconds?: number;
  /** First pause after a failed poll, ms (doubled per failure). Default 1000. */
  pollErrorDelayMs?: number;
}

/**
 * ZaloChannel: connects the Zalo Bot Platform to the conversation core.
 *
 * - {@link ZaloChannel.sender} renders replies as plain text (numbered typed choices instead of buttons),
 *   splits them under 2000 characters, paces them per chat and retries 429 / 5xx / network failures.
 * - {@link ZaloChannel.webhook} checks the secret header in constant time, maps either payload envelope
 *   and hands the message to `dispatcher.accept`; it answers 401 (forged or missing secret), 200 (accepted,
 *   duplicate or ignored) or 503 (the update could not be recorded, so Zalo retries).
 * - {@link ZaloChannel.start} sets the webhook when `webhookSecret` and `publicUrl` are given, otherwise
 *   deletes any webhook and long-polls until {@link ZaloChannel.stop}.
 *
 * It does not answer questions itself nor map typed numbers to actions: the core does that.
 *
 * @example
 * const zalo = new ZaloChannel({ token, webhookSecret, publicUrl, dispatcher, logger });
 * app.post(ZALO_WEBHOOK_PATH, adapt(zalo.webhook));
 * await zalo.start();
 */
export class ZaloChannel {
  /** Channel name, as in `InboundMessage.channel`. */
  readonly name = 'zalo' as const;
  /** The underlying API client (for `getMe` health checks and admin tools). */
  readonly client: ZaloClient;
  /** How the core's replies reach a Zalo chat. */
  readonly sender: ReplySender;
  private readonly zaloSender: ZaloSender;
  private readonly poller: ZaloPoller;
  private readonly opts: ZaloChannelOptions;
  private readonly logger: Logger;

  constructor(opts: ZaloChannelOptions) {
    if (opts.webhookSecret !== undefined && !/^.{8,256}$/s.test(opts.webhookSecret)) {
      throw new AppError('CONFIG_INVALID', 'Zalo webhook secret must be 8–256 characters long');
    }
    this.opts = opts;
    this.logger = opts.logger;
    this.client = new ZaloClient({ token: opts.token, baseUrl: opts.apiRoot, fetch: opts.fetch, timeoutMs: opts.timeoutMs, sendTimeoutMs: opts.sendTimeoutMs });
    this.zaloSender = new ZaloSender({
      client: this.client,
      logger: opts.logger,
      retry: opts.retry,
      minIntervalMs: opts.minSendIntervalMs,
    });
    this.sender = this.zaloSender;
    this.poller = new ZaloPoller({
      client: this.client,
      dispatcher: opts.dispatcher,
      sender: this.sender,
      logger: opts.logger,
      timeoutSeconds: opts.pollTimeoutSeconds,
      errorDelayMs: opts.pollErrorDelayMs,
    });
  }

  /**
   * How updates arrive once started: a webhook when `webhookSecret` is set (registered at start-up when
   * `publicUrl` is also set, else registered by the operator), long polling otherwise (local trials).
   */
  get mode(): 'webhook' | 'polling' {
    return this.opts.webhookSecret ? 'webhook' : 'polling';
  }

  /** The framework-neutral webhook handler (mount it at {@link ZALO_WEBHOOK_PATH}). */
  readonly webhook: WebhookHandler = (req) => this.handleWebhook(req);

  /**
   * Registers the webhook, or deletes it and starts long polling in the background. Rejects when the
   * platform refuses (e.g. a wrong token) after the retries.
   */
  async start(): Promise<void> {
    if (this.mode === 'webhook') {
      if (this.opts.registerAtStart === false) {
        this.logger.info({ channel: 'zalo' }, 'zalo webhook mode; webhook not set at start (WEBHOOK_SET_AT_START=false)');
        return;
      }
      if (!this.opts.publicUrl) {
        this.logger.info({ channel: 'zalo' }, 'zalo webhook mode; PUBLIC_URL not set, so the webhook is not registered here');
        return;
      }
      const url = `${(this.opts.publicUrl ?? '').replace(/\/+$/, '')}${ZALO_WEBHOOK_PATH}`;
      await withRetry(() => this.client.setWebhook({ url, secret_token: this.opts.webhookSecret ?? '' }), this.opts.retry);
      this.logger.info({ channel: 'zalo', url }, 'zalo webhook set');
      return;
    }
    await withRetry(() => this.client.deleteWebhook(), this.opts.retry);
    this.poller.start();
  }

  /** Stops polling (a no-op in webhook mode). Replies already queued are still sent; see `idle()`. */
  async stop(): Promise<void> {
    await this.poller.stop();
  }

  /** Resolves when every queued reply has been sent or has failed. */
  idle(): Promise<void> {
    return this.zaloSender.idle();
  }

  private async handleWebhook(req: WebhookRequest): Promise<WebhookResponse> {
    const secret = this.opts.webhookSecret;
    if (!secret || !secretMatches(header(req, ZALO_SECRET_HEADER), secret)) {
      this.logger.warn(
        { channel: 'zalo', requestId: req.requestId, configured: Boolean(secret) },
        'zalo webhook rejected: missing or wrong secret',
      );
      return { status: 401, body: { error_code: 'UNAUTHORIZED' } };
    }
    const msg = mapZaloEvent(req.body);
    if (!msg) {
      this.logger.debug({ channel: 'zalo', requestId: req.requestId, event: eventNameOf(req.body) }, 'zalo event ignored');
      return { status: 200, body: { ok: true, ignored: true } };
    }
    try {
      const fresh = await this.opts.dispatcher.accept(msg, this.sender);
      return { status: 200, body: fresh ? { ok: true } : { ok: true, duplicate: true } };
    } catch (err: unknown) {
      const log = { channel: 'zalo', requestId: req.requestId, updateKey: msg.updateKey, err: describeError(err) };
      if (isAppError(err)) {
        this.logger.error(log, 'zalo update not recorded');
        return { status: err.status, body: { error_code: err.code } };
      }
      this.logger.error(log, 'zalo webhook failed');
      return { status: 500, body: { error_code: 'INTERNAL' } };
    }
  }
}

/** `event_name` from either envelope, for logs. */
function eventNameOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { event_name?: unknown; result?: { event_name?: unknown } };
  return b.event_name ?? b.result?.event_name;
}
