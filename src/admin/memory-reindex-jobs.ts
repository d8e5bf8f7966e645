/**
 * In-memory {@link ReindexJobStore}: one process only (tests, tools). Several instances use the database
 * implementations in storage/.
 */
import type { ReindexJobStore, StoredReindexJob } from './ports.js';

/** Keeps jobs in a map, in insertion order; the same rules as the database stores. */
export class MemoryReindexJobStore implements ReindexJobStore {
  private readonly jobs = new Map<string, StoredReindexJob>();

  async claimReindexJob(job: StoredReindexJob, now: number, staleError: string): Promise<{ job: StoredReindexJob; claimed: boolean }> {
    const running = [...this.jobs.values()].find((j) => j.state === 'running');
    if (running && running.leaseUntil > now) return { job: clone(running), claimed: false };
    if (running) this.jobs.set(running.id, { ...running, state: 'failed', error: staleError, finishedAt: now });
    this.jobs.set(job.id, clone(job));
    return { job: clone(job), claimed: true };
  }

  async saveReindexJob(job: StoredReindexJob): Promise<void> {
    if (this.jobs.has(job.id)) this.jobs.set(job.id, clone(job));
  }

  async getReindexJob(id: string): Promise<StoredReindexJob | undefined> {
    const j = this.jobs.get(id);
    return j ? clone(j) : undefined;
  }

  async listReindexJobs(limit: number): Promise<StoredReindexJob[]> {
    return [...this.jobs.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, Math.max(1, limit)).map(clone);
  }
}

function clone(j: StoredReindexJob): StoredReindexJob {
  return structuredClone(j);
}
