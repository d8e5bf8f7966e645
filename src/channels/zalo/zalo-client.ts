/**
 * A thin typed client for the Zalo Bot Platform API (platforms.md §1): every method is a POST with a JSON
 * body to `${baseUrl}/bot${token}/${method}`, answered with Telegram's envelope `{ ok, result }` or
 * `{ ok: false, error_code, description }`. No SDK is used (platforms.md §0).
 *
 * The token sits in the URL path, so this module never puts a URL in an error and scrubs the token from
 * every text it passes on (descriptions, causes).
 */
import { PlatformApiError, PlatformNetworkError } from '../platform-errors.js';
import type { ZaloUpdate } from './zalo-types.js';

/** Production API root (the older host `bot-api.zapps.me` may still answer; unconfirmed). */
export const ZALO_API_ROOT = 'https://bot-api.zaloplatforms.com';

/** Options for {@link ZaloClient}. */
export interface ZaloClientOptions {
  /** Bot token, `<bot_id>:<secret>`. Kept out of every error and log. */
  token: string;
  /** API root without a trailing slash. Default {@link ZALO_API_ROOT}; tests point it at the fake. */
  baseUrl?: string;
  /** Injectable fetch. Default the global `fetch`. */
  fetch?: typeof fetch;
  /** Per-request timeout in ms (long polls add their own wait on top). Default 10 000. */
  timeoutMs?: number;
  /**
   * Timeout of `sendMessage`, ms. Default 120 000: a send that times out may still arrive, and a retry
   * would then double the message, so sends get far longer than other calls (see conversation/README.md).
   */
  sendTimeoutMs?: number;
}

/** Result of `getMe`. */
export interface ZaloBotInfo {
  id: string;
  account_name: string;
  account_type: string;
  can_join_groups: boolean;
}

/** Result of `setWebhook`, `deleteWebhook` and `getWebhookInfo` (`url` is "" when none is set). */
export interface ZaloWebhookInfo {
  url: string;
  updated_at?: number;
}

/** Result of `sendMessage` and `sendPhoto`. */
export interface ZaloSentMessage {
  message_id: string;
  date: number;
}

/** Per-call options. */
export interface ZaloCallOptions {
  /** Aborts the call (e.g. a long poll on shutdown); surfaces as {@link PlatformNetworkError}. */
  signal?: AbortSignal;
  /** Extra time on top of `timeoutMs`, for long polls. */
  extraTimeoutMs?: number;
}

/**
 * ZaloClient: typed methods over the Zalo Bot API, throwing {@link PlatformApiError} when the platform
 * refuses (`ok: false` or a non-2xx status, with `retryAfter` from a `Retry-After` header) and
 * {@link PlatformNetworkError} when no usable answer came back (fetch failure, timeout, non-JSON body).
 * It does not retry; wrap calls in `withRetry` for that.
 *
 * @example
 * const zalo = new ZaloClient({ token, baseUrl: fake.apiRoot });
 * await zalo.sendMessage({ chat_id: '6ede…', text: 'Xin chào' });
 */
export class ZaloClient {
  private readonly token: string;
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly sendTimeoutMs: number;

  constructor(opts: ZaloClientOptions) {
    this.token = opts.token;
    this.baseUrl = (opts.baseUrl ?? ZALO_API_ROOT).replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.sendTimeoutMs = Math.max(this.timeoutMs, opts.sendTimeoutMs ?? 120_000);
  }

  /** The bot's own account. */
  getMe(): Promise<ZaloBotInfo> {
    return this.call<ZaloBotInfo>('getMe', {});
  }

  /**
   * Long-polls for the next update. Zalo returns ONE update, not an array; `error_code` 408 means "no
   * update within the wait" and resolves `null` here.
   * @param params.timeout Seconds the server may hold the request. Default 30.
   */
  async getUpdates(params: { timeout?: number } = {}, opts: ZaloCallOptions = {}): Promise<ZaloUpdate | null> {
    const timeout = params.timeout ?? 30;
    try {
      const result = await this.call<ZaloUpdate | null>('getUpdates', { timeout: String(timeout) }, {
        ...opts,
        extraTimeoutMs: timeout * 1000 + (opts.extraTimeoutMs ?? 0),
      });
      return result ?? null;
    } catch (err: unknown) {
      if (err instanceof PlatformApiError && err.code === 408) return null;
      throw err;
    }
  }

  /** Sets the webhook; Zalo then sends `secret_token` in the `X-Bot-Api-Secret-Token` header. */
  setWebhook(params: { url: string; secret_token: string }): Promise<ZaloWebhookInfo> {
    return this.call<ZaloWebhookInfo>('setWebhook', params);
  }

  /** Removes the webhook (required before polling). */
  deleteWebhook(): Promise<ZaloWebhookInfo> {
    return this.call<ZaloWebhookInfo>('deleteWebhook', {});
  }

