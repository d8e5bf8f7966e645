import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHarness, post, TG_SECRET, ZALO_SECRET } from './harness.js';
import type { Harness } from './harness.js';
import { zaloTextEvent } from '../fakes/zalo-api.js';
import type { FakeCall } from '../fakes/telegram-api.js';

const STAFF_CHAT = -1001234567890;
const OUT_OF_SCOPE = 'Quy trình thanh lý tài sản công là máy tính cũ của xã thực hiện ra sao?';

let upd = 700_000;
const staffMember = { id: 4242, is_bot: false, first_name: 'Minh', last_name: 'Trần' };

/** A staff member's reply to the ticket card in the staff group. */
function staffReply(cardMessageId: number, text: string, chatId = STAFF_CHAT, from = staffMember) {
  const id = ++upd;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'supergroup', title: 'Tổ CCHC' },
      from,
      text,
      reply_to_message: { message_id: cardMessageId, date: 1, chat: { id: chatId, type: 'supergroup' }, from: { id: 1, is_bot: true, first_name: 'bot' }, text: 'card' },
    },
  };
}

function buttonPress(data: string, cardMessageId: number) {
  const id = ++upd;
  return {
    update_id: id,
    callback_query: { id: `cq-${id}`, from: staffMember, chat_instance: 'ci', data, message: { message_id: cardMessageId, date: 1, chat: { id: STAFF_CHAT, type: 'supergroup' } } },
  };
}

const isCard = (c: FakeCall) => String(c.params.chat_id) === String(STAFF_CHAT) && JSON.stringify(c.params.reply_markup ?? '').includes('tk:');

