import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeZalo, zaloImageEvent, zaloStickerEvent, zaloTextEvent, zaloEvent } from './zalo-api.js';
import type { FakeZalo } from './zalo-api.js';

describe('fake Zalo Bot API', () => {
  let fake: FakeZalo;
  const post = async (method: string, body: unknown = {}, token = fake.token) => {
    const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as Record<string, any> };
  };

  beforeEach(async () => {
    fake = await startFakeZalo({ pollWaitMs: 50 });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('answers getMe with the ok/result envelope', async () => {
    const { status, json } = await post('getMe');
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, result: expect.objectContaining({ account_name: expect.any(String), can_join_groups: false }) });
  });

  it('rejects a wrong token with 401 and records the call', async () => {
    const { status, json } = await post('getMe', {}, '999:wrong');
    expect(status).toBe(401);
    expect(json).toMatchObject({ ok: false, error_code: 401 });
    expect(fake.callsOf('getMe')).toEqual([expect.objectContaining({ status: 401, ok: false })]);
  });

  it('sends messages of 1–2000 characters and refuses empty or longer text with 400', async () => {
    const sent = await post('sendMessage', { chat_id: 'c1', text: 'Xin chào' });
    expect(sent.json.result).toEqual({ message_id: expect.any(String), date: expect.any(Number) });
    expect((await post('sendMessage', { chat_id: 'c1', text: 'x'.repeat(2001) })).json).toMatchObject({ ok: false, error_code: 400 });
    expect((await post('sendMessage', { chat_id: 'c1', text: '' })).json).toMatchObject({ ok: false, error_code: 400 });
    await post('sendMessage', { chat_id: 'c2', text: 'Khác' });
    expect(fake.sentTexts('c1')).toEqual(['Xin chào']);
    expect(fake.sentTexts()).toEqual(['Xin chào', 'Khác']);
  });

  it('fails the next N calls of a method as told, then recovers', async () => {
    fake.failNext('sendMessage', 429, 1, { retryAfter: 2 });
    const limited = await post('sendMessage', { chat_id: 'c', text: 'a' });
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe('2');
    fake.failNext('sendMessage', 500, 2);
    expect((await post('sendMessage', { chat_id: 'c', text: 'a' })).status).toBe(500);
    expect((await post('sendMessage', { chat_id: 'c', text: 'a' })).status).toBe(500);
    fake.failNext('sendMessage', 400);
    expect((await post('sendMessage', { chat_id: 'c', text: 'a' })).json).toMatchObject({ ok: false, error_code: 400 });
    expect((await post('sendMessage', { chat_id: 'c', text: 'a' })).json.ok).toBe(true);
    expect(fake.sentTexts('c')).toEqual(['a']);
  });

  it('keeps the webhook state through setWebhook, getWebhookInfo and deleteWebhook', async () => {
    expect((await post('setWebhook', { url: 'https://bot.example/webhooks/zalo', secret_token: 'short' })).status).toBe(400);
    await post('setWebhook', { url: 'https://bot.example/webhooks/zalo', secret_token: 'long-enough-secret' });
    expect((await post('getWebhookInfo')).json.result.url).toBe('https://bot.example/webhooks/zalo');
    await post('deleteWebhook');
    expect((await post('getWebhookInfo')).json.result.url).toBe('');
  });

  it('returns one queued update per getUpdates and 408 when none arrives', async () => {
    const update = zaloTextEvent({ chatId: 'c1', text: 'Xin chào' }, { envelope: 'flat' });
    fake.queueUpdate(update);
    expect((await post('getUpdates', { timeout: '30' })).json).toEqual({ ok: true, result: update });
    expect((await post('getUpdates', { timeout: '30' })).json).toMatchObject({ ok: false, error_code: 408 });
  });

  it('wakes a waiting getUpdates when an update is queued', async () => {
    const slow = await startFakeZalo({ pollWaitMs: 5000 });
    try {
      const pending = fetch(`${slow.apiRoot}/bot${slow.token}/getUpdates`, { method: 'POST', body: '{}' });
      await new Promise((r) => setTimeout(r, 20));
      slow.queueUpdate({ event_name: 'user.follow' });
      expect(await (await pending).json()).toEqual({ ok: true, result: { event_name: 'user.follow' } });
    } finally {
      await slow.close();
    }
  });

  it('waitFor resolves on a later call and rejects with a hint after the timeout', async () => {
    const waiting = fake.waitFor('sendChatAction', (c) => c.body.chat_id === 'c9');
    await post('sendChatAction', { chat_id: 'c9', action: 'typing' });
    await expect(waiting).resolves.toMatchObject({ ok: true, body: { chat_id: 'c9' } });
    await expect(fake.waitFor('sendPhoto', undefined, 30)).rejects.toThrow(/no matching sendPhoto call.*sendChatAction/);
  });

  it('builds webhook payloads in both envelopes', () => {
    const wrapped = zaloTextEvent({ chatId: 'abc', text: 'Hỏi', messageId: 'm1', displayName: 'Lan' }, { envelope: 'wrapped' });
    expect(wrapped).toEqual({
      ok: true,
      result: {
        event_name: 'message.text.received',
        message: {
          message_id: 'm1',
          date: expect.any(Number),
          text: 'Hỏi',
          chat: { id: 'abc', chat_type: 'PRIVATE' },
          from: { id: 'abc', display_name: 'Lan', is_bot: false },
        },
      },
    });
    expect(zaloImageEvent({ chatId: 'abc' }, { envelope: 'flat' })).toMatchObject({ event_name: 'message.image.received' });
    expect(zaloStickerEvent({ chatId: 'abc' }, { envelope: 'flat' })).toMatchObject({ event_name: 'message.sticker.received' });
    expect(zaloEvent('user.follow', undefined, {}, { envelope: 'flat' })).toEqual({ event_name: 'user.follow' });
  });
});
