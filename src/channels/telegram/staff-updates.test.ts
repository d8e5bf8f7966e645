import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../../../test/fakes/telegram-api.js';
import type { FakeTelegram } from '../../../test/fakes/telegram-api.js';
import { MemoryTicketStore } from '../../../test/support/memory-ticket-store.js';
import { silentLogger } from '../../common/logger.js';
import type { ChannelName, QuestionRecord, UserRecord } from '../../conversation/index.js';
import { TicketService } from '../../escalation/index.js';
import { Analyzer } from '../../text/analyzer.js';
import { TelegramClient } from './telegram-client.js';
import { TelegramStaffNotifier } from './staff-notifier.js';
import { mapStaffUpdate, StaffGroupHandler } from './staff-updates.js';

const TOKEN = '123456:SECRET-token_abcdefghijklmnopqrstu';
const STAFF = '-1001234567890';
const NOW = 1_750_000_000_000;
const bot = { id: 123456, is_bot: true, first_name: 'Trợ lý CCHC', username: 'cchc_test_bot' };
const minh = { id: 501, is_bot: false, first_name: 'Minh', last_name: 'Trần' };
const ha = { id: 502, is_bot: false, first_name: 'Hà' };
type From = { id: number; is_bot: boolean; first_name?: string; last_name?: string; username?: string };
const chatOf = (id: string, forum = false) => ({ id: Number(id), type: 'supergroup', title: 'Tổ CCHC', ...(forum ? { is_forum: true } : {}) });

let nextUpdate = 1;
const press = (data: string, cardId: number, from: From = minh, chatId = STAFF) => ({
  update_id: nextUpdate++,
  callback_query: { id: `cb-${nextUpdate}`, from, chat_instance: 'ci', data, message: { message_id: cardId, from: bot, chat: chatOf(chatId), date: 1, text: 'card' } },
});
const replyTo = (cardId: number, text: string, from: From = minh, chatId = STAFF) => ({
  update_id: nextUpdate++,
  message: { message_id: 900 + nextUpdate, from, chat: chatOf(chatId), date: 2, text, reply_to_message: { message_id: cardId, from: bot, chat: chatOf(chatId), date: 1, text: 'card' } },
});
/** A plain message in a topic: Telegram sets reply_to_message to the topic's creation service message. */
const inTopic = (threadId: number, text: string, from: From = minh) => ({
  update_id: nextUpdate++,
  message: {
    message_id: 900 + nextUpdate,
    from,
    chat: chatOf(STAFF, true),
    date: 2,
    text,
    message_thread_id: threadId,
    is_topic_message: true,
    reply_to_message: { message_id: threadId, from: bot, chat: chatOf(STAFF, true), date: 1, message_thread_id: threadId, forum_topic_created: { name: '#1 …', icon_color: 0 } },
  },
});

describe('mapStaffUpdate', () => {
  it('maps the claim and close buttons to the ticket number and actor', () => {
    expect(mapStaffUpdate(press('tk:c:12', 5), STAFF)).toEqual({ kind: 'claim', ticketNumber: 12, callbackQueryId: expect.any(String), actor: { id: 'tg:501', name: 'Minh Trần', role: 'staff' } });
    expect(mapStaffUpdate(press('tk:x:3', 5, { id: 7, is_bot: false, username: 'ha_cchc' }), STAFF)).toMatchObject({ kind: 'close', ticketNumber: 3, actor: { id: 'tg:7', name: 'ha_cchc' } });
  });

  it('maps a reply to a bot message to an answer referring to that card', () => {
    expect(mapStaffUpdate(replyTo(5, '  Không cần bản giấy.  '), STAFF)).toMatchObject({ kind: 'answer', ticketRef: { cardMessageId: '5' }, text: 'Không cần bản giấy.' });
  });

  it('maps a plain message in a topic to its thread, not to the forum_topic_created message', () => {
    expect(mapStaffUpdate(inTopic(101, 'Trả lời'), STAFF)).toMatchObject({ kind: 'answer', ticketRef: { threadId: '101' } });
  });

  it.each([
    ['from another chat', replyTo(5, 'Trả lời', minh, '-100999')],
    ['a button in another chat', press('tk:c:1', 5, minh, '-100999')],
    ['from a bot', replyTo(5, 'Trả lời', { ...bot, id: 77 })],
    ['a command', replyTo(5, '/start@cchc_test_bot')],
    ['a reply to a human', { update_id: 1, message: { ...replyTo(5, 'ok').message, reply_to_message: { message_id: 5, from: ha, chat: chatOf(STAFF), date: 1, text: 'hi' } } }],
    ['not a reply', { update_id: 1, message: { message_id: 9, from: minh, chat: chatOf(STAFF), date: 1, text: 'Chào cả nhà' } }],
    ['a photo', { update_id: 1, message: { ...replyTo(5, 'x').message, text: undefined, photo: [] } }],
    ['an unknown button', press('fb:h:q1', 5)],
    ['malformed', { update_id: 1, message: 'nope' }],
  ])('ignores a message %s', (_name, update) => {
    expect(mapStaffUpdate(update, STAFF)).toBeNull();
  });
});

