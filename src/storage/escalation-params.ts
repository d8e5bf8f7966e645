/**
 * Column lists and parameter values for writing the escalation tables, shared by the SQLite and PostgreSQL
 * stores so both write exactly the same columns. JSON columns are passed as text (PostgreSQL casts them to
 * JSONB where {@link ColumnValue.json} says so).
 */
import type {
  StaffAccount, StaffCardRef, StaffFaqDraft, StaffSession, Ticket, TicketWaiter,
} from '../escalation/index.js';
import type { NewOutboxItem, NewTicket } from './escalation-rows.js';

/** One column to write and its value (already converted for the driver). */
export interface ColumnValue {
  column: string;
  value: unknown;
  /** True for JSON columns (JSONB in PostgreSQL). */
  json: boolean;
}

/** The fields of a ticket a caller may write; `id`, `number` and `version` are the store's. */
export type TicketPatch = Partial<Omit<Ticket, 'id' | 'number' | 'version'>>;

interface FieldSpec {
  column: string;
  /** Optional in the type: `undefined` in a patch clears it; for required fields it is ignored. */
  nullable: boolean;
  json?: boolean;
}

/** Every writable ticket field except `card`, which spans three columns. */
const TICKET_FIELDS: Record<Exclude<keyof TicketPatch, 'card'>, FieldSpec> = {
  state: { column: 'state', nullable: false },
  questionId: { column: 'question_id', nullable: false },
  questionText: { column: 'question_text', nullable: false },
  channel: { column: 'channel', nullable: false },
  chatId: { column: 'chat_id', nullable: false },
  userId: { column: 'user_id', nullable: false },
  displayName: { column: 'display_name', nullable: true },
  unitId: { column: 'unit_id', nullable: true },
  excerpt: { column: 'excerpt', nullable: false, json: true },
  sources: { column: 'sources', nullable: false, json: true },
  reason: { column: 'reason', nullable: false },
  createdAt: { column: 'created_at', nullable: false },
  claimedBy: { column: 'claimed_by', nullable: true },
  claimedAt: { column: 'claimed_at', nullable: true },
  answeredBy: { column: 'answered_by', nullable: true },
  answeredAt: { column: 'answered_at', nullable: true },
  answerText: { column: 'answer_text', nullable: true },
  closedBy: { column: 'closed_by', nullable: true },
  closedAt: { column: 'closed_at', nullable: true },
  reopenCount: { column: 'reopen_count', nullable: false },
  remindedAt: { column: 'reminded_at', nullable: true },
  delayNoticeAt: { column: 'delay_notice_at', nullable: true },
};

function fieldValue(spec: FieldSpec, value: unknown): ColumnValue {
  if (spec.json) return { column: spec.column, value: JSON.stringify(value ?? []), json: true };
  return { column: spec.column, value: value ?? null, json: false };
}

function cardValues(card: StaffCardRef | undefined): ColumnValue[] {
  return [
    { column: 'card_chat_id', value: card?.chatId ?? null, json: false },
    { column: 'card_message_id', value: card?.messageId ?? null, json: false },
    { column: 'card_thread_id', value: card?.threadId ?? null, json: false },
  ];
}

/** Columns of {@link ticketInsertValues}, in its order. */
export const TICKET_INSERT_COLUMNS: readonly string[] = Object.freeze([
  'id', ...Object.values(TICKET_FIELDS).map((f) => f.column), 'card_chat_id', 'card_message_id', 'card_thread_id',
]);

/** Every column of a new ticket except `number` and `version` (which the store adds). */
export function ticketInsertValues(t: NewTicket): ColumnValue[] {
  const values: ColumnValue[] = [{ column: 'id', value: t.id, json: false }];
  for (const [key, spec] of Object.entries(TICKET_FIELDS)) {
    values.push(fieldValue(spec, t[key as keyof typeof TICKET_FIELDS]));
  }
  return [...values, ...cardValues(t.card)];
}

/**
 * The columns a patch changes. Every own key of `patch` is written: an optional field set to `undefined`
 * is cleared (so a reopened ticket can drop its `claimedBy`), while `undefined` for a required field, and
 * the keys `id`, `number` and `version`, are ignored. `card: undefined` clears all three card columns.
 */
export function ticketPatchValues(patch: Partial<Ticket>): ColumnValue[] {
  const values: ColumnValue[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'card') {
      values.push(...cardValues(value as StaffCardRef | undefined));
      continue;
    }
    const spec = (TICKET_FIELDS as Record<string, FieldSpec | undefined>)[key];
    if (spec === undefined || (value === undefined && !spec.nullable)) continue;
    values.push(fieldValue(spec, value));
  }
  return values;
}

/** Columns of a `ticket_waiters` row in insert order. */
export const WAITER_COLUMNS = 'question_id, ticket_id, channel, chat_id, user_id, display_name, question_text, joined_at';

/** Values of a waiter of `ticketId` in {@link WAITER_COLUMNS} order. */
export function waiterValues(ticketId: string, w: TicketWaiter): unknown[] {
  return [w.questionId, ticketId, w.channel, w.chatId, w.userId, w.displayName ?? null, w.questionText, w.joinedAt];
}

/** Columns written by `enqueueOutbox`, in the order of {@link outboxInsertValues}. */
export const OUTBOX_INSERT_COLUMNS = `id, ticket_id, channel, chat_id, kind, text, staff_name, created_at,
  state, attempts, next_attempt_at`;

/** Values of a new, pending outbox item (no attempts yet) in {@link OUTBOX_INSERT_COLUMNS} order. */
export function outboxInsertValues(o: NewOutboxItem): unknown[] {
  return [o.id, o.ticketId, o.channel, o.chatId, o.kind, o.text, o.staffName ?? null, o.createdAt,
    'pending', 0, o.nextAttemptAt];
}

/** Columns of a `staff_faq_drafts` row, in the order of {@link faqDraftValues}. */
export const FAQ_DRAFT_COLUMNS = `id, ticket_id, question, answer, source_number, source_article, created_by,
  created_at, state, decided_by, decided_at`;

/** Values of a draft in {@link FAQ_DRAFT_COLUMNS} order. */
export function faqDraftValues(d: StaffFaqDraft): unknown[] {
  return [d.id, d.ticketId, d.question, d.answer, d.sourceNumber ?? null, d.sourceArticle ?? null, d.createdBy,
    d.createdAt, d.state, d.decidedBy ?? null, d.decidedAt ?? null];
}

/** Columns of a `staff_accounts` row, in the order of {@link accountValues}. */
export const ACCOUNT_COLUMNS = 'username, display_name, role, password_hash, created_at, disabled';

/** Values of an account in {@link ACCOUNT_COLUMNS} order; `flag` converts the boolean for the driver. */
export function accountValues(a: StaffAccount, flag: (b: boolean) => boolean | number): unknown[] {
  return [a.username, a.displayName, a.role, a.passwordHash, a.createdAt, flag(a.disabled)];
}

/** Columns of a `staff_sessions` row, in the order of {@link sessionValues}. */
export const SESSION_COLUMNS = 'id, username, csrf_token, created_at, expires_at';

/** Values of a session in {@link SESSION_COLUMNS} order. */
export function sessionValues(s: StaffSession): unknown[] {
  return [s.id, s.username, s.csrfToken, s.createdAt, s.expiresAt];
}
