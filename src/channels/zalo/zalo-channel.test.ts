import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeZalo, zaloEvent, zaloTextEvent } from '../../../test/fakes/zalo-api.js';
import type { FakeZalo } from '../../../test/fakes/zalo-api.js';
import { AppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Dispatcher, InboundMessage, ReplySender } from '../../conversation/index.js';
import { PlatformApiError } from '../platform-errors.js';
import type { WebhookRequest } from '../webhook.js';
import { ZaloChannel } from './zalo-channel.js';
import type { ZaloChannelOptions } from './zalo-channel.js';

const SECRET = 'webhook-secret-0123456789';

function stubDispatcher(accept: (msg: InboundMessage, sender: ReplySender) => Promise<boolean> = async () => true) {
  const dispatcher = { accept: vi.fn(accept), handleNow: vi.fn(async () => null), drain: vi.fn(async () => {}) };
  return dispatcher satisfies Dispatcher;
}

function recordingLogger() {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg?: string) => void lines.push({ level, obj, msg });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

const noNetwork = (async () => {
  throw new Error('no network in webhook tests');
}) as typeof fetch;

function channel(over: Partial<ZaloChannelOptions> = {}) {
  const dispatcher = over.dispatcher ?? stubDispatcher();
  const { logger, lines } = recordingLogger();
  const ch = new ZaloChannel({
    token: '1234567890:tokenForWebhookTestsOnly',
    webhookSecret: SECRET,
    dispatcher,
    logger,
    fetch: noNetwork,
    minSendIntervalMs: 0,
    retry: { sleep: async () => {}, baseDelayMs: 1 },
    ...over,
  });
  return { ch, dispatcher: dispatcher as ReturnType<typeof stubDispatcher>, lines };
}

const request = (body: unknown, secret?: string | string[]): WebhookRequest => ({
  headers: secret === undefined ? {} : { 'x-bot-api-secret-token': secret },
  body,
  requestId: 'r1',
});

describe('ZaloChannel webhook', () => {
  const text = zaloTextEvent({ chatId: 'c1', text: 'Thủ tục hành chính là gì?', messageId: 'm1' });

  it.each([
    ['missing', undefined],
    ['wrong', 'forged-secret-123'],
    ['empty', ''],
    ['wrong in an array', ['nope-nope-nope']],
  ])('answers 401 and processes nothing when the secret is %s', async (_name, secret) => {
    const { ch, dispatcher } = channel();
    await expect(ch.webhook(request(text, secret))).resolves.toEqual({ status: 401, body: { error_code: 'UNAUTHORIZED' } });
    expect(dispatcher.accept).not.toHaveBeenCalled();
  });

  it('answers 401 to everything when no webhook secret is configured', async () => {
    const { ch, dispatcher } = channel({ webhookSecret: undefined });
    expect((await ch.webhook(request(text, SECRET))).status).toBe(401);
    expect(dispatcher.accept).not.toHaveBeenCalled();
  });

  it.each(['wrapped', 'flat'] as const)('accepts the %s envelope and hands the message and sender to the dispatcher', async (envelope) => {
    const { ch, dispatcher } = channel();
    const body = zaloTextEvent({ chatId: 'c1', text: 'Xin chào', messageId: 'm7' }, { envelope });
    await expect(ch.webhook(request(body, SECRET))).resolves.toEqual({ status: 200, body: { ok: true } });
    expect(dispatcher.accept).toHaveBeenCalledOnce();
    const [msg, sender] = dispatcher.accept.mock.calls[0];
    expect(msg).toMatchObject({ channel: 'zalo', chatId: 'c1', kind: 'text', text: 'Xin chào', updateKey: 'message.text.received:m7' });
    expect(sender).toBe(ch.sender);
  });

  it('acknowledges an event without a message as ignored', async () => {
    const { ch, dispatcher } = channel();
    const res = await ch.webhook(request(zaloEvent('user.follow', undefined), SECRET));
    expect(res).toEqual({ status: 200, body: { ok: true, ignored: true } });
    expect(dispatcher.accept).not.toHaveBeenCalled();
  });

  it('acknowledges a duplicate with 200', async () => {
    const { ch } = channel({ dispatcher: stubDispatcher(async () => false) });
    expect(await ch.webhook(request(text, SECRET))).toEqual({ status: 200, body: { ok: true, duplicate: true } });
  });

  it('answers 503 when the update cannot be recorded, so Zalo retries', async () => {
    const down = stubDispatcher(async () => {
      throw new AppError('STORAGE_UNAVAILABLE', 'database did not answer');
    });
    const { ch, lines } = channel({ dispatcher: down });
    expect(await ch.webhook(request(text, SECRET))).toEqual({ status: 503, body: { error_code: 'STORAGE_UNAVAILABLE' } });
    expect(lines.some((l) => l.level === 'error' && l.obj.updateKey === 'message.text.received:m1')).toBe(true);
  });

  it('answers 500 without internals for an unexpected error', async () => {
    const { ch } = channel({ dispatcher: stubDispatcher(async () => Promise.reject(new Error('bug'))) });
    expect(await ch.webhook(request(text, SECRET))).toEqual({ status: 500, body: { error_code: 'INTERNAL' } });
  });

  it('refuses a webhook secret Zalo would reject (fewer than 8 characters)', () => {
    expect(() => channel({ webhookSecret: 'short' })).toThrow(/8–256/);
  });
});

