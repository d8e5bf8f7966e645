/**
 * The Zalo Official Account channel adapter: signed webhook in, customer-service messages out, the OA
 * token pair kept alive, and the reply window tracked per user (see README.md in this folder).
 */
import { describeError, isAppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Dispatcher, ReplySender } from '../../conversation/index.js';
import type { RetryOptions } from '../retry.js';
import { header } from '../webhook.js';
import type { WebhookHandler, WebhookRequest, WebhookResponse } from '../webhook.js';
import { parseLosslessJson } from './lossless-json.js';
import { mapOaEvent } from './map-event.js';
import type { OaEvent } from './map-event.js';
import { ZaloOaClient } from './oa-client.js';
import { OaConnectionService } from './oa-connection.js';
import { OA_SIGNATURE_HEADER, oaSignatureMatches } from './oa-signature.js';
import { ZaloOaSender } from './oa-sender.js';
import { ZaloOaOAuthClient } from './oauth-client.js';
import type { ZaloOaStore } from './ports.js';
import { describeReplyWindow, replyWindowOf } from './reply-window.js';
import type { OaReplyWindow } from './reply-window.js';
import { TokenCipher } from './token-cipher.js';
import { OaTokenManager } from './token-manager.js';
import type { OaTokenEvent } from './token-manager.js';

/** Path the http/ layer mounts {@link ZaloOaChannel.webhook} on. */
export const ZALO_OA_WEBHOOK_PATH = '/webhooks/zalo-oa';
/** Path of the OAuth callback under the admin console. */
export const ZALO_OA_CALLBACK_PATH = '/admin/zalo-oa/callback';

/** Options for {@link ZaloOaChannel}. */
export interface ZaloOaChannelOptions {
  appId: string;
  appSecret: string;
  /** OA secret key: checks `X-ZEvent-Signature`. */
  secretKey: string;
  /** AES-256 key sealing the token pair at rest. */
  tokenKey: Buffer;
  apiRoot?: string;
  oauthRoot?: string;
  /** Seed refresh token (`ZALO_OA_REFRESH_TOKEN`), spent at the first start without a stored pair. */
  seedRefreshToken?: string;
  /** Public HTTPS base URL: gives the OAuth callback and webhook URLs. */
  publicUrl?: string;
  store: ZaloOaStore;
  dispatcher: Dispatcher;
  logger: Logger;
  retry?: RetryOptions;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Minimum gap between two messages to one user, ms. Default 500; tests use 0. */
  minSendIntervalMs?: number;
  /** Token lifecycle events (alerts to admins, metrics). */
  onTokenEvent?: (e: OaTokenEvent) => void;
  /** Lease owner id of this instance (default random). */
  owner?: string;
  now?: () => number;
}

/**
 * ZaloOaChannel: connects a Zalo OA to the conversation core.
 *
 * - {@link ZaloOaChannel.webhook}: checks the signature over the exact raw bytes (401 when forged or
 *   missing), records the user's interaction, and hands messages to `dispatcher.accept` (deduplicated by
 *   `msg_id`); 200 when accepted, duplicate or ignored, 503 when nothing could be recorded.
 * - {@link ZaloOaChannel.sender}: customer-service messages replying to the user's last message.
 * - {@link ZaloOaChannel.tokens} and {@link ZaloOaChannel.connection}: the token pair and the admin flow.
 * - {@link ZaloOaChannel.replyWindow}: where a user stands in the 48-hour / 7-day windows.
 *
 * @example
 * const oa = new ZaloOaChannel({ appId, appSecret, secretKey, tokenKey, store, dispatcher, logger, publicUrl });
 * app.post(ZALO_OA_WEBHOOK_PATH, adapt(oa.webhook));
 * await oa.start();
 */
export class ZaloOaChannel {
  readonly name = 'zalo-oa' as const;
  readonly tokens: OaTokenManager;
  readonly connection: OaConnectionService;
  readonly sender: ReplySender;
  private readonly oaSender: ZaloOaSender;
  private readonly now: () => number;

  constructor(private readonly o: ZaloOaChannelOptions) {
    this.now = o.now ?? Date.now;
    const http = { fetch: o.fetch, timeoutMs: o.timeoutMs };
    const client = new ZaloOaClient({ ...http, baseUrl: o.apiRoot });
    const oauth = new ZaloOaOAuthClient({ ...http, appId: o.appId, appSecret: o.appSecret, baseUrl: o.oauthRoot, now: this.now });
    const cipher = new TokenCipher(o.tokenKey);
    this.tokens = new OaTokenManager({ store: o.store, oauth, cipher, appId: o.appId, logger: o.logger, owner: o.owner, oauthTimeoutMs: o.timeoutMs, onEvent: o.onTokenEvent, now: this.now });
    const base = o.publicUrl?.replace(/\/+$/, '');
    this.connection = new OaConnectionService({
      appId: o.appId, store: o.store, oauth, client, tokens: this.tokens, cipher, now: this.now,
      redirectUri: base ? `${base}${ZALO_OA_CALLBACK_PATH}` : undefined,
      webhookUrl: base ? `${base}${ZALO_OA_WEBHOOK_PATH}` : undefined,
    });
    this.oaSender = new ZaloOaSender({ client, tokens: this.tokens, store: o.store, logger: o.logger, retry: o.retry, minIntervalMs: o.minSendIntervalMs, now: this.now });
    this.sender = this.oaSender;
  }

