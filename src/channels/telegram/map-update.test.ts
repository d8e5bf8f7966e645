import { describe, expect, it } from 'vitest';
import { decodeCallbackData, encodeCallbackData } from './callback-data.js';
import { callbackQueryIdOf, mapTelegramUpdate } from './map-update.js';

const NOW = 1_750_000_000_000;
const user = { id: 5_000_000_001, is_bot: false, first_name: 'Lan', last_name: 'Nguyễn Thị', username: 'lan_nt' };
const chat = { id: 5_000_000_001, type: 'private', first_name: 'Lan' };

function message(extra: Record<string, unknown>, update_id = 900_001): unknown {
  return { update_id, message: { message_id: 77, from: user, chat, date: 1_750_000_000, ...extra } };
}

function callback(data: unknown, update_id = 900_002): unknown {
  return { update_id, callback_query: { id: 'cbq-1', from: user, chat_instance: 'ci', data, message: { message_id: 78, chat, date: 1_750_000_000, text: 'x' } } };
}

describe('mapTelegramUpdate', () => {
  it.each([
    ['plain text', message({ text: 'Thủ tục hành chính là gì?' }), { kind: 'text', text: 'Thủ tục hành chính là gì?' }],
    ['a command', message({ text: '/start' }), { kind: 'command', command: { name: 'start', args: '' } }],
    ['a command with @bot and args', message({ text: '/vanban@CchcBot nghị định 118' }), { kind: 'command', command: { name: 'vanban', args: 'nghị định 118' } }],
    ['an upper-case command', message({ text: '/HELP' }), { kind: 'command', command: { name: 'help', args: '' } }],
    ['an unknown command (kept as text)', message({ text: '/foo bar' }), { kind: 'text', text: '/foo bar' }],
    ['a photo', message({ photo: [{ file_id: 'f', width: 1, height: 1 }], caption: 'ảnh' }), { kind: 'media', media: 'photo' }],
    ['a sticker', message({ sticker: { file_id: 's' } }), { kind: 'media', media: 'sticker' }],
    ['a voice note', message({ voice: { file_id: 'v' } }), { kind: 'media', media: 'voice' }],
    ['a video', message({ video: { file_id: 'v' } }), { kind: 'media', media: 'video' }],
    ['a document', message({ document: { file_id: 'd' } }), { kind: 'media', media: 'file' }],
    ['an animation (also has document)', message({ animation: { file_id: 'a' }, document: { file_id: 'a' } }), { kind: 'media', media: 'video' }],
    ['a location', message({ location: { latitude: 21, longitude: 105 } }), { kind: 'media', media: 'location' }],
    ['a contact', message({ contact: { phone_number: '1', first_name: 'A' } }), { kind: 'media', media: 'other' }],
  ])('maps %s', (_name, update, expected) => {
    const mapped = mapTelegramUpdate(update, NOW);
    expect(mapped, 'the update should not be ignored').not.toBeNull();
    expect(mapped!.message).toMatchObject({ channel: 'telegram', updateKey: '900001', chatId: '5000000001', userId: '5000000001', messageId: '77', ts: 1_750_000_000_000, displayName: 'Lan Nguyễn Thị', ...expected });
    expect(mapped!.callbackQueryId).toBeUndefined();
  });

  it('maps our button press to an action and carries the callback query id', () => {
    const mapped = mapTelegramUpdate(callback('fb:h:q-123'), NOW);
    expect(mapped).toEqual({
      callbackQueryId: 'cbq-1',
      message: { channel: 'telegram', chatId: '5000000001', userId: '5000000001', displayName: 'Lan Nguyễn Thị', updateKey: '900002', messageId: '78', ts: NOW, kind: 'action', action: { type: 'helpful', questionId: 'q-123' } },
    });
  });

  it('falls back to the user id as chat id when the callback has no message', () => {
    const update = { update_id: 3, callback_query: { id: 'c', from: user, chat_instance: 'ci', data: 'esc:q9' } };
    expect(mapTelegramUpdate(update, NOW)?.message).toMatchObject({ chatId: '5000000001', action: { type: 'escalate', questionId: 'q9' } });
  });

  it('keeps negative int64 chat ids exactly, as strings', () => {
    const update = { update_id: 1, callback_query: { id: 'c', from: { id: 7_123_456_789, is_bot: false, first_name: 'A' }, data: 'esc:q', message: { message_id: 1, date: 1, chat: { id: -1_001_234_567_890, type: 'private' } } } };
    expect(mapTelegramUpdate(update, NOW)?.message).toMatchObject({ chatId: '-1001234567890', userId: '7123456789' });
  });

  it('uses the username when there is no name', () => {
    const update = { update_id: 1, message: { message_id: 1, date: 1, chat, from: { id: 1, is_bot: false, first_name: ' ', username: 'anh_b' }, text: 'hi' } };
    expect(mapTelegramUpdate(update, NOW)?.message.displayName).toBe('anh_b');
  });

  it.each([
    ['edited_message', { update_id: 1, edited_message: { message_id: 1, from: user, chat, date: 1, edit_date: 2, text: 'x' } }],
    ['channel_post', { update_id: 1, channel_post: { message_id: 1, chat: { id: -100, type: 'channel' }, date: 1, text: 'x' } }],
    ['my_chat_member', { update_id: 1, my_chat_member: { chat, from: user, date: 1 } }],
    ['a group message', { update_id: 1, message: { message_id: 1, from: user, chat: { id: -100123, type: 'supergroup' }, date: 1, text: 'x' } }],
    ['a service message', message({ pinned_message: { message_id: 1 } })],
    ['blank text', message({ text: '   ' })],
    ['unknown button data', callback('claim:t1')],
    ['over-long button data', callback(`fb:h:${'x'.repeat(80)}`)],
  ])('ignores %s', (_name, update) => {
    expect(mapTelegramUpdate(update, NOW)).toBeNull();
  });

  it.each([
    ['null', null],
    ['a string', 'update'],
    ['an array', [1]],
    ['no update_id', { message: { text: 'x' } }],
    ['a string update_id', { update_id: '1', message: {} }],
    ['a message without chat', { update_id: 1, message: { message_id: 1, from: user, date: 1, text: 'x' } }],
    ['a message with a string chat id', { update_id: 1, message: { message_id: 1, from: user, chat: { id: '5', type: 'private' }, date: 1, text: 'x' } }],
    ['a message without date', { update_id: 1, message: { message_id: 1, from: user, chat, text: 'x' } }],
    ['a callback without id', { update_id: 1, callback_query: { from: user, data: 'esc:q' } }],
    ['a callback without from', { update_id: 1, callback_query: { id: 'c', data: 'esc:q' } }],
  ])('returns null for a malformed update (%s) without throwing', (_name, update) => {
    expect(mapTelegramUpdate(update, NOW)).toBeNull();
  });

  it('finds the callback query id of an ignored button press', () => {
    expect(callbackQueryIdOf(callback('old:format'))).toBe('cbq-1');
    expect(callbackQueryIdOf(message({ text: 'x' }))).toBeUndefined();
  });
});

