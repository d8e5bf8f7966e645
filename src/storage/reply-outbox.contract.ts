/**
 * The behaviour every {@link ReplyOutbox} implementation must show, as a Vitest suite run against real
 * databases by `sqlite/sqlite-store.int.test.ts` and `postgres/pg-store.int.test.ts`, including two
 * instances racing for one job. Not part of the public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage, ReplyOutbox, UpdateClaims, UpdateLog } from '../conversation/index.js';

/** A migrated store on a fresh database, a second instance on the same database, and the clean-up. */
export interface ReplyOutboxTestHarness {
  store: ReplyOutbox & UpdateLog & UpdateClaims;
  openPeer: () => Promise<ReplyOutbox & UpdateLog & UpdateClaims>;
  cleanup: () => Promise<void>;
}

function message(key: string, chatId = 'c1'): InboundMessage {
  return { channel: 'telegram', chatId, userId: chatId, updateKey: key, ts: 1000, kind: 'text', text: `câu hỏi ${key}` };
}

/**
 * Registers the reply outbox contract for one store.
 *
 * @example runReplyOutboxContract('SqliteStore', async () => ({ store, openPeer, cleanup }));
 */
export function runReplyOutboxContract(name: string, open: () => Promise<ReplyOutboxTestHarness>): void {
  describe(`${name} as ReplyOutbox`, () => {
    let h: ReplyOutboxTestHarness;
    let store: ReplyOutbox & UpdateLog & UpdateClaims;
    beforeEach(async () => {
      h = await open();
      store = h.store;
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('records an update once: fresh with a leased job, then pending until delivered, then done', async () => {
      const first = await store.recordUpdate(message('u1'), 'a', 1000, 31_000);
      expect(first.outcome).toBe('fresh');
      expect(first.job).toMatchObject({ channel: 'telegram', updateKey: 'u1', chatId: 'c1', delivered: 0, state: 'pending', leaseOwner: 'a', leaseUntil: 31_000 });
      expect(first.job?.message.text).toBe('câu hỏi u1');
      expect(first.job?.replies).toBeUndefined();
      const again = await store.recordUpdate(message('u1'), 'b', 2000, 32_000);
      expect(again.outcome, 'a redelivery whose answer is not sent is not a duplicate').toBe('pending');
      expect(again.job?.id).toBe(first.job?.id);
      expect(again.job?.leaseOwner, 'a redelivery must not steal the lease').toBe('a');
      const id = first.job?.id as string;
      expect(await store.saveReplies(id, 'a', [{ text: 'trả lời' }])).toBe(true);
      expect(await store.markRepliesDelivered(id, 'a', 1, 3000, true)).toBe(true);
      expect((await store.recordUpdate(message('u1'), 'b', 4000, 34_000)).outcome).toBe('done');
      // An update recorded before the outbox existed (markUpdate only) is done too.
      expect(await store.markUpdate('telegram', 'old', 1)).toBe(true);
      expect((await store.recordUpdate(message('old'), 'a', 5000, 35_000)).outcome).toBe('done');
      expect(await store.markUpdate('telegram', 'u1', 6000), 'recordUpdate must also record the key for markUpdate').toBe(false);
    });

    it('leases a job only when its lease is free or expired, and only to its owner changes apply', async () => {
      const { job } = await store.recordUpdate(message('u2'), 'a', 1000, 31_000);
      const id = job?.id as string;
      expect(await store.leaseReplyJobs('b', 2000, 32_000, 10), 'leased while a holds it').toEqual([]);
      expect(await store.saveReplies(id, 'b', [{ text: 'x' }]), 'b holds no lease').toBe(false);
      const taken = await store.leaseReplyJobs('b', 31_001, 61_001, 10);
      expect(taken.map((j) => j.id)).toEqual([id]);
      expect(await store.saveReplies(id, 'a', [{ text: 'x' }]), 'a lost its lease').toBe(false);
      expect(await store.saveReplies(id, 'b', [{ text: 'một' }, { text: 'hai' }])).toBe(true);
      expect(await store.markRepliesDelivered(id, 'b', 1, 31_500, false)).toBe(true);
      const later = await store.leaseReplyJobs('c', 61_002, 91_002, 10);
      expect(later[0]).toMatchObject({ id, delivered: 1, replies: [{ text: 'một' }, { text: 'hai' }] });
    });

    it('retries after a failure no sooner than asked, and keeps given-up jobs for the next message', async () => {
      const { job } = await store.recordUpdate(message('u3', 'c3'), 'a', 1000, 31_000);
      const id = job?.id as string;
      await store.saveReplies(id, 'a', [{ text: 'trả lời' }]);
      await store.markReplyRetry(id, 'a', 'telegram sendMessage failed: 429', 100_000, false);
      expect(await store.leaseReplyJobs('a', 99_999, 200_000, 10), 'due before next attempt').toEqual([]);
      const [again] = await store.leaseReplyJobs('a', 100_000, 130_000, 10);
      expect(again).toMatchObject({ id, attempts: 1, lastError: 'telegram sendMessage failed: 429' });
      await store.markReplyRetry(id, 'a', 'gone', 100_001, true);
      expect(await store.leaseReplyJobs('a', 10_000_000, 10_030_000, 10), 'a failed job is not retried').toEqual([]);
      expect((await store.recordUpdate(message('u3', 'c3'), 'a', 1, 2)).outcome).toBe('done');
      const failed = await store.failedRepliesForChat('telegram', 'c3');
      expect(failed.map((j) => [j.id, j.state, j.replies])).toEqual([[id, 'failed', [{ text: 'trả lời' }]]]);
      expect(await store.failedRepliesForChat('telegram', 'other')).toEqual([]);
      await store.markRepliesReported([id], 200_000);
      expect(await store.failedRepliesForChat('telegram', 'c3')).toEqual([]);
    });

    it('renews, lists and frees leases; prunes finished jobs', async () => {
      const a = (await store.recordUpdate(message('u4'), 'dead-owner', 1000, 31_000)).job?.id as string;
      const b = (await store.recordUpdate(message('u5'), 'live', 1000, 31_000)).job?.id as string;
      await store.renewReplyLeases('live', [a, b], 90_000);
      expect((await store.replyLeaseOwners(40_000)).sort(), 'only the owner renews its own lease').toEqual(['live']);
      expect((await store.replyLeaseOwners(2000)).sort()).toEqual(['dead-owner', 'live']);
      await store.expireReplyLeases(['dead-owner']);
      expect((await store.leaseReplyJobs('new', 2000, 32_000, 10)).map((j) => j.id)).toEqual([a]);
      await store.saveReplies(b, 'live', []);
      await store.markRepliesDelivered(b, 'live', 0, 5000, true);
      expect(await store.pruneReplyJobs(4000)).toBe(0);
      expect(await store.pruneReplyJobs(6000)).toBe(1);
      expect((await store.recordUpdate(message('u5'), 'x', 7000, 8000)).outcome, 'the update key outlives its pruned job').toBe('done');
    });

    it('prunes old update keys that no job refers to, and nothing else', async () => {
      const done = (await store.recordUpdate(message('k1'), 'w', 1000, 2000)).job;
      const failed = (await store.recordUpdate(message('k2'), 'w', 1000, 2000)).job;
      await store.recordUpdate(message('k3'), 'w', 1000, 2000); // still pending
      const recent = (await store.recordUpdate(message('k4'), 'w', 9000, 10_000)).job;
      if (!done || !failed || !recent) throw new Error('jobs not recorded');
      await store.markRepliesDelivered(done.id, 'w', 0, 1500, true);
      await store.markReplyRetry(failed.id, 'w', 'blocked', 1500, true); // given up, not yet shown
      expect(await store.pruneUpdateKeys(5000, 100), 'every key still has its job').toBe(0);
      await store.markRepliesDelivered(recent.id, 'w', 0, 9500, true);
      expect(await store.pruneReplyJobs(10_000)).toBe(2);
      expect(await store.pruneUpdateKeys(5000, 100), 'only the old key whose job was pruned').toBe(1);
      expect(await store.pruneUpdateKeys(5000, 100)).toBe(0);
      expect((await store.recordUpdate(message('k1'), 'w', 11_000, 12_000)).outcome, 'a pruned key is new again').toBe('fresh');
      expect((await store.recordUpdate(message('k2'), 'w', 11_000, 12_000)).outcome).toBe('done');
      expect((await store.recordUpdate(message('k3'), 'w', 11_000, 12_000)).outcome).toBe('pending');
      expect((await store.recordUpdate(message('k4'), 'w', 11_000, 12_000)).outcome).toBe('done');
    });

    it('prunes update keys at most a given number at a time', async () => {
      for (const key of ['b1', 'b2', 'b3']) {
        const job = (await store.recordUpdate(message(key), 'w', 1000, 2000)).job;
        if (!job) throw new Error('job not recorded');
        await store.markRepliesDelivered(job.id, 'w', 0, 1500, true);
      }
      expect(await store.pruneReplyJobs(5000)).toBe(3);
      expect(await store.pruneUpdateKeys(5000, 2)).toBe(2);
      expect(await store.pruneUpdateKeys(5000, 2)).toBe(1);
      expect(await store.pruneUpdateKeys(5000, 0), 'no limit, nothing deleted').toBe(0);
    });

    it('gives one due job to one of two instances racing for it', async () => {
      const peer = await h.openPeer();
      for (let i = 0; i < 10; i++) await store.recordUpdate(message(`r${i}`, `c${i}`), 'gone', 0, 1);
      const [mine, theirs] = await Promise.all([store.leaseReplyJobs('a', 10, 30_000, 10), peer.leaseReplyJobs('b', 10, 30_000, 10)]);
      const ids = [...mine, ...theirs].map((j) => j.id);
      expect(ids).toHaveLength(10);
      expect(new Set(ids).size, 'a job was leased twice').toBe(10);
    });

    it('says when an earlier job of the chat is still being answered elsewhere, by recording order not clocks', async () => {
      const peer = await h.openPeer();
      // The peer's clock runs ahead: its job is recorded first but carries a later time.
      const first = (await peer.recordUpdate(message('o1', 'c1'), 'a', 5_000, 35_000)).job;
      const second = (await store.recordUpdate(message('o2', 'c1'), 'b', 1_000, 31_000)).job;
      const other = (await store.recordUpdate(message('o3', 'c2'), 'b', 1_000, 31_000)).job;
      if (!first || !second || !other) throw new Error('jobs not recorded');
      expect(await store.earlierReplyPending(second, 'b', 6_000), 'the chat\'s earlier message is answered on instance a').toBe(true);
      expect(await store.earlierReplyPending(first, 'a', 6_000), 'nothing was recorded before the first').toBe(false);
      expect(await store.earlierReplyPending(other, 'b', 6_000), 'another chat is not held up').toBe(false);
      expect(await store.earlierReplyPending(second, 'a', 6_000), 'an earlier job the asker holds itself is its own to order').toBe(false);
      await peer.markReplyRetry(first.id, 'a', 'timeout', 20_000, false);
      expect(await store.earlierReplyPending(second, 'b', 6_000), 'an earlier job waiting for a retry does not hold the chat').toBe(false);
      expect(await store.earlierReplyPending(second, 'b', 20_000), 'once due again it does').toBe(true);
      const [again] = await peer.leaseReplyJobs('a', 20_000, 50_000, 10);
      expect(again?.id).toBe(first.id);
      await peer.saveReplies(first.id, 'a', [{ text: 'một' }]);
      await peer.markRepliesDelivered(first.id, 'a', 1, 21_000, true);
      expect(await store.earlierReplyPending(second, 'b', 21_000), 'delivered: the next may go').toBe(false);
    });

    it('claims an update for one instance at a time, records it when handled and forgets it when not', async () => {
      const peer = await h.openPeer();
      expect(await store.claimUpdate('telegram', 's1', 1_000, 61_000)).toBe('claimed');
      expect(await peer.claimUpdate('telegram', 's1', 2_000, 62_000), 'a redelivery while the first is handled').toBe('busy');
      await store.settleUpdate('telegram', 's1', 61_000, true);
      expect(await peer.claimUpdate('telegram', 's1', 3_000, 63_000), 'handled: a duplicate').toBe('done');
      expect(await peer.markUpdate('telegram', 's1', 3_000), 'the same keys as markUpdate').toBe(false);
      await store.markUpdate('telegram', 'm1', 1_000);
      expect(await store.claimUpdate('telegram', 'm1', 2_000, 62_000), 'recorded by markUpdate: handled').toBe('done');

      expect(await store.claimUpdate('telegram', 's2', 1_000, 61_000)).toBe('claimed');
      await store.settleUpdate('telegram', 's2', 61_000, false);
      expect(await peer.claimUpdate('telegram', 's2', 2_000, 62_000), 'not handled: the redelivery is handled').toBe('claimed');

      expect(await store.claimUpdate('telegram', 's3', 1_000, 61_000)).toBe('claimed');
      expect(await peer.claimUpdate('telegram', 's3', 61_001, 121_001), 'the first instance died: its claim lapsed').toBe('claimed');
      await store.settleUpdate('telegram', 's3', 61_000, false);
      expect(await store.claimUpdate('telegram', 's3', 62_000, 122_000), 'a lapsed claim settling late does not undo the new one').toBe('busy');
      await peer.settleUpdate('telegram', 's3', 121_001, true);
      expect(await store.claimUpdate('telegram', 's3', 200_000, 260_000)).toBe('done');
    });

    it('gives each update to exactly one of two instances claiming it at once', async () => {
      const peer = await h.openPeer();
      const keys = Array.from({ length: 20 }, (_, i) => `race-${i}`);
      const results = await Promise.all(keys.map((k) => Promise.all([store.claimUpdate('telegram', k, 1_000, 61_000), peer.claimUpdate('telegram', k, 1_000, 61_000)])));
      for (const [i, pair] of results.entries()) expect(pair.filter((r) => r === 'claimed'), `${keys[i]}: ${pair.join(', ')}`).toHaveLength(1);
    });
  });
}
