/**
 * Row mapping shared by the SQLite and PostgreSQL reindex-job stores (migration `reindex_jobs`).
 */
import type { StoredReindexJob } from '../admin/ports.js';

/** A `reindex_jobs` row as both drivers return it (BIGINT may arrive as a string from pg). */
export interface ReindexJobRow {
  id: string;
  state: string;
  actor: string;
  started_at: string | number;
  finished_at: string | number | null;
  lease_until: string | number;
  progress_done: string | number;
  progress_total: string | number;
  progress_file: string;
  report: string | null;
  error: string | null;
}

/** Column values in the order of {@link REINDEX_JOB_COLUMNS}. */
export function reindexJobValues(j: StoredReindexJob): unknown[] {
  return [j.id, j.state, j.actor, j.startedAt, j.finishedAt ?? null, j.leaseUntil, j.progress.done, j.progress.total, j.progress.file, j.report === undefined ? null : JSON.stringify(j.report), j.error ?? null];
}

export const REINDEX_JOB_COLUMNS = 'id, state, actor, started_at, finished_at, lease_until, progress_done, progress_total, progress_file, report, error';

export function reindexJobFromRow(r: ReindexJobRow): StoredReindexJob {
  const job: StoredReindexJob = {
    id: r.id,
    state: r.state as StoredReindexJob['state'],
    actor: r.actor,
    startedAt: Number(r.started_at),
    leaseUntil: Number(r.lease_until),
    progress: { done: Number(r.progress_done), total: Number(r.progress_total), file: r.progress_file },
  };
  if (r.finished_at !== null) job.finishedAt = Number(r.finished_at);
  if (r.report !== null) job.report = JSON.parse(r.report) as unknown;
  if (r.error !== null) job.error = r.error;
  return job;
}

/** SQL for migration 9 (`reindex_jobs`); at most one running job, enforced by a partial unique index. */
export const REINDEX_JOBS_SQLITE = `CREATE TABLE reindex_jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  actor TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  lease_until INTEGER NOT NULL,
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  progress_file TEXT NOT NULL DEFAULT '',
  report TEXT,
  error TEXT
);
CREATE UNIQUE INDEX reindex_jobs_one_running ON reindex_jobs (state) WHERE state = 'running';
CREATE INDEX reindex_jobs_started ON reindex_jobs (started_at);`;

export const REINDEX_JOBS_POSTGRES = `CREATE TABLE reindex_jobs (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  actor TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  lease_until BIGINT NOT NULL,
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  progress_file TEXT NOT NULL DEFAULT '',
  report TEXT,
  error TEXT
);
CREATE UNIQUE INDEX reindex_jobs_one_running ON reindex_jobs (state) WHERE state = 'running';
CREATE INDEX reindex_jobs_started ON reindex_jobs (started_at);`;
