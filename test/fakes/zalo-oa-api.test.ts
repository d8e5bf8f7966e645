import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startFakeZaloOa, oaTextEvent } from './zalo-oa-api.js';
import type { FakeZaloOa } from './zalo-oa-api.js';

async function token(fake: FakeZaloOa, fields: Record<string, string>, secret = fake.appSecret) {
  const res = await fetch(`${fake.oauthRoot}/v4/oa/access_token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: secret },
    body: new URLSearchParams({ app_id: fake.appId, ...fields }).toString(),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function send(fake: FakeZaloOa, accessToken: string, recipient: Record<string, string>, text = 'Xin chào') {
  const res = await fetch(`${fake.apiRoot}/v3.0/oa/message/cs`, { method: 'POST', headers: { 'content-type': 'application/json', access_token: accessToken }, body: JSON.stringify({ recipient, message: { text } }) });
  return (await res.json()) as { error: number; message: string };
}

describe('fake Zalo OA', () => {
  let fake: FakeZaloOa;
  beforeEach(async () => {
    fake = await startFakeZaloOa();
  });
  afterEach(async () => fake.close());

  it('runs the PKCE code flow: permission redirect with code, oa_id and state; the verifier must match; codes are single-use', async () => {
    const verifier = 'v'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const q = new URLSearchParams({ app_id: fake.appId, redirect_uri: 'https://bot.example/admin/zalo-oa/callback', code_challenge: challenge, state: 'st1' });
    const res = await fetch(`${fake.oauthRoot}/v4/oa/permission?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe('st1');
    expect(back.searchParams.get('oa_id')).toMatch(/^\d+$/);
    const code = back.searchParams.get('code') ?? '';
    expect(await token(fake, { grant_type: 'authorization_code', code, code_verifier: 'w'.repeat(43) })).toMatchObject({ error: -14020 });
    expect(await token(fake, { grant_type: 'authorization_code', code, code_verifier: verifier }), 'the code was spent by the failed try').toMatchObject({ error: -14019 });
    const again = new URL((await fetch(`${fake.oauthRoot}/v4/oa/permission?${q}`, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect(await token(fake, { grant_type: 'authorization_code', code: again, code_verifier: verifier })).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: '90000' });
  });

  it('spends refresh tokens once and checks the app secret', async () => {
    const r0 = fake.issueRefreshToken();
    expect(await token(fake, { grant_type: 'refresh_token', refresh_token: r0 }, 'wrong-secret')).toMatchObject({ error: -14002 });
    const first = await token(fake, { grant_type: 'refresh_token', refresh_token: r0 });
    expect(first.refresh_token).toBeTruthy();
    expect(await token(fake, { grant_type: 'refresh_token', refresh_token: r0 })).toMatchObject({ error: -14014, error_name: 'Invalid refresh token' });
  });

  it('enforces tokens and windows: -216, -213, free replies to the last message, -211 without quota, -230 after 7 days', async () => {
    const pair = await token(fake, { grant_type: 'refresh_token', refresh_token: fake.issueRefreshToken() });
    const at = String(pair.access_token);
    expect(await send(fake, 'nope', { user_id: 'u1' })).toMatchObject({ error: -216 });
    expect(await send(fake, at, { user_id: 'u1' })).toMatchObject({ error: -213 });
    await fake.deliver('http://127.0.0.1:9/unused', oaTextEvent('u1', 'hỏi', { msgId: 'm1' })).catch(() => undefined);
    for (let i = 0; i < 8; i++) expect(await send(fake, at, { user_id: 'u1', message_id: 'm1' })).toMatchObject({ error: 0 });
    expect(await send(fake, at, { user_id: 'u1', message_id: 'm1' }), 'the 9th reply is charged').toMatchObject({ error: -211 });
    fake.setQuota(1);
    expect(await send(fake, at, { user_id: 'u1' })).toMatchObject({ error: 0 });
    expect(fake.sent.map((s) => s.billing)).toEqual([...Array(8).fill('reply'), 'proactive']);
    fake.advance(8 * 24 * 3600_000);
    expect(await send(fake, at, { user_id: 'u1' }), 'the access token lived 25 hours').toMatchObject({ error: -216 });
    const later = String((await token(fake, { grant_type: 'refresh_token', refresh_token: String(pair.refresh_token) })).access_token);
    expect(await send(fake, later, { user_id: 'u1', message_id: 'm1' })).toMatchObject({ error: -230 });
    fake.expireAccessTokens();
    expect(await send(fake, later, { user_id: 'u1' })).toMatchObject({ error: -216 });
  });
});
