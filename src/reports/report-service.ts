/**
 * Computes a programme report from the raw rows of a period: pure functions, no I/O, no clock (the
 * caller passes `now`). The definitions of every figure are in `README.md` beside this file.
 */
import type { ReportPeriod, ReportQuestionRow, ReportTicketRow, ReportUnit } from './ports.js';
import { channelName, rt } from './report-texts-vi.js';
import type { BreakdownRow, DailyPoint, Report, ReportFigures } from './report-types.js';
import { daysOf, dayKey } from './period.js';
import { median, percentile, ratio } from './stats.js';
import { topGaps, topTopics } from './topics.js';

/** Channels every report lists, in this order (others found in the data follow). */
export const REPORT_CHANNELS = ['telegram', 'zalo', 'zalo-oa', 'web'] as const;

/** Options of {@link buildReport}. */
export interface BuildReportOptions {
  period: ReportPeriod;
  /** The unit list (`knowledge/units.yaml`), for names and the order of the unit breakdown. */
  units: readonly ReportUnit[];
  /** SLA limit in minutes (ESCALATION_REMIND_MINUTES): a ticket waiting longer is a breach. */
  remindMinutes: number;
  /** The time of the report: tickets still open are measured up to it. */
  now: number;
  /** Most topics listed. Default 15. */
  topicLimit?: number;
  /** Most unanswered questions listed. Default 20. */
  gapLimit?: number;
}

/** What the figure helpers need from the options. */
interface Scope {
  from: number;
  to: number;
  limitMs: number;
  now: number;
}

function isWaiting(t: ReportTicketRow): boolean {
  return t.state === 'open' || t.state === 'claimed';
}

function within(at: number | null, s: { from: number; to: number }): boolean {
  return at !== null && at >= s.from && at < s.to;
}

/**
 * True when the ticket waited past the SLA limit: a ticket still open or claimed when `now` is more than
 * the limit after its creation (as the SLA sweep in TicketService sees it, even after a reopen); any
 * other ticket when its staff answer (or, without one, its closing) came later than the limit.
 */
export function isSlaBreach(t: ReportTicketRow, limitMs: number, now: number): boolean {
  if (isWaiting(t)) return now - t.createdAt > limitMs;
  const end = t.answeredAt ?? t.closedAt;
  return end !== null && end - t.createdAt > limitMs;
}

/** A duration rounded to the millisecond (interpolation leaves float noise such as …000.00000001). */
function wholeMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}

/** The figures of some questions and tickets (already narrowed to one channel or unit, or not). */
export function figuresOf(questions: readonly ReportQuestionRow[], tickets: readonly ReportTicketRow[], s: Scope): ReportFigures {
  let answeredAutomatically = 0;
  let escalated = 0;
  let helpful = 0;
  let unhelpful = 0;
  const officials = new Set<string>();
  for (const q of questions) {
    officials.add(`${q.channel}\u0000${q.userId}`);
    if (q.ticketId !== null) escalated++;
    else if (q.answered && q.source !== 'none') answeredAutomatically++;
    if (q.feedback === 'helpful') helpful++;
    else if (q.feedback === 'unhelpful') unhelpful++;
  }
  const created = tickets.filter((t) => within(t.createdAt, s));
  const answered = tickets.filter((t) => within(t.answeredAt, s));
  const durations = answered.map((t) => Math.max(0, (t.answeredAt ?? t.createdAt) - t.createdAt));
  const waiting = tickets.filter((t) => isWaiting(t) && t.createdAt < s.to);
  const slaScope = tickets.filter((t) => within(t.createdAt, s) || (isWaiting(t) && t.createdAt < s.to));
  return {
    questions: questions.length,
    officials: officials.size,
    answeredAutomatically,
    autoShare: ratio(answeredAutomatically, questions.length),
    escalated,
    escalationRate: ratio(escalated, questions.length),
    ticketsCreated: created.length,
    staffAnswered: answered.length,
    medianAnswerMs: wholeMs(median(durations)),
    p90AnswerMs: wholeMs(percentile(durations, 0.9)),
    slaBreaches: slaScope.filter((t) => isSlaBreach(t, s.limitMs, s.now)).length,
    waitingTickets: waiting.length,
    helpful,
    unhelpful,
  };
}

/** Keeps the questions of the period (and of its channel and unit, when set); chat messages are not questions. */
function questionsIn(rows: readonly ReportQuestionRow[], p: ReportPeriod): ReportQuestionRow[] {
  return rows.filter((q) => !q.chat && q.createdAt >= p.from && q.createdAt < p.to
    && (p.channel === undefined || q.channel === p.channel)
    && (p.unitId === undefined || (q.unitId ?? null) === p.unitId));
}

