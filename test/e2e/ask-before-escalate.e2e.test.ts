/**
 * Ask before escalating, end to end on all three channels: the real app over the shipped knowledge/,
 * Telegram and Zalo against their fakes, the web chat over HTTP. A question the bot cannot answer gets a
 * choice (inline button on Telegram, typed "1" on Zalo, button on the web); a ticket and a staff card
 * appear only when the official accepts; rephrasing creates none; greetings, off-topic and junk never do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startHarness, tgText, TG_SECRET, ZALO_SECRET } from './harness.js';
import type { Harness } from './harness.js';
import { zaloTextEvent } from '../fakes/zalo-api.js';
import type { FakeCall } from '../fakes/telegram-api.js';

const STAFF_CHAT = -1007778889990;
/** Questions the shipped knowledge does not cover (the staff decide). */
const UNCOVERED = {
  telegram: 'Quy trình thanh lý máy tính cũ là tài sản công của xã thực hiện ra sao?',
  zalo: 'Mức phụ cấp trách nhiệm cho cán bộ tiếp công dân cấp xã hiện nay là bao nhiêu?',
  web: 'Thủ tục xin cấp phép khai thác cát sỏi lòng sông gồm những giấy tờ gì?',
};
/** A question the knowledge answers (the official rephrased). */
const COVERED = 'Cơ chế một cửa là gì?';
/** Chat messages the composer tells from questions by their text alone: greeting, thanks, markup, one letter. */
const CHATTER = ['xin chào', 'cảm ơn bạn nhé', '<img src=x onerror=alert(1)>', 'x'];
/**
 * Off-topic talk. Whether the composer recognises it (a chat reply) or abstains is measured by the answer
 * benchmarks; either way it must not become a ticket unless the official asks for staff.
 */
const OFF_TOPIC = ['hôm nay trời có mưa không', 'giá vàng hôm nay bao nhiêu'];

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
type WebReply = { text?: string; prompt?: string; questionId?: string; rephrase?: boolean; answer?: { kind: string }; choices?: Array<{ action: string; label: string; questionId?: string }> };

const isCard = (c: FakeCall) => String(c.params.chat_id) === String(STAFF_CHAT) && JSON.stringify(c.params.reply_markup ?? '').includes('tk:');

