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
