/**
 * The behaviour every {@link ReindexJobStore} implementation must show, as a Vitest suite run against the
 * in-memory store and real databases (`sqlite/…int.test.ts`, `postgres/…int.test.ts`). Not part of the
 * public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReindexJobStore, StoredReindexJob } from '../admin/ports.js';

/** A migrated store on a fresh database; the suite closes it after each test. */
export type ReindexJobTestStore = ReindexJobStore & { close(): Promise<void> };

const T0 = 1_780_000_000_000;

function job(id: string, startedAt: number, leaseUntil: number): StoredReindexJob {
  return { id, state: 'running', actor: 'web:lan', startedAt, leaseUntil, progress: { done: 0, total: 0, file: '' } };
}

/**
 * Registers the reindex-job contract for one store. `open` returns a migrated store on an empty database.
 *
 * @example runReindexJobContract('SqliteStore', () => openStore('sqlite::memory:'));
 */
export function runReindexJobContract(name: string, open: () => Promise<ReindexJobTestStore>): void {
  describe(`${name} as ReindexJobStore`, () => {
    let store: ReindexJobTestStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('lets one job run at a time: a second claim gets the running job back', async () => {
      expect(await store.claimReindexJob(job('rj-1', T0, T0 + 30_000), T0, 'stale')).toMatchObject({ claimed: true, job: { id: 'rj-1' } });
      const second = await store.claimReindexJob(job('rj-2', T0 + 1, T0 + 30_001), T0 + 1, 'stale');
      expect(second).toMatchObject({ claimed: false, job: { id: 'rj-1', state: 'running', actor: 'web:lan' } });
      expect(await store.getReindexJob('rj-2')).toBeUndefined();
    });

    it('gives exactly one of several simultaneous claims the job', async () => {
      const results = await Promise.all([1, 2, 3, 4].map((i) => store.claimReindexJob(job(`rj-c${i}`, T0 + i, T0 + 30_000), T0 + i, 'stale')));
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      const winner = results.find((r) => r.claimed)?.job.id;
      for (const r of results) expect(r.job.id).toBe(winner);
      expect((await store.listReindexJobs(10)).filter((j) => j.state === 'running')).toHaveLength(1);
    });

    it('marks a running job whose lease passed as failed and lets a new one run', async () => {
      await store.claimReindexJob(job('rj-old', T0, T0 + 30_000), T0, 'stale');
      const next = await store.claimReindexJob(job('rj-new', T0 + 60_000, T0 + 90_000), T0 + 60_000, 'the instance stopped');
      expect(next).toMatchObject({ claimed: true, job: { id: 'rj-new' } });
      expect(await store.getReindexJob('rj-old')).toMatchObject({ state: 'failed', error: 'the instance stopped', finishedAt: T0 + 60_000 });
    });

    it('saves progress, the lease and the outcome with its report, and lists newest first', async () => {
      await store.claimReindexJob(job('rj-a', T0, T0 + 30_000), T0, 'stale');
      await store.saveReindexJob({ ...job('rj-a', T0, T0 + 40_000), progress: { done: 3, total: 9, file: 'nd-118.md' } });
      expect(await store.getReindexJob('rj-a')).toMatchObject({ state: 'running', leaseUntil: T0 + 40_000, progress: { done: 3, total: 9, file: 'nd-118.md' } });
      const report = { version: 'v-1', added: ['a.md'], failed: [{ file: 'x.pdf', reason: 'không đọc được' }] };
      await store.saveReindexJob({ ...job('rj-a', T0, T0 + 40_000), state: 'succeeded', finishedAt: T0 + 5_000, report, progress: { done: 9, total: 9, file: '' } });
      expect(await store.getReindexJob('rj-a')).toEqual({ ...job('rj-a', T0, T0 + 40_000), state: 'succeeded', finishedAt: T0 + 5_000, report, progress: { done: 9, total: 9, file: '' } });
      // Finished: a new job may start at once, and the list shows both, newest first.
      expect(await store.claimReindexJob(job('rj-b', T0 + 6_000, T0 + 36_000), T0 + 6_000, 'stale')).toMatchObject({ claimed: true });
      await store.saveReindexJob({ ...job('rj-b', T0 + 6_000, T0 + 36_000), state: 'failed', error: 'ENOSPC', finishedAt: T0 + 7_000 });
      expect((await store.listReindexJobs(10)).map((j) => [j.id, j.state, j.error])).toEqual([['rj-b', 'failed', 'ENOSPC'], ['rj-a', 'succeeded', undefined]]);
      expect(await store.listReindexJobs(1)).toHaveLength(1);
    });

    it('ignores a save for an unknown job', async () => {
      await store.saveReindexJob(job('rj-ghost', T0, T0 + 1));
      expect(await store.getReindexJob('rj-ghost')).toBeUndefined();
    });
  });
}
