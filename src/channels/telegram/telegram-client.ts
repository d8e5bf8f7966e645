/**
 * TelegramClient: the few Bot API methods the bot uses, over telegraf's `Telegram` class, except the two
 * made for every answer (sendMessage, sendChatAction), which go straight over node:http(s) with the same
 * payload and outcomes (see `direct`): node-fetch's per-call objects were a visible share of the CPU per
 * update under load.
 *
 * It adds what telegraf lacks for us: ids as strings at our side (converted to numbers for the API),
 * a per-request timeout (telegraf's own is fixed at 500 s), and errors split into "Telegram refused"
 * ({@link PlatformApiError}, with `retry_after`) and "the request failed" ({@link PlatformNetworkError}),
 * with the token removed from every message. It does not retry; callers wrap calls in `withRetry`.
 */
import { globalAgent as httpGlobalAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Telegram, TelegramError } from 'telegraf';
import type { BotCommand, ChatFromGetChat, ChatMember, ForumTopic, InlineKeyboardMarkup, Message, Opts, Update, UserFromGetMe, WebhookInfo } from 'telegraf/types';
import type { Telegram as ApiMethods } from 'telegraf/types';
import { PlatformApiError, PlatformNetworkError } from '../platform-errors.js';

/** Options for {@link TelegramClient}. */
export interface TelegramClientOptions {
  /** Bot token from BotFather. Never logged. */
  token: string;
  /** Bot API root. Default `https://api.telegram.org`; tests pass the fake's root. */
  apiRoot?: string;
  /** Timeout per request in ms (getUpdates adds its long-poll time). Default 30 000. */
  timeoutMs?: number;
  /**
   * Timeout of `sendMessage`, ms. Default 120 000. A send that times out may still be delivered (the
   * platform was only slow), so sends wait far longer than other calls and a timed-out send is not
   * repeated at once (see channels/retry.ts and conversation/README.md "Reply outbox").
   */
  sendTimeoutMs?: number;
}

/** Optional `sendMessage` fields (parse mode, keyboard, topic, reply…). */
export type SendMessageExtra = Omit<Opts<'sendMessage'>, 'chat_id' | 'text'>;

/** Optional `editMessageText` fields. */
export type EditMessageTextExtra = Omit<Opts<'editMessageText'>, 'chat_id' | 'message_id' | 'inline_message_id' | 'text'>;

/** Optional `setWebhook` fields (`secret_token`, `allowed_updates`, …). */
export type SetWebhookExtra = Omit<Opts<'setWebhook'>, 'url'>;

/** Arguments of {@link TelegramClient.getUpdates}. */
export interface GetUpdatesArgs {
  offset?: number;
  /** Long-poll time in seconds. */
  timeout?: number;
  allowedUpdates?: readonly string[];
  /** Aborts the request (used to stop polling). */
  signal?: AbortSignal;
}

/** telegraf types `signal` with the `abort-controller` shim's AbortSignal. */
type CallApiSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** Kept-alive HTTPS connections for the direct calls, as telegraf's default agent keeps its own. */
const HTTPS_AGENT = new HttpsAgent({ keepAlive: true, keepAliveMsecs: 10_000 });

/** telegraf's JSON replacer: `null` and `undefined` fields are left out of the payload. */
function dropNulls(_key: string, value: unknown): unknown {
  return value == null ? undefined : value;
}

/**
 * A thin typed wrapper over telegraf's `Telegram` client.
 *
 * Use it for every outbound Bot API call; it never goes through telegraf's webhook-reply shortcut
 * (`webhookReply: false`), so every call reaches the API (or the fake) and returns its real result.
 *
 * @example
 * const client = new TelegramClient({ token, apiRoot: fake.apiRoot });
 * await client.sendMessage('12345', '<b>Xin chào</b>', { parse_mode: 'HTML' });
 */
export class TelegramClient {
  private readonly tg: Telegram;
  private readonly timeoutMs: number;
  private readonly sendTimeoutMs: number;
  /** `<apiRoot>/bot<token>/`, resolved as telegraf resolves it; the direct calls append the method. */
  private readonly methodBase: URL;

  constructor(options: TelegramClientOptions) {
    const apiRoot = options.apiRoot ?? DEFAULT_API_ROOT;
    this.tg = new Telegram(options.token, { apiRoot, webhookReply: false });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.sendTimeoutMs = Math.max(this.timeoutMs, options.sendTimeoutMs ?? 120_000);
    this.methodBase = new URL(`./bot${options.token}/`, apiRoot);
  }

