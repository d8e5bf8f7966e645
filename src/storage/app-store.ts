/**
 * The type of the store handed to the services; see {@link AppStore}.
 */
import type { ReplyOutbox, Store, UpdateClaims } from '../conversation/index.js';
import type { LoginAttemptStore, StaffAccountStore, TicketStore } from '../escalation/index.js';
import type { ReportStore } from '../reports/index.js';
import type { AuditLog, ReindexJobStore } from '../admin/ports.js';
import type { ZaloOaStore } from '../channels/zalo-oa/index.js';
import type { WebInboxStore } from '../channels/webchat/index.js';
import type { RosterStore, TrainingStore } from '../training/index.js';

/**
 * Every store port on one database: what `openStore` returns. `SqliteStore` and `PgStore` own the database
 * handle and build one object per port on it (`ports`, see `store-ports.ts`), whose methods they offer
 * directly, so the composition root can hand the same store to each service for the port it needs.
 */
export type AppStore = Store & ReplyOutbox & TicketStore & StaffAccountStore & ReportStore & AuditLog & ReindexJobStore & OpsStore & ZaloOaStore & WebInboxStore & TrainingStore & RosterStore & LoginAttemptStore & UpdateClaims;

/** The relay outbox at a glance, for `/metrics` and `cchc doctor`. */
export interface OutboxBacklog {
  /** Staff answers, notices and bot answers (reply outbox) waiting to be delivered, including ones being retried. */
  pending: number;
  /** When the oldest pending item was created (epoch ms), or null when none is pending. */
  oldestPendingAt: number | null;
  /** Items given up on whose official has not been told yet. */
  failed: number;
}

/** What the operators' tools (doctor, metrics) read from the database, without changing it. */
export interface OpsStore {
  /** Migration ids recorded in `schema_migrations`, ascending; empty when the table does not exist yet. */
  appliedMigrations(): Promise<number[]>;
  /** The backlog of both outboxes (staff answers and bot answers). */
  outboxBacklog(): Promise<OutboxBacklog>;
}
