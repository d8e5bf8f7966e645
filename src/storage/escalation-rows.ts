/**
 * Row shapes of the escalation tables (migration 2) and their mapping to the escalation core's records,
 * shared by the SQLite and PostgreSQL stores. Like `rows.ts`, the mappers accept both drivers' types
 * (BIGINT as string, JSONB parsed or JSON text, booleans or 0/1). Nullable columns come back as absent
 * optional fields, except `unitId`, which is `null` as in the core's user and question records.
 */
import type { Citation } from '../answer/index.js';
import { AppError } from '../common/errors.js';
import type { ChannelName } from '../conversation/index.js';
import type {
  OutboxItem, StaffAccount, StaffCardRef, StaffFaqDraft, StaffSession, Ticket, TicketWaiter,
} from '../escalation/index.js';
import { toMillis } from './rows.js';

type Millis = number | string;
type Flag = boolean | number;

/** A ticket as `createTicket` receives it (the store assigns `number` and `version`). */
export type NewTicket = Omit<Ticket, 'number' | 'version'>;

/** An outbox item as `enqueueOutbox` and `answerTicket` receive it (the store sets the delivery fields). */
export type NewOutboxItem = Omit<OutboxItem,
  'state' | 'attempts' | 'sentAt' | 'platformMessageId' | 'lastError' | 'leaseOwner' | 'leaseUntil'>;

/** A `tickets` row as read from either database. */
export interface TicketRow {
  id: string;
  number: number | string;
  state: string;
  question_id: string;
  question_text: string;
  channel: string;
  chat_id: string;
  user_id: string;
  display_name: string | null;
  unit_id: string | null;
  excerpt: string | string[];
  sources: string | Citation[];
  reason: string;
  created_at: Millis;
  claimed_by: string | null;
  claimed_at: Millis | null;
  answered_by: string | null;
  answered_at: Millis | null;
  answer_text: string | null;
  closed_by: string | null;
  closed_at: Millis | null;
  reopen_count: number | string;
  reminded_at: Millis | null;
  delay_notice_at: Millis | null;
  card_chat_id: string | null;
  card_message_id: string | null;
  card_thread_id: string | null;
  version: number | string;
}

/** A `ticket_waiters` row as read from either database. */
export interface WaiterRow {
  question_id: string;
  ticket_id: string;
  channel: string;
  chat_id: string;
  user_id: string;
  display_name: string | null;
  question_text: string;
  joined_at: Millis;
}

/** An `outbox` row as read from either database. */
export interface OutboxRow {
  id: string;
  ticket_id: string;
  channel: string;
  chat_id: string;
  kind: string;
  text: string;
  staff_name: string | null;
  created_at: Millis;
  state: string;
  attempts: number | string;
  next_attempt_at: Millis;
  lease_owner: string | null;
  lease_until: Millis | null;
  sent_at: Millis | null;
  platform_message_id: string | null;
  last_error: string | null;
}

/** A `staff_faq_drafts` row as read from either database. */
export interface FaqDraftRow {
  id: string;
  ticket_id: string;
  question: string;
  answer: string;
  source_number: string | null;
  source_article: string | null;
  created_by: string;
  created_at: Millis;
  state: string;
  decided_by: string | null;
  decided_at: Millis | null;
}

/** A `staff_accounts` row as read from either database. */
export interface AccountRow {
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: Millis;
  disabled: Flag;
}

/** A `staff_sessions` row as read from either database. */
export interface SessionRow {
  id: string;
  username: string;
  csrf_token: string;
  created_at: Millis;
  expires_at: Millis;
}

/** Sets `target[key]` only when `value` is not null, so absent columns stay absent optional fields. */
function put<T, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null) target[key] = value;
}

function optMillis(value: Millis | null): number | null {
  return value === null ? null : toMillis(value);
}