  /** The current webhook. */
  getWebhookInfo(): Promise<ZaloWebhookInfo> {
    return this.call<ZaloWebhookInfo>('getWebhookInfo', {});
  }

  /** Sends plain text (1–2000 characters; longer text is refused by the platform, split it first). */
  sendMessage(params: { chat_id: string; text: string }): Promise<ZaloSentMessage> {
    return this.call<ZaloSentMessage>('sendMessage', params, { extraTimeoutMs: this.sendTimeoutMs - this.timeoutMs });
  }

  /** Sends a photo by public URL, with an optional caption (≤2000 characters). */
  sendPhoto(params: { chat_id: string; photo: string; caption?: string }): Promise<ZaloSentMessage> {
    return this.call<ZaloSentMessage>('sendPhoto', params);
  }

  /** Shows "typing…" in the chat (`upload_photo` is announced as coming soon, so only `typing`). */
  async sendChatAction(params: { chat_id: string; action: 'typing' }): Promise<void> {
    await this.call<unknown>('sendChatAction', params);
  }

  /**
   * Calls any method and returns its `result`. Use the typed methods above; this is public for methods
   * not wrapped yet (e.g. `sendSticker`).
   */
  async call<T>(method: string, body: Record<string, unknown>, opts: ZaloCallOptions = {}): Promise<T> {
    const res = await this.post(method, body, opts);
    const text = await this.readBody(method, res, opts);
    const json = parseJson(text);
    const ok = res.ok && isRecord(json) && json.ok === true;
    if (ok) return (json as { result?: T }).result as T;
    if (res.ok && !isRecord(json)) {
      throw new PlatformNetworkError('zalo', method, { cause: new Error(`HTTP ${res.status} with a non-JSON body`) });
    }
    throw this.apiError(method, res, json);
  }

  private async post(method: string, body: Record<string, unknown>, opts: ZaloCallOptions): Promise<Response> {
    const url = `${this.baseUrl}/bot${this.token}/${method}`;
    const signal = this.signalFor(opts);
    try {
      return await this.fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
    } catch (err: unknown) {
      throw new PlatformNetworkError('zalo', method, { cause: this.scrubCause(err, signal, opts), timedOut: signal.aborted && !opts.signal?.aborted });
    }
  }

  private async readBody(method: string, res: Response, opts: ZaloCallOptions): Promise<string> {
    try {
      return await res.text();
    } catch (err: unknown) {
      throw new PlatformNetworkError('zalo', method, { cause: this.scrubCause(err, undefined, opts) });
    }
  }

  private signalFor(opts: ZaloCallOptions): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs + (opts.extraTimeoutMs ?? 0));
    return opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  }

  /** HTTP 429 and 5xx keep the HTTP status as the code so they are retried; otherwise the body's code. */
  private apiError(method: string, res: Response, json: unknown): PlatformApiError {
    const body = isRecord(json) ? json : {};
    const bodyCode = typeof body.error_code === 'number' ? body.error_code : undefined;
    const transient = res.status === 429 || res.status >= 500;
    const code = transient || bodyCode === undefined ? (res.ok ? 500 : res.status) : bodyCode;
    const description = this.redact(typeof body.description === 'string' ? body.description : res.statusText || 'error');
    return new PlatformApiError('zalo', method, code, description, retryAfterSeconds(res, body));
  }

  /** A cause safe to keep: same name and message, token removed, no URL-bearing original attached. */
  private scrubCause(err: unknown, signal: AbortSignal | undefined, opts: ZaloCallOptions): Error {
    if (opts.signal?.aborted) return new Error('aborted by caller');
    if (signal?.aborted) return new Error(`timed out after ${this.timeoutMs + (opts.extraTimeoutMs ?? 0)} ms`);
    const inner = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    const message = err instanceof Error ? `${err.message}${inner}` : String(err);
    const safe = new Error(this.redact(message));
    safe.name = err instanceof Error ? err.name : 'Error';
    const code = isRecord(err) && typeof err.code === 'string' ? err.code : undefined;
    if (code) Object.assign(safe, { code });
    return safe;
  }

  private redact(text: string): string {
    return this.token ? text.split(this.token).join('<token>') : text;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Seconds from a `Retry-After` header (seconds or HTTP date) or a Telegram-style `parameters.retry_after`. */
function retryAfterSeconds(res: Response, body: Record<string, unknown>): number | undefined {
  const h = res.headers.get('retry-after');
  if (h) {
    const secs = Number(h);
    if (Number.isFinite(secs) && secs >= 0) return secs;
    const at = Date.parse(h);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  const params = body.parameters;
  if (isRecord(params) && typeof params.retry_after === 'number') return params.retry_after;
  return undefined;
}
