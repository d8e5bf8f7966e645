/**
 * What `openStore` returns: the database handle with its per-port objects ({@link StoreHandle}), which the
 * composition root hands to the services one port each, and the same methods mounted on it ({@link AppStore}).
 */
import type { ReplyOutbox, Store, UpdateClaims } from '../conversation/index.js';
import type { LoginAttemptStore, StaffAccountStore, TicketStore } from '../escalation/index.js';
import type { ReportStore } from '../reports/index.js';
import type { AuditLog, ReindexJobStore } from '../admin/ports.js';
import type { ZaloOaStore } from '../channels/zalo-oa/index.js';
import type { WebInboxStore } from '../channels/webchat/index.js';
import type { RosterStore, TrainingStore } from '../training/index.js';
import type { StorePorts } from './store-ports.js';

/**
 * One database: its lifecycle and one object per store port (`ports`, see `store-ports.ts`). The composition
 * root hands each service only the port objects it uses, so a service cannot reach another port's methods.
 */
export interface StoreHandle {
  readonly ports: StorePorts;
  /** Cheap liveness check; throws AppError STORAGE_UNAVAILABLE when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every store port on one database: what `openStore` returns. `SqliteStore` and `PgStore` own the database
 * handle and build one object per port on it (`ports`), whose methods they also offer directly (for tests,
 * contract suites and the CLI commands); the app's services get the port objects (see `app/build-app.ts`).
 */
export type AppStore = StoreHandle & Store & ReplyOutbox & TicketStore & StaffAccountStore & ReportStore & AuditLog & ReindexJobStore & OpsStore & ZaloOaStore & WebInboxStore & TrainingStore & RosterStore & LoginAttemptStore & UpdateClaims;

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
