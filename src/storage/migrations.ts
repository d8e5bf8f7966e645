/**
 * Numbered schema migrations, as data, for both SQLite and PostgreSQL.
 *
 * Each store keeps a `schema_migrations` table (id, name, applied_at) and, inside one transaction, applies
 * every entry of {@link MIGRATIONS} whose id is not recorded there yet, in id order. To change the schema,
 * append an entry with the next id and the SQL for both dialects; never edit or reorder an entry that has
 * shipped (databases in the field have already recorded it).
 *
 * Conventions: timestamps are epoch milliseconds (`INTEGER` in SQLite, `BIGINT` in PostgreSQL); JSON is
 * `TEXT` in SQLite and `JSONB` in PostgreSQL; booleans are `INTEGER` 0/1 in SQLite. Table names are never
 * schema-qualified here: PostgreSQL stores set `search_path` per connection.
 */

import { WEB_INBOX_POSTGRES, WEB_INBOX_SQLITE } from './web-inbox-sql.js';
import { REINDEX_JOBS_POSTGRES, REINDEX_JOBS_SQLITE } from './reindex-job-rows.js';
import { ESCALATION_TABLES_POSTGRES, ESCALATION_TABLES_SQLITE } from './migration-escalation.js';
import { ZALO_OA_TABLES_POSTGRES, ZALO_OA_TABLES_SQLITE } from './zalo-oa-rows.js';
import { REPLY_OUTBOX_POSTGRES, REPLY_OUTBOX_SQLITE } from './reply-outbox-rows.js';
import { TRAINING_TABLES_POSTGRES, TRAINING_TABLES_SQLITE } from './training-rows.js';
import { LOGIN_ATTEMPTS_POSTGRES, LOGIN_ATTEMPTS_SQLITE } from './login-attempts-sql.js';
import { INSTANCE_ORDER_POSTGRES, INSTANCE_ORDER_SQLITE } from './update-claims-sql.js';

/** One schema change, written once per SQL dialect. */
export interface Migration {
  /** Positive integer, strictly increasing along {@link MIGRATIONS}; recorded in `schema_migrations`. */
  readonly id: number;
  /** Short snake_case description, recorded with the id for humans reading the table. */
  readonly name: string;
  /** Statements for SQLite (run with `exec`, several statements allowed). */
  readonly sqlite: string;
  /** Statements for PostgreSQL (run as one simple query, several statements allowed). */
  readonly postgres: string;
}

/** DDL of the bookkeeping table, identical in both dialects; created before any migration runs. */
export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

const CORE_TABLES_SQLITE = `
CREATE TABLE users (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  display_name TEXT,
  unit_id TEXT,
  unit_asked INTEGER NOT NULL DEFAULT 0,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  PRIMARY KEY (channel, user_id)
);
CREATE TABLE processed_updates (
  channel TEXT NOT NULL,
  update_key TEXT NOT NULL,
  processed_at INTEGER NOT NULL,
  PRIMARY KEY (channel, update_key)
) WITHOUT ROWID;
CREATE INDEX processed_updates_processed_at ON processed_updates (processed_at);
CREATE TABLE questions (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  text TEXT NOT NULL,
  search_text TEXT NOT NULL,
  answered INTEGER NOT NULL,
  source TEXT NOT NULL,
  confidence REAL NOT NULL,
  citations TEXT NOT NULL DEFAULT '[]',
  answer_text TEXT NOT NULL,
  unit_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX questions_chat_created ON questions (channel, chat_id, created_at);
CREATE INDEX questions_user_created ON questions (channel, user_id, created_at);
CREATE INDEX questions_created ON questions (created_at);
CREATE TABLE feedback (
  question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (question_id, user_id)
);
`;

const CORE_TABLES_POSTGRES = `
CREATE TABLE users (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  display_name TEXT,
  unit_id TEXT,
  unit_asked BOOLEAN NOT NULL DEFAULT FALSE,
  first_seen_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  PRIMARY KEY (channel, user_id)
);
CREATE TABLE processed_updates (
  channel TEXT NOT NULL,
  update_key TEXT NOT NULL,
  processed_at BIGINT NOT NULL,
  PRIMARY KEY (channel, update_key)
);
CREATE INDEX processed_updates_processed_at ON processed_updates (processed_at);
CREATE TABLE questions (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  text TEXT NOT NULL,
  search_text TEXT NOT NULL,
  answered BOOLEAN NOT NULL,
  source TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  citations JSONB NOT NULL DEFAULT '[]'::jsonb,
  answer_text TEXT NOT NULL,
  unit_id TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX questions_chat_created ON questions (channel, chat_id, created_at);
CREATE INDEX questions_user_created ON questions (channel, user_id, created_at);
CREATE INDEX questions_created ON questions (created_at);
CREATE TABLE feedback (
  question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  value TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (question_id, user_id)
);
`;

