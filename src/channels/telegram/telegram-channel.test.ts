import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeTelegram } from '../../../test/fakes/telegram-api.js';
import type { FakeTelegram } from '../../../test/fakes/telegram-api.js';
import { AppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Dispatcher, InboundMessage, OutboundReply, ReplySender } from '../../conversation/index.js';
import { PlatformApiError } from '../platform-errors.js';
import { TelegramChannel } from './telegram-channel.js';
import type { TelegramChannelOptions } from './telegram-channel.js';

const TOKEN = '123456:SECRET-token_abcdefghijklmnopqrstu';
const SECRET = 'webhook_Secret-0123456789abcdefghijklmnop';
const user = { id: 42, is_bot: false, first_name: 'Lan' };
const chat = { id: 42, type: 'private' };

type Accept = (msg: InboundMessage, sender: ReplySender) => Promise<boolean>;

function stubDispatcher(accept: Accept = async () => true) {
  const dispatcher = { accept: vi.fn(accept), handleNow: vi.fn(async () => null), drain: vi.fn(async () => undefined) } satisfies Dispatcher;
  return dispatcher;
}

/** Records log lines so tests can check that the token never appears. */
function recordingLogger(lines: string[]): Logger {
  const log = (obj: Record<string, unknown>, msg?: string) => void lines.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  return { debug: log, info: log, warn: log, error: log };
}

const textUpdate = (update_id: number, text = 'Thủ tục hành chính là gì?') => ({ update_id, message: { message_id: update_id, from: user, chat, date: 1_750_000_000, text } });

