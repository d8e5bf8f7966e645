/**
 * Storage: SQLite and PostgreSQL implementations of every store port (one object per port on a shared
 * database handle), the numbered migrations they share, and {@link openStore}, which picks one from a
 * database URL.
 */
export type { AppStore, StoreHandle, OpsStore, OutboxBacklog } from './app-store.js';
export type { StorePorts, ConversationRecords } from './store-ports.js';
export { openStore, connectStore } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export { SqliteStore } from './sqlite/sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { PgStore } from './postgres/pg-store.js';
export type { PgStoreOptions } from './postgres/pg-store.js';
export { MIGRATIONS, pendingMigrations, checkMigrations } from './migrations.js';
export type { Migration } from './migrations.js';
