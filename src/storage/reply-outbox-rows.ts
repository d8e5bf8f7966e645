/**
 * The reply outbox table (migration 6, `reply_outbox`): its DDL for both dialects, the row shape and the
 * mapping to the conversation core's {@link ReplyJob}, shared by the SQLite and PostgreSQL stores. The
 * message and replies are JSON text in both dialects (read back whole, never queried into).
 */
import type { ChannelName, InboundMessage, OutboundReply, ReplyJob } from '../conversation/index.js';
import { toMillis } from './rows.js';

type Millis = number | string;

const DDL = (int: string) => `
CREATE TABLE reply_jobs (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  update_key TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  message TEXT NOT NULL,
  replies TEXT,
  delivered ${int} NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts ${int} NOT NULL DEFAULT 0,
  next_attempt_at ${int} NOT NULL,
  lease_owner TEXT,
  lease_until ${int},
  last_error TEXT,
  created_at ${int} NOT NULL,
  done_at ${int},
  reported_at ${int},
  UNIQUE (channel, update_key)
);
CREATE INDEX reply_jobs_due ON reply_jobs (state, next_attempt_at);
CREATE INDEX reply_jobs_chat ON reply_jobs (channel, chat_id, state);
`;

/** Migration SQL of the reply outbox. */
export const REPLY_OUTBOX_SQLITE = DDL('INTEGER');
export const REPLY_OUTBOX_POSTGRES = DDL('BIGINT');

/** Columns written when a job is recorded, in the order of {@link replyJobValues}. */
export const REPLY_JOB_INSERT_COLUMNS = 'id, channel, update_key, chat_id, message, next_attempt_at, lease_owner, lease_until, created_at';

/** The insert values of a new job leased to `owner`. */
export function replyJobValues(id: string, m: InboundMessage, owner: string, now: number, leaseUntil: number): unknown[] {
  return [id, m.channel, m.updateKey, m.chatId, JSON.stringify(m), now, owner, leaseUntil, now];
}

/** A `reply_jobs` row as read from either database. */
export interface ReplyJobRow {
  id: string;
  channel: string;
  update_key: string;
  chat_id: string;
  message: string;
  replies: string | null;
  delivered: number | string;
  state: string;
  attempts: number | string;
  next_attempt_at: Millis;
  lease_owner: string | null;
  lease_until: Millis | null;
  last_error: string | null;
  created_at: Millis;
}

/** The core's record of a row. */
export function replyJobFromRow(row: ReplyJobRow): ReplyJob {
  const job: ReplyJob = {
    id: row.id,
    channel: row.channel as ChannelName,
    updateKey: row.update_key,
    chatId: row.chat_id,
    message: JSON.parse(row.message) as InboundMessage,
    delivered: Number(row.delivered),
    state: row.state as ReplyJob['state'],
    attempts: Number(row.attempts),
    nextAttemptAt: toMillis(row.next_attempt_at),
    createdAt: toMillis(row.created_at),
  };
  if (row.replies !== null) job.replies = JSON.parse(row.replies) as OutboundReply[];
  if (row.lease_owner !== null) job.leaseOwner = row.lease_owner;
  if (row.lease_until !== null) job.leaseUntil = toMillis(row.lease_until);
  if (row.last_error !== null) job.lastError = row.last_error;
  return job;
}

/** Oldest first: the order jobs are leased and delivered in. */
export function byCreated(a: ReplyJob, b: ReplyJob): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