describe('TelegramChannel', () => {
  let fake: FakeTelegram;
  let logs: string[];
  let sleep: ReturnType<typeof vi.fn<(ms: number) => Promise<void>>>;
  const channels: TelegramChannel[] = [];

  function makeChannel(overrides: Partial<TelegramChannelOptions> = {}): TelegramChannel {
    const channel = new TelegramChannel({
      token: TOKEN,
      apiRoot: fake.apiRoot,
      webhookSecret: SECRET,
      dispatcher: stubDispatcher(),
      logger: recordingLogger(logs),
      retry: { sleep, baseDelayMs: 1 },
      pollBackoffMs: 5,
      now: () => 1_750_000_000_000,
      ...overrides,
    });
    channels.push(channel);
    return channel;
  }

  beforeEach(async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 100 });
    logs = [];
    sleep = vi.fn(async (_ms: number) => undefined);
  });
  afterEach(async () => {
    await Promise.all(channels.splice(0).map((c) => c.stop()));
    await fake.close();
    expect(logs.join('\n'), 'the bot token leaked into a log line').not.toContain('SECRET-token');
  });

  describe('sender', () => {
    const reply: OutboundReply = { text: 'Xin chào <anh/chị> & đồng nghiệp', questionId: 'q1', choices: [{ action: 'helpful', label: '👍 Hữu ích' }] };

    it('delivers the rendered HTML with the keyboard', async () => {
      await makeChannel().sender.send('42', reply);
      const [call] = fake.callsOf('sendMessage');
      expect(call.params).toMatchObject({ chat_id: 42, parse_mode: 'HTML', text: 'Xin chào &lt;anh/chị&gt; &amp; đồng nghiệp' });
      expect(call.params.reply_markup).toEqual({ inline_keyboard: [[{ text: '👍 Hữu ích', callback_data: 'fb:h:q1' }]] });
    });

    it('sends every piece of a long reply in order, keyboard on the last', async () => {
      const long: OutboundReply = { ...reply, text: Array.from({ length: 3 }, (_, i) => `${i}: ${'câu & chữ '.repeat(300)}`).join('\n\n') };
      await makeChannel().sender.send('42', long);
      const calls = fake.callsOf('sendMessage');
      expect(calls.length).toBeGreaterThan(1);
      expect(calls.every((c) => c.status === 200)).toBe(true);
      expect(calls.map((c) => c.params.reply_markup !== undefined)).toEqual([...calls.slice(1).map(() => false), true]);
    });

    it('waits retry_after on a 429 and backs off on a 500, then delivers once', async () => {
      fake.failNext('sendMessage', { code: 429, retryAfter: 1 });
      fake.failNext('sendMessage', { code: 500 });
      await makeChannel().sender.send('42', reply);
      expect(fake.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 500, 200]);
      expect(sleep.mock.calls[0][0], 'retry_after (seconds) should become the wait in ms').toBe(1000);
      expect(sleep).toHaveBeenCalledTimes(2);
    });

    it('throws a 400 after one attempt', async () => {
      fake.failNext('sendMessage', { code: 400, description: "can't parse entities" });
      await expect(makeChannel().sender.send('42', reply)).rejects.toBeInstanceOf(PlatformApiError);
      expect(fake.callsOf('sendMessage')).toHaveLength(1);
      expect(sleep).not.toHaveBeenCalled();
    });

    it('shows typing, and never throws when that fails', async () => {
      const { sender } = makeChannel();
      await sender.typing!('42');
      fake.failNext('sendChatAction', { code: 403, description: 'bot was blocked by the user' });
      await expect(sender.typing!('42')).resolves.toBeUndefined();
      expect(fake.callsOf('sendChatAction')[0].params).toEqual({ chat_id: 42, action: 'typing' });
    });
  });

  describe('webhook', () => {
    it.each([
      ['missing', {}],
      ['wrong', { 'x-telegram-bot-api-secret-token': 'forged' }],
      ['an array with a wrong first value', { 'x-telegram-bot-api-secret-token': ['forged', SECRET] }],
    ])('answers 401 and processes nothing when the secret is %s', async (_name, headers) => {
      const dispatcher = stubDispatcher();
      const res = await makeChannel({ dispatcher }).webhook({ headers, body: textUpdate(1) });
      expect(res).toEqual({ status: 401, body: { error_code: 'UNAUTHORIZED', detail: 'missing or wrong secret token' } });
      expect(dispatcher.accept).not.toHaveBeenCalled();
    });

    it('answers 401 when no secret is configured (polling mode)', async () => {
      const dispatcher = stubDispatcher();
      const res = await makeChannel({ dispatcher, webhookSecret: undefined }).webhook({ headers: { 'x-telegram-bot-api-secret-token': '' }, body: textUpdate(1) });
      expect(res.status).toBe(401);
      expect(dispatcher.accept).not.toHaveBeenCalled();
    });

    const post = (channel: TelegramChannel, body: unknown) => channel.webhook({ headers: { 'x-telegram-bot-api-secret-token': SECRET }, body });

    it('hands a message to the dispatcher with this channel’s sender and answers 200', async () => {
      const dispatcher = stubDispatcher();
      const channel = makeChannel({ dispatcher });
      expect(await post(channel, textUpdate(7))).toEqual({ status: 200, body: { ok: true } });
      expect(dispatcher.accept).toHaveBeenCalledWith(expect.objectContaining({ kind: 'text', updateKey: '7', chatId: '42' }), channel.sender);
    });

    it('answers 200 to a duplicate', async () => {
      const res = await post(makeChannel({ dispatcher: stubDispatcher(async () => false) }), textUpdate(7));
      expect(res).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    });

    it('answers 200 ignored to an update kind we do not handle', async () => {
      const dispatcher = stubDispatcher();
      const res = await post(makeChannel({ dispatcher }), { update_id: 8, edited_message: textUpdate(8).message });
      expect(res).toEqual({ status: 200, body: { ok: true, ignored: true } });
      expect(dispatcher.accept).not.toHaveBeenCalled();
    });

    it('answers 503 when the update cannot be recorded, so Telegram retries', async () => {
      const down = stubDispatcher(async () => {
        throw new AppError('STORAGE_UNAVAILABLE', 'database not answering');
      });
      expect((await post(makeChannel({ dispatcher: down }), textUpdate(9))).status).toBe(503);
    });

    it('answers 500 to any other failure before recording', async () => {
      const broken = stubDispatcher(async () => {
        throw new Error('bug');
      });
      expect(await post(makeChannel({ dispatcher: broken }), textUpdate(9))).toEqual({ status: 500, body: { error_code: 'INTERNAL', detail: 'internal error' } });
    });

    it('answers the callback query of a button press, but not again for a duplicate', async () => {
      const results = [true, false];
      const dispatcher = stubDispatcher(async () => results.shift()!);
      const channel = makeChannel({ dispatcher });
      const press = { update_id: 10, callback_query: { id: 'cbq-10', from: user, chat_instance: 'c', data: 'fb:u:q5', message: { message_id: 3, date: 1, chat } } };
      expect((await post(channel, press)).status).toBe(200);
      expect(dispatcher.accept).toHaveBeenCalledWith(expect.objectContaining({ kind: 'action', action: { type: 'unhelpful', questionId: 'q5' } }), channel.sender);
      expect((await fake.waitFor('answerCallbackQuery')).params).toEqual({ callback_query_id: 'cbq-10' });
      await post(channel, press);
      await channel.stop();
      expect(fake.callsOf('answerCallbackQuery')).toHaveLength(1);
    });

    it('still stops the spinner for a button it no longer understands', async () => {
      const dispatcher = stubDispatcher();
      const press = { update_id: 11, callback_query: { id: 'cbq-old', from: user, chat_instance: 'c', data: 'v0:legacy' } };
      expect((await post(makeChannel({ dispatcher }), press)).body).toEqual({ ok: true, ignored: true });
      expect((await fake.waitFor('answerCallbackQuery')).params).toEqual({ callback_query_id: 'cbq-old' });
      expect(dispatcher.accept).not.toHaveBeenCalled();
    });

    it('logs an answerCallbackQuery that Telegram refuses', async () => {
      fake.failNext('answerCallbackQuery', { code: 400, description: 'query is too old' });
      const channel = makeChannel();
      await post(channel, { update_id: 12, callback_query: { id: 'cbq-12', from: user, chat_instance: 'c', data: 'esc:q1' } });
      await channel.stop();
      expect(logs.some((l) => l.includes('answerCallbackQuery failed'))).toBe(true);
    });
  });

  describe('start', () => {
    it('sets the Vietnamese command menu and registers the webhook', async () => {
      await makeChannel({ publicUrl: 'https://cchc.example.gov.vn/' }).start();
      expect(fake.callsOf('setMyCommands')[0].params.commands).toEqual([
        { command: 'start', description: 'Bắt đầu và giới thiệu' },
        { command: 'help', description: 'Hướng dẫn sử dụng' },
        { command: 'vanban', description: 'Danh sách văn bản còn hiệu lực' },
        { command: 'hoicanbo', description: 'Gửi câu hỏi cho cán bộ phụ trách' },
        { command: 'donvi', description: 'Chọn hoặc đổi cơ quan, đơn vị' },
        { command: 'hoctap', description: 'Học các chuyên đề cải cách hành chính' },
        { command: 'dunghoc', description: 'Tắt nhắc học hằng ngày' },
        { command: 'lienket', description: 'Liên kết tài khoản với hồ sơ cán bộ của đơn vị' },
      ]);
      expect(fake.webhook).toEqual({ url: 'https://cchc.example.gov.vn/webhooks/telegram', secretToken: SECRET, allowedUpdates: ['message', 'callback_query'] });
      expect(fake.callsOf('getUpdates')).toHaveLength(0);
    });

    it('rejects when Telegram refuses the token', async () => {
      const channel = makeChannel({ token: '999:wrong-token' });
      await expect(channel.start()).rejects.toMatchObject({ code: 401 });
    });

    const confirmedPolls = (id: number) => fake.callsOf('getUpdates').filter((c) => c.params.offset === id + 1 && c.status === 200).length;

    it('polls without a secret and consumes a queued update once', async () => {
      const dispatcher = stubDispatcher();
      const channel = makeChannel({ webhookSecret: undefined, dispatcher, pollTimeoutSeconds: 1 });
      const id = fake.queueUpdate(textUpdate(500));
      await channel.start();
      expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
      await vi.waitFor(() => expect(confirmedPolls(id), 'polling should move past the update').toBeGreaterThanOrEqual(2), { timeout: 3000 });
      await channel.stop();
      expect(dispatcher.accept).toHaveBeenCalledTimes(1);
      expect(dispatcher.accept).toHaveBeenCalledWith(expect.objectContaining({ updateKey: '500', kind: 'text' }), channel.sender);
    });

    it('moves past an update that fails for another reason instead of blocking the queue', async () => {
      const dispatcher = stubDispatcher(async (m) => {
        if (m.updateKey === '700') throw new Error('bug');
        return true;
      });
      const channel = makeChannel({ webhookSecret: undefined, dispatcher, pollTimeoutSeconds: 1 });
      fake.queueUpdate(textUpdate(700));
      const id = fake.queueUpdate(textUpdate(701));
      await channel.start();
      await vi.waitFor(() => expect(confirmedPolls(id)).toBeGreaterThanOrEqual(1), { timeout: 3000 });
      await channel.stop();
      expect(dispatcher.accept.mock.calls.map(([m]) => m.updateKey)).toEqual(['700', '701']);
    });

    it('polls again for an update the database could not record', async () => {
      const results: Array<true | Error> = [new AppError('STORAGE_UNAVAILABLE', 'down'), true];
      const dispatcher = stubDispatcher(async () => {
        const next = results.shift() ?? true;
        if (next instanceof Error) throw next;
        return next;
      });
      const channel = makeChannel({ webhookSecret: undefined, dispatcher, pollTimeoutSeconds: 1 });
      const id = fake.queueUpdate(textUpdate(600));
      await channel.start();
      await vi.waitFor(() => expect(confirmedPolls(id)).toBeGreaterThanOrEqual(1), { timeout: 3000 });
      await channel.stop();
      const keys = dispatcher.accept.mock.calls.map(([m]) => m.updateKey);
      expect(keys, 'the update should be offered again after the failure, then confirmed').toEqual(['600', '600']);
    });
  });
});
