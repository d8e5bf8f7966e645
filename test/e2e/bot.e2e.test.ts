import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHarness, tgText, post, TG_SECRET, TG_TOKEN, ZALO_SECRET } from './harness.js';
import type { Harness } from './harness.js';
import { zaloTextEvent, zaloImageEvent, zaloStickerEvent } from '../fakes/zalo-api.js';

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

describe('bot server end to end (fake Telegram and Zalo on 127.0.0.1)', () => {
  let h: Harness;
  const tgHook = () => `${h.url}/webhooks/telegram`;
  const zaloHook = () => `${h.url}/webhooks/zalo`;
  const tgHeaders = { 'x-telegram-bot-api-secret-token': TG_SECRET };
  const zaloHeaders = { 'x-bot-api-secret-token': ZALO_SECRET };

  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(async () => h?.close());

  it('serves health and the web chat page', async () => {
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { status: string }).status).toBe('ok');
    const page = await fetch(`${h.url}/`);
    expect(await page.text()).toMatch(/lang="vi"/);
  });

  it('registers the Telegram commands at start-up', async () => {
    const call = await h.telegram.waitFor('setMyCommands');
    const names = (call.params.commands as Array<{ command: string }>).map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(['start', 'help', 'vanban', 'hoicanbo']));
  });

  it('answers a Telegram question with a cited HTML answer and feedback buttons', async () => {
    const res = await post(tgHook(), tgText(501, 'thu tuc hanh chinh la gi'), tgHeaders);
    expect(res.status).toBe(200);
    const sent = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '501', 10_000);
    expect(sent.status).toBe(200);
    expect(sent.params.parse_mode).toBe('HTML');
    const text = String(sent.params.text);
    expect(text).toMatch(/Nguồn:/);
    expect(text).toMatch(/Điều \d+/);
    const kb = sent.params.reply_markup as Keyboard;
    const buttons = kb.inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toEqual(['👍 Hữu ích', '👎 Chưa đúng', '🙋 Hỏi cán bộ']);
    // pressing "Hữu ích" records feedback and answers the callback query
    const data = kb.inline_keyboard.flat()[0].callback_data;
    const press = await post(
      tgHook(),
      { update_id: 990001, callback_query: { id: 'cbq-1', from: { id: 501, is_bot: false, first_name: 'Lan' }, chat_instance: 'x', data, message: { message_id: sent.result && (sent.result as { message_id: number }).message_id, date: 1, chat: { id: 501, type: 'private' } } } },
      tgHeaders,
    );
    expect(press.status).toBe(200);
    await h.telegram.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === 'cbq-1');
    const thanks = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '501' && /Cảm ơn/.test(String(c.params.text)), 5000);
    expect(thanks).toBeTruthy();
  });

  it('never answers a redelivered Telegram update twice', async () => {
    const update = tgText(502, 'Cơ chế một cửa là gì?');
    const [a, b] = await Promise.all([post(tgHook(), update, tgHeaders), post(tgHook(), update, tgHeaders)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '502', 10_000);
    await h.app.dispatcher.drain();
    expect(h.telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === '502')).toHaveLength(1);
  });

  it('rejects a forged or missing Telegram secret with 401 and processes nothing', async () => {
    const forged = await post(tgHook(), tgText(503, 'xin chào'), { 'x-telegram-bot-api-secret-token': 'wrong-secret-123' });
    const missing = await post(tgHook(), tgText(503, 'xin chào'));
    expect([forged.status, missing.status]).toEqual([401, 401]);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === '503')).toHaveLength(0);
  });

  it('answers 400 to malformed JSON, 413 to a body over 1 MB, 200 to an unknown update kind', async () => {
    expect((await post(tgHook(), '{"update_id": 1, ', tgHeaders)).status).toBe(400);
    expect((await post(tgHook(), { update_id: 5, message: { text: 'x'.repeat(1_100_000) } }, tgHeaders)).status).toBe(413);
    const unknown = await post(tgHook(), { update_id: 990100, poll: { id: 'p' } }, tgHeaders);
    expect(unknown.status).toBe(200);
  });

  it('explains politely that a Telegram sticker is not read', async () => {
    const u = tgText(504, '', { sticker: { file_id: 'abc', file_unique_id: 'u', width: 1, height: 1, is_animated: false, is_video: false, type: 'regular' } });
    delete (u.message as Record<string, unknown>).text;
    await post(tgHook(), u, tgHeaders);
    const sent = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '504', 5000);
    expect(String(sent.params.text)).toMatch(/chỉ đọc được tin nhắn dạng chữ/);
  });

  it('retries a Telegram 429 (retry_after) and still delivers the answer', async () => {
    h.telegram.failNext('sendMessage', { code: 429, retryAfter: 0, times: 1 });
    await post(tgHook(), tgText(505, 'Dịch vụ công trực tuyến toàn trình là gì?'), tgHeaders);
    const ok = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '505' && c.status === 200, 10_000);
    expect(ok).toBeTruthy();
    expect(h.telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === '505' && c.status === 429)).toHaveLength(1);
  });

  it('answers on Zalo in both payload envelopes, as plain text with typed choices', async () => {
    for (const [envelope, chatId] of [['flat', 'zchat-flat'], ['wrapped', 'zchat-wrapped']] as const) {
      const res = await post(zaloHook(), zaloTextEvent({ chatId, text: 'Bộ phận Một cửa là gì?', displayName: 'Hùng' }, { envelope }), zaloHeaders);
      expect(res.status, envelope).toBe(200);
      await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === chatId, 10_000);
    }
    await h.app.dispatcher.drain();
    const texts = h.zalo.sentTexts('zchat-flat');
    expect(texts.every((t) => t.length <= 2000)).toBe(true);
    expect(texts.join('\n')).toMatch(/Nguồn:/);
    expect(texts.join('\n')).toMatch(/Trả lời 1/);
    expect(texts.join('\n')).not.toMatch(/<[a-z]+>/);
    // the official types "1" to say the answer helped
    await post(zaloHook(), zaloTextEvent({ chatId: 'zchat-flat', text: '1' }, { envelope: 'flat' }), zaloHeaders);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zchat-flat' && /Cảm ơn/.test(String(c.body.text)), 5000);
  });

  it('Zalo: forged secret → 401; image and sticker → polite reply; duplicate event → one answer', async () => {
    expect((await post(zaloHook(), zaloTextEvent({ chatId: 'z-forged', text: 'hi' }), { 'x-bot-api-secret-token': 'nope-nope-nope' })).status).toBe(401);
    await post(zaloHook(), zaloImageEvent({ chatId: 'z-img' }, { envelope: 'flat' }), zaloHeaders);
    await post(zaloHook(), zaloStickerEvent({ chatId: 'z-img' }, { envelope: 'wrapped' }), zaloHeaders);
    const dup = zaloTextEvent({ chatId: 'z-dup', text: 'Cơ chế một cửa là gì?', messageId: 'm-dup-1' }, { envelope: 'flat' });
    await post(zaloHook(), dup, zaloHeaders);
    await post(zaloHook(), dup, zaloHeaders);
    await h.app.dispatcher.drain();
    expect(h.zalo.sentTexts('z-forged')).toEqual([]);
    expect(h.zalo.sentTexts('z-img').filter((t) => /chỉ đọc được tin nhắn dạng chữ/.test(t))).toHaveLength(2);
    const dupAnswers = h.zalo.sentTexts('z-dup');
    expect(dupAnswers.filter((t) => /Nguồn:/.test(t)).length).toBe(1);
  });

  it('answers in the web chat through the same core', async () => {
    const res = await post(`${h.url}/api/chat`, { sessionId: 'websession01', messageId: 'webmsg0001', text: 'Đề án 4599 có mục tiêu gì?' });
    expect(res.status).toBe(200);
    const replies = (res.json as { replies: Array<{ answer?: { citations: Array<{ label: string }> } }> }).replies;
    expect(replies[0].answer?.citations[0].label).toMatch(/4599\/QĐ-UBND/);
  });

  it('never logs the bot tokens', () => {
    const all = h.logs.join('');
    expect(all.length).toBeGreaterThan(100);
    expect(all).not.toContain(TG_TOKEN.split(':')[1]);
    expect(all).not.toContain('fakeZaloSecret');
  });
});
