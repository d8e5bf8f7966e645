/**
 * The OA OAuth v4 endpoints (platforms.md §2.5): the permission page an OA admin opens, and the token
 * endpoint for the authorisation code (with the PKCE verifier) and for refreshes. The app secret goes in
 * the `secret_key` header; tokens and codes travel in form bodies; none of them appear in errors.
 */
import { PlatformNetworkError } from '../platform-errors.js';
import { OaOAuthRejectedError } from './oa-errors.js';
import { isRecord, oaRequest } from './oa-http.js';
import type { OaHttpOptions } from './oa-http.js';

/** Default OAuth root (platforms.md §2.5). */
export const ZALO_OA_OAUTH_ROOT = 'https://oauth.zaloapp.com';

/**
 * How long a refresh token lives when Zalo does not say: "about 3 months" (platforms.md §2.5). Only used
 * to show admins when the OA must be connected again if the bot stops refreshing.
 */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600_000;

/** A token pair with absolute expiry times (epoch ms). */
export interface OaTokenPair {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
}

/** Options for {@link ZaloOaOAuthClient}. */
export interface ZaloOaOAuthClientOptions extends OaHttpOptions {
  appId: string;
  appSecret: string;
  /** OAuth root. Default `https://oauth.zaloapp.com`. */
  baseUrl?: string;
  now?: () => number;
}

/**
 * ZaloOaOAuthClient: builds the permission URL and calls `POST <root>/v4/oa/access_token`.
 *
 * A token answer must carry both tokens; anything else Zalo answers (an `error` code or `error_name` /
 * `error_description`, with HTTP 200 or 4xx) throws {@link OaOAuthRejectedError}; HTTP 5xx and no answer
 * throw `PlatformNetworkError` (transient: the refresh token may still be good, or spent if Zalo
 * processed the call and the answer was lost).
 *
 * @example
 * const oauth = new ZaloOaOAuthClient({ appId, appSecret, baseUrl: fake.oauthRoot });
 * const pair = await oauth.refresh(storedRefreshToken);
 */
export class ZaloOaOAuthClient {
  private readonly baseUrl: string;
  private readonly now: () => number;

  constructor(private readonly o: ZaloOaOAuthClientOptions) {
    this.baseUrl = (o.baseUrl ?? ZALO_OA_OAUTH_ROOT).replace(/\/+$/, '');
    this.now = o.now ?? Date.now;
  }

  /** The page where an OA admin picks the OA and grants the app's permissions. */
  permissionUrl(p: { redirectUri: string; codeChallenge: string; state: string }): string {
    const q = new URLSearchParams({ app_id: this.o.appId, redirect_uri: p.redirectUri, code_challenge: p.codeChallenge, state: p.state });
    return `${this.baseUrl}/v4/oa/permission?${q.toString()}`;
  }

  /** Exchanges the callback's `code` (valid 10 minutes, single use) and the PKCE verifier for a pair. */
  exchangeCode(code: string, codeVerifier: string): Promise<OaTokenPair> {
    return this.token('authorization_code', { code, code_verifier: codeVerifier });
  }

  /** Spends `refreshToken` (single use) for a new pair; the old refresh token is dead afterwards. */
  refresh(refreshToken: string): Promise<OaTokenPair> {
    return this.token('refresh_token', { refresh_token: refreshToken });
  }

  private async token(grant: 'authorization_code' | 'refresh_token', fields: Record<string, string>): Promise<OaTokenPair> {
    const body = new URLSearchParams({ app_id: this.o.appId, grant_type: grant, ...fields });
    const answer = await oaRequest('access_token', `${this.baseUrl}/v4/oa/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: this.o.appSecret },
      body: body.toString(),
    }, this.o);
    if (answer.status >= 500 || answer.status === 429) {
      throw new PlatformNetworkError('zalo-oa', 'access_token', { cause: new Error(`HTTP ${answer.status}`) });
    }
    const json = isRecord(answer.json) ? answer.json : undefined;
    const pair = json ? this.pairOf(json) : undefined;
    if (pair) return pair;
    if (!json && answer.status < 400) throw new PlatformNetworkError('zalo-oa', 'access_token', { cause: new Error(`HTTP ${answer.status} with a non-JSON body`) });
    const code = typeof json?.error === 'number' ? json.error : typeof json?.error === 'string' && /^-?\d+$/.test(json.error) ? Number(json.error) : undefined;
    throw new OaOAuthRejectedError(grant, code, describe(json, answer.status));
  }

  /** The pair in a token answer (`expires_in` may be a string of seconds), or undefined. */
  private pairOf(json: Record<string, unknown>): OaTokenPair | undefined {
    const { access_token: access, refresh_token: refresh } = json;
    if (typeof access !== 'string' || !access || typeof refresh !== 'string' || !refresh) return undefined;
    const now = this.now();
    const seconds = (v: unknown, def: number) => {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
      return Number.isFinite(n) && n > 0 ? n : def;
    };
    return {
      accessToken: access,
      refreshToken: refresh,
      accessExpiresAt: now + seconds(json.expires_in, 3600) * 1000,
      refreshExpiresAt: now + seconds(json.refresh_token_expires_in, REFRESH_TOKEN_LIFETIME_MS / 1000) * 1000,
    };
  }
}

/** Zalo's own words for a refusal, without echoing any token. */
function describe(json: Record<string, unknown> | undefined, status: number): string {
  for (const key of ['error_description', 'error_reason', 'error_name', 'message']) {
    const v = json?.[key];
    if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 300);
  }
  return `HTTP ${status} without a token pair`;
}
