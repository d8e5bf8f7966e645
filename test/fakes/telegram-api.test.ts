import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHtml, startFakeTelegram } from './telegram-api.js';
import type { FakeTelegram } from './telegram-api.js';

const TOKEN = '123456:TEST-token_abcdefghijklmnopqrstu';

describe('startFakeTelegram', () => {
  let fake: FakeTelegram;
  beforeEach(async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 200 });
  });
  afterEach(async () => {
    await fake.close();
  });

  async function api(method: string, params: Record<string, unknown> = {}, token = TOKEN) {
    const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; result?: any; error_code?: number; description?: string; parameters?: { retry_after?: number } } };
  }

  it('answers getMe in the wire format, with the bot id from the token', async () => {
    const { status, body } = await api('getMe');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, result: { id: 123456, is_bot: true, username: 'cchc_test_bot' } });
  });

  it('refuses another token with 401 and unknown methods with 404', async () => {
    expect((await api('getMe', {}, '1:wrong')).body).toMatchObject({ ok: false, error_code: 401 });
    expect((await api('nope')).body).toMatchObject({ ok: false, error_code: 404 });
  });

  it('returns sent messages with incrementing ids, chat and topic, and records the call', async () => {
    const a = await api('sendMessage', { chat_id: 42, text: '<b>Xin chào</b> &amp; chúc', parse_mode: 'HTML' });
    const b = await api('sendMessage', { chat_id: -1001234567890, text: 'Phiếu', message_thread_id: 7 });
    expect(a.body.result).toMatchObject({ message_id: 1, chat: { id: 42, type: 'private' }, text: 'Xin chào & chúc' });
    expect(typeof a.body.result.date).toBe('number');
    expect(b.body.result).toMatchObject({ message_id: 2, chat: { id: -1001234567890, type: 'supergroup' }, message_thread_id: 7, is_topic_message: true });
    expect(fake.callsOf('sendMessage').map((c) => c.params.chat_id)).toEqual([42, -1001234567890]);
  });

  it('accepts form-encoded bodies with JSON-valued fields', async () => {
    const body = new URLSearchParams({ chat_id: '42', text: 'Chọn', reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'unit:a' }]] }) });
    const res = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(fake.callsOf('sendMessage')[0].params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'A', callback_data: 'unit:a' }]] });
  });

  it.each([
    ['unescaped <', { text: 'a < b', parse_mode: 'HTML' }, /can't parse entities/],
    ['an unsupported tag', { text: '<script>x</script>', parse_mode: 'HTML' }, /Unsupported start tag "script"/],
    ['an unclosed tag', { text: '<b>x', parse_mode: 'HTML' }, /end tag/],
    ['empty text', { text: '' }, /message text is empty/],
    ['too long text', { text: 'x'.repeat(4097) }, /message is too long/],
    ['long callback data', { text: 'x', reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'x'.repeat(65) }]] } }, /BUTTON_DATA_INVALID/],
  ])('refuses %s with 400 like Telegram', async (_name, params, description) => {
    const { status, body } = await api('sendMessage', { chat_id: 1, ...params });
    expect(status).toBe(400);
    expect(body.description).toMatch(description);
  });

  it('counts the 4096 limit after entity parsing', async () => {
    expect((await api('sendMessage', { chat_id: 1, text: '&amp;'.repeat(4096), parse_mode: 'HTML' })).status).toBe(200);
  });

  it('fails the next N calls of a method as told, then recovers', async () => {
    fake.failNext('sendMessage', { code: 429, retryAfter: 3, times: 2 });
    fake.failNext('sendMessage', { code: 500 });
    const first = await api('sendMessage', { chat_id: 1, text: 'x' });
    expect(first).toMatchObject({ status: 429, body: { ok: false, error_code: 429, parameters: { retry_after: 3 } } });
    expect((await api('sendMessage', { chat_id: 1, text: 'x' })).status).toBe(429);
    expect((await api('sendMessage', { chat_id: 1, text: 'x' })).status).toBe(500);
    expect((await api('sendMessage', { chat_id: 1, text: 'x' })).status).toBe(200);
    expect(fake.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 429, 500, 200]);
  });

  it('edits a sent message and refuses an unchanged or unknown one', async () => {
    const sent = await api('sendMessage', { chat_id: -100, text: 'Phiếu #1', reply_markup: { inline_keyboard: [[{ text: 'Nhận', callback_data: 'claim:1' }]] } });
    const id = sent.body.result.message_id;
    const edited = await api('editMessageText', { chat_id: -100, message_id: id, text: 'Phiếu #1 (đã nhận)' });
    expect(edited.body.result).toMatchObject({ message_id: id, text: 'Phiếu #1 (đã nhận)' });
    expect(edited.body.result.reply_markup).toBeUndefined();
    expect((await api('editMessageText', { chat_id: -100, message_id: id, text: 'Phiếu #1 (đã nhận)' })).body.description).toMatch(/not modified/);
    expect((await api('editMessageReplyMarkup', { chat_id: -100, message_id: 999 })).body.description).toMatch(/not found/);
  });

  it('creates forum topics and answers the small methods', async () => {
    expect((await api('createForumTopic', { chat_id: -100, name: 'Câu hỏi #1' })).body.result).toMatchObject({ message_thread_id: 100, name: 'Câu hỏi #1' });
    expect((await api('answerCallbackQuery', { callback_query_id: 'q' })).body.result).toBe(true);
    expect((await api('sendChatAction', { chat_id: 1, action: 'typing' })).body.result).toBe(true);
    expect((await api('setMyCommands', { commands: [] })).body.result).toBe(true);
  });

  it('describes declared chats in getChat and messages, and refuses topics outside forums', async () => {
    fake.setChat(-1001, { type: 'supergroup', title: 'Tổ CCHC', is_forum: true });
    fake.setChat(-1002, { type: 'supergroup' });
    expect((await api('getChat', { chat_id: -1001 })).body.result).toEqual({ id: -1001, type: 'supergroup', title: 'Tổ CCHC', is_forum: true });
    expect((await api('getChat', { chat_id: 42 })).body.result).toEqual({ id: 42, type: 'private' });
    expect((await api('sendMessage', { chat_id: -1001, text: 'x' })).body.result.chat).toMatchObject({ is_forum: true });
    expect((await api('createForumTopic', { chat_id: -1002, name: 'x' })).body).toMatchObject({ ok: false, error_code: 400, description: 'Bad Request: the chat is not a forum' });
  });

  it('serves queued updates to getUpdates, confirms them by offset and waits on an empty queue', async () => {
    const id = fake.queueUpdate({ message: { text: 'x' } });
    expect((await api('getUpdates', { offset: 0, timeout: 0 })).body.result).toEqual([{ update_id: id, message: { text: 'x' } }]);
    const pending = api('getUpdates', { offset: id + 1, timeout: 25 });
    setTimeout(() => fake.queueUpdate({ update_id: id + 1, message: { text: 'y' } }), 20);
    expect((await pending).body.result).toEqual([{ update_id: id + 1, message: { text: 'y' } }]);
    expect((await api('getUpdates', { offset: id + 2, timeout: 1 })).body.result).toEqual([]);
  });

  it('refuses getUpdates with 409 while a webhook is set', async () => {
    await api('setWebhook', { url: 'https://example.gov.vn/webhooks/telegram', secret_token: 'abc_DEF-123' });
    expect(fake.webhook).toMatchObject({ url: 'https://example.gov.vn/webhooks/telegram', secretToken: 'abc_DEF-123' });
    expect((await api('getUpdates')).status).toBe(409);
    await api('deleteWebhook');
    expect((await api('getUpdates')).status).toBe(200);
  });

  it('waits for a future call and times out with the calls seen', async () => {
    const waiting = fake.waitFor('sendMessage', (c) => c.params.text === 'b');
    await api('sendMessage', { chat_id: 1, text: 'a' });
    await api('sendMessage', { chat_id: 1, text: 'b' });
    expect((await waiting).params.text).toBe('b');
    await expect(fake.waitFor('createForumTopic', undefined, 50)).rejects.toThrow(/no createForumTopic call.*sendMessage/);
  });
});

describe('parseHtml', () => {
  it('decodes entities and accepts Telegram tags', () => {
    expect(parseHtml('<b>a</b> &lt;&gt;&amp;&quot;&#65;&#x42; <a href="https://x.vn/?a=1&amp;b=2">l</a><blockquote>q</blockquote>')).toEqual({ text: 'a <>&"AB lq' });
  });
  it('rejects named entities Telegram does not know', () => {
    expect(parseHtml('&nbsp;')).toHaveProperty('error');
  });
});