/** Keeps the tickets the report looks at: created or answered in the period, or still waiting. */
function ticketsIn(rows: readonly ReportTicketRow[], p: ReportPeriod): ReportTicketRow[] {
  return rows.filter((t) => (within(t.createdAt, p) || within(t.answeredAt, p) || (isWaiting(t) && t.createdAt < p.to))
    && (p.channel === undefined || t.channel === p.channel)
    && (p.unitId === undefined || (t.unitId ?? null) === p.unitId));
}

/** Channel rows: the period's channel only, else every known channel plus any other found in the data. */
function channelBreakdown(qs: readonly ReportQuestionRow[], ts: readonly ReportTicketRow[], p: ReportPeriod, s: Scope): BreakdownRow[] {
  const keys: string[] = p.channel ? [p.channel] : [...REPORT_CHANNELS];
  for (const c of [...qs.map((q) => q.channel), ...ts.map((t) => t.channel)].sort()) if (!keys.includes(c)) keys.push(c);
  return keys.map((key) => ({
    key,
    label: channelName(key),
    figures: figuresOf(qs.filter((q) => q.channel === key), ts.filter((t) => t.channel === key), s),
  }));
}

/**
 * Unit rows: the period's unit only, else every listed unit in list order, then unit ids found in the
 * data but no longer listed, then "Chưa chọn đơn vị" (key '').
 */
function unitBreakdown(qs: readonly ReportQuestionRow[], ts: readonly ReportTicketRow[], p: ReportPeriod, units: readonly ReportUnit[], s: Scope): BreakdownRow[] {
  const names = new Map(units.map((u) => [u.id, u.name]));
  let keys: string[];
  if (p.unitId !== undefined) {
    keys = [p.unitId ?? ''];
  } else {
    const found = new Set([...qs.map((q) => q.unitId), ...ts.map((t) => t.unitId)].filter((u): u is string => !!u && !names.has(u)));
    keys = [...units.map((u) => u.id), ...[...found].sort(), ''];
  }
  return keys.map((key) => ({
    key,
    label: key === '' ? rt('unit.none') : names.get(key) ?? rt('unit.unknown', { id: key }),
    figures: figuresOf(qs.filter((q) => (q.unitId ?? '') === key), ts.filter((t) => (t.unitId ?? '') === key), s),
  }));
}

/** Questions, automatic answers and escalations per day of the period (Vietnam time), zero days included. */
function dailySeries(qs: readonly ReportQuestionRow[], p: ReportPeriod): DailyPoint[] {
  const points = new Map(daysOf(p.from, p.to).map((day) => [day, { day, questions: 0, answeredAutomatically: 0, escalated: 0 }]));
  for (const q of qs) {
    const point = points.get(dayKey(q.createdAt));
    if (!point) continue;
    point.questions++;
    if (q.ticketId !== null) point.escalated++;
    else if (q.answered && q.source !== 'none') point.answeredAutomatically++;
  }
  return [...points.values()];
}

/**
 * Builds the report of a period from the rows a {@link ReportStore} returned. Rows outside the period,
 * channel or unit are ignored, so over-fetching is harmless. Use it for the console page, the downloads
 * and the CLI alike; it does not read the database or the clock.
 *
 * @example
 * const period = { from: Date.UTC(2025, 11, 31, 17), to: Date.UTC(2026, 0, 31, 17) };
 * const report = buildReport(await store.reportQuestions(period), await store.reportTickets(period),
 *   { period, units, remindMinutes: 60, now: Date.now() });
 * report.totals.autoShare; // e.g. 0.82
 */
export function buildReport(rows: readonly ReportQuestionRow[], tickets: readonly ReportTicketRow[], o: BuildReportOptions): Report {
  const p = o.period;
  const s: Scope = { from: p.from, to: p.to, limitMs: o.remindMinutes * 60_000, now: o.now };
  const qs = questionsIn(rows, p);
  const ts = ticketsIn(tickets, p);
  return {
    period: { ...p },
    generatedAt: o.now,
    remindMinutes: o.remindMinutes,
    totals: figuresOf(qs, ts, s),
    byChannel: channelBreakdown(qs, ts, p, s),
    byUnit: unitBreakdown(qs, ts, p, o.units, s),
    topics: topTopics(qs, o.topicLimit ?? 15),
    gaps: topGaps(qs, o.gapLimit ?? 20),
    daily: dailySeries(qs, p),
  };
}
