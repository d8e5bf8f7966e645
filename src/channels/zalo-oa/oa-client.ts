/**
 * A thin typed client for the Zalo OA Open API calls the channel makes (platforms.md §2.4): the
 * customer-service ("tư vấn") text message and the OA's own profile. The access token goes in the
 * `access_token` header, never in a URL or an error.
 */
import { OaApiError } from './oa-errors.js';
import { isRecord, oaRequest } from './oa-http.js';
import type { OaHttpOptions } from './oa-http.js';

/** Default OA Open API root (platforms.md §2.4). */
export const ZALO_OA_API_ROOT = 'https://openapi.zalo.me';

/** Zalo OA text messages hold at most 2000 characters (third-party summaries; the Zalo renderer splits there). */
export const OA_TEXT_LIMIT = 2000;

/** Options for {@link ZaloOaClient}. */
export interface ZaloOaClientOptions extends OaHttpOptions {
  /** API root. Default `https://openapi.zalo.me`; tests pass the fake's. */
  baseUrl?: string;
}

/** What a sent message returns. */
export interface OaSentMessage {
  messageId: string;
  userId: string;
}

/**
 * ZaloOaClient: `POST <root>/v3.0/oa/message/cs` and `GET <root>/v2.0/oa/getoa`.
 *
 * Refusals (`error` ≠ 0, or an HTTP error) throw {@link OaApiError} with the outcome it means
 * (`kind`); no answer throws `PlatformNetworkError`. It does not refresh tokens or retry: the sender does.
 *
 * @example
 * const oa = new ZaloOaClient({ baseUrl: fake.apiRoot });
 * await oa.sendText(accessToken, { userId: '8411…', text: 'Xin chào', replyToMsgId: 'cb31…' });
 */
export class ZaloOaClient {
  private readonly baseUrl: string;

  constructor(private readonly opts: ZaloOaClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? ZALO_OA_API_ROOT).replace(/\/+$/, '');
  }

  /**
   * Sends a customer-service text message. With `replyToMsgId` (the user's last message), the message
   * is a reply to it — free within 48 hours of that message, up to 8 replies; without it, Zalo counts a
   * proactive message (platforms.md §2.4: the `recipient.message_id` placement is unconfirmed).
   */
  async sendText(accessToken: string, m: { userId: string; text: string; replyToMsgId?: string }): Promise<OaSentMessage> {
    const recipient: Record<string, string> = { user_id: m.userId };
    if (m.replyToMsgId) recipient.message_id = m.replyToMsgId;
    const answer = await oaRequest('message/cs', `${this.baseUrl}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: accessToken },
      body: JSON.stringify({ recipient, message: { text: m.text } }),
    }, this.opts);
    const data = this.data('message/cs', answer.status, answer.json);
    return { messageId: stringOf(data.message_id) ?? '', userId: stringOf(data.user_id) ?? m.userId };
  }

  /** The OA's id and name (shown on the admin page). The v2.0 path is what integrations use (unconfirmed). */
  async getOaInfo(accessToken: string): Promise<{ oaId?: string; name?: string }> {
    const answer = await oaRequest('getoa', `${this.baseUrl}/v2.0/oa/getoa`, { method: 'GET', headers: { access_token: accessToken } }, this.opts);
    const data = this.data('getoa', answer.status, answer.json);
    return { oaId: stringOf(data.oa_id), name: stringOf(data.name) };
  }

  /** `data` of a successful answer; otherwise the refusal as an {@link OaApiError}. */
  private data(method: string, status: number, json: unknown): Record<string, unknown> {
    const body = isRecord(json) ? json : undefined;
    const error = typeof body?.error === 'number' ? body.error : typeof body?.error === 'string' && /^-?\d+$/.test(body.error) ? Number(body.error) : undefined;
    const description = typeof body?.message === 'string' ? body.message : `HTTP ${status}`;
    if (status >= 500 || status === 429) throw new OaApiError(method, status, description);
    if (!body) throw new OaApiError(method, status >= 400 ? status : 502, 'the answer is not JSON');
    if (error !== undefined && error !== 0) throw new OaApiError(method, error, description);
    if (status >= 400) throw new OaApiError(method, status, description);
    return isRecord(body.data) ? body.data : {};
  }
}

function stringOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
