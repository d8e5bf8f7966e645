import { describe, it, expect } from 'vitest';
import { ZaloOaOAuthClient } from './oauth-client.js';
import { OaOAuthRejectedError } from './oa-errors.js';
import { PlatformNetworkError } from '../platform-errors.js';

const NOW = 1_700_000_000_000;

/** A fetch answering once with `status` and `body`, recording the request. */
function stub(status: number, body: unknown) {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { seen, client: new ZaloOaOAuthClient({ appId: '2553', appSecret: 'app-secret-xyz', baseUrl: 'https://oauth.example/', fetch: fetchFn, now: () => NOW }) };
}

describe('ZaloOaOAuthClient', () => {
  it('builds the permission URL with app id, redirect, PKCE challenge and state', () => {
    const url = new URL(stub(200, {}).client.permissionUrl({ redirectUri: 'https://bot.gov.vn/admin/zalo-oa/callback', codeChallenge: 'abc-_', state: 'S1' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://oauth.example/v4/oa/permission');
    expect(Object.fromEntries(url.searchParams)).toEqual({ app_id: '2553', redirect_uri: 'https://bot.gov.vn/admin/zalo-oa/callback', code_challenge: 'abc-_', state: 'S1' });
  });

  it('refreshes with a form body and the secret_key header; expires_in as a string of seconds', async () => {
    const { seen, client } = stub(200, { access_token: 'A1', refresh_token: 'R1', expires_in: '90000' });
    expect(await client.refresh('R0')).toEqual({ accessToken: 'A1', refreshToken: 'R1', accessExpiresAt: NOW + 90_000_000, refreshExpiresAt: NOW + 90 * 24 * 3600_000 });
    expect(seen[0].url).toBe('https://oauth.example/v4/oa/access_token');
    const headers = seen[0].init.headers as Record<string, string>;
    expect(headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', secret_key: 'app-secret-xyz' });
    expect(Object.fromEntries(new URLSearchParams(String(seen[0].init.body)))).toEqual({ app_id: '2553', grant_type: 'refresh_token', refresh_token: 'R0' });
  });

  it('treats an error body as a refusal even with HTTP 200, quoting Zalo and never the token', async () => {
    const { client } = stub(200, { error: -14014, error_name: 'Invalid refresh token', error_description: 'Refresh token is invalid' });
    const err = await client.refresh('R-secret-value').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OaOAuthRejectedError);
    expect(err).toMatchObject({ code: -14014, description: 'Refresh token is invalid', grant: 'refresh_token' });
    expect(String((err as Error).message)).not.toContain('R-secret-value');
    const half = await stub(200, { access_token: 'A-only' }).client.refresh('R0').catch((e: unknown) => e);
    expect(half, 'a pair without a refresh token is no pair').toBeInstanceOf(OaOAuthRejectedError);
  });

  it('treats 5xx and a non-JSON success as transient (the refresh token may still be good)', async () => {
    expect(await stub(502, 'bad gateway').client.refresh('R0').catch((e: unknown) => e)).toBeInstanceOf(PlatformNetworkError);
    expect(await stub(200, '<html>').client.refresh('R0').catch((e: unknown) => e)).toBeInstanceOf(PlatformNetworkError);
  });
});
