import { describe, it, expect } from 'vitest';
import { AppError } from '../../common/errors.js';
import type { Dispatcher, InboundMessage, OutboundReply } from '../../conversation/index.js';
import { WebChatChannel } from './webchat-channel.js';

/** A Dispatcher that records messages and answers with fixed replies (null = duplicate). */
function stubDispatcher(replies: OutboundReply[] | null = [{ text: 'Xin chào!' }]) {
  const seen: InboundMessage[] = [];
  const dispatcher: Dispatcher = {
    accept: async () => true,
    handleNow: async (msg) => {
      seen.push(msg);
      return replies;
    },
    drain: async () => {},
  };
  return { dispatcher, seen };
}

const SESSION = 'sess_abcdef12';
const MSG_ID = '0123456789abcdef';

async function invalid(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'expected the input to be rejected').toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('INVALID_INPUT');
  return err as AppError;
}

describe('WebChatChannel', () => {
  it('maps a question to a web text message and renders the replies', async () => {
    const { dispatcher, seen } = stubDispatcher();
    const web = new WebChatChannel({ dispatcher, now: () => 1234 });
    const replies = await web.handleMessage({ sessionId: SESSION, messageId: MSG_ID, text: '  Thủ tục hành chính là gì?  ' });
    expect(replies).toEqual([{ text: 'Xin chào!' }]);
    expect(seen[0]).toEqual({
      channel: 'web',
      chatId: SESSION,
      userId: SESSION,
      updateKey: MSG_ID,
      messageId: MSG_ID,
      ts: 1234,
      kind: 'text',
      text: 'Thủ tục hành chính là gì?',
    });
  });

  it('maps /start and /donvi with arguments to commands', async () => {
    const { dispatcher, seen } = stubDispatcher();
    const web = new WebChatChannel({ dispatcher });
    await web.handleMessage({ sessionId: SESSION, messageId: MSG_ID, text: '/start' });
    await web.handleMessage({ sessionId: SESSION, messageId: `${MSG_ID}x`, text: '/DonVi  Sở Nội vụ ' });
    expect(seen[0]).toMatchObject({ kind: 'command', command: { name: 'start', args: '' } });
    expect(seen[0].text).toBeUndefined();
    expect(seen[1]).toMatchObject({ kind: 'command', command: { name: 'donvi', args: 'Sở Nội vụ' } });
  });

  it('maps a button press to an action message', async () => {
    const { dispatcher, seen } = stubDispatcher([]);
    const web = new WebChatChannel({ dispatcher, now: () => 5 });
    await web.handleAction({ sessionId: SESSION, actionId: 'act-00000001', type: 'helpful', questionId: 'q-1' });
    expect(seen[0]).toEqual({
      channel: 'web',
      chatId: SESSION,
      userId: SESSION,
      updateKey: 'act-00000001',
      ts: 5,
      kind: 'action',
      action: { type: 'helpful', questionId: 'q-1' },
    });
  });

  it('returns no replies for a duplicate message', async () => {
    const web = new WebChatChannel({ dispatcher: stubDispatcher(null).dispatcher });
    expect(await web.handleMessage({ sessionId: SESSION, messageId: MSG_ID, text: 'Câu hỏi' })).toEqual([]);
  });

  it('rejects bad session and message ids, naming the field', async () => {
    const web = new WebChatChannel({ dispatcher: stubDispatcher().dispatcher });
    for (const sessionId of ['short', 'x'.repeat(65), 'has space 123', 'ô-khong-hop-le']) {
      const err = await invalid(web.handleMessage({ sessionId, messageId: MSG_ID, text: 'Câu hỏi' }));
      expect(err.detail).toMatch(/^sessionId must be 8–64 characters/);
    }
    const err = await invalid(web.handleMessage({ sessionId: SESSION, messageId: 42 as unknown as string, text: 'Câu hỏi' }));
    expect(err.detail).toMatch(/^messageId/);
  });

  it('rejects empty, blank, too long and non-string text', async () => {
    const web = new WebChatChannel({ dispatcher: stubDispatcher().dispatcher });
    expect((await invalid(web.handleMessage({ sessionId: SESSION, messageId: MSG_ID, text: '   ' }))).detail).toBe('text must not be empty');
    expect((await invalid(web.handleMessage({ sessionId: SESSION, messageId: MSG_ID, text: 'a'.repeat(2001) }))).detail).toMatch(/at most 2000/);
    expect((await invalid(web.handleMessage({ sessionId: SESSION, messageId: MSG_ID } as never))).detail).toBe('text must be a string');
    await expect(web.handleMessage({ sessionId: SESSION, messageId: MSG_ID, text: ` ${'a'.repeat(2000)} ` })).resolves.toBeDefined();
  });

  it('rejects unknown action types, listing the allowed ones', async () => {
    const web = new WebChatChannel({ dispatcher: stubDispatcher().dispatcher });
    const err = await invalid(web.handleAction({ sessionId: SESSION, actionId: MSG_ID, type: 'delete' as never }));
    expect(err.detail).toBe('type must be one of helpful, unhelpful, escalate, unit, learn');
    await invalid(web.handleAction({ sessionId: SESSION, actionId: MSG_ID, type: 'unit', value: 'a\nb' }));
  });
});
