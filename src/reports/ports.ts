/**
 * What the programme reports read from storage: the raw rows of a period. The figures themselves are
 * computed in `report-service.ts`, the same way whichever database the rows came from.
 */
import type { ChannelName } from '../conversation/types.js';

/**
 * A reporting period [from, to) in epoch ms, optionally narrowed to one channel or unit.
 *
 * `unitId`: absent = every unit; a string = that unit; `null` = officials who chose no unit.
 */
export interface ReportPeriod {
  from: number;
  to: number;
  channel?: ChannelName;
  unitId?: string | null;
}

/** A cơ quan/đơn vị as the reports name it (`knowledge/units.yaml`; an `ingest` UnitEntry fits). */
export interface ReportUnit {
  id: string;
  name: string;
}

/** A document cited by an answer, as the reports count it (for "top topics"). */
export interface ReportDoc {
  /** The document id (file name in the corpus). */
  id: string;
  /** Số hiệu, e.g. "118/2025/NĐ-CP"; may be empty. */
  number: string;
  title: string;
}

/** One question as the reports need it (answered automatically or not, escalated, feedback…). */
export interface ReportQuestionRow {
  id: string;
  channel: ChannelName;
  userId: string;
  unitId: string | null;
  text: string;
  answered: boolean;
  source: 'faq' | 'search' | 'status' | 'none';
  confidence: number;
  /** Documents cited by the answer (or, for an unanswered question, the partial sources), each once. */
  citedDocs: ReportDoc[];
  createdAt: number;
  /** The latest vote on the answer, if any. */
  feedback: 'helpful' | 'unhelpful' | null;
  /** The ticket the question waits on, if it was escalated (first asker or merged into a ticket). */
  ticketId: string | null;
  /**
   * True for a chat message (greeting, thanks, off-topic, junk) that got a short reply: not a question, so
   * not counted in the figures, topics or gaps. Absent = false.
   */
  chat?: boolean;
}

/** One ticket as the reports need it (time to a staff answer, SLA). */
export interface ReportTicketRow {
  id: string;
  number: number;
  channel: ChannelName;
  unitId: string | null;
  /** `open`, `claimed`, `answered` or `closed` (see escalation/README.md). */
  state: string;
  createdAt: number;
  claimedAt: number | null;
  /** The latest staff answer (a re-answer after a reopen overwrites it). */
  answeredAt: number | null;
  closedAt: number | null;
  remindedAt: number | null;
}

/**
 * ReportStore: the raw rows of a period, read in one go (the figures are computed in reports/, the same
 * way for SQLite and PostgreSQL). Both methods apply the period's channel and unit filters.
 */
export interface ReportStore {
  /** Questions created in [from, to), oldest first (ties by id), with their latest vote and ticket. */
  reportQuestions(p: ReportPeriod): Promise<ReportQuestionRow[]>;
  /**
   * Tickets created in [from, to), or answered in [from, to), or still waiting (open or claimed) and
   * created before `to`; by number.
   */
  reportTickets(p: ReportPeriod): Promise<ReportTicketRow[]>;
}
