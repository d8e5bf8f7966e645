/**
 * TelegramChannel: the Telegram adapter of the conversation core. It maps updates to InboundMessage and
 * hands them to the Dispatcher, and it implements ReplySender (HTML rendering, splitting, retries). Updates
 * from the reform staff group, when one is configured, go to a separate staff handler (staff-updates.ts).
 *
 * Why our own webhook handler rather than telegraf's `webhookCallback`: telegraf calls `next()` for a
 * forged or missing secret, so express answers 404 instead of 401, and it acknowledges only after its
 * middleware chain resolves, with no way to answer 503 when our database cannot record the update (the
 * status that makes Telegram redeliver it). Our handler checks the secret in constant time, answers 401,
 * 503 or 200 itself, and acknowledges as soon as the Dispatcher has recorded the update.
 */
import { describeError, isAppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Dispatcher, OutboundReply, ReplySender, UpdateClaim, UpdateClaims } from '../../conversation/index.js';
import { withRetry } from '../retry.js';
import type { RetryOptions } from '../retry.js';
import { header, secretMatches } from '../webhook.js';
import type { WebhookHandler, WebhookRequest, WebhookResponse } from '../webhook.js';
import { ALLOWED_UPDATES, callbackQueryIdOf, mapTelegramUpdate, TELEGRAM_COMMANDS } from './map-update.js';
import { renderTelegram } from './render.js';
import { isStaffChatUpdate } from './staff-updates.js';
import { TelegramClient } from './telegram-client.js';
import { COMMAND_DESCRIPTIONS } from './texts-vi.js';
import { UpdatePoller } from './update-poller.js';

/** Path the webhook is registered under, below `publicUrl`. */
export const TELEGRAM_WEBHOOK_PATH = '/webhooks/telegram';

/** Header in which Telegram echoes `secret_token` (lower-cased, as WebhookRequest stores headers). */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Options for {@link TelegramChannel}. */
export interface TelegramChannelOptions {
  /** Bot token. Never logged. */
  token: string;
  /** Bot API root. Default `https://api.telegram.org`. */
  apiRoot?: string;
  /** Webhook secret (1–256 of `[A-Za-z0-9_-]`). Without it the channel uses long polling. */
  webhookSecret?: string;
  /** Public HTTPS base URL; with a secret, `start()` registers `${publicUrl}/webhooks/telegram`. */
  publicUrl?: string;
  /**
   * Whether `start()` sets the command menu and, in webhook mode, registers the webhook. Default true;
   * false when the operator registers them with `cchc webhook set` (WEBHOOK_SET_AT_START=false).
   */
  registerAtStart?: boolean;
  dispatcher: Dispatcher;
  logger: Logger;
  /** Retry policy for outbound calls (see withRetry; defaults: 5 attempts from 500 ms). */
  retry?: RetryOptions;
  /** Timeout per Bot API request, ms. Default 30 000. */
  requestTimeoutMs?: number;
  /** Timeout of `sendMessage`, ms (see TelegramClientOptions.sendTimeoutMs). Default 120 000. */
  sendTimeoutMs?: number;
  /** Long-poll time in polling mode, seconds. Default 25. */
  pollTimeoutSeconds?: number;
  /** First backoff after a polling failure, ms. Default 1000. */
  pollBackoffMs?: number;
  /** Clock (epoch ms), used as the time of button presses. Default `Date.now`. */
  now?: () => number;
  /**
   * The reform staff group. Its updates (messages and button presses whose chat is `chatId`) go to
   * `handler` (a StaffGroupHandler) instead of the Dispatcher. Default: none, group updates are ignored.
   */
  staff?: TelegramStaffOption;
}

/** The staff group of {@link TelegramChannelOptions.staff}. */
export interface TelegramStaffOption {
  /** Numeric id of the staff group as Telegram sends it (`-100…`). */
  chatId: string;
  /** Handles a staff-group update; resolves false when it was not one (it then goes the officials' way). */
  handler: { handle(update: unknown): Promise<boolean> };
  /**
   * Where staff update ids are claimed and recorded, so a redelivery reaching any instance is dropped:
   * pass the store (the same `processed_updates` keys as officials' updates). Default: this process's
   * memory (the last 1000 ids; tests only, not shared between instances).
   */
  claims?: UpdateClaims;
}

