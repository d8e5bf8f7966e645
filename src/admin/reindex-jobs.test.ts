import { describe, it, expect } from 'vitest';
import { ReindexJobs, STALE_JOB_ERROR } from './reindex-jobs.js';
import { MemoryReindexJobStore } from './memory-reindex-jobs.js';
import type { ManagedKnowledge } from './reindex-jobs.js';
import type { ReindexReport } from '../search/reindex.js';
import { silentLogger } from '../common/logger.js';

const audit = { recordAudit: async () => undefined, listAudit: async () => [] };

/** A knowledge stub whose reindex finishes when the test says so. */
function gatedKnowledge(): { knowledge: ManagedKnowledge; finish: () => void; runs: () => number } {
  let runs = 0;
  let release: () => void = () => undefined;
  const knowledge = {
    snapshot: {} as ManagedKnowledge['snapshot'],
    reindex: async (opts?: { onProgress?: (done: number, total: number, file: string) => void }) => {
      runs += 1;
      opts?.onProgress?.(1, 2, 'nd-118.md');
      await new Promise<void>((r) => (release = r));
      return { version: 'v-2', added: [], changed: [], removed: [], failed: [], articles: { added: [], removed: [], changed: [] }, documents: 2, chunks: 10, ms: 5 } as unknown as ReindexReport;
    },
  } as ManagedKnowledge;
  return { knowledge, finish: () => release(), runs: () => runs };
}

describe('ReindexJobs on a shared job store', () => {
  it('runs one reindex across two instances: the second joins the running job and sees its progress and outcome', async () => {
    const store = new MemoryReindexJobStore();
    const a = gatedKnowledge();
    const b = gatedKnowledge();
    const now = () => Date.now();
    const onA = new ReindexJobs({ knowledge: a.knowledge, audit, logger: silentLogger, now, store, heartbeatMs: 10 });
    const onB = new ReindexJobs({ knowledge: b.knowledge, audit, logger: silentLogger, now, store, heartbeatMs: 10 });
    const started = await onA.start('web:lan');
    const joined = await onB.start('web:hoa');
    expect(joined.id).toBe(started.id);
    expect(b.runs()).toBe(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(await onB.get(started.id)).toMatchObject({ state: 'running', progress: { done: 1, total: 2, file: 'nd-118.md' } });
    a.finish();
    await new Promise((r) => setTimeout(r, 40));
    expect(await onB.get(started.id)).toMatchObject({ state: 'succeeded', report: { version: 'v-2' } });
    expect((await onB.list()).map((j) => j.id)).toEqual([started.id]);
  });

  it('shows a job whose instance stopped (lease passed) as failed, and lets a new one start', async () => {
    const store = new MemoryReindexJobStore();
    let clock = 1_000_000;
    const crashed = gatedKnowledge();
    const first = new ReindexJobs({ knowledge: crashed.knowledge, audit, logger: silentLogger, now: () => clock, store, leaseMs: 30_000, heartbeatMs: 3_600_000 });
    const job = await first.start('web:lan');
    // The instance dies: no heartbeat extends the lease any more.
    clock += 31_000;
    const other = gatedKnowledge();
    const second = new ReindexJobs({ knowledge: other.knowledge, audit, logger: silentLogger, now: () => clock, store, leaseMs: 30_000, heartbeatMs: 3_600_000 });
    expect(await second.get(job.id)).toMatchObject({ state: 'failed', error: STALE_JOB_ERROR });
    const next = await second.start('web:hoa');
    expect(next.id).not.toBe(job.id);
    expect(other.runs()).toBe(1);
    other.finish();
    crashed.finish();
  });
  it('shows the outcome of a job whose store refused the final save (a full disk), and saves it once the store takes writes', async () => {
    const inner = new MemoryReindexJobStore();
    let refuse = true;
    const store = Object.assign(Object.create(inner) as MemoryReindexJobStore, {
      saveReindexJob: (j: Parameters<MemoryReindexJobStore['saveReindexJob']>[0]) => (refuse ? Promise.reject(new Error('SQLITE_FULL: database or disk is full')) : inner.saveReindexJob(j)),
    });
    let clock = 1_000_000;
    const failing = { snapshot: {} as ManagedKnowledge['snapshot'], reindex: async () => Promise.reject(new Error('index snapshot v-3 not written: no space left on the device')) } as ManagedKnowledge;
    const jobs = new ReindexJobs({ knowledge: failing, audit, logger: silentLogger, now: () => clock, store, leaseMs: 30_000, heartbeatMs: 10 });
    const job = await jobs.start('web:lan');
    await new Promise((r) => setTimeout(r, 50));
    clock += 60_000; // the stored row's lease has long passed: read from the store alone it looks stopped
    expect(await jobs.get(job.id)).toMatchObject({ state: 'failed', error: expect.stringContaining('no space left on the device') });
    expect((await jobs.list())[0]).toMatchObject({ id: job.id, state: 'failed', error: expect.stringContaining('no space left') });
    refuse = false;
    await new Promise((r) => setTimeout(r, 100));
    expect(await inner.getReindexJob(job.id)).toMatchObject({ state: 'failed', error: expect.stringContaining('no space left on the device') });
  });
});