describe('callback data', () => {
  it.each([
    [{ action: 'helpful', questionId: 'q1' }, 'fb:h:q1', { type: 'helpful', questionId: 'q1' }],
    [{ action: 'unhelpful', questionId: 'q1' }, 'fb:u:q1', { type: 'unhelpful', questionId: 'q1' }],
    [{ action: 'escalate', questionId: 'q1' }, 'esc:q1', { type: 'escalate', questionId: 'q1' }],
    [{ action: 'unit', value: 'so-noi-vu' }, 'unit:so-noi-vu', { type: 'unit', value: 'so-noi-vu' }],
    [{ action: 'unit', value: 'so-noi-vu', questionId: 'q1' }, 'unit:so-noi-vu:q1', { type: 'unit', value: 'so-noi-vu', questionId: 'q1' }],
    [{ action: 'unit' }, 'unit:', { type: 'unit' }],
  ] as const)('round-trips %o', (choice, data, action) => {
    expect(encodeCallbackData(choice)).toBe(data);
    expect(decodeCallbackData(data)).toEqual(action);
  });

  it('refuses ids that would break the format or the 64-byte limit', () => {
    expect(() => encodeCallbackData({ action: 'helpful', questionId: 'a:b' })).toThrow(/must not contain/);
    expect(() => encodeCallbackData({ action: 'helpful' })).toThrow(/needs a questionId/);
    expect(() => encodeCallbackData({ action: 'escalate', questionId: 'đ'.repeat(31) })).toThrow(/64/);
  });

  it.each([undefined, 42, '', 'fb:x:q', 'fb:h:', 'esc:', 'esc:a:b', 'unit:a:'])('decodes %o as null', (data) => {
    expect(decodeCallbackData(data)).toBeNull();
  });
});
