import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeTelegram } from '../../../test/fakes/telegram-api.js';
import type { FakeTelegram } from '../../../test/fakes/telegram-api.js';
import { MemoryTicketStore } from '../../../test/support/memory-ticket-store.js';
import { AppError } from '../../common/errors.js';
import { silentLogger } from '../../common/logger.js';
import type { Dispatcher, UpdateClaim, UpdateClaims } from '../../conversation/index.js';
import { TicketService } from '../../escalation/index.js';
import { Analyzer } from '../../text/analyzer.js';
import { StaffGroupHandler } from './staff-updates.js';
import { TelegramStaffNotifier } from './staff-notifier.js';
import { TelegramChannel, TELEGRAM_SECRET_HEADER } from './telegram-channel.js';
import { TelegramClient } from './telegram-client.js';
import type { TelegramStaffOption } from './telegram-channel.js';

const TOKEN = '123456:SECRET-token_abcdefghijklmnopqrstu';
const SECRET = 'webhook_Secret-0123456789abcdefghijklmnop';
const STAFF = '-1001234567890';
const headers = { [TELEGRAM_SECRET_HEADER]: SECRET };
const minh = { id: 501, is_bot: false, first_name: 'Minh' };
const group = (id: string) => ({ id: Number(id), type: 'supergroup', title: 'Nhóm' });

const staffPress = (update_id: number, data = 'tk:c:1', chatId = STAFF) => ({
  update_id,
  callback_query: { id: `cb${update_id}`, from: minh, chat_instance: 'ci', data, message: { message_id: 5, chat: group(chatId), date: 1, text: 'card' } },
});
const privateText = (update_id: number) => ({ update_id, message: { message_id: update_id, from: minh, chat: { id: 501, type: 'private' }, date: 1_750_000_000, text: 'Một cửa là gì?' } });

/** Claims shared by several channels, as the database shares them between instances. */
function sharedClaims(): UpdateClaims {
  const held = new Map<string, number | null>();
  return {
    async claimUpdate(_channel, key, now, claimUntil): Promise<UpdateClaim> {
      const h = held.get(key);
      if (h === null) return 'done';
      if (h !== undefined && h >= now) return 'busy';
      held.set(key, claimUntil);
      return 'claimed';
    },
    async settleUpdate(_channel, key, claimUntil, handled) {
      if (held.get(key) !== claimUntil) return;
      if (handled) held.set(key, null);
      else held.delete(key);
    },
  };
}

function stubDispatcher() {
  return { accept: vi.fn(async () => true), handleNow: vi.fn(async () => null), drain: vi.fn(async () => undefined) } satisfies Dispatcher;
}

