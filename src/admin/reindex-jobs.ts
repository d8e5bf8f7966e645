/**
 * Background reindex jobs: start a {@link KnowledgeBase} reindex without waiting for it, follow its
 * progress, and read its change report (or its error) afterwards by job id, from any instance.
 */
import { randomBytes } from 'node:crypto';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { KnowledgeBase } from '../search/knowledge-base.js';
import type { ReindexReport } from '../search/reindex.js';
import type { AuditLog, ReindexJobStore, StoredReindexJob } from './ports.js';
import { MemoryReindexJobStore } from './memory-reindex-jobs.js';

/** What the admin module needs of the {@link KnowledgeBase} (tests may pass a stub). */
export type ManagedKnowledge = Pick<KnowledgeBase, 'snapshot' | 'reindex'>;

/**
 * One reindex run as the console and the API show it: the stored job (`StoredReindexJob`, fields
 * documented there) without its lease, with its change report typed.
 */
export type ReindexJob = Omit<StoredReindexJob, 'report' | 'leaseUntil'> & { report?: ReindexReport };

/** Options of {@link ReindexJobs}. */
export interface ReindexJobsOptions {
  knowledge: ManagedKnowledge;
  audit: AuditLog;
  logger: Logger;
  now: () => number;
  /**
   * Where jobs are kept. The database store (several instances: one reindex at a time across them, and
   * any instance shows progress); default an in-memory store for one process.
   */
  store?: ReindexJobStore;
  /** How long a running job holds its lease without a heartbeat, ms. Default 30 000. */
  leaseMs?: number;
  /** How often the running instance saves progress and extends the lease, ms. Default 1 000. */
  heartbeatMs?: number;
  /** Jobs listed by {@link ReindexJobs.list}. Default 20. */
  keep?: number;
  /**
   * How long to keep retrying the save of a finished job's outcome when the store refuses it (a full
   * disk, a database outage), ms. Meanwhile this instance shows the outcome from memory. Default 600 000.
   */
  finalSaveRetryMs?: number;
}

/** Shown for a job whose instance stopped (crash, restart) before it finished. */
export const STALE_JOB_ERROR = 'Máy chủ chạy lần lập chỉ mục này đã dừng trước khi xong (mất kết nối hoặc khởi động lại); chỉ mục cũ vẫn đang phục vụ. Hãy chạy lại lập chỉ mục.';

/**
 * Runs at most one reindex at a time across every instance that shares the job store: starting while one
 * runs (here or on another instance) returns the running job. The running instance saves progress and
 * extends its lease every `heartbeatMs`; a job whose lease passed (its instance stopped) is shown as
 * failed and no longer blocks a new one.
 */
export class ReindexJobs {
  private readonly store: ReindexJobStore;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly keep: number;
  /**
   * Finished jobs whose outcome the store has not taken yet: shown from here, so a reindex that failed
   * because the disk is full says so instead of looking like a stopped instance.
   */
  private readonly unsaved = new Map<string, StoredReindexJob>();

  constructor(private readonly o: ReindexJobsOptions) {
    this.store = o.store ?? new MemoryReindexJobStore();
    this.leaseMs = o.leaseMs ?? 30_000;
    this.heartbeatMs = o.heartbeatMs ?? 1_000;
    this.keep = Math.max(1, o.keep ?? 20);
  }

  /** Starts a reindex in the background (or joins the running one) and returns its job at once. */
  async start(actor: string): Promise<ReindexJob> {
    const now = this.o.now();
    const fresh: StoredReindexJob = { id: newJobId(now), state: 'running', actor, startedAt: now, progress: { done: 0, total: 0, file: '' }, leaseUntil: now + this.leaseMs };
    const { job, claimed } = await this.store.claimReindexJob(fresh, now, STALE_JOB_ERROR);
    if (!claimed) return this.view(job);
    await this.audit({ actor, action: 'reindex', target: job.id, details: { state: 'started' } });
    void this.run(job);
    return this.view(job);
  }

  /** The job with this id, or undefined when unknown. */
  async get(id: string): Promise<ReindexJob | undefined> {
    const mine = this.unsaved.get(id);
    if (mine) return this.view(mine);
    const job = await this.store.getReindexJob(id);
    return job ? this.view(job) : undefined;
  }

  /** Recent jobs, newest first. */
  async list(): Promise<ReindexJob[]> {
    return (await this.store.listReindexJobs(this.keep)).map((j) => this.view(this.unsaved.get(j.id) ?? j));
  }