/** The Telegram command menu (`setMyCommands`): the core's commands with their Vietnamese descriptions. */
export function telegramCommandMenu(): Array<{ command: string; description: string }> {
  return TELEGRAM_COMMANDS.map((command) => ({ command, description: COMMAND_DESCRIPTIONS[command] }));
}

/**
 * How long a staff update is claimed by the instance handling it. A redelivery meanwhile is asked to come
 * back later (503); once the claim lapses (its instance died mid-way), a redelivery is handled again.
 */
const STAFF_CLAIM_MS = 120_000;

/**
 * The Telegram channel: webhook handler or long polling in, ReplySender out.
 *
 * Use one instance per bot token. It does not mount routes (http/ adapts {@link webhook} to express).
 * Staff-group updates go to the `staff` option's handler; the channel itself knows nothing of tickets.
 *
 * @example
 * const staff = { chatId: staffChatId, handler: new StaffGroupHandler({ tickets, lookup: ticketStore, client, staffChatId, logger }) };
 * const telegram = new TelegramChannel({ token, webhookSecret, publicUrl, dispatcher, logger, staff });
 * await telegram.start();
 * app.post(TELEGRAM_WEBHOOK_PATH, adapt(telegram.webhook));
 */
export class TelegramChannel {
  /** The underlying Bot API client (the staff-group UI uses it too). */
  readonly client: TelegramClient;
  /** Delivers replies to Telegram chats: renders HTML, splits, retries; pieces for one chat stay in order. */
  readonly sender: ReplySender;
  /** Handles `POST /webhooks/telegram`: 401 forged secret, 503 storage down, otherwise 200. */
  readonly webhook: WebhookHandler;

  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly background = new Set<Promise<unknown>>();
  private poller: UpdatePoller | undefined;
  /** Staff update claims: the store's, or this process's memory without one. */
  private readonly staffClaims: UpdateClaims;

  constructor(private readonly options: TelegramChannelOptions) {
    this.client = new TelegramClient({ token: options.token, apiRoot: options.apiRoot, timeoutMs: options.requestTimeoutMs, sendTimeoutMs: options.sendTimeoutMs });
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.sender = {
      send: (chatId, reply) => this.inOrder(chatId, () => this.deliver(chatId, reply)),
      typing: (chatId) => this.typing(chatId),
    };
    this.webhook = (req) => this.handleWebhook(req);
    this.staffClaims = options.staff?.claims ?? new MemoryUpdateClaims();
  }

