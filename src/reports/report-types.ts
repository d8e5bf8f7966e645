/**
 * The shape of a programme report: the figures of a period, their breakdowns by channel and unit, the
 * top topics, the gaps (top unanswered questions) and the daily series. Built by `buildReport`; drawn by
 * the console page and exported as CSV and XLSX through the same tables (`reportTables`).
 */
import type { ReportPeriod } from './ports.js';

/**
 * The figures the programme (Đề án 4599) measures, for the whole period or one channel or unit. See
 * `README.md` in this folder for the exact definitions.
 */
export interface ReportFigures {
  /** Questions asked in the period. */
  questions: number;
  /** Distinct officials (channel + platform user id) who asked them. */
  officials: number;
  /** Questions the bot answered (FAQ or search) that were not escalated. */
  answeredAutomatically: number;
  /** `answeredAutomatically / questions` (0–1), null without questions. */
  autoShare: number | null;
  /** Questions that went to a ticket. */
  escalated: number;
  /** `escalated / questions` (0–1), null without questions. */
  escalationRate: number | null;
  /** Tickets created in the period. */
  ticketsCreated: number;
  /** Tickets answered by staff in the period (whenever they were created). */
  staffAnswered: number;
  /** Median of (answeredAt − createdAt) over the tickets answered in the period, whole ms; null when none. */
  medianAnswerMs: number | null;
  /** 90th percentile of the same durations (PERCENTILE.INC), whole ms; null when none. */
  p90AnswerMs: number | null;
  /** Tickets (created in the period, or still waiting) not answered within the SLA limit. */
  slaBreaches: number;
  /** Tickets still open or claimed at the time of the report (created before the period's end). */
  waitingTickets: number;
  /** Questions whose latest vote is "helpful". */
  helpful: number;
  /** Questions whose latest vote is "unhelpful". */
  unhelpful: number;
}

/** One row of a breakdown: a channel or a unit and its figures. */
export interface BreakdownRow {
  /** Channel name, unit id, or '' for "no unit chosen". */
  key: string;
  /** What readers see ("Zalo", "Sở Nội vụ", "Chưa chọn đơn vị"). */
  label: string;
  figures: ReportFigures;
}

/** A topic officials asked about: a cited document, or (for questions citing nothing) a frequent phrase. */
export interface TopicRow {
  kind: 'document' | 'word';
  /** "118/2025/NĐ-CP — Nghị định về …" or "giấy phép". */
  label: string;
  /** Questions about it (each question counts a topic once). */
  count: number;
}

/** A gap: an unanswered question (normalised), how often it was asked and when last. */
export interface GapRow {
  /** The normalised text (lower case, no diacritics, single spaces) the questions were grouped by. */
  key: string;
  /** The most frequent wording (earliest on a tie), as officials wrote it. */
  text: string;
  count: number;
  lastAskedAt: number;
}

/** One day of the daily series (Vietnam time). */
export interface DailyPoint {
  /** `yyyy-mm-dd`. */
  day: string;
  questions: number;
  answeredAutomatically: number;
  escalated: number;
}

/** A complete programme report for one period. */
export interface Report {
  period: ReportPeriod;
  /** When the figures were computed (the "now" for tickets still waiting). */
  generatedAt: number;
  /** The SLA limit used (ESCALATION_REMIND_MINUTES). */
  remindMinutes: number;
  totals: ReportFigures;
  byChannel: BreakdownRow[];
  byUnit: BreakdownRow[];
  topics: TopicRow[];
  gaps: GapRow[];
  daily: DailyPoint[];
}