  /** The bot's own user (checks the token at startup). */
  getMe(): Promise<UserFromGetMe> {
    return this.call('getMe', {});
  }

  /** Sends a text message; returns the sent Message (its `message_id` identifies staff cards). */
  sendMessage(chatId: string, text: string, extra: SendMessageExtra = {}): Promise<Message.TextMessage> {
    return this.direct('sendMessage', { ...extra, chat_id: toChatId(chatId), text }, this.sendTimeoutMs);
  }

  /** Stops the spinner on a pressed button, optionally with a short notice (≤200 characters). */
  answerCallbackQuery(callbackQueryId: string, extra: { text?: string; show_alert?: boolean } = {}): Promise<true> {
    return this.call('answerCallbackQuery', { ...extra, callback_query_id: callbackQueryId });
  }

  /** Shows "typing…" (about 5 s or until the next message); pass a topic id for forum chats. */
  sendChatAction(chatId: string, action: Opts<'sendChatAction'>['action'], messageThreadId?: number): Promise<true> {
    return this.direct('sendChatAction', { chat_id: toChatId(chatId), action, message_thread_id: messageThreadId }, this.timeoutMs);
  }

  /** Sets the command menu. */
  setMyCommands(commands: readonly BotCommand[]): Promise<true> {
    return this.call('setMyCommands', { commands });
  }

  /** Registers the webhook URL. */
  setWebhook(url: string, extra: SetWebhookExtra = {}): Promise<true> {
    return this.call('setWebhook', { ...extra, url });
  }

  /** Removes the webhook (needed before long polling). */
  deleteWebhook(extra: { drop_pending_updates?: boolean } = {}): Promise<true> {
    return this.call('deleteWebhook', extra);
  }

  /** Long-polls for updates; the request timeout is extended by the long-poll time. */
  getUpdates(args: GetUpdatesArgs = {}): Promise<Update[]> {
    const payload = {
      offset: args.offset,
      timeout: args.timeout,
      allowed_updates: args.allowedUpdates as Opts<'getUpdates'>['allowed_updates'],
    };
    return this.call('getUpdates', payload, args.signal, (args.timeout ?? 0) * 1000);
  }

  /** Replaces a message's text (and keyboard); used to update a staff card. */
  editMessageText(chatId: string, messageId: number, text: string, extra: EditMessageTextExtra = {}): Promise<true | Message> {
    return this.call('editMessageText', { ...extra, chat_id: toChatId(chatId), message_id: messageId, text });
  }

  /** Replaces (or, with no markup, removes) a message's inline keyboard. */
  editMessageReplyMarkup(chatId: string, messageId: number, markup?: InlineKeyboardMarkup): Promise<true | Message> {
    return this.call('editMessageReplyMarkup', { chat_id: toChatId(chatId), message_id: messageId, reply_markup: markup });
  }

  /** Full information about a chat; the staff notifier reads `is_forum` to decide on one topic per ticket. */
  getChat(chatId: string): Promise<ChatFromGetChat> {
    return this.call('getChat', { chat_id: toChatId(chatId) });
  }

  /** The webhook as Telegram sees it: URL, pending updates, last delivery error (`cchc webhook info`, doctor). */
  getWebhookInfo(): Promise<WebhookInfo> {
    return this.call('getWebhookInfo', {});
  }

  /** A member of a chat (doctor checks that the bot is an admin of the staff group). */
  getChatMember(chatId: string, userId: number): Promise<ChatMember> {
    return this.call('getChatMember', { chat_id: toChatId(chatId), user_id: userId });
  }

  /** The command menu currently set. */
  getMyCommands(): Promise<BotCommand[]> {
    return this.call('getMyCommands', {});
  }

  /** Creates a forum topic (name 1–128 characters); returns its `message_thread_id`. */
  createForumTopic(chatId: string, name: string): Promise<ForumTopic> {
    return this.call('createForumTopic', { chat_id: toChatId(chatId), name });
  }

