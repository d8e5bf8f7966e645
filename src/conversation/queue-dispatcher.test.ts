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

describe('QueueDispatcher under load (bounded turns, admission)', () => {
  const sender = { send: async () => {} };

  it('answers at most maxConcurrentJobs at once, in arrival order, instead of interleaving every job', async () => {
    const gates = new Map<string, ReturnType<typeof gate>>();
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const d = new QueueDispatcher({
      updates: new MemoryStore(),
      maxConcurrentJobs: 2,
      maxWaitingJobs: 100,
      handler: {
        async handle(m): Promise<OutboundReply[]> {
          started.push(m.chatId);
          running++;
          most = Math.max(most, running);
          const g = gate();
          gates.set(m.chatId, g);
          await g.promise;
          running--;
          return [{ text: 'ok' }];
        },
      },
    });
    for (const c of ['A', 'B', 'C', 'D']) await d.accept(text(c, c, 'q'), sender);
    await new Promise((r) => setTimeout(r, 20));
    expect(started, 'two turns: C and D wait').toEqual(['A', 'B']);
    expect(d.load).toEqual({ running: 2, waiting: 2 });
    gates.get('B')?.open();
    await new Promise((r) => setTimeout(r, 20));
    expect(started, 'the freed turn goes to the oldest waiting job').toEqual(['A', 'B', 'C']);
    for (const g of gates.values()) g.open();
    await new Promise((r) => setTimeout(r, 20));
    for (const g of gates.values()) g.open();
    await d.drain();
    expect(most).toBe(2);
    expect(d.load).toEqual({ running: 0, waiting: 0 });
  });

  it('holds accept back while maxWaitingJobs wait, lets it go when one takes a turn, and never past maxAdmissionWaitMs', async () => {
    const release = gate();
    const d = new QueueDispatcher({
      updates: new MemoryStore(),
      maxConcurrentJobs: 1,
      maxWaitingJobs: 1,
      maxAdmissionWaitMs: 5000,
      handler: { handle: async () => (await release.promise, [{ text: 'ok' }]) },
    });
    await d.accept(text('A', '1', 'q'), sender); // runs
    await d.accept(text('B', '2', 'q'), sender); // waits for a turn: the queue is full
    let admitted = false;
    const third = d.accept(text('C', '3', 'q'), sender).then((r) => ((admitted = true), r));
    await new Promise((r) => setTimeout(r, 50));
    expect(admitted, 'a third update waits while one job already waits').toBe(false);
    release.open();
    expect(await third).toBe(true);
    await d.drain();

    const stuck = gate();
    const bounded = new QueueDispatcher({
      updates: new MemoryStore(),
      maxConcurrentJobs: 1,
      maxWaitingJobs: 1,
      maxAdmissionWaitMs: 60,
      handler: { handle: async () => (await stuck.promise, [{ text: 'ok' }]) },
    });
    await bounded.accept(text('A', '1', 'q'), sender);
    await bounded.accept(text('B', '2', 'q'), sender);
    const t0 = Date.now();
    expect(await bounded.accept(text('C', '3', 'q'), sender), 'recorded and queued after the longest wait').toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(50);
    expect(bounded.load.waiting).toBe(2);
    stuck.open();
    await bounded.drain();
  });

  it('holds an update of a platform that wants a quick acknowledgement at most a quarter of its ackWithinMs', async () => {
    const stuck = gate();
    const d = new QueueDispatcher({
      updates: new MemoryStore(),
      maxConcurrentJobs: 1,
      maxWaitingJobs: 1,
      maxAdmissionWaitMs: 5000,
      handler: { handle: async () => (await stuck.promise, [{ text: 'ok' }]) },
    });
    const quick = { send: async () => {}, ackWithinMs: 400 };
    await d.accept(text('A', '1', 'q'), quick);
    await d.accept(text('B', '2', 'q'), quick);
    const t0 = Date.now();
    expect(await d.accept(text('C', '3', 'q'), quick)).toBe(true);
    const held = Date.now() - t0;
    expect(held, 'held back, as any update under overload').toBeGreaterThanOrEqual(80);
    expect(held, 'but well within the platform\'s acknowledgement time').toBeLessThan(1000);
    stuck.open();
    await d.drain();
  });
});

describe('QueueDispatcher acknowledgement wait (ackWaitMs)', () => {
  const quickHandler = { handle: async (m: InboundMessage) => [{ text: `re ${m.text}` }] };

  it('acknowledges after the answer was sent when it comes within ackWaitMs, and at once without the option', async () => {
    for (const ackWaitMs of [undefined, 1000]) {
      const sent: string[] = [];
      const d = new QueueDispatcher({ updates: new MemoryStore(), handler: quickHandler, ackWaitMs });
      const sender = { send: async (chatId: string, r: OutboundReply) => void sent.push(`${chatId}:${r.text}`) };
      expect(await d.accept(text('A', '1', 'một'), sender)).toBe(true);
      const atAck = [...sent];
      await d.drain();
      if (ackWaitMs) expect(atAck, 'the webhook is acknowledged once its answer is out (back-pressure to the platform)').toEqual(['A:re một']);
      else expect(atAck, 'without a wait the webhook is acknowledged as soon as the update is recorded').toEqual([]);
      expect(sent).toEqual(['A:re một']);
    }
  });

  it('never holds the acknowledgement past ackWaitMs, nor past a quarter of the platform\'s ackWithinMs', async () => {
    const stuck = gate();
    const d = new QueueDispatcher({ updates: new MemoryStore(), handler: quickHandler, ackWaitMs: 150 });
    const hanging = { send: async () => stuck.promise };
    let t0 = Date.now();
    expect(await d.accept(text('A', '1', 'q'), hanging)).toBe(true);
    let held = Date.now() - t0;
    expect(held, 'waits for the send while it may').toBeGreaterThanOrEqual(140);
    expect(held, 'then acknowledges although the send still hangs').toBeLessThan(600);
    const quick = { send: async () => stuck.promise, ackWithinMs: 200 };
    t0 = Date.now();
    expect(await d.accept(text('B', '2', 'q'), quick)).toBe(true);
    held = Date.now() - t0;
    expect(held, 'a quarter of 200 ms, not 150 ms').toBeLessThan(120);
    stuck.open();
    await d.drain();
  });
});