describe('TelegramChannel with a staff group', () => {
  let fake: FakeTelegram;
  const channels: TelegramChannel[] = [];

  function makeChannel(handler: TelegramStaffOption['handler'], dispatcher = stubDispatcher(), mode: 'webhook' | 'polling' = 'webhook', claims?: UpdateClaims) {
    const channel = new TelegramChannel({
      token: TOKEN,
      apiRoot: fake.apiRoot,
      webhookSecret: mode === 'webhook' ? SECRET : undefined,
      publicUrl: 'https://bot.example.gov.vn',
      dispatcher,
      logger: silentLogger,
      retry: { sleep: async () => undefined, baseDelayMs: 1 },
      pollTimeoutSeconds: 1,
      pollBackoffMs: 5,
      staff: { chatId: STAFF, handler, claims },
    });
    channels.push(channel);
    return { channel, dispatcher };
  }

  beforeEach(async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollMs: 50 });
  });
  afterEach(async () => {
    await Promise.all(channels.splice(0).map((c) => c.stop()));
    await fake.close();
  });

  it('gives staff-group updates to the staff handler, not the dispatcher, and drops redeliveries', async () => {
    const handler = { handle: vi.fn(async () => true) };
    const { channel, dispatcher } = makeChannel(handler);
    expect(await channel.webhook({ headers, body: staffPress(10) })).toEqual({ status: 200, body: { ok: true } });
    expect(await channel.webhook({ headers, body: staffPress(10) })).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(handler.handle).toHaveBeenCalledTimes(1);
    expect(dispatcher.accept).not.toHaveBeenCalled();
  });

  it('drops a redelivery that reaches another instance, and asks Telegram to come back while one is handled elsewhere', async () => {
    const claims = sharedClaims();
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const handler = { handle: vi.fn(async () => { await slow; return true; }) };
    const { channel: one } = makeChannel(handler, stubDispatcher(), 'webhook', claims);
    const { channel: two } = makeChannel(handler, stubDispatcher(), 'webhook', claims);
    const first = one.webhook({ headers, body: staffPress(40) });
    await vi.waitFor(() => expect(handler.handle).toHaveBeenCalledTimes(1));
    expect((await two.webhook({ headers, body: staffPress(40) })).status, 'being handled on the first instance').toBe(503);
    release();
    expect((await first).status).toBe(200);
    expect(await two.webhook({ headers, body: staffPress(40) })).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(handler.handle).toHaveBeenCalledTimes(1);
  });

  it('keeps private chats flowing to the dispatcher and ignores other groups', async () => {
    const handler = { handle: vi.fn(async () => true) };
    const { channel, dispatcher } = makeChannel(handler);
    expect((await channel.webhook({ headers, body: privateText(11) })).status).toBe(200);
    expect(await channel.webhook({ headers, body: staffPress(12, 'tk:c:1', '-100999') })).toEqual({ status: 200, body: { ok: true, ignored: true } });
    expect(dispatcher.accept).toHaveBeenCalledTimes(1);
    expect(handler.handle).not.toHaveBeenCalled();
  });

  it('answers 503 when storage is down and handles the redelivery', async () => {
    const handler = { handle: vi.fn<(u: unknown) => Promise<boolean>>().mockRejectedValueOnce(new AppError('STORAGE_UNAVAILABLE', 'down')).mockResolvedValue(true) };
    const { channel } = makeChannel(handler);
    expect((await channel.webhook({ headers, body: staffPress(13) })).status).toBe(503);
    expect((await channel.webhook({ headers, body: staffPress(13) })).status).toBe(200);
    expect(handler.handle).toHaveBeenCalledTimes(2);
  });

  it('still asks Telegram for messages and button presses', async () => {
    const { channel } = makeChannel({ handle: async () => true });
    await channel.start();
    expect(fake.webhook?.allowedUpdates).toEqual(['message', 'callback_query']);
  });

  it('handles staff updates in polling mode too', async () => {
    const handler = { handle: vi.fn(async () => true) };
    const { channel } = makeChannel(handler, stubDispatcher(), 'polling');
    await channel.start();
    fake.queueUpdate(staffPress(20));
    await vi.waitFor(() => expect(handler.handle).toHaveBeenCalledTimes(1));
  });

  it('claims a ticket end to end through the webhook', async () => {
    const store = new MemoryTicketStore();
    const client = new TelegramClient({ token: TOKEN, apiRoot: fake.apiRoot });
    const notifier = new TelegramStaffNotifier({ client, staffChatId: STAFF, useTopics: false, logger: silentLogger });
    const tickets = new TicketService({ tickets: store, notifier, analyzer: new Analyzer(), addFaq: () => undefined });
    const handler = new StaffGroupHandler({ tickets, lookup: store, client, staffChatId: STAFF, logger: silentLogger });
    const { channel: wired } = makeChannel(handler);
    const q = { id: 'q1', channel: 'telegram' as const, chatId: '42', userId: '42', text: 'Câu hỏi', searchText: 'Câu hỏi', answered: false, source: 'none' as const, confidence: 0, citations: [], answerText: '', createdAt: 1 };
    const { ticketId } = await tickets.escalate({ question: q, user: { channel: 'telegram', userId: '42', chatId: '42', unitAsked: true, firstSeenAt: 1, lastSeenAt: 1 }, reason: 'manual', excerpt: [] });
    const card = (await store.getTicket(ticketId))!.card!;
    const update = staffPress(30, 'tk:c:1');
    update.callback_query.message.message_id = Number(card.messageId);
    expect((await wired.webhook({ headers, body: update })).status).toBe(200);
    expect((await store.getTicket(ticketId))!.state).toBe('claimed');
    expect(fake.callsOf('answerCallbackQuery')[0].params).toMatchObject({ callback_query_id: 'cb30', text: 'Anh/chị đã nhận xử lý phiếu #1.' });
  });
});