  /**
   * A JSON call straight over node:http(s) with a kept-alive connection, for the calls made for every
   * answer (sendMessage, sendChatAction): the same request and the same outcomes as telegraf's `callApi`
   * (a 5xx or an `ok: false` answer → TelegramError, anything else → a network error, a timeout after
   * `timeoutMs`), without node-fetch's request, header and stream objects around each call.
   */
  private direct<M extends keyof ApiMethods>(method: M, payload: Opts<M>, timeoutMs: number): Promise<ReturnType<ApiMethods[M]>> {
    const url = new URL(method, this.methodBase);
    const body = Buffer.from(JSON.stringify(payload, dropNulls), 'utf8');
    const https = url.protocol === 'https:';
    return new Promise<ReturnType<ApiMethods[M]>>((resolve, reject) => {
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const fail = (err: unknown) => {
        clearTimeout(timer);
        reject(toPlatformError(method, err, timedOut));
      };
      const req = (https ? httpsRequest : httpRequest)(
        url,
        {
          method: 'POST',
          agent: https ? HTTPS_AGENT : httpGlobalAgent, // the global one keeps connections alive (Node ≥ 19), as for telegraf
          headers: { 'content-type': 'application/json', 'content-length': body.length, connection: 'keep-alive' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            try {
              resolve(apiResult(method, payload, res, Buffer.concat(chunks)) as ReturnType<ApiMethods[M]>);
            } catch (err: unknown) {
              fail(err);
            }
          });
        },
      );
      timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error(`${method}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
  }

  private async call<M extends keyof ApiMethods>(
    method: M,
    payload: Opts<M>,
    signal?: AbortSignal,
    extraTimeoutMs = 0,
  ): Promise<ReturnType<ApiMethods[M]>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs + extraTimeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // telegraf types its AbortSignal from the `abort-controller` shim; node-fetch accepts the native one.
      return await this.tg.callApi(method, payload, { signal: controller.signal as unknown as CallApiSignal });
    } catch (err: unknown) {
      throw toPlatformError(method, err, timedOut && !signal?.aborted);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * Converts whatever telegraf threw into a platform error: TelegramError (the API answered `ok:false`,
 * or HTTP 5xx) → PlatformApiError with `retry_after`; anything else (refused connection, timeout,
 * invalid JSON) → PlatformNetworkError whose cause has the token redacted.
 */
export function toPlatformError(method: string, err: unknown, timedOut = false): PlatformApiError | PlatformNetworkError {
  if (err instanceof PlatformApiError || err instanceof PlatformNetworkError) return err;
  if (err instanceof TelegramError || isTelegramErrorLike(err)) {
    const e = err as TelegramError;
    const retryAfter = e.parameters?.retry_after;
    return new PlatformApiError('telegram', method, e.code, redact(String(e.description ?? '')), typeof retryAfter === 'number' ? retryAfter : undefined);
  }
  return new PlatformNetworkError('telegram', method, { cause: redactedCopy(err), timedOut });
}

/**
 * The `result` of a Bot API answer, as telegraf's `callApi` reads it: a 5xx → TelegramError with the
 * status, a body that is not JSON → a plain error (a network failure to the caller), `ok: false` →
 * TelegramError with the answer's code, description and parameters (`retry_after`).
 */
function apiResult(method: string, payload: unknown, res: IncomingMessage, raw: Buffer): unknown {
  const status = res.statusCode ?? 0;
  if (status >= 500) throw new TelegramError({ error_code: status, description: res.statusMessage ?? '' }, { method, payload });
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const bytes = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : raw;
  let data: { ok?: unknown; result?: unknown; error_code?: number; description?: string };
  try {
    data = JSON.parse(bytes.toString('utf8')) as typeof data;
  } catch {
    throw new Error(`${method}: invalid JSON answer (HTTP ${status})`);
  }
  if (typeof data !== 'object' || data === null) throw new Error(`${method}: invalid JSON answer (HTTP ${status})`);
  if (data.ok !== true) throw new TelegramError(data as ConstructorParameters<typeof TelegramError>[0], { method, payload });
  return data.result;
}

/** Chat ids are strings in the core; numeric ones go to the API as numbers. */
function toChatId(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) && Number.isSafeInteger(Number(chatId)) ? Number(chatId) : chatId;
}

function isTelegramErrorLike(err: unknown): boolean {
  const response = (err as { response?: { error_code?: unknown } } | null)?.response;
  return typeof response?.error_code === 'number';
}

/** Removes anything shaped like a bot token (`123456:AA…`), in a URL path or not. */
function redact(text: string): string {
  return text.replace(/\d{3,}:[A-Za-z0-9_-]{20,}/g, '<redacted>');
}

/** A copy of a thrown value with the token removed from its message; keeps name and `code`. */
function redactedCopy(err: unknown): Error {
  if (!(err instanceof Error)) return new Error(redact(String(err)));
  const copy = new Error(redact(err.message));
  copy.name = err.name;
  const code = (err as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}
