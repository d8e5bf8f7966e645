/**
 * The tables of a report, as plain data: the console page, the CSV and the XLSX export all render these,
 * so the downloads always hold exactly what the page shows.
 */
import { dayKey, displayDay, displayTime } from './period.js';
import { channelName, rt } from './report-texts-vi.js';
import type { ReportTextKey } from './report-texts-vi.js';
import type { BreakdownRow, Report, ReportFigures } from './report-types.js';

/** A cell: text, a number (counts exact; percentages and minutes rounded to one decimal), or empty (no data). */
export type ReportCell = string | number | null;

/** Which table; also the order they appear in. */
export type ReportTableId = 'summary' | 'byChannel' | 'byUnit' | 'topics' | 'gaps' | 'daily' | 'trained' | 'trainedOfficials';

/** One table of a report: a title (also the XLSX sheet name), column headings and rows. */
export interface ReportTable {
  id: ReportTableId;
  title: string;
  columns: string[];
  rows: ReportCell[][];
}

/** A share (0–1) as a percentage with one decimal, or null. */
export function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** A duration in ms as minutes with one decimal, or null. */
export function minutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6000) / 10;
}

/** The figures, in the order every table and the page show them, with their headings. */
export const FIGURE_COLUMNS: ReadonlyArray<{ key: ReportTextKey; value: (f: ReportFigures) => ReportCell }> = [
  { key: 'fig.questions', value: (f) => f.questions },
  { key: 'fig.officials', value: (f) => f.officials },
  { key: 'fig.answeredAutomatically', value: (f) => f.answeredAutomatically },
  { key: 'fig.autoShare', value: (f) => percent(f.autoShare) },
  { key: 'fig.escalated', value: (f) => f.escalated },
  { key: 'fig.escalationRate', value: (f) => percent(f.escalationRate) },
  { key: 'fig.ticketsCreated', value: (f) => f.ticketsCreated },
  { key: 'fig.staffAnswered', value: (f) => f.staffAnswered },
  { key: 'fig.medianAnswer', value: (f) => minutes(f.medianAnswerMs) },
  { key: 'fig.p90Answer', value: (f) => minutes(f.p90AnswerMs) },
  { key: 'fig.slaBreaches', value: (f) => f.slaBreaches },
  { key: 'fig.waitingTickets', value: (f) => f.waitingTickets },
  { key: 'fig.helpful', value: (f) => f.helpful },
  { key: 'fig.unhelpful', value: (f) => f.unhelpful },
];

function summaryTable(r: Report): ReportTable {
  const p = r.period;
  const unit = p.unitId === undefined ? rt('filter.allUnits') : r.byUnit[0]?.label ?? String(p.unitId);
  const rows: ReportCell[][] = [
    [rt('summary.from'), displayDay(dayKey(p.from))],
    [rt('summary.to'), displayDay(dayKey(p.to - 1))],
    [rt('summary.channel'), p.channel ? channelName(p.channel) : rt('filter.allChannels')],
    [rt('summary.unit'), unit],
    ...FIGURE_COLUMNS.map((c) => [rt(c.key), c.value(r.totals)]),
    [rt('summary.remindMinutes'), r.remindMinutes],
    [rt('summary.generatedAt'), displayTime(r.generatedAt)],
  ];
  return { id: 'summary', title: rt('table.summary'), columns: [rt('col.metric'), rt('col.value')], rows };
}

function breakdownTable(id: 'byChannel' | 'byUnit', rows: readonly BreakdownRow[]): ReportTable {
  return {
    id,
    title: rt(id === 'byChannel' ? 'table.byChannel' : 'table.byUnit'),
    columns: [rt(id === 'byChannel' ? 'col.channel' : 'col.unit'), ...FIGURE_COLUMNS.map((c) => rt(c.key))],
    rows: rows.map((row) => [row.label, ...FIGURE_COLUMNS.map((c) => c.value(row.figures))]),
  };
}

/**
 * Every table of the report, in page order: Tổng hợp, Theo kênh, Theo đơn vị, Chủ đề, Câu hỏi chưa trả
 * lời, Theo ngày. Titles are at most 31 characters (the XLSX sheet-name limit).
 */
export function reportTables(r: Report): ReportTable[] {
  return [
    summaryTable(r),
    breakdownTable('byChannel', r.byChannel),
    breakdownTable('byUnit', r.byUnit),
    {
      id: 'topics',
      title: rt('table.topics'),
      columns: [rt('col.rank'), rt('col.kind'), rt('col.topic'), rt('col.questionCount')],
      rows: r.topics.map((t, i) => [i + 1, rt(t.kind === 'document' ? 'topic.document' : 'topic.word'), t.label, t.count]),
    },
    {
      id: 'gaps',
      title: rt('table.gaps'),
      columns: [rt('col.rank'), rt('col.question'), rt('col.times'), rt('col.lastAsked')],
      rows: r.gaps.map((g, i) => [i + 1, g.text, g.count, displayTime(g.lastAskedAt)]),
    },
    {
      id: 'daily',
      title: rt('table.daily'),
      columns: [rt('col.day'), rt('series.questions'), rt('series.answeredAutomatically'), rt('series.escalated')],
      rows: r.daily.map((d) => [displayDay(d.day), d.questions, d.answeredAutomatically, d.escalated]),
    },
  ];
}

/** A file name for the report's downloads: `bao-cao-cchc_2026-01-01_2026-12-31.<ext>` (ASCII only). */
export function reportFileName(r: Report, ext: 'csv' | 'xlsx'): string {
  return `bao-cao-cchc_${dayKey(r.period.from)}_${dayKey(r.period.to - 1)}.${ext}`;
}