  /**
   * Sets the command menu, then either registers the webhook (secret and public URL set) or starts long
   * polling (no secret). Rejects when Telegram cannot be reached or refuses (e.g. a wrong token).
   */
  async start(): Promise<void> {
    const me = await this.call('getMe', () => this.client.getMe());
    const { webhookSecret, publicUrl, registerAtStart = true } = this.options;
    if (registerAtStart) await this.call('setMyCommands', () => this.client.setMyCommands(telegramCommandMenu()));
    if (webhookSecret && !registerAtStart) {
      this.logger.info({ channel: 'telegram', bot: me.username }, 'telegram webhook mode; webhook and command menu not set at start (WEBHOOK_SET_AT_START=false)');
    } else if (webhookSecret && publicUrl) {
      const url = `${publicUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
      await this.call('setWebhook', () =>
        this.client.setWebhook(url, { secret_token: webhookSecret, allowed_updates: [...ALLOWED_UPDATES] }),
      );
      this.logger.info({ channel: 'telegram', bot: me.username, url }, 'telegram webhook registered');
    } else if (webhookSecret) {
      this.logger.warn({ channel: 'telegram', bot: me.username }, 'telegram webhook secret set but no public URL: webhook not registered here');
    } else {
      await this.call('deleteWebhook', () => this.client.deleteWebhook());
      this.poller = new UpdatePoller({
        client: this.client,
        logger: this.logger,
        timeoutSeconds: this.options.pollTimeoutSeconds,
        baseBackoffMs: this.options.pollBackoffMs,
        // Only "not recorded" is retried: an update that fails for another reason would otherwise block
        // the queue forever (the webhook's 500 lets Telegram give up on it after a few attempts).
        handle: async (update) => ((await this.handleUpdate(update)).status === 503 ? 'retry' : 'handled'),
      });
      this.poller.start();
      this.logger.info({ channel: 'telegram', bot: me.username }, 'telegram long polling started');
    }
  }

  /** Stops polling (if any) and waits for pending callback-query answers. Replies in flight are the Dispatcher's to drain. */
  async stop(): Promise<void> {
    await this.poller?.stop();
    this.poller = undefined;
    await Promise.allSettled([...this.background]);
  }

  /**
   * Handles one update from either the webhook or polling (the secret is already checked). A staff-group
   * update (with the `staff` option) goes to the staff handler: 200, or 503/500 when it failed (redelivered;
   * claimed in the store, so deduped across instances). Otherwise: ignored kinds → 200 `{ok, ignored}`; the Dispatcher
   * records it → 200 (duplicates too); it could not be recorded (STORAGE_UNAVAILABLE) → 503; any other
   * failure → 500, so Telegram redelivers (deduped).
   */
  async handleUpdate(update: unknown, requestId?: string): Promise<WebhookResponse> {
    const staff = this.options.staff;
    if (staff && isStaffChatUpdate(update, staff.chatId)) {
      const handled = await this.handleStaffUpdate(staff, update, requestId);
      if (handled) return handled;
    }
    const mapped = mapTelegramUpdate(update, this.now());
    if (!mapped) {
      const staleQuery = callbackQueryIdOf(update);
      if (staleQuery) this.answerCallback(staleQuery); // a button we no longer understand: stop the spinner anyway
      return { status: 200, body: { ok: true, ignored: true } };
    }
    const { message } = mapped;
    let accepted: boolean | 'pending';
    try {
      accepted = await this.options.dispatcher.accept(message, this.sender);
    } catch (err: unknown) {
      const log = { channel: 'telegram', updateKey: message.updateKey, requestId, err: describeError(err) };
      if (isAppError(err, 'STORAGE_UNAVAILABLE')) {
        this.logger.warn(log, 'telegram update not recorded (storage unavailable); asking Telegram to retry');
        return { status: 503, body: { error_code: 'STORAGE_UNAVAILABLE', detail: 'update not recorded; retry later' } };
      }
      this.logger.error(log, 'telegram update failed before it was recorded');
      return { status: 500, body: { error_code: 'INTERNAL', detail: 'internal error' } };
    }
    // A redelivery's callback query was answered on its first delivery.
    if (accepted === true && mapped.callbackQueryId) this.answerCallback(mapped.callbackQueryId);
    return { status: 200, body: accepted ? { ok: true } : { ok: true, duplicate: true } };
  }

  /**
   * Gives a staff-group update to the staff handler once across instances: its id is claimed in the
   * store first (a redelivery of a handled update gets 200 duplicate, one still being handled elsewhere 503
   * so Telegram comes back). 200 when handled, 503 when storage is down and 500 on another failure (the
   * claim is then dropped so the redelivery is handled); undefined when the handler says it was not a staff
   * update (the claim is dropped and the update goes the officials' way).
   */
  private async handleStaffUpdate(staff: TelegramStaffOption, update: unknown, requestId?: string): Promise<WebhookResponse | undefined> {
    const id = (update as { update_id?: unknown }).update_id;
    const key = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : undefined;
    const log = { channel: 'telegram', updateKey: key, requestId };
    const now = this.now();
    const claimUntil = now + STAFF_CLAIM_MS;
    if (key !== undefined) {
      let claim: UpdateClaim;
      try {
        claim = await this.staffClaims.claimUpdate('telegram', key, now, claimUntil);
      } catch (err: unknown) {
        this.logger.warn({ ...log, err: describeError(err) }, 'staff update not claimed (storage unavailable); asking Telegram to retry');
        return { status: 503, body: { error_code: 'STORAGE_UNAVAILABLE', detail: 'update not recorded; retry later' } };
      }
      if (claim === 'done') return { status: 200, body: { ok: true, duplicate: true } };
      if (claim === 'busy') return { status: 503, body: { error_code: 'STORAGE_UNAVAILABLE', detail: 'update being handled; retry later' } };
    }
    const settle = async (handled: boolean) => {
      if (key === undefined) return;
      // A claim left unsettled lapses after STAFF_CLAIM_MS; the ticket's own rules stop a second handling.
      await this.staffClaims.settleUpdate('telegram', key, claimUntil, handled).catch((err: unknown) => {
        this.logger.warn({ ...log, err: describeError(err) }, 'staff update claim not settled');
      });
    };
    try {
      if (await staff.handler.handle(update)) {
        await settle(true);
        return { status: 200, body: { ok: true } };
      }
      await settle(false);
      return undefined;
    } catch (err: unknown) {
      await settle(false);
      if (isAppError(err, 'STORAGE_UNAVAILABLE')) {
        this.logger.warn({ ...log, err: describeError(err) }, 'staff update not handled (storage unavailable); asking Telegram to retry');
        return { status: 503, body: { error_code: 'STORAGE_UNAVAILABLE', detail: 'update not recorded; retry later' } };
      }
      this.logger.error({ ...log, err: describeError(err) }, 'staff update failed');
      return { status: 500, body: { error_code: 'INTERNAL', detail: 'internal error' } };
    }
  }

  private async handleWebhook(req: WebhookRequest): Promise<WebhookResponse> {
    const secret = this.options.webhookSecret;
    if (!secret || !secretMatches(header(req, TELEGRAM_SECRET_HEADER), secret)) {
      this.logger.warn({ channel: 'telegram', requestId: req.requestId }, 'telegram webhook: missing or wrong secret token');
      return { status: 401, body: { error_code: 'UNAUTHORIZED', detail: 'missing or wrong secret token' } };
    }
    return this.handleUpdate(req.body, req.requestId);
  }

  private async deliver(chatId: string, reply: OutboundReply): Promise<void> {
    for (const piece of renderTelegram(reply)) {
      const { text, ...extra } = piece;
      await this.call('sendMessage', () => this.client.sendMessage(chatId, text, extra));
    }
  }

  private async typing(chatId: string): Promise<void> {
    try {
      await this.client.sendChatAction(chatId, 'typing');
    } catch (err: unknown) {
      this.logger.debug({ channel: 'telegram', err: describeError(err) }, 'sendChatAction failed (ignored)');
    }
  }

  /** Fire-and-forget answerCallbackQuery (with retry), tracked so stop() can wait for it. */
  private answerCallback(callbackQueryId: string): void {
    const task = this.call('answerCallbackQuery', () => this.client.answerCallbackQuery(callbackQueryId)).catch((err: unknown) => {
      this.logger.warn({ channel: 'telegram', err: describeError(err) }, 'answerCallbackQuery failed');
    });
    this.background.add(task);
    void task.finally(() => this.background.delete(task));
  }

  /** Runs sends for one chat one after another, so the pieces of two replies never interleave. */
  private inOrder(chatId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(chatId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.chains.set(chatId, next);
    void next
      .finally(() => {
        if (this.chains.get(chatId) === next) this.chains.delete(chatId);
      })
      .catch(() => undefined);
    return next;
  }

  private call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    const retry = this.options.retry ?? {};
    return withRetry(fn, {
      ...retry,
      onRetry: (err, attempt, delayMs) => {
        this.logger.warn({ channel: 'telegram', method, attempt, delayMs, err: describeError(err) }, 'telegram call failed; retrying');
        retry.onRetry?.(err, attempt, delayMs);
      },
    });
  }
}

/** Staff update claims in this process's memory (the last 1000 ids), for a channel built without a store. */
class MemoryUpdateClaims implements UpdateClaims {
  private readonly claims = new Map<string, number | null>();

  async claimUpdate(channel: string, key: string, now: number, claimUntil: number): Promise<UpdateClaim> {
    const k = `${channel}:${key}`;
    const held = this.claims.get(k);
    if (held === null) return 'done';
    if (held !== undefined && held >= now) return 'busy';
    this.claims.delete(k);
    this.claims.set(k, claimUntil);
    if (this.claims.size > 1000) this.claims.delete(this.claims.keys().next().value as string);
    return 'claimed';
  }

  async settleUpdate(channel: string, key: string, claimUntil: number, handled: boolean): Promise<void> {
    const k = `${channel}:${key}`;
    if (this.claims.get(k) !== claimUntil) return;
    if (handled) this.claims.set(k, null);
    else this.claims.delete(k);
  }
}