describe('ZaloChannel with the fake Zalo API', () => {
  let fake: FakeZalo;
  let ch: ZaloChannel;
  let dispatcher: ReturnType<typeof stubDispatcher>;
  let lines: ReturnType<typeof recordingLogger>['lines'];

  const make = (over: Partial<ZaloChannelOptions> = {}) => {
    ({ ch, dispatcher, lines } = channel({ token: fake.token, apiRoot: fake.apiRoot, fetch: undefined, webhookSecret: undefined, ...over }));
  };

  beforeEach(async () => {
    fake = await startFakeZalo({ pollWaitMs: 30 });
    make();
  });
  afterEach(async () => {
    await ch.stop();
    await fake.close();
  });

  it('sends a reply as plain text', async () => {
    await ch.sender.send('c1', { text: 'Xin chào anh/chị.' });
    expect(fake.sentTexts('c1')).toEqual(['Xin chào anh/chị.']);
  });

  it('retries 429 and 500, then succeeds', async () => {
    fake.failNext('sendMessage', 429, 1, { retryAfter: 0 });
    fake.failNext('sendMessage', 500, 1);
    await ch.sender.send('c1', { text: 'Trả lời' });
    expect(fake.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 500, 200]);
    expect(fake.sentTexts('c1')).toEqual(['Trả lời']);
    expect(lines.filter((l) => l.msg === 'zalo sendMessage retry')).toHaveLength(2);
  });

  it('throws a 400 at once without retrying', async () => {
    fake.failNext('sendMessage', 400);
    await expect(ch.sender.send('c1', { text: 'Trả lời' })).rejects.toMatchObject({ code: 400 });
    await expect(ch.sender.send('c1', { text: 'Tiếp' })).resolves.toBeUndefined();
    expect(fake.callsOf('sendMessage').map((c) => c.status)).toEqual([400, 200]);
  });

  it('gives up after the configured attempts and rejects with the platform error', async () => {
    make({ retry: { attempts: 2, sleep: async () => {}, baseDelayMs: 1 } });
    fake.failNext('sendMessage', 500, 5);
    const err = await ch.sender.send('c1', { text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlatformApiError);
    expect(fake.callsOf('sendMessage')).toHaveLength(2);
  });

  it('sends the pieces of a long reply, and of queued replies, in order per chat', async () => {
    const long = 'Hồ sơ được tiếp nhận tại Bộ phận Một cửa. '.repeat(80);
    fake.failNext('sendMessage', 500, 1);
    await Promise.all([ch.sender.send('c1', { text: long }), ch.sender.send('c1', { text: 'Câu sau' }), ch.sender.send('c2', { text: 'Khác' })]);
    const c1 = fake.sentTexts('c1');
    expect(c1.length).toBeGreaterThan(2);
    expect(c1.every((t) => t.length <= 2000)).toBe(true);
    expect(c1.at(-1)).toBe('Câu sau');
    expect(c1.slice(0, -1).join(' ')).toBe(long.trim());
    expect(fake.sentTexts('c2')).toEqual(['Khác']);
  });

  it('spaces messages to one chat by minSendIntervalMs', async () => {
    const waits: number[] = [];
    make({ minSendIntervalMs: 1000, retry: { sleep: async (ms) => void waits.push(ms) } });
    await ch.sender.send('c1', { text: 'một' });
    await ch.sender.send('c1', { text: 'hai' });
    await ch.idle();
    expect(fake.sentTexts('c1')).toEqual(['một', 'hai']);
    expect(waits).toEqual([1000, 1000]);
  });

  it('shows typing, and never throws when that fails', async () => {
    await ch.sender.typing?.('c1');
    expect(fake.callsOf('sendChatAction')[0].body).toEqual({ chat_id: 'c1', action: 'typing' });
    fake.failNext('sendChatAction', 400);
    await expect(ch.sender.typing?.('c1')).resolves.toBeUndefined();
  });

  it('sets the webhook with the secret when webhookSecret and publicUrl are given', async () => {
    make({ webhookSecret: SECRET, publicUrl: 'https://cchc.example.vn/' });
    await ch.start();
    expect(ch.mode).toBe('webhook');
    expect(fake.webhook).toEqual({ url: 'https://cchc.example.vn/webhooks/zalo', secret_token: SECRET });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('polls after deleting the webhook, consumes a queued update once and treats 408 as no update', async () => {
    make({ pollTimeoutSeconds: 1 });
    await ch.start();
    expect(ch.mode).toBe('polling');
    fake.queueUpdate(zaloTextEvent({ chatId: 'c5', text: 'Hỏi về một cửa', messageId: 'p1' }, { envelope: 'flat' }));
    await vi.waitFor(() => expect(dispatcher.accept).toHaveBeenCalledOnce());
    const after = fake.callsOf('getUpdates').length;
    await fake.waitFor('getUpdates', () => fake.callsOf('getUpdates').length >= after + 2, 2000);
    await ch.stop();
    expect(fake.calls[0].method).toBe('deleteWebhook');
    expect(dispatcher.accept).toHaveBeenCalledOnce();
    expect(dispatcher.accept.mock.calls[0][0]).toMatchObject({ chatId: 'c5', text: 'Hỏi về một cửa', updateKey: 'message.text.received:p1' });
    expect(fake.callsOf('getUpdates').some((c) => c.ok === false)).toBe(true);
    expect(lines.filter((l) => l.msg === 'zalo getUpdates failed')).toEqual([]);
    expect(fake.pendingUpdates()).toBe(0);
  });

  it('keeps polling after a failed getUpdates', async () => {
    make({ pollErrorDelayMs: 1 });
    fake.failNext('getUpdates', 500, 1);
    await ch.start();
    fake.queueUpdate(zaloTextEvent({ chatId: 'c6', text: 'Sau lỗi' }, { envelope: 'flat' }));
    await vi.waitFor(() => expect(dispatcher.accept).toHaveBeenCalledOnce());
    expect(lines.some((l) => l.msg === 'zalo getUpdates failed')).toBe(true);
  });

  it('rejects start() when the token is wrong, without the token in the error', async () => {
    make({ token: '1234567890:wrongTokenValueXYZ', retry: { attempts: 1 } });
    const err = await ch.start().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 401 });
    expect(String((err as Error).message)).not.toContain('wrongTokenValueXYZ');
  });
});