describe('ask before escalating, on Telegram, Zalo and the web chat', () => {
  let h: Harness;
  const tgHook = () => `${h.url}/webhooks/telegram`;
  const zaloHook = () => `${h.url}/webhooks/zalo`;
  const tgH = { 'x-telegram-bot-api-secret-token': TG_SECRET };
  const zH = { 'x-bot-api-secret-token': ZALO_SECRET };
  let web = 0;
  const webAsk = async (session: string, text: string) =>
    ((await post(`${h.url}/api/chat`, { sessionId: session, messageId: `webmsg${String(++web).padStart(6, '0')}`, text })).json as { replies: WebReply[] }).replies;
  const webPress = async (session: string, type: string, questionId?: string) =>
    ((await post(`${h.url}/api/chat/action`, { sessionId: session, actionId: `webact${String(++web).padStart(6, '0')}`, type, questionId })).json as { replies: WebReply[] }).replies;
  const tickets = async () => (await h.app.tickets.list({})).length;
  const cards = () => h.telegram.callsOf('sendMessage').filter(isCard);

  beforeAll(async () => {
    h = await startHarness({ TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT) });
  }, 60_000);
  afterAll(async () => h?.close());

  describe('Telegram', () => {
    it('abstains with a "Chuyển câu hỏi cho cán bộ" button; pressing it creates the ticket and the staff card', async () => {
      await post(tgHook(), tgText(7101, UNCOVERED.telegram), tgH);
      const offer = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '7101', 10_000);
      const buttons = (offer.params.reply_markup as Keyboard).inline_keyboard.flat();
      expect(buttons.map((b) => b.text)).toEqual(['🙋 Chuyển câu hỏi cho cán bộ']);
      expect(String(offer.params.text)).toMatch(/chuyển câu hỏi này cho cán bộ phụ trách, hay đặt lại câu hỏi/);
      expect(String(offer.params.text), 'no confidence figures for officials').not.toMatch(/tin cậy|\d+(\.\d+)? ms/i);
      await h.app.dispatcher.drain();
      expect(await tickets(), 'no ticket before the official accepts').toBe(0);

      const press = { update_id: 7_101_001, callback_query: { id: 'cbq-7101', from: { id: 7101, is_bot: false, first_name: 'Lan' }, chat_instance: 'x', data: buttons[0].callback_data, message: { message_id: (offer.result as { message_id: number }).message_id, date: 1, chat: { id: 7101, type: 'private' } } } };
      expect((await post(tgHook(), press, tgH)).status).toBe(200);
      await h.telegram.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === 'cbq-7101', 5000);
      await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '7101' && /đã được chuyển tới cán bộ phụ trách/.test(String(c.params.text)), 10_000);
      const card = await h.telegram.waitFor('sendMessage', isCard, 10_000);
      expect(String(card.params.text)).toContain('thanh lý máy tính cũ');
      expect(await tickets()).toBe(1);
    });

    it('creates no ticket when the official rephrases instead', async () => {
      await post(tgHook(), tgText(7102, UNCOVERED.telegram.replace('ra sao', 'thế nào')), tgH);
      await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '7102', 10_000);
      await post(tgHook(), tgText(7102, COVERED), tgH);
      const answer = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '7102' && /Nguồn:/.test(String(c.params.text)), 10_000);
      expect((answer.params.reply_markup as Keyboard).inline_keyboard.flat().map((b) => b.text)).toEqual(['👍 Hữu ích', '👎 Chưa đúng', '🙋 Hỏi cán bộ']);
      await h.app.dispatcher.drain();
      expect(await tickets()).toBe(1);
    });
  });

  describe('Zalo', () => {
    it('abstains asking for a typed "1"; typing it creates the ticket and the staff card', async () => {
      await post(zaloHook(), zaloTextEvent({ chatId: 'z-ask-1', text: UNCOVERED.zalo, displayName: 'Anh Tùng' }, { envelope: 'flat' }), zH);
      const offer = await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-ask-1', 10_000);
      expect(String(offer.body.text)).toMatch(/Trả lời 1 để chuyển câu hỏi cho cán bộ\.$/);
      expect(String(offer.body.text)).not.toMatch(/nếu hữu ích/);
      await h.app.dispatcher.drain();
      const before = cards().length;
      expect(await tickets()).toBe(1);

      await post(zaloHook(), zaloTextEvent({ chatId: 'z-ask-1', text: '1' }, { envelope: 'flat' }), zH);
      await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-ask-1' && /đã được chuyển tới cán bộ phụ trách/.test(String(c.body.text)), 10_000);
      const card = await h.telegram.waitFor('sendMessage', (c) => isCard(c) && String(c.params.text).includes('phụ cấp trách nhiệm'), 10_000);
      expect(String(card.params.text)).toContain('Anh Tùng');
      expect(cards()).toHaveLength(before + 1);
      expect(await tickets()).toBe(2);
    });

    it('creates no ticket when the official rephrases, and then "1" is a vote for the new answer', async () => {
      await post(zaloHook(), zaloTextEvent({ chatId: 'z-ask-2', text: UNCOVERED.zalo }, { envelope: 'wrapped' }), zH);
      await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-ask-2', 10_000);
      await post(zaloHook(), zaloTextEvent({ chatId: 'z-ask-2', text: COVERED }, { envelope: 'wrapped' }), zH);
      await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-ask-2' && /Trả lời 1 nếu hữu ích, 2 nếu chưa đúng, 3 để hỏi cán bộ/.test(String(c.body.text)), 10_000);
      await post(zaloHook(), zaloTextEvent({ chatId: 'z-ask-2', text: '1' }, { envelope: 'wrapped' }), zH);
      await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-ask-2' && /Cảm ơn anh\/chị đã đánh giá/.test(String(c.body.text)), 10_000);
      expect(await tickets()).toBe(2);
    });
  });

  describe('web chat', () => {
    it('abstains with a button and "Sửa câu hỏi"; pressing the button creates the ticket and the staff card', async () => {
      const [offer] = await webAsk('websession-ask-1', UNCOVERED.web);
      expect(offer.answer?.kind).toBe('escalate');
      expect(offer.choices?.map((c) => c.label)).toEqual(['🙋 Chuyển câu hỏi cho cán bộ']);
      expect(offer.rephrase).toBe(true);
      expect(JSON.stringify(offer), 'no confidence for officials').not.toContain('confidence');
      expect(await tickets()).toBe(2);

      const [done] = await webPress('websession-ask-1', 'escalate', offer.choices?.[0].questionId);
      expect(done.text).toMatch(/đã được chuyển tới cán bộ phụ trách/);
      await h.telegram.waitFor('sendMessage', (c) => isCard(c) && String(c.params.text).includes('cát sỏi'), 10_000);
      expect(await tickets()).toBe(3);
    });

    it('creates no ticket when the official rephrases instead', async () => {
      await webAsk('websession-ask-2', UNCOVERED.web);
      const [answer] = await webAsk('websession-ask-2', COVERED);
      expect(answer.answer?.kind).toBe('answer');
      expect(await tickets()).toBe(3);
    });
  });

  describe('greetings, thanks, off-topic and junk', () => {
    it('never create a ticket on any channel; chat replies offer no choice and are not "last questions" for /hoicanbo', async () => {
      const before = cards().length;
      for (const [i, text] of CHATTER.entries()) {
        const [reply] = await webAsk('websession-chat-1', text);
        expect(reply.answer?.kind ?? 'text', `web: "${text}"`).toBe('chat');
        expect(reply.choices ?? [], `web: "${text}"`).toEqual([]);
        await post(tgHook(), tgText(7200 + i, text), tgH);
        const tg = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(7200 + i), 10_000);
        expect(tg.params.reply_markup, `telegram: "${text}"`).toBeUndefined();
        await post(zaloHook(), zaloTextEvent({ chatId: `z-chat-${i}`, text }, { envelope: 'flat' }), zH);
        const z = await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === `z-chat-${i}`, 10_000);
        expect(String(z.body.text), `zalo: "${text}"`).not.toMatch(/Trả lời \d/);
      }
      const [asked] = await webAsk('websession-chat-1', '/hoicanbo');
      expect(asked.text, 'nothing to escalate: only chat messages so far').toMatch(/vui lòng gửi câu hỏi trước/);
      for (const [i, text] of OFF_TOPIC.entries()) {
        const [reply] = await webAsk('websession-chat-2', text);
        expect(['chat', 'escalate'], `web: "${text}"`).toContain(reply.answer?.kind);
        await post(tgHook(), tgText(7300 + i, text), tgH);
        await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(7300 + i), 10_000);
        await post(zaloHook(), zaloTextEvent({ chatId: `z-off-${i}`, text }, { envelope: 'flat' }), zH);
        await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === `z-off-${i}`, 10_000);
      }
      await h.app.dispatcher.drain();
      expect(cards()).toHaveLength(before);
      expect(await tickets()).toBe(3);
    });
  });
});
