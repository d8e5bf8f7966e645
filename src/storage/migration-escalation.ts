/**
 * DDL of migration 2 (`escalation`): tickets, the officials waiting on them, the relay outbox, staff Q&A
 * drafts and staff console accounts and sessions, for SQLite and PostgreSQL. Kept apart from
 * `migrations.ts` only for size; `MIGRATIONS` is still the one list of migrations. Shipped: never edit.
 *
 * Notes on the shape:
 * - `tickets.number` is unique and assigned by the stores as `max + 1` under a write lock (SQLite
 *   `BEGIN IMMEDIATE`, PostgreSQL an advisory transaction lock), so numbers have no gaps.
 * - `ticket_waiters.question_id` is the primary key: a question waits on at most one ticket.
 * - `outbox.reported_at` records when the official was told that a failed answer is waiting; rows with
 *   `state = 'failed' AND reported_at IS NULL` are the ones `failedOutboxForChat` returns.
 * - Tickets are never deleted; the foreign keys keep waiters, outbox items and drafts from dangling.
 */

/** Migration 2 for SQLite. */
export const ESCALATION_TABLES_SQLITE = `
CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  state TEXT NOT NULL,
  question_id TEXT NOT NULL,
  question_text TEXT NOT NULL,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT,
  unit_id TEXT,
  excerpt TEXT NOT NULL DEFAULT '[]',
  sources TEXT NOT NULL DEFAULT '[]',
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  claimed_by TEXT,
  claimed_at INTEGER,
  answered_by TEXT,
  answered_at INTEGER,
  answer_text TEXT,
  closed_by TEXT,
  closed_at INTEGER,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  reminded_at INTEGER,
  delay_notice_at INTEGER,
  card_chat_id TEXT,
  card_message_id TEXT,
  card_thread_id TEXT,
  version INTEGER NOT NULL
);
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_state_created ON tickets (state, created_at);
CREATE INDEX tickets_card_message ON tickets (card_chat_id, card_message_id);
CREATE INDEX tickets_card_thread ON tickets (card_chat_id, card_thread_id);
CREATE TABLE ticket_waiters (
  question_id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT,
  question_text TEXT NOT NULL,
  joined_at INTEGER NOT NULL
);
CREATE INDEX ticket_waiters_ticket ON ticket_waiters (ticket_id, joined_at);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  staff_name TEXT,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  sent_at INTEGER,
  platform_message_id TEXT,
  last_error TEXT,
  reported_at INTEGER
);
CREATE INDEX outbox_state_next ON outbox (state, next_attempt_at);
CREATE INDEX outbox_ticket ON outbox (ticket_id, created_at);
CREATE INDEX outbox_chat_state ON outbox (channel, chat_id, state);
CREATE TABLE staff_faq_drafts (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  source_number TEXT,
  source_article TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at INTEGER
);
CREATE INDEX staff_faq_drafts_state ON staff_faq_drafts (state, created_at);
CREATE TABLE staff_accounts (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES staff_accounts (username) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_username ON staff_sessions (username);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);
`;

/** Migration 2 for PostgreSQL. */
export const ESCALATION_TABLES_POSTGRES = `
CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  state TEXT NOT NULL,
  question_id TEXT NOT NULL,
  question_text TEXT NOT NULL,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT,
  unit_id TEXT,
  excerpt JSONB NOT NULL DEFAULT '[]'::jsonb,
  sources JSONB NOT NULL DEFAULT '[]'::jsonb,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  claimed_by TEXT,
  claimed_at BIGINT,
  answered_by TEXT,
  answered_at BIGINT,
  answer_text TEXT,
  closed_by TEXT,
  closed_at BIGINT,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  reminded_at BIGINT,
  delay_notice_at BIGINT,
  card_chat_id TEXT,
  card_message_id TEXT,
  card_thread_id TEXT,
  version INTEGER NOT NULL
);
CREATE INDEX tickets_created ON tickets (created_at);
CREATE INDEX tickets_state_created ON tickets (state, created_at);
CREATE INDEX tickets_card_message ON tickets (card_chat_id, card_message_id);
CREATE INDEX tickets_card_thread ON tickets (card_chat_id, card_thread_id);
CREATE TABLE ticket_waiters (
  question_id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT,
  question_text TEXT NOT NULL,
  joined_at BIGINT NOT NULL
);
CREATE INDEX ticket_waiters_ticket ON ticket_waiters (ticket_id, joined_at);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  staff_name TEXT,
  created_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  sent_at BIGINT,
  platform_message_id TEXT,
  last_error TEXT,
  reported_at BIGINT
);
CREATE INDEX outbox_state_next ON outbox (state, next_attempt_at);
CREATE INDEX outbox_ticket ON outbox (ticket_id, created_at);
CREATE INDEX outbox_chat_state ON outbox (channel, chat_id, state);
CREATE TABLE staff_faq_drafts (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  source_number TEXT,
  source_article TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  state TEXT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT
);
CREATE INDEX staff_faq_drafts_state ON staff_faq_drafts (state, created_at);
CREATE TABLE staff_accounts (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL REFERENCES staff_accounts (username) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_username ON staff_sessions (username);
CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);
`;
