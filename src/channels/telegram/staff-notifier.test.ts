import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeTelegram } from '../../../test/fakes/telegram-api.js';
import type { FakeTelegram } from '../../../test/fakes/telegram-api.js';
import { silentLogger } from '../../common/logger.js';
import type { Ticket } from '../../escalation/index.js';
import { PlatformApiError } from '../platform-errors.js';
import { TelegramClient } from './telegram-client.js';
import { TelegramStaffNotifier } from './staff-notifier.js';
import type { TelegramStaffNotifierOptions } from './staff-notifier.js';

const TOKEN = '123456:SECRET-token_abcdefghijklmnopqrstu';
const STAFF = '-1001234567890';

function makeTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 'ticket-uuid-1',
    number: 7,
    state: 'open',
    questionId: 'q1',
    questionText: 'Hồ sơ nộp trực tuyến có cần bản giấy không?',
    channel: 'telegram',
    chatId: '42',
    userId: '42',
    displayName: 'Lan',
    excerpt: [],
    sources: [],
    reason: 'manual',
    createdAt: 1_750_000_000_000,
    reopenCount: 0,
    version: 1,
    ...over,
  };
}

describe('TelegramStaffNotifier', () => {
  let fake: FakeTelegram;

  function makeNotifier(over: Partial<TelegramStaffNotifierOptions> = {}): TelegramStaffNotifier {
    const client = new TelegramClient({ token: TOKEN, apiRoot: fake.apiRoot });
    return new TelegramStaffNotifier({ client, staffChatId: STAFF, logger: silentLogger, retry: { sleep: async () => undefined, baseDelayMs: 1 }, ...over });
  }

  beforeEach(async () => {
    fake = await startFakeTelegram({ token: TOKEN });
  });
  afterEach(async () => {
    await fake.close();
  });

  describe('postTicket', () => {
    it('creates a topic "#<number> <question>" and posts the card in it when the group is a forum', async () => {
      fake.setChat(STAFF, { type: 'supergroup', is_forum: true });
      const ref = await makeNotifier().postTicket(makeTicket());
      const [topic] = fake.callsOf('createForumTopic');
      expect(topic.params).toMatchObject({ chat_id: Number(STAFF), name: '#7 Hồ sơ nộp trực tuyến có cần bản giấy không?' });
      const threadId = (topic.result as { message_thread_id: number }).message_thread_id;
      const [card] = fake.callsOf('sendMessage');
      expect(card.params).toMatchObject({ chat_id: Number(STAFF), parse_mode: 'HTML', message_thread_id: threadId });
      expect(ref).toEqual({ chatId: STAFF, messageId: String((card.result as { message_id: number }).message_id), threadId: String(threadId) });
    });

    it('posts the card in the group when it is not a forum, asking getChat only once', async () => {
      fake.setChat(STAFF, { type: 'supergroup' });
      const notifier = makeNotifier();
      const ref = await notifier.postTicket(makeTicket());
      await notifier.postTicket(makeTicket({ id: 't2', number: 8 }));
      expect(fake.callsOf('createForumTopic')).toHaveLength(0);
      expect(fake.callsOf('getChat')).toHaveLength(1);
      expect(fake.callsOf('sendMessage')[0].params.message_thread_id).toBeUndefined();
      expect(ref.threadId).toBeUndefined();
    });

    it('falls back to the group when the topic cannot be created', async () => {
      fake.failNext('createForumTopic', { code: 400, description: 'not enough rights to create a topic' });
      const ref = await makeNotifier({ useTopics: true }).postTicket(makeTicket());
      expect(fake.callsOf('getChat'), 'useTopics: true needs no getChat').toHaveLength(0);
      expect(ref.threadId).toBeUndefined();
      expect(fake.callsOf('sendMessage')[0].status).toBe(200);
    });

    it('asks getChat again when it failed before', async () => {
      fake.setChat(STAFF, { type: 'supergroup', is_forum: true });
      fake.failNext('getChat', { code: 400, description: 'chat not found' });
      const notifier = makeNotifier();
      expect((await notifier.postTicket(makeTicket())).threadId).toBeUndefined();
      expect((await notifier.postTicket(makeTicket({ id: 't2', number: 8 }))).threadId).toBeDefined();
    });

    it('shows how many officials wait', async () => {
      await makeNotifier({ useTopics: false, countWaiting: async () => 4 }).postTicket(makeTicket());
      expect(fake.callsOf('sendMessage')[0].params.text).toContain('Số người đang chờ câu trả lời: 4');
    });
  });

  describe('updateTicket', () => {
    it('edits the card text and removes the buttons once the ticket is closed', async () => {
      const notifier = makeNotifier({ useTopics: false });
      const card = await notifier.postTicket(makeTicket());
      await notifier.updateTicket(makeTicket({ state: 'closed', closedBy: 'Hà', card, version: 3 }));
      const [edit] = fake.callsOf('editMessageText');
      expect(edit.params).toMatchObject({ chat_id: Number(STAFF), message_id: Number(card.messageId), parse_mode: 'HTML' });
      expect(edit.params.text).toContain('Đã đóng bởi: Hà');
      expect(edit.params.reply_markup).toBeUndefined();
    });

    it('treats "message is not modified" as success, and throws other refusals', async () => {
      const notifier = makeNotifier({ useTopics: false });
      const card = await notifier.postTicket(makeTicket());
      const claimed = makeTicket({ state: 'claimed', claimedBy: 'Minh', card });
      await notifier.updateTicket(claimed);
      await expect(notifier.updateTicket(claimed)).resolves.toBeUndefined();
      expect(fake.callsOf('editMessageText').map((c) => c.status)).toEqual([200, 400]);
      fake.failNext('editMessageText', { code: 400, description: 'message to edit not found' });
      await expect(notifier.updateTicket(makeTicket({ state: 'closed', closedBy: 'Minh', card }))).rejects.toBeInstanceOf(PlatformApiError);
    });

    it('does nothing for a ticket without a card', async () => {
      await makeNotifier().updateTicket(makeTicket());
      expect(fake.calls).toHaveLength(0);
    });
  });

  describe('remind and confirmRelay', () => {
    it('write in the ticket topic', async () => {
      const notifier = makeNotifier();
      const t = makeTicket({ card: { chatId: STAFF, messageId: '5', threadId: '101' } });
      await notifier.remind(t, 90);
      await notifier.confirmRelay({ ...t, state: 'answered' }, 'delivered');
      const [remind, confirm] = fake.callsOf('sendMessage').map((c) => c.params);
      expect(remind).toMatchObject({ chat_id: Number(STAFF), message_thread_id: 101, text: '⏰ Phiếu #7 đã 90 phút chưa được nhận xử lý.' });
      expect(confirm).toMatchObject({ message_thread_id: 101, text: '✅ Đã gửi câu trả lời phiếu #7 tới người hỏi.' });
    });

    it('reply to the card when there is no topic', async () => {
      const notifier = makeNotifier();
      const t = makeTicket({ state: 'claimed', card: { chatId: STAFF, messageId: '5' } });
      await notifier.remind(t, 60);
      await notifier.confirmRelay(t, 'failed', 'bot was blocked by the user');
      const [remind, confirm] = fake.callsOf('sendMessage').map((c) => c.params);
      expect(remind).toMatchObject({ text: '⏰ Phiếu #7 đã 60 phút chưa được trả lời.', reply_parameters: { message_id: 5, allow_sending_without_reply: true } });
      expect(confirm.text).toContain('bot was blocked by the user');
      expect(confirm.message_thread_id).toBeUndefined();
    });
  });

  it('retries a 429 after retry_after', async () => {
    const sleep = vi.fn(async (_ms: number) => undefined);
    fake.failNext('sendMessage', { code: 429, retryAfter: 2 });
    await makeNotifier({ useTopics: false, retry: { sleep } }).postTicket(makeTicket());
    expect(sleep).toHaveBeenCalledWith(2000);
    expect(fake.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 200]);
  });
});