function parseJson<T>(value: string | T[]): T[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

/** Maps a `tickets` row to the core's {@link Ticket}. */
export function ticketFromRow(row: TicketRow): Ticket {
  const t: Ticket = {
    id: row.id,
    number: Number(row.number),
    state: row.state as Ticket['state'],
    questionId: row.question_id,
    questionText: row.question_text,
    channel: row.channel as ChannelName,
    chatId: row.chat_id,
    userId: row.user_id,
    unitId: row.unit_id,
    excerpt: parseJson<string>(row.excerpt),
    sources: parseJson<Citation>(row.sources),
    reason: row.reason as Ticket['reason'],
    createdAt: toMillis(row.created_at),
    reopenCount: Number(row.reopen_count),
    version: Number(row.version),
  };
  put(t, 'displayName', row.display_name);
  put(t, 'claimedBy', row.claimed_by);
  put(t, 'claimedAt', optMillis(row.claimed_at));
  put(t, 'answeredBy', row.answered_by);
  put(t, 'answeredAt', optMillis(row.answered_at));
  put(t, 'answerText', row.answer_text);
  put(t, 'closedBy', row.closed_by);
  put(t, 'closedAt', optMillis(row.closed_at));
  put(t, 'remindedAt', optMillis(row.reminded_at));
  put(t, 'delayNoticeAt', optMillis(row.delay_notice_at));
  if (row.card_chat_id !== null && row.card_message_id !== null) {
    const card: StaffCardRef = { chatId: row.card_chat_id, messageId: row.card_message_id };
    put(card, 'threadId', row.card_thread_id);
    t.card = card;
  }
  return t;
}

/** Maps a `ticket_waiters` row to the core's {@link TicketWaiter}. */
export function waiterFromRow(row: WaiterRow): TicketWaiter {
  const w: TicketWaiter = {
    questionId: row.question_id,
    channel: row.channel as ChannelName,
    chatId: row.chat_id,
    userId: row.user_id,
    questionText: row.question_text,
    joinedAt: toMillis(row.joined_at),
  };
  put(w, 'displayName', row.display_name);
  return w;
}

/** Maps an `outbox` row to the core's {@link OutboxItem}. */
export function outboxFromRow(row: OutboxRow): OutboxItem {
  const o: OutboxItem = {
    id: row.id,
    ticketId: row.ticket_id,
    channel: row.channel as ChannelName,
    chatId: row.chat_id,
    kind: row.kind as OutboxItem['kind'],
    text: row.text,
    createdAt: toMillis(row.created_at),
    state: row.state as OutboxItem['state'],
    attempts: Number(row.attempts),
    nextAttemptAt: toMillis(row.next_attempt_at),
  };
  put(o, 'staffName', row.staff_name);
  put(o, 'leaseOwner', row.lease_owner);
  put(o, 'leaseUntil', optMillis(row.lease_until));
  put(o, 'sentAt', optMillis(row.sent_at));
  put(o, 'platformMessageId', row.platform_message_id);
  put(o, 'lastError', row.last_error);
  return o;
}

/** Maps a `staff_faq_drafts` row to the core's {@link StaffFaqDraft}. */
export function faqDraftFromRow(row: FaqDraftRow): StaffFaqDraft {
  const d: StaffFaqDraft = {
    id: row.id,
    ticketId: row.ticket_id,
    question: row.question,
    answer: row.answer,
    createdBy: row.created_by,
    createdAt: toMillis(row.created_at),
    state: row.state as StaffFaqDraft['state'],
  };
  put(d, 'sourceNumber', row.source_number);
  put(d, 'sourceArticle', row.source_article);
  put(d, 'decidedBy', row.decided_by);
  put(d, 'decidedAt', optMillis(row.decided_at));
  return d;
}

/** Maps a `staff_accounts` row to a {@link StaffAccount}. */
export function accountFromRow(row: AccountRow): StaffAccount {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role as StaffAccount['role'],
    passwordHash: row.password_hash,
    createdAt: toMillis(row.created_at),
    disabled: Boolean(row.disabled),
  };
}

/** Maps a `staff_sessions` row to a {@link StaffSession}. */
export function sessionFromRow(row: SessionRow): StaffSession {
  return {
    id: row.id,
    username: row.username,
    csrfToken: row.csrf_token,
    createdAt: toMillis(row.created_at),
    expiresAt: toMillis(row.expires_at),
  };
}

/** NOT_FOUND when the ticket does not exist, CONFLICT when it is at another version. */
export function staleOrMissing(op: string, id: string, expected: number, current: number | undefined): AppError {
  if (current === undefined) return new AppError('NOT_FOUND', `${op}: no ticket ${id}`);
  return new AppError('CONFLICT', `${op}: ticket ${id} is at version ${current}, not ${expected}; reload and retry`);
}

/** Orders outbox items oldest due first (UPDATE … RETURNING gives no order). */
export function byDue(a: OutboxItem, b: OutboxItem): number {
  return a.nextAttemptAt - b.nextAttemptAt || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