describe('StaffGroupHandler with TicketService', () => {
  let fake: FakeTelegram;
  let store: MemoryTicketStore;
  let service: TicketService;
  let handler: StaffGroupHandler;

  async function setup(forum: boolean): Promise<void> {
    fake.setChat(STAFF, { type: 'supergroup', title: 'Tổ CCHC', is_forum: forum });
    const client = new TelegramClient({ token: TOKEN, apiRoot: fake.apiRoot });
    const retry = { sleep: async () => undefined, baseDelayMs: 1 };
    const notifier = new TelegramStaffNotifier({ client, staffChatId: STAFF, logger: silentLogger, retry, countWaiting: (t) => store.waiters(t.id).then((w) => w.length) });
    service = new TicketService({ tickets: store, notifier, analyzer: new Analyzer(), addFaq: () => undefined, logger: silentLogger, now: () => NOW });
    handler = new StaffGroupHandler({ tickets: service, lookup: store, client, staffChatId: STAFF, logger: silentLogger, retry });
  }

  /** Escalates a question as the conversation core would; returns the stored ticket. */
  async function escalate(questionId: string, text: string, channel: ChannelName = 'telegram', chatId = '42') {
    const question: QuestionRecord = { id: questionId, channel, chatId, userId: chatId, text, searchText: text, answered: false, source: 'none', confidence: 0, citations: [], answerText: '', createdAt: NOW };
    const user: UserRecord = { channel, userId: chatId, chatId, displayName: `Người hỏi ${chatId}`, unitAsked: true, firstSeenAt: NOW, lastSeenAt: NOW };
    const { ticketId } = await service.escalate({ question, user, reason: 'manual', excerpt: [`Cán bộ: ${text}`] });
    return (await store.getTicket(ticketId))!;
  }

  const callbackTexts = () => fake.callsOf('answerCallbackQuery').map((c) => c.params.text);
  const lastEditText = () => String(fake.callsOf('editMessageText').at(-1)?.params.text ?? '');

  beforeEach(async () => {
    fake = await startFakeTelegram({ token: TOKEN });
    store = new MemoryTicketStore();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('posts the card in a forum topic, escaping the question', async () => {
    await setup(true);
    const t = await escalate('q1', 'Có cần <script>alert(1)</script> không?');
    expect(t.card?.threadId).toBeDefined();
    const card = fake.callsOf('sendMessage')[0].params;
    expect(card.message_thread_id).toBe(Number(t.card!.threadId));
    expect(card.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(card.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Nhận xử lý', callback_data: `tk:c:${t.number}` }, { text: 'Đóng', callback_data: `tk:x:${t.number}` }]] });
  });

  it('claims on "Nhận xử lý", redraws the card and answers the press; a second claim gets the conflict text', async () => {
    await setup(false);
    const t = await escalate('q1', 'Hồ sơ trực tuyến có cần bản giấy?');
    const cardId = Number(t.card!.messageId);
    expect(await handler.handle(press(`tk:c:${t.number}`, cardId))).toBe(true);
    expect((await store.getTicket(t.id))!.state).toBe('claimed');
    expect(lastEditText()).toContain('Đang xử lý: Minh Trần');
    expect(fake.callsOf('editMessageText').at(-1)!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Đóng', callback_data: `tk:x:${t.number}` }]] });
    await handler.handle(press(`tk:c:${t.number}`, cardId, ha));
    expect(callbackTexts()).toEqual([`Anh/chị đã nhận xử lý phiếu #${t.number}.`, `Phiếu #${t.number} đã được người khác cập nhật (Đang xử lý: Minh Trần).`]);
    expect((await store.getTicket(t.id))!.claimedBy).toBe('Minh Trần');
  });

  it('records a reply to the card as the answer, queued for every waiting official', async () => {
    await setup(false);
    const t = await escalate('q1', 'Hồ sơ trực tuyến có cần bản giấy không?');
    await escalate('q2', 'Hồ sơ trực tuyến có cần bản giấy không?', 'zalo', 'z-77');
    const staffMessage = replyTo(Number(t.card!.messageId), 'Không cần bản giấy (Điều 9 Nghị định 45/2020/NĐ-CP).');
    expect(await handler.handle(staffMessage)).toBe(true);
    const answered = (await store.getTicket(t.id))!;
    expect(answered).toMatchObject({ state: 'answered', answeredBy: 'Minh Trần', answerText: 'Không cần bản giấy (Điều 9 Nghị định 45/2020/NĐ-CP).' });
    const outbox = await store.outboxForTicket(t.id);
    expect(outbox.map((o) => [o.channel, o.chatId, o.kind, o.state])).toEqual([
      ['telegram', '42', 'staff_answer', 'pending'],
      ['zalo', 'z-77', 'staff_answer', 'pending'],
    ]);
    const note = fake.callsOf('sendMessage').at(-1)!.params;
    expect(note).toMatchObject({ chat_id: Number(STAFF), text: `📝 Đã ghi nhận câu trả lời phiếu #${t.number}; đang gửi tới người hỏi.` });
    expect(note.reply_parameters).toMatchObject({ message_id: staffMessage.message.message_id });
    expect(lastEditText()).toContain('Đã trả lời bởi: Minh Trần');
  });

  it('records a plain message in the ticket topic as the answer', async () => {
    await setup(true);
    const t = await escalate('q1', 'Một cửa liên thông là gì?');
    const threadId = Number(t.card!.threadId);
    await handler.handle(inTopic(threadId, 'Là cơ chế giải quyết TTHC liên quan nhiều cơ quan.'));
    expect((await store.getTicket(t.id))!).toMatchObject({ state: 'answered', answerText: 'Là cơ chế giải quyết TTHC liên quan nhiều cơ quan.' });
    expect(fake.callsOf('sendMessage').at(-1)!.params).toMatchObject({ message_thread_id: threadId });
  });

  it('ignores a reply to the card from another chat, and a message from a bot', async () => {
    await setup(false);
    const t = await escalate('q1', 'Câu hỏi thử');
    const cardId = Number(t.card!.messageId);
    expect(await handler.handle(replyTo(cardId, 'Trả lời giả', minh, '-100999'))).toBe(false);
    expect(await handler.handle(replyTo(cardId, 'Tin tự động', { ...bot, id: 88 }))).toBe(true);
    expect((await store.getTicket(t.id))!.state).toBe('open');
    expect(await store.outboxForTicket(t.id)).toEqual([]);
    expect(fake.callsOf('sendMessage')).toHaveLength(1); // the card only
  });

  it('closes on "Đóng" and removes the buttons', async () => {
    await setup(false);
    const t = await escalate('q1', 'Câu hỏi thử');
    await handler.handle(press(`tk:x:${t.number}`, Number(t.card!.messageId), ha));
    expect((await store.getTicket(t.id))!).toMatchObject({ state: 'closed', closedBy: 'Hà' });
    const edit = fake.callsOf('editMessageText').at(-1)!;
    expect(edit.params.reply_markup).toBeUndefined();
    expect(String(edit.params.text)).toContain('Đã đóng bởi: Hà');
    expect(callbackTexts()).toEqual([`Đã đóng phiếu #${t.number}.`]);
  });

  it('tells staff when an answer comes for a closed ticket, and stops the spinner of unknown buttons', async () => {
    await setup(false);
    const t = await escalate('q1', 'Câu hỏi thử');
    await handler.handle(press(`tk:x:${t.number}`, Number(t.card!.messageId)));
    await handler.handle(replyTo(Number(t.card!.messageId), 'Trả lời muộn'));
    expect(fake.callsOf('sendMessage').at(-1)!.params.text).toBe(`Phiếu #${t.number} đã được người khác cập nhật (Đã đóng: Minh Trần).`);
    await handler.handle(press('tk:c:999', 1));
    await handler.handle(press('xyz', 1));
    expect(callbackTexts().slice(1)).toEqual(['Không tìm thấy phiếu #999.', undefined]);
  });
});
