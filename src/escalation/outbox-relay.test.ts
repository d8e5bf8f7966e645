import { describe, it, expect, beforeEach } from 'vitest';
import { MemoryTicketStore } from '../../test/support/memory-ticket-store.js';
import { OutboxRelay } from './outbox-relay.js';
import { nullStaffNotifier } from './ports.js';
import type { StaffNotifier } from './ports.js';

/** A platform error as the channels throw it, read structurally by the relay. */
function platformError(code: number, retryAfter?: number): Error {
  return Object.assign(new Error(`telegram sendMessage failed: ${code}`), { code, retryable: code === 429 || code >= 500, retryAfter });
}

describe('OutboxRelay backoff and give-up', () => {
  let store: MemoryTicketStore;
  let clock: number;
  const failures: Error[] = [];
  const sent: string[] = [];
  const confirmed: string[] = [];
  const notifier: StaffNotifier = { ...nullStaffNotifier, confirmRelay: async (_t, outcome) => void confirmed.push(outcome) };
  let relay: OutboxRelay;

  beforeEach(async () => {
    store = new MemoryTicketStore();
    clock = 1_000_000;
    failures.length = sent.length = confirmed.length = 0;
    relay = new OutboxRelay({
      tickets: store,
      notifier,
      now: () => clock,
      giveUpMs: 3600_000,
      senders: {
        telegram: {
          async send(_chat, r) {
            const f = failures.shift();
            if (f) throw f;
            sent.push(r.text ?? '');
          },
        },
      },
    });
    await store.createTicket(
      { id: 't1', state: 'answered', questionId: 'q1', questionText: 'Hỏi?', channel: 'telegram', chatId: '42', userId: '42', excerpt: [], sources: [], reason: 'manual', createdAt: 1, reopenCount: 0 },
      { questionId: 'q1', channel: 'telegram', chatId: '42', userId: '42', questionText: 'Hỏi?', joinedAt: 1 },
    );
    await store.enqueueOutbox({ id: 'o1', ticketId: 't1', channel: 'telegram', chatId: '42', kind: 'staff_answer', text: 'Trả lời', createdAt: clock, nextAttemptAt: clock });
  });

  const item = async () => (await store.outboxForTicket('t1'))[0];

  it('backs off exponentially, at most a minute apart, and keeps trying through an outage of many minutes', async () => {
    const gaps: number[] = [];
    for (let i = 0; i < 20; i++) failures.push(platformError(502));
    for (let i = 0; i < 20; i++) {
      await relay.runOnce();
      const it = await item();
      gaps.push(it.nextAttemptAt - clock);
      clock = it.nextAttemptAt;
    }
    expect(gaps[1]).toBeGreaterThan(gaps[0] * 1.3);
    expect(Math.max(...gaps), 'default cap: an answer is retried at least every minute').toBeLessThanOrEqual(60_000);
    expect(Math.min(...gaps.slice(10)), 'the cap is reached and held').toBeGreaterThanOrEqual(48_000);
    expect(clock - 1_000_000, 'twenty failures span more than ten minutes').toBeGreaterThan(10 * 60_000);
    expect((await item()).state, 'an outage of minutes must not lose the answer').toBe('pending');
    await relay.runOnce();
    expect(sent).toEqual(['Trả lời']);
    expect(confirmed).toEqual(['delivered']);
  });

  it('caps the backoff at maxBackoffMs', async () => {
    relay = new OutboxRelay({ tickets: store, notifier, now: () => clock, maxBackoffMs: 10_000, senders: { telegram: { send: async () => Promise.reject(platformError(502)) } } });
    const gaps: number[] = [];
    for (let i = 0; i < 8; i++) {
      await relay.runOnce();
      gaps.push((await item()).nextAttemptAt - clock);
      clock = (await item()).nextAttemptAt;
    }
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
    expect(gaps.slice(-2).every((g) => g >= 8000)).toBe(true);
  });

  it('waits out a long retry_after instead of retrying sooner', async () => {
    failures.push(platformError(429, 900));
    await relay.runOnce();
    expect((await item()).nextAttemptAt - clock).toBeGreaterThanOrEqual(900_000);
    clock += 899_000;
    expect(await relay.runOnce()).toBe(0);
    clock += 2000;
    expect(await relay.runOnce()).toBe(1);
  });

  it('gives up after the give-up time and tells staff; a permanent refusal gives up at once', async () => {
    for (let i = 0; i < 200; i++) failures.push(platformError(502));
    while ((await item()).state === 'pending') {
      await relay.runOnce();
      clock = Math.max(clock, (await item()).nextAttemptAt);
    }
    expect((await item()).state).toBe('failed');
    expect(clock - 1_000_000).toBeLessThanOrEqual(3600_000 + 20 * 60_000);
    expect(confirmed).toEqual(['failed']);
    expect(await store.failedOutboxForChat('telegram', '42')).toHaveLength(1);
    await store.enqueueOutbox({ id: 'o2', ticketId: 't1', channel: 'telegram', chatId: '42', kind: 'staff_answer', text: 'Lần 2', createdAt: clock, nextAttemptAt: clock });
    failures.length = 0;
    failures.push(platformError(403));
    await relay.runOnce();
    expect((await store.outboxForTicket('t1')).find((o) => o.id === 'o2')?.state).toBe('failed');
  });
});
