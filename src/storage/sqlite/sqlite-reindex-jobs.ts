/**
 * SQLite implementation of the admin {@link ReindexJobStore} port (migration `reindex_jobs`); `SqliteStore`
 * owns the connection and builds one on it. Claims run in one `BEGIN IMMEDIATE` transaction.
 */
import type { ReindexJobStore, StoredReindexJob } from '../../admin/ports.js';
import { REINDEX_JOB_COLUMNS, reindexJobFromRow, reindexJobValues } from '../reindex-job-rows.js';
import type { ReindexJobRow } from '../reindex-job-rows.js';
import type { SqliteContext } from './sqlite-context.js';

/** The {@link ReindexJobStore} part of `SqliteStore`, built once by the store on its shared connection. */
export class SqliteReindexJobStore implements ReindexJobStore {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt' | 'transaction'>) {}

  claimReindexJob(job: StoredReindexJob, now: number, staleError: string): Promise<{ job: StoredReindexJob; claimed: boolean }> {
    return this.ctx.transaction('claimReindexJob', () => {
      const running = this.ctx.stmt(`SELECT ${REINDEX_JOB_COLUMNS} FROM reindex_jobs WHERE state = 'running'`).get() as ReindexJobRow | undefined;
      if (running && Number(running.lease_until) > now) return { job: reindexJobFromRow(running), claimed: false };
      if (running) this.ctx.stmt(`UPDATE reindex_jobs SET state = 'failed', error = ?, finished_at = ? WHERE id = ?`).run(staleError, now, running.id);
      this.ctx.stmt(`INSERT INTO reindex_jobs (${REINDEX_JOB_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...reindexJobValues(job));
      return { job, claimed: true };
    });
  }

  async saveReindexJob(job: StoredReindexJob): Promise<void> {
    const [id, ...rest] = reindexJobValues(job);
    await this.ctx.run('saveReindexJob', () => this.ctx.stmt(
      `UPDATE reindex_jobs SET state = ?, actor = ?, started_at = ?, finished_at = ?, lease_until = ?, progress_done = ?,
       progress_total = ?, progress_file = ?, report = ?, error = ? WHERE id = ?`,
    ).run(...rest, id));
  }

  getReindexJob(id: string): Promise<StoredReindexJob | undefined> {
    return this.ctx.run('getReindexJob', () => {
      const row = this.ctx.stmt(`SELECT ${REINDEX_JOB_COLUMNS} FROM reindex_jobs WHERE id = ?`).get(id) as ReindexJobRow | undefined;
      return row ? reindexJobFromRow(row) : undefined;
    });
  }

  listReindexJobs(limit: number): Promise<StoredReindexJob[]> {
    return this.ctx.run('listReindexJobs', () =>
      (this.ctx.stmt(`SELECT ${REINDEX_JOB_COLUMNS} FROM reindex_jobs ORDER BY started_at DESC, seq DESC LIMIT ?`).all(Math.max(1, limit)) as ReindexJobRow[]).map(reindexJobFromRow));
  }
}
