/**
 * Programme reports (Đề án 4599): the figures of a period computed from stored questions and tickets,
 * their tables, inline SVG charts, and CSV / XLSX exports. Storage implements {@link ReportStore};
 * the console page (`http/staff/report-routes.ts`) and the `report` CLI command use the rest.
 */
export type { ReportPeriod, ReportUnit, ReportDoc, ReportQuestionRow, ReportTicketRow, ReportStore } from './ports.js';
export type { Report, ReportFigures, BreakdownRow, TopicRow, GapRow, DailyPoint } from './report-types.js';
export { buildReport, figuresOf, isSlaBreach, REPORT_CHANNELS } from './report-service.js';
export type { BuildReportOptions } from './report-service.js';
export { reportTables, reportFileName, FIGURE_COLUMNS, percent, minutes } from './report-tables.js';
export type { ReportTable, ReportTableId, ReportCell } from './report-tables.js';
export { toCsv, toXlsx, csvField, CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from './export.js';
export { barChart, lineChart, escapeXml, formatNumberVi } from './svg-charts.js';
export type { BarChartOptions, BarDatum, LineChartOptions, LineSeries } from './svg-charts.js';
export { periodFromDates, defaultDates, dayKey, dayStart, daysOf, displayDay, displayTime, MAX_PERIOD_DAYS, VIETNAM_OFFSET_MS, DAY_MS } from './period.js';
export type { PeriodDateProblem } from './period.js';
export { percentile, median, ratio } from './stats.js';
export { questionKey, topicPhrases, topTopics, topGaps } from './topics.js';
export { rt, channelName, REPORT_VI } from './report-texts-vi.js';
export type { ReportTextKey } from './report-texts-vi.js';
export { reportQuestionFromRaw, reportTicketFromRaw, citedDocs } from './report-rows.js';
export type { RawReportQuestion, RawReportTicket } from './report-rows.js';
export { trainedFigure, trainedTables, trainedTarget, yearPeriod, readTrainedFigure } from './trained-figure.js';
export type { TrainedFigure, TrainedFigureInput, TrainedRow, TrainedStatus } from './trained-figure.js';
