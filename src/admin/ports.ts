/** One admin action, for the audit log (who uploaded, deleted, approved, reindexed). */
export interface AuditEntry {
  id: string;
  at: number;
  /** "web:<username>", "token" (ADMIN_TOKEN), "cli" or "tg:<id>". */
  actor: string;
  /** e.g. "document.upload", "document.replace", "document.delete", "document.meta", "reindex", "faq.approve". */
  action: string;
  /** What it acted on (a file name, a ticket number, a snapshot version). */
  target: string;
  /** Small JSON-serialisable details (sizes, change counts, reasons). */
  details?: Record<string, unknown>;
}

/** AuditLog: append-only record of admin actions. Implemented in storage/ for SQLite and PostgreSQL. */
export interface AuditLog {
  recordAudit(e: AuditEntry): Promise<void>;
  listAudit(filter: { from?: number; to?: number; actor?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
}

/**
 * A reindex job as stored, with its lease: the instance running it extends `leaseUntil` while it works,
 * so a job whose instance stopped is seen as over once the lease has passed.
 */
export interface StoredReindexJob {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  /** Who started it ("web:lan", "token"). */
  actor: string;
  startedAt: number;
  finishedAt?: number;
  /** Files parsed so far, of `total`; `file` is the one being parsed ('' at the end). */
  progress: { done: number; total: number; file: string };
  /** The change report (JSON-serialisable), once succeeded. */
  report?: unknown;
  /** Why it failed (the old index keeps serving). */
  error?: string;
  /** Epoch ms until which the running instance holds the job. */
  leaseUntil: number;
}

/**
 * ReindexJobStore: reindex jobs shared by every instance, so at most one reindex runs at a time across
 * them and any instance shows a job's progress and outcome. Implemented for SQLite and PostgreSQL in
 * storage/, and in memory for a single process ({@link MemoryReindexJobStore}).
 */
export interface ReindexJobStore {
  /**
   * Records `job` as the running reindex unless another job runs with a lease that has not passed at
   * `now` (then that job is returned, `claimed: false`). A running job whose lease passed is first marked
   * failed with `staleError`.
   */
  claimReindexJob(job: StoredReindexJob, now: number, staleError: string): Promise<{ job: StoredReindexJob; claimed: boolean }>;
  /** Saves progress or the outcome of a job (its lease included). Unknown ids are ignored. */
  saveReindexJob(job: StoredReindexJob): Promise<void>;
  getReindexJob(id: string): Promise<StoredReindexJob | undefined>;
  /** The newest jobs first, at most `limit`. */
  listReindexJobs(limit: number): Promise<StoredReindexJob[]>;
}
