/**
 * Zalo Official Account settings (issue 15). Kept apart from `config.ts` so that file's other blocks can
 * change independently. The channel is on when `ZALO_OA_APP_ID` is set; the other OA settings then become
 * required (or keep their defaults), and any of them set without the app id is reported as a problem.
 */

/** The OA part of {@link import('./config.js').Config}. */
export interface ZaloOaConfig {
  /** `ZALO_OA_APP_ID`: the app id on developers.zalo.me (digits). */
  appId: string;
  /** `ZALO_OA_APP_SECRET`: the app's secret key, sent as the `secret_key` header of OAuth token calls. */
  appSecret: string;
  /** `ZALO_OA_SECRET_KEY`: the OA secret key of the app–OA link; signs webhooks (not the app secret). */
  secretKey: string;
  /** `ZALO_OA_API_ROOT` (default `https://openapi.zalo.me`): messages go to `<root>/v3.0/oa/message/cs`. */
  apiRoot: string;
  /** `ZALO_OA_OAUTH_ROOT` (default `https://oauth.zaloapp.com`): tokens at `<root>/v4/oa/access_token`. */
  oauthRoot: string;
  /**
   * `ZALO_OA_REFRESH_TOKEN` (optional): seeds the token pair at first start when none is stored (headless
   * set-ups). Used once: the stored pair rotates on every refresh and the seed is then spent.
   */
  refreshToken?: string;
  /**
   * `ZALO_OA_TOKEN_KEY`: the 32-byte AES-256-GCM key that encrypts the token pair at rest, as 64 hex
   * digits or base64 (e.g. `openssl rand -hex 32`). Losing or changing it means reconnecting the OA.
   */
  tokenKey: Buffer;
}

/** Default API roots (platforms.md §2.4, §2.5). */
export const ZALO_OA_DEFAULT_API_ROOT = 'https://openapi.zalo.me';
export const ZALO_OA_DEFAULT_OAUTH_ROOT = 'https://oauth.zaloapp.com';

/** The setting names of this block, for the "set without ZALO_OA_APP_ID" check. */
const OA_NAMES = ['ZALO_OA_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_OA_API_ROOT', 'ZALO_OA_OAUTH_ROOT', 'ZALO_OA_REFRESH_TOKEN', 'ZALO_OA_TOKEN_KEY'] as const;

type Url = (name: string, def?: string) => string | undefined;

/**
 * Reads the OA settings with `loadConfig`'s URL validator; every problem goes to `problems` (named, with
 * what is allowed). Returns undefined when the channel is off.
 */
export function zaloOaSettings(env: Record<string, string | undefined>, url: Url, problems: string[]): ZaloOaConfig | undefined {
  const appId = env.ZALO_OA_APP_ID?.trim();
  if (!appId) {
    const stray = OA_NAMES.filter((n) => env[n]);
    if (stray.length) problems.push(`${stray.join(', ')} ${stray.length > 1 ? 'need' : 'needs'} ZALO_OA_APP_ID (the Zalo OA channel is off without it)`);
    return undefined;
  }
  if (!/^\d{1,32}$/.test(appId)) problems.push('ZALO_OA_APP_ID must be the numeric app id shown on developers.zalo.me');
  const appSecret = required(env, 'ZALO_OA_APP_SECRET', problems, 'the app secret key shown with the app id on developers.zalo.me');
  const secretKey = required(env, 'ZALO_OA_SECRET_KEY', problems, 'the OA secret key of the app–OA link on developers.zalo.me (not the app secret), used to check webhook signatures');
  const tokenKey = tokenKeyOf(env.ZALO_OA_TOKEN_KEY, problems);
  const refreshToken = env.ZALO_OA_REFRESH_TOKEN?.trim() || undefined;
  if (refreshToken && !/^[\x21-\x7e]{16,2048}$/.test(refreshToken)) problems.push('ZALO_OA_REFRESH_TOKEN must be 16–2048 printable ASCII characters without spaces');
  return {
    appId,
    appSecret,
    secretKey,
    apiRoot: url('ZALO_OA_API_ROOT', ZALO_OA_DEFAULT_API_ROOT) ?? ZALO_OA_DEFAULT_API_ROOT,
    oauthRoot: url('ZALO_OA_OAUTH_ROOT', ZALO_OA_DEFAULT_OAUTH_ROOT) ?? ZALO_OA_DEFAULT_OAUTH_ROOT,
    refreshToken,
    tokenKey,
  };
}

function required(env: Record<string, string | undefined>, name: string, problems: string[], what: string): string {
  const v = env[name]?.trim() ?? '';
  if (!v) problems.push(`${name} is required with ZALO_OA_APP_ID: ${what}`);
  else if (!/^[\x21-\x7e]{8,256}$/.test(v)) problems.push(`${name} must be 8–256 printable ASCII characters without spaces`);
  return v;
}

/** 32 bytes from 64 hex digits or base64 / base64url; problems named without echoing the value. */
function tokenKeyOf(raw: string | undefined, problems: string[]): Buffer {
  const v = raw?.trim() ?? '';
  const help = 'ZALO_OA_TOKEN_KEY must be 32 random bytes as 64 hex digits or base64 (generate one with "openssl rand -hex 32"); it encrypts the OA tokens at rest';
  if (!v) {
    problems.push(`${help} and is required with ZALO_OA_APP_ID`);
    return Buffer.alloc(32);
  }
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(v)) key = Buffer.from(v, 'hex');
  else if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(v)) key = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!key || key.length !== 32) {
    problems.push(help);
    return Buffer.alloc(32);
  }
  return key;
}
