/**
 * What the Zalo OA platform refused, sorted into the outcomes the channel acts on. Failures come back as
 * HTTP 200 with a non-zero `error` (platforms.md §2.4). The code table is from third-party copies of
 * Zalo's docs and working integrations; codes marked "unconfirmed" in the README need a live account.
 */
import { PlatformApiError } from '../platform-errors.js';

/**
 * - `token`: the access token is invalid or expired → refresh once and retry.
 * - `window`: the user has not interacted recently enough (or is inactive) → keep the answer for their next message.
 * - `quota`: the OA's message quota (or the per-user receive quota) is used up → keep the answer too.
 * - `blocked`: the user restricted this kind of message from the OA → keep the answer.
 * - `rate`: too many calls → back off and retry.
 * - `server`: HTTP 5xx or an unreadable answer → retry.
 * - `invalid`: the request itself was refused (too long, bad parameter) → do not retry.
 * - `other`: anything else → do not retry.
 */
export type OaFailureKind = 'token' | 'window' | 'quota' | 'blocked' | 'rate' | 'server' | 'invalid' | 'other';

/** Error codes by outcome. Sources: platforms.md §2.4, the hoangnd25 and Poto_platform notes (README). */
const KIND_BY_CODE: Record<number, OaFailureKind> = {
  [-216]: 'token', // Access token is invalid
  [-220]: 'token', // access_token is expired or removed
  [-213]: 'window', // user has not followed / no recent interaction
  [-230]: 'window', // no interaction with the OA in the past 7 days
  [-232]: 'window', // no interaction yet, or the last one expired
  [-227]: 'window', // user banned or inactive for more than 45 days
  [-211]: 'quota', // out of quota
  [-218]: 'quota', // out of quota for this receiver
  [-224]: 'quota', // the OA needs a paid tier package
  [-321]: 'quota', // the linked Zalo Cloud Account cannot pay
  [-244]: 'blocked', // the user restricted this message type from the OA
  [-32]: 'rate', // application reached its API call limit
  [-201]: 'invalid', // a parameter is invalid
  [-210]: 'invalid', // a parameter exceeds its limit
  [-233]: 'invalid', // message type invalid or not supported
};

/** The outcome of an OA error code (or an HTTP status for answers without one). */
export function oaFailureKind(code: number): OaFailureKind {
  if (code === 429) return 'rate';
  if (code >= 500) return 'server';
  return KIND_BY_CODE[code] ?? 'other';
}

/**
 * OaApiError: the OA API answered and refused. `code` is Zalo's `error` (negative) or, without one, the
 * HTTP status; `description` is Zalo's `message`. Never contains the access token (it travels in a header).
 */
export class OaApiError extends PlatformApiError {
  readonly kind: OaFailureKind;

  constructor(method: string, code: number, description: string) {
    super('zalo-oa', method, code, description);
    this.name = 'OaApiError';
    this.kind = oaFailureKind(code);
  }

  /** Worth retrying soon: rate limits and server failures. */
  override get retryable(): boolean {
    return this.kind === 'rate' || this.kind === 'server';
  }

  /**
   * Retrying cannot help until the user writes to the OA again (window closed, quota used up, messages
   * restricted): the outbox gives up at once and the answer waits for the user's next message.
   */
  get permanent(): boolean {
    return this.kind === 'window' || this.kind === 'quota' || this.kind === 'blocked';
  }
}

/**
 * The OAuth token endpoint answered with an error instead of a token pair (Zalo reports these with
 * `error` / `error_name` / `error_reason` / `error_description`, sometimes with HTTP 200). For a refresh
 * this means the refresh token is spent, expired or revoked (or the app secret is wrong): an admin must
 * connect the OA again.
 */
export class OaOAuthRejectedError extends Error {
  constructor(
    readonly grant: 'authorization_code' | 'refresh_token',
    readonly code: number | undefined,
    /** Zalo's own words (error_description, error_reason, error_name or message). */
    readonly description: string,
  ) {
    super(`zalo-oa OAuth ${grant} refused${code !== undefined ? ` (${code})` : ''}: ${description}`);
    this.name = 'OaOAuthRejectedError';
  }
}

/**
 * No usable access token: the OA was never connected, was disconnected, needs re-authorisation, or its
 * stored pair cannot be decrypted. `kind` is `token` so senders treat it like an expired token (the
 * outbox retries later; admins are told separately).
 */
export class OaNotConnectedError extends Error {
  readonly kind = 'token' as const;
  readonly permanent = false;

  constructor(
    readonly reason: 'not_connected' | 'reauth_required' | 'key_changed' | 'refresh_unavailable',
    detail: string,
  ) {
    super(`zalo-oa has no usable access token (${reason}): ${detail}`);
    this.name = 'OaNotConnectedError';
  }
}
