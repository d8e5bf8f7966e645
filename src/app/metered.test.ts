import { describe, it, expect } from 'vitest';
import { AppError } from '../common/errors.js';
import type { Metrics } from '../common/metrics.js';
import type { Dispatcher, InboundMessage, OutboundReply, ReplySender } from '../conversation/index.js';
import { meteredDispatcher, meteredEscalator, meteredHandler, meteredKnowledge, meteredNotifier } from './metered.js';
import type { Ticket } from '../escalation/index.js';

/** Metrics that record each call as a line, e.g. `updateReceived telegram new`. */
function recorder(): Metrics & { calls: string[] } {
  const calls: string[] = [];
  const rec = (name: string) => (...args: unknown[]) => void calls.push([name, ...args].join(' '));
  return { calls, updateReceived: rec('updateReceived'), questionHandled: rec('questionHandled'), escalated: rec('escalated'), replyFailed: rec('replyFailed'), slaBreached: rec('slaBreached'), reindexFinished: rec('reindexFinished') };
}

const msg = (over: Partial<InboundMessage> = {}): InboundMessage => ({ channel: 'zalo', chatId: 'c', userId: 'u', updateKey: 'k', ts: 0, kind: 'text', text: 'hỏi', ...over });

describe('meteredDispatcher', () => {
  it('counts new, duplicate and unrecorded updates, and replies that fail', async () => {
    const m = recorder();
    let next: boolean | Error = true;
    let captured: ReplySender | undefined;
    const inner: Dispatcher = {
      accept: async (_msg, sender) => {
        captured = sender;
        if (next instanceof Error) throw next;
        return next;
      },
      handleNow: async () => null,
      drain: async () => {},
    };
    const d = meteredDispatcher(inner, m);
    const sender: ReplySender = { send: async () => Promise.reject(new Error('blocked')) };
    expect(await d.accept(msg(), sender)).toBe(true);
    next = false;
    await d.accept(msg(), sender);
    next = new AppError('STORAGE_UNAVAILABLE', 'db down');
    await expect(d.accept(msg({ channel: 'telegram' }), sender)).rejects.toThrow();
    await expect(captured!.send('c', { text: 'x' })).rejects.toThrow('blocked');
    expect(await d.handleNow(msg({ channel: 'web' }))).toBeNull();
    expect(m.calls).toEqual(['updateReceived zalo new', 'updateReceived zalo duplicate', 'updateReceived telegram unrecorded', 'replyFailed telegram', 'updateReceived web duplicate']);
  });
});

describe('meteredHandler', () => {
  it('counts a question by the kind of answer in its replies and times it; other messages are not counted', async () => {
    const m = recorder();
    const replies: Record<string, OutboundReply[]> = {
      a: [{ answer: { kind: 'answer' } as never }],
      b: [{ text: 'Đã chuyển' }, { answer: { kind: 'escalate' } as never }],
      c: [{ text: 'Xin chào' }],
    };
    let t = 0;
    const h = meteredHandler({ handle: async (x) => ((t += 250), replies[x.text ?? '']) }, m, () => t);
    await h.handle(msg({ text: 'a' }));
    await h.handle(msg({ text: 'b', channel: 'telegram' }));
    await h.handle(msg({ text: 'c' }));
    expect(m.calls).toEqual(['questionHandled zalo answered 0.25', 'questionHandled telegram abstained 0.25']);
  });
});

describe('meteredEscalator, meteredNotifier, meteredKnowledge', () => {
  it('counts escalations as new or joined', async () => {
    const m = recorder();
    let created = true;
    const e = meteredEscalator({ escalate: async () => ({ ticketId: 't', created }) }, m);
    await e.escalate({ reason: 'auto' } as never);
    created = false;
    await e.escalate({ reason: 'manual' } as never);
    expect(m.calls).toEqual(['escalated auto false', 'escalated manual true']);
    expect(e.reopen).toBeUndefined();
  });

  it('counts an SLA breach only at the first reminder of a ticket', async () => {
    const m = recorder();
    const n = meteredNotifier({ postTicket: async () => undefined, updateTicket: async () => {}, remind: async () => {}, confirmRelay: async () => {} }, m);
    await n.remind({ id: 't1' } as Ticket, 61);
    await n.remind({ id: 't1', delayNoticeAt: 5 } as Ticket, 122);
    expect(m.calls).toEqual(['slaBreached']);
  });

  it('times reindexes and counts failures', async () => {
    const m = recorder();
    let fail = false;
    let t = 0;
    const k = meteredKnowledge({ snapshot: { version: 'v1' } as never, reindex: async () => { t += 2000; if (fail) throw new Error('parse'); return {} as never; } }, m, () => t);
    expect(k.snapshot.version).toBe('v1');
    await k.reindex();
    fail = true;
    await expect(k.reindex()).rejects.toThrow('parse');
    expect(m.calls).toEqual(['reindexFinished 2 true', 'reindexFinished 2 false']);
  });
});
