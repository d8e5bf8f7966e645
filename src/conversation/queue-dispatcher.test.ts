import { describe, it, expect } from 'vitest';
import { MemoryStore } from '../../test/support/memory-store.js';
import { QueueDispatcher } from './queue-dispatcher.js';
import type { InboundMessage, OutboundReply } from './index.js';

function text(chatId: string, key: string, t: string): InboundMessage {
  return { channel: 'telegram', chatId, userId: chatId, updateKey: key, ts: 1, kind: 'text', text: t };
}

/** A promise with its resolve, to hold a handler until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('QueueDispatcher (no outbox)', () => {
  it('sends the replies of one chat in the order of its messages, even when the first answer is slow', async () => {
    const slow = gate();
    const started: string[] = [];
    const sent: string[] = [];
    const d = new QueueDispatcher({
      updates: new MemoryStore(),
      handler: {
        async handle(m): Promise<OutboundReply[]> {
          started.push(m.text ?? '');
          if (m.text === 'một') await slow.promise;
          return [{ text: `re ${m.text}` }];
        },
      },
    });
    const sender = { send: async (chatId: string, r: OutboundReply) => void sent.push(`${chatId}:${r.text}`) };
    await d.accept(text('A', '1', 'một'), sender);
    await d.accept(text('A', '2', 'hai'), sender);
    await d.accept(text('B', '3', 'ba'), sender);
    await new Promise((r) => setTimeout(r, 30));
    expect(started, 'the second message of chat A must wait for the first (per-chat chaining)').toEqual(['một', 'ba']);
    expect(sent, 'another chat does not wait for chat A').toEqual(['B:re ba']);
    slow.open();
    await d.drain();
    expect(sent).toEqual(['B:re ba', 'A:re một', 'A:re hai']);
  });

  it('ignores a duplicate update and answers STORAGE_UNAVAILABLE when it cannot record', async () => {
    const store = new MemoryStore();
    const sent: string[] = [];
    const d = new QueueDispatcher({ updates: store, handler: { handle: async () => [{ text: 'ok' }] } });
    const sender = { send: async (_c: string, r: OutboundReply) => void sent.push(r.text ?? '') };
    expect(await d.accept(text('A', '9', 'x'), sender)).toBe(true);
    expect(await d.accept(text('A', '9', 'x'), sender)).toBe(false);
    store.down = true;
    await expect(d.accept(text('A', '10', 'x'), sender)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    await d.drain();
    expect(sent).toEqual(['ok']);
  });
});
