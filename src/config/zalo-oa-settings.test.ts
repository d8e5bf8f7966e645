import { describe, it, expect } from 'vitest';
import { loadConfig } from './config.js';
import { isAppError } from '../common/errors.js';

const KEY_HEX = 'a'.repeat(64);
const BASE = { ZALO_OA_APP_ID: '2553123456789', ZALO_OA_APP_SECRET: 'appSecret123', ZALO_OA_SECRET_KEY: 'oaSecretKey123', ZALO_OA_TOKEN_KEY: KEY_HEX };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err: unknown) {
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    return (err as { detail: string }).detail;
  }
  throw new Error('expected CONFIG_INVALID');
}

describe('Zalo OA settings', () => {
  it('are off without ZALO_OA_APP_ID', () => {
    expect(loadConfig({}).zaloOa).toBeUndefined();
  });

  it('turn the channel on with the app id, secrets and token key, with the documented default roots', () => {
    const c = loadConfig(BASE).zaloOa;
    expect(c).toMatchObject({ appId: '2553123456789', appSecret: 'appSecret123', secretKey: 'oaSecretKey123', apiRoot: 'https://openapi.zalo.me', oauthRoot: 'https://oauth.zaloapp.com' });
    expect(c?.tokenKey).toEqual(Buffer.from(KEY_HEX, 'hex'));
    expect(c?.refreshToken).toBeUndefined();
  });

  it('accept a base64 token key, custom roots (trailing slash dropped) and a seed refresh token', () => {
    const key = Buffer.alloc(32, 7);
    const c = loadConfig({ ...BASE, ZALO_OA_TOKEN_KEY: key.toString('base64'), ZALO_OA_API_ROOT: 'http://127.0.0.1:9/', ZALO_OA_OAUTH_ROOT: 'http://127.0.0.1:8', ZALO_OA_REFRESH_TOKEN: 'seedRefreshToken_0123456789' }).zaloOa;
    expect(c?.tokenKey).toEqual(key);
    expect(c).toMatchObject({ apiRoot: 'http://127.0.0.1:9', oauthRoot: 'http://127.0.0.1:8', refreshToken: 'seedRefreshToken_0123456789' });
  });

  it('list every missing or malformed OA setting at once, without echoing secrets', () => {
    const detail = problemsOf({ ZALO_OA_APP_ID: 'abc', ZALO_OA_TOKEN_KEY: 'tooShortSecretValue', ZALO_OA_API_ROOT: 'ftp://x' });
    for (const name of ['ZALO_OA_APP_ID', 'ZALO_OA_APP_SECRET', 'ZALO_OA_SECRET_KEY', 'ZALO_OA_TOKEN_KEY', 'ZALO_OA_API_ROOT']) expect(detail, name).toContain(name);
    expect(detail).toContain('openssl rand -hex 32');
    expect(detail).not.toContain('tooShortSecretValue');
  });

  it('report OA settings given without the app id', () => {
    expect(problemsOf({ ZALO_OA_SECRET_KEY: 'oaSecretKey123' })).toContain('ZALO_OA_SECRET_KEY needs ZALO_OA_APP_ID');
  });
});
