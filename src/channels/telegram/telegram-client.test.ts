import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../../../test/fakes/telegram-api.js';
import type { FakeTelegram } from '../../../test/fakes/telegram-api.js';
import { PlatformApiError, PlatformNetworkError } from '../platform-errors.js';
import { TelegramClient } from './telegram-client.js';

const TOKEN = '123456:SECRET-token_abcdefghijklmnopqrstu';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('TelegramClient', () => {
  let fake: FakeTelegram;
  let client: TelegramClient;
  beforeEach(async () => {
    fake = await startFakeTelegram({ token: TOKEN });
    client = new TelegramClient({ token: TOKEN, apiRoot: fake.apiRoot });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('sends string chat ids as numbers and returns the API result', async () => {
    const message = await client.sendMessage('-1001234567890', 'Phiếu', { message_thread_id: 5 });
    expect(message).toMatchObject({ message_id: 1, chat: { id: -1001234567890 }, message_thread_id: 5 });
    expect(fake.callsOf('sendMessage')[0].params).toMatchObject({ chat_id: -1001234567890, text: 'Phiếu', message_thread_id: 5 });
  });

  it('supports the staff-group calls: topic, edit text, edit keyboard', async () => {
    const topic = await client.createForumTopic('-100', 'Câu hỏi #7');
    const card = await client.sendMessage('-100', 'Phiếu #7', { message_thread_id: topic.message_thread_id, reply_markup: { inline_keyboard: [[{ text: 'Nhận', callback_data: 'claim:7' }]] } });
    await client.editMessageReplyMarkup('-100', card.message_id);
    await client.editMessageText('-100', card.message_id, 'Phiếu #7 (đã nhận)');
    expect(fake.calls.map((c) => [c.method, c.status])).toEqual([
      ['createForumTopic', 200],
      ['sendMessage', 200],
      ['editMessageReplyMarkup', 200],
      ['editMessageText', 200],
    ]);
  });

  it('turns a refusal into PlatformApiError with retry_after', async () => {
    fake.failNext('sendMessage', { code: 429, retryAfter: 7 });
    const err = await client.sendMessage('1', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect(err).toMatchObject({ platform: 'telegram', method: 'sendMessage', code: 429, retryAfter: 7, retryable: true });
  });

  it('turns a 5xx into a retryable PlatformApiError and a 400 into a final one', async () => {
    fake.failNext('getMe', { code: 500 });
    fake.failNext('answerCallbackQuery', { code: 400, description: 'query is too old' });
    expect(await client.getMe().catch((e: unknown) => e)).toMatchObject({ code: 500, retryable: true });
    expect(await client.answerCallbackQuery('q').catch((e: unknown) => e)).toMatchObject({ code: 400, description: 'Bad Request: query is too old', retryable: false });
  });

  it('turns a refused connection into PlatformNetworkError without the token', async () => {
    const offline = new TelegramClient({ token: TOKEN, apiRoot: `http://127.0.0.1:${await closedPort()}` });
    const err = await offline.getMe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformNetworkError);
    const text = `${(err as Error).message} ${String((err as Error).cause)} ${JSON.stringify(err)}`;
    expect(text, 'the bot token leaked into an error').not.toContain('SECRET-token');
  });

  it('times out a request that never gets an answer as a network error', async () => {
    const silent = createServer(() => undefined); // accepts connections, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    try {
      const hanging = new TelegramClient({ token: TOKEN, apiRoot: `http://127.0.0.1:${port}`, timeoutMs: 50, sendTimeoutMs: 400 });
      const started = Date.now();
      const quick = await hanging.getMe().catch((e: unknown) => e);
      expect(quick).toBeInstanceOf(PlatformNetworkError);
      expect(Date.now() - started, 'other calls keep the short timeout').toBeLessThan(350);
      const sendStarted = Date.now();
      const send = await hanging.sendMessage('1', 'x').catch((e: unknown) => e);
      expect(send).toBeInstanceOf(PlatformNetworkError);
      expect((send as PlatformNetworkError).timedOut, 'a timed-out send is marked: it may have arrived').toBe(true);
      expect(Date.now() - sendStarted, 'sendMessage waits for its own, longer timeout').toBeGreaterThanOrEqual(380);
    } finally {
      silent.close();
    }
  });

  it('sends messages and chat actions over its own connection with the same payload and outcomes as telegraf', async () => {
    await client.sendMessage('42', 'Trả lời <b>đậm</b>', { parse_mode: 'HTML', reply_markup: undefined, message_thread_id: null as unknown as number });
    await client.sendChatAction('42', 'typing');
    expect(fake.callsOf('sendMessage')[0].params, 'null and undefined fields are left out').toEqual({ chat_id: 42, text: 'Trả lời <b>đậm</b>', parse_mode: 'HTML' });
    expect(fake.callsOf('sendChatAction')[0].params).toEqual({ chat_id: 42, action: 'typing' });
    fake.failNext('sendMessage', { code: 502 });
    expect(await client.sendMessage('1', 'x').catch((e: unknown) => e)).toMatchObject({ code: 502, retryable: true });
    fake.failNext('sendMessage', { code: 403, description: 'bot was blocked by the user' });
    const refused = await client.sendMessage('1', 'x').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlatformApiError);
    expect(refused).toMatchObject({ code: 403, description: 'Forbidden: bot was blocked by the user', retryable: false });
    const offline = new TelegramClient({ token: TOKEN, apiRoot: `http://127.0.0.1:${await closedPort()}` });
    const err = await offline.sendMessage('1', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformNetworkError);
    expect((err as PlatformNetworkError).timedOut).toBe(false);
    expect(`${(err as Error).message} ${String((err as Error).cause)} ${JSON.stringify(err)}`).not.toContain('SECRET-token');
  });
});
