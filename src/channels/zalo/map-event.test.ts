import { describe, expect, it } from 'vitest';
import { zaloEvent, zaloImageEvent, zaloStickerEvent, zaloTextEvent } from '../../../test/fakes/zalo-api.js';
import { mapZaloEvent } from './map-event.js';

const who = { chatId: '6ede9afe1cb0f4eea0f1', messageId: '2d758cd9c3d5ac8bf5c4', displayName: 'Nguyễn Thị Lan', date: 1750316131602 };

describe('mapZaloEvent', () => {
  for (const envelope of ['wrapped', 'flat'] as const) {
    describe(`${envelope} envelope`, () => {
      it('maps a text message with string ids, display name and epoch-ms date', () => {
        expect(mapZaloEvent(zaloTextEvent({ ...who, text: 'Thủ tục hành chính là gì?' }, { envelope }))).toEqual({
          channel: 'zalo',
          chatId: who.chatId,
          userId: who.chatId,
          displayName: 'Nguyễn Thị Lan',
          updateKey: `message.text.received:${who.messageId}`,
          messageId: who.messageId,
          ts: 1750316131602,
          kind: 'text',
          text: 'Thủ tục hành chính là gì?',
          typedChoices: true,
        });
      });

      const cases: Array<[string, Record<string, unknown>, Record<string, unknown> | null]> = [
        ['/start', zaloTextEvent({ ...who, text: '/start' }, { envelope }), { kind: 'command', command: { name: 'start', args: '' } }],
        ['/help', zaloTextEvent({ ...who, text: ' /help ' }, { envelope }), { kind: 'command', command: { name: 'help', args: '' } }],
        [
          '/vanban with args',
          zaloTextEvent({ ...who, text: '/vanban 118/2025/NĐ-CP' }, { envelope }),
          { kind: 'command', command: { name: 'vanban', args: '118/2025/NĐ-CP' } },
        ],
        ['/HoiCanBo', zaloTextEvent({ ...who, text: '/HoiCanBo' }, { envelope }), { kind: 'command', command: { name: 'hoicanbo', args: '' } }],
        ['/donvi', zaloTextEvent({ ...who, text: '/donvi' }, { envelope }), { kind: 'command', command: { name: 'donvi', args: '' } }],
        ['unknown /command stays text', zaloTextEvent({ ...who, text: '/abc' }, { envelope }), { kind: 'text', text: '/abc' }],
        ['typed number stays text', zaloTextEvent({ ...who, text: '1' }, { envelope }), { kind: 'text', text: '1' }],
        ['image', zaloImageEvent(who, { envelope }), { kind: 'media', media: 'photo' }],
        ['sticker', zaloStickerEvent(who, { envelope }), { kind: 'media', media: 'sticker' }],
        ['voice', zaloEvent('message.voice.received', who, { url: 'https://x/v.aac' }, { envelope }), { kind: 'media', media: 'voice' }],
        ['document', zaloEvent('message.document.received', who, {}, { envelope }), { kind: 'media', media: 'file' }],
        ['unsupported', zaloEvent('message.unsupported.received', who, {}, { envelope }), { kind: 'media', media: 'other' }],
        ['unknown message event', zaloEvent('message.reaction.received', who, {}, { envelope }), { kind: 'media', media: 'other' }],
        ['user.follow (no message)', zaloEvent('user.follow', undefined, {}, { envelope }), null],
        ['non-message event with a message', zaloEvent('user.unfollow', who, {}, { envelope }), null],
      ];
      for (const [name, body, expected] of cases) {
        it(`maps ${name}`, () => {
          const msg = mapZaloEvent(body);
          if (expected === null) expect(msg).toBeNull();
          else expect(msg).toMatchObject({ chatId: who.chatId, updateKey: expect.stringMatching(/:2d758cd9c3d5ac8bf5c4$/), ...expected });
        });
      }
    });
  }

  it('keeps distinct update keys per event and message', () => {
    const a = mapZaloEvent(zaloTextEvent({ chatId: 'c', text: 'a', messageId: 'm1' }));
    const b = mapZaloEvent(zaloImageEvent({ chatId: 'c', messageId: 'm1' }));
    expect(a?.updateKey).toBe('message.text.received:m1');
    expect(b?.updateKey).toBe('message.image.received:m1');
  });

  it('takes the user id from message.from and replies to message.chat', () => {
    const msg = mapZaloEvent(zaloTextEvent({ chatId: 'chat1', userId: 'user1', text: 'hi' }, { envelope: 'flat' }));
    expect(msg).toMatchObject({ chatId: 'chat1', userId: 'user1' });
  });

  const malformed: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'message.text.received'],
    ['an array', [zaloTextEvent({ chatId: 'c', text: 'x' })]],
    ['ok:false', { ok: false, error_code: 408 }],
    ['no event_name', { message: { message_id: 'm', chat: { id: 'c' }, from: { id: 'c' }, text: 'x' } }],
    ['message not an object', { event_name: 'message.text.received', message: 'x' }],
    ['no message_id', { event_name: 'message.text.received', message: { chat: { id: 'c' }, from: { id: 'c' }, text: 'x' } }],
    ['no chat and no sender', { event_name: 'message.text.received', message: { message_id: 'm', text: 'x' } }],
    ['text not a string', { event_name: 'message.text.received', message: { message_id: 'm', chat: { id: 'c' }, text: 5 } }],
    ['ids as objects', { event_name: 'message.text.received', message: { message_id: {}, chat: { id: [] }, text: 'x' } }],
    [
      'a throwing getter',
      Object.defineProperty({}, 'event_name', {
        get() {
          throw new Error('boom');
        },
      }),
    ],
  ];
  for (const [name, body] of malformed) {
    it(`returns null for ${name}`, () => {
      expect(mapZaloEvent(body)).toBeNull();
    });
  }
});