  /** The framework-neutral webhook handler (mount it at {@link ZALO_OA_WEBHOOK_PATH}). */
  readonly webhook: WebhookHandler = (req) => this.handleWebhook(req);

  /**
   * Spends the seed refresh token when no pair is stored (headless set-ups), then keeps the pair
   * refreshed in the background. Never rejects: problems are logged and shown on the admin page.
   */
  async start(): Promise<void> {
    if (this.o.seedRefreshToken) {
      const outcome = await this.tokens.seed(this.o.seedRefreshToken).catch((err: unknown) => `failed: ${describeError(err)}`);
      this.o.logger.info({ channel: 'zalo-oa', seed: outcome }, 'zalo-oa seed refresh token checked');
    }
    this.tokens.start();
    const status = await this.connection.status().catch(() => undefined);
    if (status && status.status !== 'connected') {
      this.o.logger.warn({ channel: 'zalo-oa', status: status.status }, 'zalo-oa is not connected: answers cannot be sent until an admin connects the OA at /admin/zalo-oa');
    }
  }

  /** Stops the background refresh; replies already queued are still sent (see `idle()`). */
  async stop(): Promise<void> {
    await this.tokens.stop();
  }

  /** Resolves when every queued reply has been sent or has failed. */
  idle(): Promise<void> {
    return this.oaSender.idle();
  }

  /** Where `userId` stands in the reply windows now. */
  async replyWindow(userId: string): Promise<OaReplyWindow> {
    return replyWindowOf(await this.o.store.getOaUser(userId), this.now());
  }

  /** One Vietnamese sentence for staff about `userId`'s reply window. */
  async describeWindow(userId: string): Promise<string> {
    return describeReplyWindow(await this.replyWindow(userId), this.now());
  }

  private async handleWebhook(req: WebhookRequest): Promise<WebhookResponse> {
    const log = { channel: 'zalo-oa', requestId: req.requestId };
    if (!req.rawBody) {
      this.o.logger.error(log, 'zalo-oa webhook reached without its raw body; the HTTP layer must keep it');
      return { status: 500, body: { error_code: 'INTERNAL' } };
    }
    let body: unknown;
    try {
      body = parseLosslessJson(req.rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: { error_code: 'INVALID_INPUT', detail: 'malformed JSON' } };
    }
    if (!this.signed(req, body)) {
      this.o.logger.warn(log, 'zalo-oa webhook rejected: missing or wrong X-ZEvent-Signature');
      return { status: 401, body: { error_code: 'UNAUTHORIZED' } };
    }
    const event = mapOaEvent(body, this.now());
    if (event.kind === 'ignored') {
      this.o.logger.debug({ ...log, event: event.eventName, reason: event.reason }, 'zalo-oa event ignored');
      return { status: 200, body: { ok: true, ignored: true } };
    }
    try {
      return await this.handleEvent(event);
    } catch (err: unknown) {
      const status = isAppError(err) ? err.status : 500;
      this.o.logger.error({ ...log, event: event.kind, err: describeError(err) }, 'zalo-oa event not recorded');
      return { status, body: { error_code: isAppError(err) ? err.code : 'INTERNAL' } };
    }
  }

  /** True when the signature matches and the body is for this app. */
  private signed(req: WebhookRequest, body: unknown): boolean {
    const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const appId = typeof b.app_id === 'string' ? b.app_id : '';
    const timestamp = typeof b.timestamp === 'string' ? b.timestamp : typeof b.timestamp === 'number' ? String(b.timestamp) : '';
    const matches = oaSignatureMatches(header(req, OA_SIGNATURE_HEADER), req.rawBody ?? Buffer.alloc(0), { appId, timestamp, secretKey: this.o.secretKey });
    return matches && appId === this.o.appId;
  }

  /** Records the interaction first (the sender quotes the last message), then hands the message over. */
  private async handleEvent(event: Exclude<OaEvent, { kind: 'ignored' }>): Promise<WebhookResponse> {
    const msgId = event.kind === 'message' ? event.msgId : undefined;
    await this.o.store.recordOaInteraction({ userId: event.userId, at: event.at, kind: event.kind, msgId });
    if (event.kind === 'unfollow') {
      this.o.logger.info({ channel: 'zalo-oa' }, 'zalo-oa user unfollowed the OA');
      return { status: 200, body: { ok: true } };
    }
    const fresh = await this.o.dispatcher.accept(event.message, this.sender);
    return { status: 200, body: fresh ? { ok: true } : { ok: true, duplicate: true } };
  }
}