describe('escalation to reform staff, end to end', () => {
  let h: Harness;
  const tg = () => `${h.url}/webhooks/telegram`;
  const zalo = () => `${h.url}/webhooks/zalo`;
  const tgH = { 'x-telegram-bot-api-secret-token': TG_SECRET };
  const zH = { 'x-bot-api-secret-token': ZALO_SECRET };
  let card: FakeCall;
  let cardId: number;

  beforeAll(async () => {
    h = await startHarness({ TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT) });
  }, 60_000);
  afterAll(async () => h?.close());

  it('an out-of-scope Zalo question is offered to staff; "1" escalates it: the official is told, a card appears in the staff group', async () => {
    await post(zalo(), zaloTextEvent({ chatId: 'zo-1', text: OUT_OF_SCOPE, displayName: 'Chị Hoa' }, { envelope: 'flat' }), zH);
    const offered = await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-1', 10_000);
    expect(String(offered.body.text)).toMatch(/Trả lời 1 để chuyển câu hỏi cho cán bộ/);
    await h.app.dispatcher.drain();
    expect(h.telegram.callsOf('sendMessage').filter(isCard), 'no ticket before the official accepts').toHaveLength(0);
    await post(zalo(), zaloTextEvent({ chatId: 'zo-1', text: '1' }, { envelope: 'flat' }), zH);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-1' && /đã được chuyển tới cán bộ phụ trách/.test(String(c.body.text)), 10_000);
    card = await h.telegram.waitFor('sendMessage', isCard, 10_000);
    cardId = (card.result as { message_id: number }).message_id;
    const text = String(card.params.text);
    expect(text).toContain('thanh lý tài sản công');
    expect(text).toContain('Chị Hoa');
    const buttons = JSON.stringify(card.params.reply_markup);
    expect(buttons).toContain('Nhận xử lý');
    expect(buttons).toContain('Đóng');
  });

  it('the same question from another official joins the ticket instead of opening another', async () => {
    await post(zalo(), zaloTextEvent({ chatId: 'zo-2', text: OUT_OF_SCOPE.replace('ra sao', 'như thế nào'), displayName: 'Anh Tuấn' }, { envelope: 'wrapped' }), zH);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-2', 10_000);
    await post(zalo(), zaloTextEvent({ chatId: 'zo-2', text: 'hỏi cán bộ' }, { envelope: 'wrapped' }), zH);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-2' && /cán bộ phụ trách/.test(String(c.body.text)) && !/Trả lời 1/.test(String(c.body.text)), 10_000);
    await h.app.dispatcher.drain();
    expect(h.telegram.callsOf('sendMessage').filter(isCard)).toHaveLength(1);
  });

  it('escalating twice does not create two tickets', async () => {
    await post(zalo(), zaloTextEvent({ chatId: 'zo-1', text: 'hỏi cán bộ' }, { envelope: 'flat' }), zH);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-1' && /trước đó/.test(String(c.body.text)), 10_000);
    expect(h.telegram.callsOf('sendMessage').filter(isCard)).toHaveLength(1);
  });

  it('"Nhận xử lý" claims the ticket and updates the card', async () => {
    await post(tg(), buttonPress(JSON.parse(JSON.stringify(card.params.reply_markup)).inline_keyboard.flat()[0].callback_data, cardId), tgH);
    await h.telegram.waitFor('answerCallbackQuery', undefined, 5000);
    const edit = await h.telegram.waitFor('editMessageText', (c) => /Minh/.test(String(c.params.text)), 5000);
    expect(String(edit.params.text)).toMatch(/Đang xử lý/);
  });

  it('a reply from outside the staff group is ignored', async () => {
    const res = await post(tg(), staffReply(cardId, 'Tôi không phải cán bộ', -100999, { id: 9, is_bot: false, first_name: 'Lạ', last_name: '' }), tgH);
    expect(res.status).toBe(200);
    // A staff answer is recorded (with its relays) before the webhook answers; run a relay round now
    // rather than sleeping less than the relay's poll interval, so an accepted reply would be sent here.
    await h.app.dispatcher.drain();
    await h.app.relay.runOnce();
    const [ticket] = await h.app.tickets.list({});
    expect(ticket.answerText, 'a reply from outside the staff group was recorded as the answer').toBeUndefined();
    expect(await h.app.store.outboxForTicket(ticket.id), 'a relay was queued for a foreign reply').toEqual([]);
    expect(h.zalo.sentTexts('zo-1').some((t) => t.includes('Tôi không phải cán bộ'))).toBe(false);
  });

  it('a staff reply to the card is relayed to every waiting official on Zalo', async () => {
    const answer = 'Việc thanh lý máy tính cũ thực hiện theo quy định về quản lý, sử dụng tài sản công; đơn vị lập hội đồng, đề xuất và trình cấp có thẩm quyền quyết định.';
    await post(tg(), staffReply(cardId, answer), tgH);
    const relayed = await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-1' && String(c.body.text).includes('thanh lý máy tính cũ'), 10_000);
    expect(String(relayed.body.text)).toMatch(/Cán bộ phụ trách đã trả lời/);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-2' && String(c.body.text).includes('thanh lý máy tính cũ'), 10_000);
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(STAFF_CHAT) && /Đã gửi câu trả lời/.test(String(c.params.text)), 10_000);
  });

  it('an approved staff Q&A answers the next official automatically, cited as a staff answer', async () => {
    const tickets = h.app.tickets;
    expect(tickets).toBeDefined();
    if (!tickets) return;
    const [ticket] = await tickets.list({ states: ['answered'] });
    const author = { id: 'web:lan', name: 'Lan', role: 'staff' as const };
    const draft = await tickets.draftFaq(ticket.id, author, {});
    await expect(tickets.decideFaq(draft.id, author, true)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await tickets.decideFaq(draft.id, { id: 'web:hung', name: 'Hùng', role: 'staff' }, true);
    await post(zalo(), zaloTextEvent({ chatId: 'zo-3', text: OUT_OF_SCOPE }, { envelope: 'flat' }), zH);
    const auto = await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zo-3', 10_000);
    expect(String(auto.body.text)).toContain('thanh lý máy tính cũ');
    expect(String(auto.body.text)).toMatch(/cán bộ phụ trách/i);
    expect(h.telegram.callsOf('sendMessage').filter(isCard), 'no new ticket for an answered question').toHaveLength(1);
  });

  it('"Đóng" closes the ticket and removes the buttons', async () => {
    await post(tg(), buttonPress(`tk:x:${1}`, cardId), tgH);
    const edit = await h.telegram.waitFor('editMessageText', (c) => /Đã đóng/.test(String(c.params.text)), 5000);
    expect(JSON.stringify(edit.params.reply_markup ?? {})).not.toContain('tk:');
  });
});