/**
 * Every migration, in the order it is applied. Append new entries at the end with the next id.
 *
 * @example
 * // Appending a migration (sketch):
 * // { id: 3, name: 'ticket_tags', sqlite: `CREATE TABLE ticket_tags (...);`, postgres: `CREATE TABLE ticket_tags (...);` }
 */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  {
    id: 1,
    name: 'core_tables',
    sqlite: CORE_TABLES_SQLITE,
    postgres: CORE_TABLES_POSTGRES,
  },
  {
    id: 2,
    name: 'escalation',
    sqlite: ESCALATION_TABLES_SQLITE,
    postgres: ESCALATION_TABLES_POSTGRES,
  },
  {
    // Append-only log of admin actions (admin/ports.ts AuditLog); `seq` orders entries of the same ms.
    id: 3,
    name: 'audit_log',
    sqlite: `CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at);
CREATE INDEX audit_log_action_at ON audit_log (action, at);`,
    postgres: `CREATE TABLE audit_log (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details JSONB
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor_at ON audit_log (actor, at);
CREATE INDEX audit_log_action_at ON audit_log (action, at);`,
  },
  {
    // What the bot replied (conversation/ports.ts QuestionRecord.replyKind): chat replies (greetings,
    // off-topic, junk) are kept for the rate limit but are not questions for follow-ups, typed choices,
    // escalation or the reports. Rows written before: an answer when answered, else an abstention.
    // users.unit_asked_at: when the unit list was shown, so a typed number is read the same on every instance.
    id: 4,
    name: 'reply_kind_and_unit_prompt',
    sqlite: `ALTER TABLE questions ADD COLUMN reply_kind TEXT NOT NULL DEFAULT 'answer';
ALTER TABLE questions ADD COLUMN reply_reason TEXT;
UPDATE questions SET reply_kind = 'escalate' WHERE answered = 0;
ALTER TABLE users ADD COLUMN unit_asked_at INTEGER;`,
    postgres: `ALTER TABLE questions ADD COLUMN reply_kind TEXT NOT NULL DEFAULT 'answer';
ALTER TABLE questions ADD COLUMN reply_reason TEXT;
UPDATE questions SET reply_kind = 'escalate' WHERE answered = FALSE;
ALTER TABLE users ADD COLUMN unit_asked_at BIGINT;`,
  },
  {
    // Zalo Official Account channel (channels/zalo-oa/ports.ts): the sealed token pair with its refresh
    // lease, pending OAuth authorisations, and each OA user's last interaction (the reply window).
    id: 5,
    name: 'zalo_oa',
    sqlite: ZALO_OA_TABLES_SQLITE,
    postgres: ZALO_OA_TABLES_POSTGRES,
  },
  {
    // The bot's answers (conversation/ports.ts ReplyOutbox): each accepted update with its replies, leased
    // and retried until the platform accepts them, so a crash or an outage loses no answer (issue 11).
    id: 6,
    name: 'reply_outbox',
    sqlite: REPLY_OUTBOX_SQLITE,
    postgres: REPLY_OUTBOX_POSTGRES,
  },
  {
    // Training (training/ports.ts): learners, lessons seen, answers with their review schedule,
    // completions, the roster of officials doing reform work and the chat accounts linked to it.
    id: 8,
    name: 'training',
    sqlite: TRAINING_TABLES_SQLITE,
    postgres: TRAINING_TABLES_POSTGRES,
  },
  {
    // Reindex jobs shared by every instance (admin/ports.ts ReindexJobStore): one running at a time
    // across instances, progress and outcome readable from any of them.
    id: 9,
    name: 'reindex_jobs',
    sqlite: REINDEX_JOBS_SQLITE,
    postgres: REINDEX_JOBS_POSTGRES,
  },
  {
    // Replies waiting for web chat sessions (channels/webchat WebInboxStore), shared by every instance.
    id: 10,
    name: 'web_inbox',
    sqlite: WEB_INBOX_SQLITE,
    postgres: WEB_INBOX_POSTGRES,
  },
  {
    // Login throttle counters (escalation/ports.ts LoginAttemptStore), shared by every instance so that N
    // instances do not give N times the attempts (issue 12).
    id: 11,
    name: 'login_attempts',
    sqlite: LOGIN_ATTEMPTS_SQLITE,
    postgres: LOGIN_ATTEMPTS_POSTGRES,
  },
  {
    // Claims on processed updates (conversation/ports.ts UpdateClaims), so the Telegram staff group is
    // deduplicated across instances like officials' updates; and, on PostgreSQL, a database-assigned
    // order of reply jobs so a chat's answers keep their order across instances (issue 12).
    id: 12,
    name: 'update_claims_reply_order',
    sqlite: INSTANCE_ORDER_SQLITE,
    postgres: INSTANCE_ORDER_POSTGRES,
  },
]);

/**
 * The migrations of `all` whose ids are not in `applied`, in id order. Ids in `applied` that `all` does
 * not know (a database written by a newer version) are ignored here; stores log them.
 */
export function pendingMigrations(applied: Iterable<number>, all: readonly Migration[] = MIGRATIONS): Migration[] {
  const done = new Set(applied);
  return [...all].sort((a, b) => a.id - b.id).filter((m) => !done.has(m.id));
}

/**
 * Describes what is wrong with a migration list (ids not positive, not strictly increasing, empty SQL), or
 * returns an empty array when it is well formed. Used by the unit test so a bad append fails in CI.
 */
export function checkMigrations(all: readonly Migration[] = MIGRATIONS): string[] {
  const problems: string[] = [];
  let previous = 0;
  for (const m of all) {
    if (!Number.isInteger(m.id) || m.id <= 0) problems.push(`migration ${m.id} (${m.name}): id must be a positive integer`);
    if (m.id <= previous) problems.push(`migration ${m.id} (${m.name}): id must be greater than ${previous}`);
    if (!/^[a-z0-9_]+$/.test(m.name)) problems.push(`migration ${m.id}: name "${m.name}" must be snake_case`);
    if (m.sqlite.trim() === '') problems.push(`migration ${m.id} (${m.name}): sqlite SQL is empty`);
    if (m.postgres.trim() === '') problems.push(`migration ${m.id} (${m.name}): postgres SQL is empty`);
    previous = Math.max(previous, m.id);
  }
  return problems;
}
