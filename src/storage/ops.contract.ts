/**
 * The behaviour of the operators' read-only views ({@link OpsStore}) on both databases, run by
 * `sqlite/sqlite-store.int.test.ts` and `postgres/pg-store.int.test.ts`. Not part of the public surface.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStore } from './app-store.js';
import { MIGRATIONS } from './migrations.js';

/** A store on an empty database that has NOT been migrated yet, and how to drop it. */
export interface OpsHarness {
  store: AppStore & { markOutboxReported(ids: readonly string[], at: number): Promise<void> };
  cleanup: () => Promise<void>;
}

const T0 = 1_700_000_000_000;

/** Registers the OpsStore contract under `describe(name)`. */
export function runOpsContract(name: string, makeStore: () => Promise<OpsHarness>): void {
  describe(`${name} (OpsStore contract)`, () => {
    let h: OpsHarness | undefined;
    afterEach(async () => {
      await h?.cleanup();
      h = undefined;
    });

    it('reports no migrations before the first migrate, and every migration after it', async () => {
      h = await makeStore();
      expect(await h.store.appliedMigrations()).toEqual([]);
      await h.store.migrate();
      expect(await h.store.appliedMigrations()).toEqual(MIGRATIONS.map((m) => m.id));
    });

    it('counts pending relays with the oldest one, and failed ones until they are reported', async () => {
      h = await makeStore();
      const s = h.store;
      await s.migrate();
      expect(await s.outboxBacklog()).toEqual({ pending: 0, oldestPendingAt: null, failed: 0 });
      const ticket = await s.createTicket(
        { id: 't1', state: 'answered', questionId: 'q1', questionText: 'Thời hạn giải quyết?', channel: 'zalo', chatId: 'c1', userId: 'u1', excerpt: [], sources: [], reason: 'auto', createdAt: T0, reopenCount: 0 },
        { questionId: 'q1', channel: 'zalo', chatId: 'c1', userId: 'u1', questionText: 'Thời hạn giải quyết?', joinedAt: T0 },
      );
      for (const [id, at] of [['o1', T0 + 5000], ['o2', T0 + 1000], ['o3', T0 + 9000]] as const) {
        await s.enqueueOutbox({ id, ticketId: ticket.id, channel: 'zalo', chatId: `c-${id}`, kind: 'staff_answer', text: 'Trả lời', createdAt: at, nextAttemptAt: at });
      }
      expect(await s.outboxBacklog()).toEqual({ pending: 3, oldestPendingAt: T0 + 1000, failed: 0 });
      const leased = await s.leaseOutbox('me', T0 + 10_000, T0 + 70_000, 10);
      const o2 = leased.find((o) => o.id === 'o2');
      expect(o2).toBeDefined();
      await s.markOutboxRetry('o2', 'me', 'blocked by the user', T0 + 20_000, true);
      await s.markOutboxSent('o1', 'me', T0 + 11_000);
      expect(await s.outboxBacklog()).toEqual({ pending: 1, oldestPendingAt: T0 + 9000, failed: 1 });
      await s.markOutboxReported(['o2'], T0 + 30_000);
      expect((await s.outboxBacklog()).failed).toBe(0);
    });

    it('counts bot answers waiting in the reply outbox too', async () => {
      h = await makeStore();
      const s = h.store;
      await s.migrate();
      const m = (key: string) => ({ channel: 'telegram' as const, chatId: '1', userId: '1', updateKey: key, ts: T0, kind: 'text' as const, text: 'hỏi' });
      const a = (await s.recordUpdate(m('a'), 'me', T0 + 500, T0 + 30_000)).job?.id as string;
      await s.recordUpdate(m('b'), 'me', T0 + 700, T0 + 30_000);
      expect(await s.outboxBacklog()).toEqual({ pending: 2, oldestPendingAt: T0 + 500, failed: 0 });
      await s.markReplyRetry(a, 'me', 'down', T0 + 1000, true);
      expect(await s.outboxBacklog()).toEqual({ pending: 1, oldestPendingAt: T0 + 700, failed: 1 });
      await s.markRepliesReported([a], T0 + 2000);
      expect((await s.outboxBacklog()).failed).toBe(0);
    });
  });
}
