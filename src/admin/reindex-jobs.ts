/**
 * Background reindex jobs: start a {@link KnowledgeBase} reindex without waiting for it, follow its
 * progress, and read its change report (or its error) afterwards by job id.
 */
import { randomBytes } from 'node:crypto';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { KnowledgeBase } from '../search/knowledge-base.js';
import type { ReindexReport } from '../search/reindex.js';
import type { AuditLog } from './ports.js';

/** What the admin module needs of the {@link KnowledgeBase} (tests may pass a stub). */
export type ManagedKnowledge = Pick<KnowledgeBase, 'snapshot' | 'reindex'>;

/** One reindex run as the console and the API show it. */
export interface ReindexJob {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  /** Who started it ("web:lan", "token"). */
  actor: string;
  startedAt: number;
  finishedAt?: number;
  /** Files parsed so far, of `total`; `file` is the one being parsed ('' at the end). */
  progress: { done: number; total: number; file: string };
  /** The change report, once succeeded. */
  report?: ReindexReport;
  /** Why it failed (the old index keeps serving). */
  error?: string;
}

/** Options of {@link ReindexJobs}. */
export interface ReindexJobsOptions {
  knowledge: ManagedKnowledge;
  audit: AuditLog;
  logger: Logger;
  now: () => number;
  /** Finished jobs kept for {@link ReindexJobs.get}; older ones are forgotten. Default 20. */
  keep?: number;
}

/**
 * Runs at most one reindex at a time: starting while one runs returns the running job (the
 * KnowledgeBase would share the run anyway). Jobs live in memory, so after a restart only the index
 * itself (and the audit log) tell what happened.
 */
export class ReindexJobs {
  private readonly jobs = new Map<string, ReindexJob>();
  private running: ReindexJob | undefined;
  private readonly keep: number;

  constructor(private readonly o: ReindexJobsOptions) {
    this.keep = Math.max(1, o.keep ?? 20);
  }

  /** Starts a reindex in the background (or joins the running one) and returns its job at once. */
  async start(actor: string): Promise<ReindexJob> {
    if (this.running) return copy(this.running);
    const job: ReindexJob = { id: newJobId(this.o.now()), state: 'running', actor, startedAt: this.o.now(), progress: { done: 0, total: 0, file: '' } };
    this.running = job;
    this.remember(job);
    await this.audit({ actor, action: 'reindex', target: job.id, details: { state: 'started' } });
    void this.run(job);
    return copy(job);
  }

  /** The job with this id (a copy), or undefined when unknown or forgotten. */
  get(id: string): ReindexJob | undefined {
    const job = this.jobs.get(id);
    return job ? copy(job) : undefined;
  }

  /** Known jobs, newest first. */
  list(): ReindexJob[] {
    return [...this.jobs.values()].reverse().map(copy);
  }

  private async run(job: ReindexJob): Promise<void> {
    try {
      const report = await this.o.knowledge.reindex({
        onProgress: (done, total, file) => {
          job.progress = { done, total, file };
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
      if (this.running === job) this.running = undefined;
    }
  }

  private remember(job: ReindexJob): void {
    this.jobs.set(job.id, job);
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= this.keep) break;
      if (j.state !== 'running') this.jobs.delete(id);
    }
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

function copy(job: ReindexJob): ReindexJob {
  return { ...job, progress: { ...job.progress } };
}
