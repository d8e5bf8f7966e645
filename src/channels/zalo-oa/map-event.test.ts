import { describe, it, expect } from 'vitest';
import { mapOaEvent } from './map-event.js';
import { parseLosslessJson } from './lossless-json.js';

const NOW = 1_700_000_000_000;
const text = (t: string, extra: Record<string, unknown> = {}) => ({
  app_id: '2553', user_id_by_app: '9791', event_name: 'user_send_text', sender: { id: '8411000000000000001' }, recipient: { id: '5500' },
  message: { msg_id: 'cb31aa', text: t }, timestamp: '1699003881354', ...extra,
});

describe('mapOaEvent', () => {
  it('maps a text message to the core shape: ids as strings, msg_id as the dedupe key, ms time', () => {
    const e = mapOaEvent(text('Chào bạn'), NOW);
    expect(e).toEqual({
      kind: 'message', userId: '8411000000000000001', at: 1699003881354, msgId: 'cb31aa',
      message: { channel: 'zalo-oa', chatId: '8411000000000000001', userId: '8411000000000000001', updateKey: 'cb31aa', messageId: 'cb31aa', ts: 1699003881354, kind: 'text', typedChoices: true, text: 'Chào bạn' },
    });
  });

  it('keeps an id sent as a number beyond 2^53 exact (after the lossless parse)', () => {
    const raw = '{"app_id":"2553","event_name":"user_send_text","sender":{"id":8411000000000000001},"message":{"msg_id":"m2","text":"x"},"timestamp":"1699003881354"}';
    const e = mapOaEvent(parseLosslessJson(raw), NOW);
    expect(e.kind === 'message' && e.userId).toBe('8411000000000000001');
  });

  it('recognises the Zalo bot commands and leaves other slash text as a question', () => {
    const help = mapOaEvent(text('/help'), NOW);
    expect(help.kind === 'message' && help.message.command).toEqual({ name: 'help', args: '' });
    const other = mapOaEvent(text('/khac abc'), NOW);
    expect(other.kind === 'message' && other.message.kind).toBe('text');
  });

  it('maps images, files, stickers and unknown user_send_* events to media', () => {
    const media = (name: string) => {
      const e = mapOaEvent({ ...text(''), event_name: name, message: { msg_id: `m-${name}`, attachments: [] } }, NOW);
      return e.kind === 'message' ? e.message.media : e.kind;
    };
    expect([media('user_send_image'), media('user_send_file'), media('user_send_sticker'), media('user_send_new_kind')]).toEqual(['photo', 'file', 'sticker', 'other']);
  });

  it('greets a follower with the help command and records an unfollow (follower.id shape)', () => {
    const follow = mapOaEvent({ app_id: '2553', oa_id: '5500', event_name: 'follow', follower: { id: '77' }, source: 'oa_profile', timestamp: '1699003881000' }, NOW);
    expect(follow).toMatchObject({ kind: 'follow', userId: '77', at: 1699003881000, message: { kind: 'command', command: { name: 'help', args: '' }, chatId: '77', updateKey: 'follow:77:1699003881000' } });
    expect(mapOaEvent({ event_name: 'unfollow', follower: { id: '77' }, timestamp: '1699003882000' }, NOW)).toEqual({ kind: 'unfollow', userId: '77', at: 1699003882000 });
  });

  it('ignores receipts, the OA\'s own messages and malformed bodies, never throwing', () => {
    expect(mapOaEvent({ ...text('x'), event_name: 'user_seen_message' }, NOW)).toMatchObject({ kind: 'ignored', reason: 'not handled' });
    expect(mapOaEvent({ ...text('x'), event_name: 'oa_send_text' }, NOW)).toMatchObject({ kind: 'ignored' });
    expect(mapOaEvent({ ...text('x'), sender: {} }, NOW)).toMatchObject({ kind: 'ignored', reason: 'malformed' });
    expect(mapOaEvent({ ...text('x'), message: { text: 'no id' } }, NOW)).toMatchObject({ kind: 'ignored', reason: 'malformed' });
    for (const bad of [null, 'x', [], 42, {}]) expect(mapOaEvent(bad, NOW).kind).toBe('ignored');
  });

  it('uses the receive time when the timestamp is missing, malformed or in the future', () => {
    for (const ts of [undefined, 'abc', String(NOW + 60_000)]) {
      const e = mapOaEvent(text('x', { timestamp: ts }), NOW);
      expect(e.kind === 'message' && e.at).toBe(NOW);
    }
  });
});
