/**
 * Turns report rows as either database driver returns them into {@link ReportQuestionRow} and
 * {@link ReportTicketRow}. The SQL (in `storage/`) aliases its columns to these camelCase names; the two
 * drivers still differ in types (PostgreSQL: BIGINT as string, JSONB parsed, real booleans; SQLite:
 * numbers, JSON as text, 0/1), which is all this file smooths over. No SQL here.
 */
import type { ChannelName } from '../conversation/types.js';
import type { ReportDoc, ReportQuestionRow, ReportTicketRow } from './ports.js';

type Millis = number | string;

/** A question row as the report queries select it (`storage/*-reports.ts`). */
export interface RawReportQuestion {
  id: string;
  channel: string;
  userId: string;
  unitId: string | null;
  text: string;
  answered: boolean | number;
  source: string;
  confidence: number | string;
  /** The stored citations: JSON text (SQLite) or already parsed (PostgreSQL). */
  citations: string | unknown;
  createdAt: Millis;
  feedback: string | null;
  ticketId: string | null;
  /** `answer`, `escalate` or `chat`; absent in rows from stores that do not select it. */
  replyKind?: string | null;
}

/** A ticket row as the report queries select it. */
export interface RawReportTicket {
  id: string;
  number: number | string;
  channel: string;
  unitId: string | null;
  state: string;
  createdAt: Millis;
  claimedAt: Millis | null;
  answeredAt: Millis | null;
  closedAt: Millis | null;
  remindedAt: Millis | null;
}

function millis(v: Millis): number {
  return typeof v === 'number' ? v : Number(v);
}

function maybeMillis(v: Millis | null): number | null {
  return v === null || v === undefined ? null : millis(v);
}

/** The distinct documents of a stored citation list (by number, else id); bad JSON gives none. */
export function citedDocs(citations: string | unknown): ReportDoc[] {
  let list: unknown = citations;
  if (typeof citations === 'string') {
    try {
      list = JSON.parse(citations);
    } catch {
      // A malformed column must not break a whole report; the question just cites nothing.
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  const docs = new Map<string, ReportDoc>();
  for (const c of list as Array<Record<string, unknown>>) {
    const id = typeof c?.docId === 'string' ? c.docId : '';
    const number = typeof c?.docNumber === 'string' ? c.docNumber : '';
    const title = typeof c?.docTitle === 'string' ? c.docTitle : '';
    const key = number || id;
    if (key && !docs.has(key)) docs.set(key, { id, number, title });
  }
  return [...docs.values()];
}

/** Maps one raw question row. */
export function reportQuestionFromRaw(r: RawReportQuestion): ReportQuestionRow {
  const source = r.source === 'faq' || r.source === 'search' || r.source === 'status' ? r.source : 'none';
  const feedback = r.feedback === 'helpful' || r.feedback === 'unhelpful' ? r.feedback : null;
  return {
    id: r.id,
    channel: r.channel as ChannelName,
    userId: r.userId,
    unitId: r.unitId ?? null,
    text: r.text,
    answered: Boolean(r.answered),
    source,
    confidence: Number(r.confidence),
    citedDocs: citedDocs(r.citations),
    createdAt: millis(r.createdAt),
    feedback,
    ticketId: r.ticketId ?? null,
    ...(r.replyKind === 'chat' ? { chat: true } : {}),
  };
}

/** Maps one raw ticket row. */
export function reportTicketFromRaw(r: RawReportTicket): ReportTicketRow {
  return {
    id: r.id,
    number: Number(r.number),
    channel: r.channel as ChannelName,
    unitId: r.unitId ?? null,
    state: r.state,
    createdAt: millis(r.createdAt),
    claimedAt: maybeMillis(r.claimedAt),
    answeredAt: maybeMillis(r.answeredAt),
    closedAt: maybeMillis(r.closedAt),
    remindedAt: maybeMillis(r.remindedAt),
  };
}
