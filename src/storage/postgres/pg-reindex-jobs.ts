/**
 * PostgreSQL implementation of the admin {@link ReindexJobStore} port (migration `reindex_jobs`); `PgStore`
 * owns the pool and builds one on it. Claims serialise on a transaction-scoped advisory lock, and the
 * partial unique index keeps a second running job out whatever happens.
 */
import type { ReindexJobStore, StoredReindexJob } from '../../admin/ports.js';
import { REINDEX_JOB_COLUMNS, reindexJobFromRow, reindexJobValues } from '../reindex-job-rows.js';
import type { ReindexJobRow } from '../reindex-job-rows.js';
import type { PgContext } from './pg-context.js';

const PLACEHOLDERS = Array.from({ length: 11 }, (_, i) => `$${i + 1}`).join(', ');

/** The {@link ReindexJobStore} part of `PgStore`, built once by the store on its shared connection. */
export class PgReindexJobStore implements ReindexJobStore {
  constructor(private readonly ctx: Pick<PgContext, 'query' | 'transaction'>) {}

  claimReindexJob(job: StoredReindexJob, now: number, staleError: string): Promise<{ job: StoredReindexJob; claimed: boolean }> {
    return this.ctx.transaction('claimReindexJob', async (q) => {
      await q(`SELECT pg_advisory_xact_lock(hashtext('cchc-bot:reindex-claim'))`);
      const { rows } = await q<ReindexJobRow>(`SELECT ${REINDEX_JOB_COLUMNS} FROM reindex_jobs WHERE state = 'running'`);
      const running = rows[0];
      if (running && Number(running.lease_until) > now) return { job: reindexJobFromRow(running), claimed: false };
      if (running) await q(`UPDATE reindex_jobs SET state = 'failed', error = $1, finished_at = $2 WHERE id = $3`, [staleError, now, running.id]);
      await q(`INSERT INTO reindex_jobs (${REINDEX_JOB_COLUMNS}) VALUES (${PLACEHOLDERS})`, reindexJobValues(job));
      return { job, claimed: true };
    });
  }

  async saveReindexJob(job: StoredReindexJob): Promise<void> {
    await this.ctx.query('saveReindexJob',
      `UPDATE reindex_jobs SET state = $2, actor = $3, started_at = $4, finished_at = $5, lease_until = $6, progress_done = $7,
       progress_total = $8, progress_file = $9, report = $10, error = $11 WHERE id = $1`,
      reindexJobValues(job));
  }

  async getReindexJob(id: string): Promise<StoredReindexJob | undefined> {
    const { rows } = await this.ctx.query<ReindexJobRow>('getReindexJob', `SELECT ${REINDEX_JOB_COLUMNS} FROM reindex_jobs WHERE id = $1`, [id]);
    return rows[0] ? reindexJobFromRow(rows[0]) : undefined;
  }

  async listReindexJobs(limit: number): Promise<StoredReindexJob[]> {
    const { rows } = await this.ctx.query<ReindexJobRow>('listReindexJobs', `SELECT ${REINDEX_JOB_COLUMNS} FROM reindex_jobs ORDER BY started_at DESC, seq DESC LIMIT $1`, [Math.max(1, limit)]);
    return rows.map(reindexJobFromRow);
  }
}