  private async run(job: StoredReindexJob): Promise<void> {
    let lastSave = this.o.now();
    let saving: Promise<void> = Promise.resolve();
    const save = (): void => {
      job.leaseUntil = this.o.now() + this.leaseMs;
      const snapshot = structuredClone(job);
      saving = saving.then(() => this.store.saveReindexJob(snapshot)).catch((err: unknown) => this.o.logger.warn({ job: job.id, err: describeError(err) }, 'reindex job progress not saved'));
    };
    // The lease is extended even when no file finishes for a while (one large document).
    const heartbeat = setInterval(save, this.heartbeatMs);
    heartbeat.unref();
    try {
      const report = await this.o.knowledge.reindex({
        onProgress: (done, total, file) => {
          job.progress = { done, total, file };
          if (this.o.now() - lastSave >= this.heartbeatMs / 2) {
            lastSave = this.o.now();
            save();
          }
        },
      });
      Object.assign(job, { state: 'succeeded', report, finishedAt: this.o.now() });
      job.progress = { done: job.progress.total, total: job.progress.total, file: '' };
      this.o.logger.info({ job: job.id, version: report.version, failed: report.failed.length, ms: report.ms }, 'admin reindex succeeded');
      await this.audit({ actor: job.actor, action: 'reindex.succeeded', target: report.version, details: summary(job.id, report) });
    } catch (err: unknown) {
      Object.assign(job, { state: 'failed', error: describeError(err), finishedAt: this.o.now() });
      this.o.logger.error({ job: job.id, err: describeError(err) }, 'admin reindex failed; the previous index keeps serving');
      await this.audit({ actor: job.actor, action: 'reindex.failed', target: job.id, details: { error: job.error } });
    } finally {
      clearInterval(heartbeat);
      this.unsaved.set(job.id, structuredClone(job));
      await saving;
      await this.saveFinal(job.id);
    }
  }

  /** Saves a finished job's outcome, retrying while the store refuses it (up to `finalSaveRetryMs`). */
  private async saveFinal(id: string): Promise<void> {
    const end = Date.now() + (this.o.finalSaveRetryMs ?? 600_000);
    for (let attempt = 1; ; attempt++) {
      const job = this.unsaved.get(id);
      if (!job) return;
      try {
        await this.store.saveReindexJob({ ...job, leaseUntil: this.o.now() + this.leaseMs });
        this.unsaved.delete(id);
        return;
      } catch (err: unknown) {
        if (Date.now() >= end) {
          this.o.logger.error({ job: id, err: describeError(err) }, 'reindex job outcome not saved; shown from memory on this instance only');
          return;
        }
        if (attempt === 1) this.o.logger.warn({ job: id, err: describeError(err) }, 'reindex job outcome not saved; retrying');
        await new Promise<void>((r) => setTimeout(r, Math.max(100, this.heartbeatMs * 2)).unref());
      }
    }
  }

  /** The job as the console shows it: a running job whose lease passed is over (its instance stopped). */
  private view(j: StoredReindexJob): ReindexJob {
    const job: ReindexJob = { id: j.id, state: j.state, actor: j.actor, startedAt: j.startedAt, progress: { ...j.progress } };
    if (j.finishedAt !== undefined) job.finishedAt = j.finishedAt;
    if (j.report !== undefined) job.report = j.report as ReindexReport;
    if (j.error !== undefined) job.error = j.error;
    if (j.state === 'running' && j.leaseUntil <= this.o.now()) Object.assign(job, { state: 'failed', error: STALE_JOB_ERROR });
    return job;
  }

  private async audit(e: { actor: string; action: string; target: string; details: Record<string, unknown> }): Promise<void> {
    try {
      await this.o.audit.recordAudit({ id: `a-${randomBytes(8).toString('hex')}`, at: this.o.now(), ...e });
    } catch (err: unknown) {
      this.o.logger.error({ action: e.action, target: e.target, err: describeError(err) }, 'audit log write failed');
    }
  }
}

/** Counts of a report for the audit log (the full lists can be long). */
function summary(jobId: string, r: ReindexReport): Record<string, unknown> {
  return {
    job: jobId,
    added: r.added.length,
    changed: r.changed.length,
    removed: r.removed.length,
    failed: r.failed.map((f) => f.file),
    articles: { added: r.articles.added.length, removed: r.articles.removed.length, changed: r.articles.changed.length },
    documents: r.documents,
    chunks: r.chunks,
    courses: r.courses,
    courseProblems: r.courseProblems?.length ?? 0,
    ms: r.ms,
  };
}

function newJobId(now: number): string {
  return `rj-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
}
