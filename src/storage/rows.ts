/**
 * Row shapes shared by the SQLite and PostgreSQL stores, and their mapping to the core's records.
 *
 * The two drivers return the same columns with different JS types: PostgreSQL gives BIGINT as a string,
 * booleans as booleans and JSONB already parsed; SQLite gives integers as numbers, booleans as 0/1 and JSON
 * as text. The mappers accept both so the stores share one conversion.
 */
import type { Citation } from '../answer/index.js';
import type { ChannelName, FeedbackRecord, QuestionRecord, ReplyKind, UserRecord } from '../conversation/index.js';

/** An epoch-ms column as either driver returns it. */
type Millis = number | string;
/** A boolean column as either driver returns it. */
type Flag = boolean | number;

/** A `users` row as read from either database. */
export interface UserRow {
  channel: string;
  user_id: string;
  chat_id: string;
  display_name: string | null;
  unit_id: string | null;
  unit_asked: Flag;
  first_seen_at: Millis;
  last_seen_at: Millis;
  unit_asked_at?: Millis | null;
}

/** A `questions` row as read from either database. */
export interface QuestionRow {
  id: string;
  channel: string;
  chat_id: string;
  user_id: string;
  text: string;
  search_text: string;
  answered: Flag;
  source: string;
  confidence: number | string;
  citations: string | Citation[];
  answer_text: string;
  unit_id: string | null;
  created_at: Millis;
  reply_kind: string;
  reply_reason: string | null;
}

/** Converts a BIGINT / INTEGER column to a number (epoch ms fits well within 2^53). */
export function toMillis(value: Millis): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Maps a `users` row to the core's {@link UserRecord}; a null display name is left out. */
export function userFromRow(row: UserRow): UserRecord {
  const user: UserRecord = {
    channel: row.channel as ChannelName,
    userId: row.user_id,
    chatId: row.chat_id,
    unitId: row.unit_id,
    unitAsked: Boolean(row.unit_asked),
    firstSeenAt: toMillis(row.first_seen_at),
    lastSeenAt: toMillis(row.last_seen_at),
  };
  if (row.display_name !== null) user.displayName = row.display_name;
  if (row.unit_asked_at !== null && row.unit_asked_at !== undefined) user.unitAskedAt = toMillis(row.unit_asked_at);
  return user;
}

const REPLY_KINDS: readonly ReplyKind[] = ['answer', 'escalate', 'chat'];

/** Maps a `questions` row to the core's {@link QuestionRecord}, parsing citations stored as text. */
export function questionFromRow(row: QuestionRow): QuestionRecord {
  const citations = typeof row.citations === 'string' ? (JSON.parse(row.citations) as Citation[]) : row.citations;
  const q: QuestionRecord = {
    id: row.id,
    channel: row.channel as ChannelName,
    chatId: row.chat_id,
    userId: row.user_id,
    text: row.text,
    searchText: row.search_text,
    answered: Boolean(row.answered),
    source: row.source as QuestionRecord['source'],
    confidence: Number(row.confidence),
    citations: Array.isArray(citations) ? citations : [],
    answerText: row.answer_text,
    unitId: row.unit_id,
    createdAt: toMillis(row.created_at),
  };
  if ((REPLY_KINDS as readonly string[]).includes(row.reply_kind)) q.replyKind = row.reply_kind as ReplyKind;
  if (row.reply_reason) q.replyReason = row.reply_reason;
  return q;
}

/** The column values of a question in insert order, with citations as JSON text (both drivers accept it). */
export function questionParams(q: QuestionRecord, flag: (b: boolean) => Flag): unknown[] {
  return [
    q.id,
    q.channel,
    q.chatId,
    q.userId,
    q.text,
    q.searchText,
    flag(q.answered),
    q.source,
    q.confidence,
    JSON.stringify(q.citations ?? []),
    q.answerText,
    q.unitId ?? null,
    q.createdAt,
    q.replyKind ?? (q.answered ? 'answer' : 'escalate'),
    q.replyReason ?? null,
  ];
}

/** The column values of a feedback row in insert order. */
export function feedbackParams(f: FeedbackRecord): unknown[] {
  return [f.questionId, f.channel, f.userId, f.value, f.createdAt];
}
