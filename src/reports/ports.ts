import type { ChannelName } from '../conversation/types.js';

/** A reporting period [from, to) in epoch ms, optionally narrowed to one channel or unit. */
export interface ReportPeriod {
  from: number;
  to: number;
  channel?: ChannelName;
  unitId?: string;
}

/** One question as the reports need it (answered automatically or not, escalated, feedback…). */
export interface ReportQuestionRow {
  id: string;
  channel: ChannelName;
  userId: string;
  unitId: string | null;
  text: string;
  answered: boolean;
  source: 'faq' | 'search' | 'none';
  confidence: number;
  /** Document numbers cited (for "top topics"). */
  citedDocs: string[];
  createdAt: number;
  feedback: 'helpful' | 'unhelpful' | null;
  /** The ticket the question went to, if escalated. */
  ticketId: string | null;
}

/** One ticket as the reports need it (time to a staff answer, SLA). */
export interface ReportTicketRow {
  id: string;
  number: number;
  channel: ChannelName;
  unitId: string | null;
  state: string;
  createdAt: number;
  claimedAt: number | null;
  answeredAt: number | null;
  remindedAt: number | null;
}

/**
 * ReportStore: the raw rows of a period, read in one go (the figures are computed in reports/, the same
 * way for SQLite and PostgreSQL).
 */
export interface ReportStore {
  reportQuestions(p: ReportPeriod): Promise<ReportQuestionRow[]>;
  reportTickets(p: ReportPeriod): Promise<ReportTicketRow[]>;
}
