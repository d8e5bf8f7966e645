/**
 * The programme report in the admin console: `GET <path>` (HTML page, or `?format=csv|xlsx` downloads of
 * the same tables) and `GET <path>/report.css` (the page's extra styles), `path` being `/reports` by
 * default. Mount the router behind the admin guards; it does no authentication itself.
 */
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import {
  CSV_CONTENT_TYPE, MAX_PERIOD_DAYS, REPORT_CHANNELS, XLSX_CONTENT_TYPE, buildReport, defaultDates, periodFromDates,
  reportFileName, reportTables, rt, toCsv, toXlsx,
} from '../../reports/index.js';
import type { ReportPeriod, ReportStore, ReportUnit } from '../../reports/index.js';
import { staffOf } from './auth.js';
import type { LayoutUser } from './views/layout.js';
import { NO_UNIT, reportPage } from './views/reports.js';
import type { ReportFrame, ReportQueryValues } from './views/reports.js';

/** Options of {@link createReportRouter}. */
export interface ReportRoutesOptions {
  /** Where the rows come from (an `AppStore` fits). */
  store: ReportStore;
  /** The unit list (`knowledge/units.yaml`), or a function returning the current one. */
  units: readonly ReportUnit[] | (() => readonly ReportUnit[]);
  /** The SLA limit in minutes (ESCALATION_REMIND_MINUTES). */
  remindMinutes: number;
  /**
   * Where the page sits below the mount point. Default `/reports` (mount the router at `/admin`); pass ''
   * when the router itself is mounted at `/admin/reports` (an admin console section).
   */
  path?: string;
  /** Wraps the page body into a document. Default: the staff console layout. */
  frame?: ReportFrame;
  /** Clock for "now" and the default period. Default `Date.now`. */
  now?: () => number;
  logger?: Logger;
}

const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Extra styles of the report page (tables that scroll sideways, charts, screen-reader-only text). */
export const REPORT_CSS = `.filters input[type="date"] {
  width: 100%; font: inherit; color: inherit; background: var(--bg);
  border: 1px solid var(--border); border-radius: var(--radius); padding: 0.6rem 0.7rem; min-height: 2.75rem;
}
.report-section h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
.table-scroll { overflow-x: auto; max-width: 100%; margin: 0.5rem 0 1.25rem; border: 1px solid var(--border); border-radius: var(--radius); }
.table-scroll:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.report-table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
.report-table th, .report-table td { padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; overflow-wrap: normal; }
.report-table thead th { background: var(--panel); vertical-align: bottom; min-width: 7rem; }
.report-table thead th:first-child { min-width: 12rem; }
.report-table tbody th { font-weight: 600; min-width: 12rem; }
.report-table td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report-chart { margin: 0 0 1.5rem; max-width: 48rem; }
.report-chart figcaption { font-weight: 600; margin-bottom: 0.25rem; }
.report-chart svg { display: block; width: 100%; height: auto; }
.report-notes { padding-left: 1.25rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

/** A single string query parameter ('' when absent or repeated). */
function queryString(req: Request, name: string): string {
  const v: unknown = req.query[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** The picker's values from the query: defaults for missing dates, unknown channels and units dropped. */
export function readReportQuery(req: Request, now: number): ReportQueryValues {
  const defaults = defaultDates(now);
  const from = queryString(req, 'from');
  const to = queryString(req, 'to');
  const channel = queryString(req, 'channel');
  const unit = queryString(req, 'unit');
  return {
    from: from === '' ? defaults.from : from.slice(0, 10),
    to: to === '' ? defaults.to : to.slice(0, 10),
    channel: (REPORT_CHANNELS as readonly string[]).includes(channel) ? channel : undefined,
    unit: unit === NO_UNIT || UNIT_ID.test(unit) ? unit : undefined,
  };
}

function layoutUser(res: Response): LayoutUser | undefined {
  const staff = staffOf(res);
  return staff ? { name: staff.actor.name, csrfToken: staff.session.csrfToken } : undefined;
}

/**
 * Builds the report router. `GET /reports?from=yyyy-mm-dd&to=yyyy-mm-dd&channel=&unit=&format=html|csv|xlsx`
 * (dates inclusive, Vietnam time; default the last 30 days; `unit=_none` = no unit chosen) and
 * `GET /reports/report.css` (relative to the mount point, with the default `path`). Invalid dates give the
 * page with the picker and a 400. Every answer is `Cache-Control: no-store`.
 *
 * @example
 * // Behind guards that set `res.locals.staff` (see StaffAuth.loadSession) and admit admins only:
 * app.use('/admin', adminGuards, createReportRouter({ store, units, remindMinutes: config.escalationRemindMinutes, logger }));
 * // Or as an admin console section mounted at /admin/reports, in the admin frame:
 * createReportRouter({ store, units, remindMinutes, path: '', frame: (p) => adminLayout({ ...p, current: '/admin/reports' }) });
 */
export function createReportRouter(o: ReportRoutesOptions): Router {
  const now = o.now ?? Date.now;
  const logger = o.logger ?? silentLogger;
  const unitsOf = typeof o.units === 'function' ? o.units : () => o.units as readonly ReportUnit[];
  const path = o.path ?? '/reports';
  const router = express.Router();

  router.get(`${path}/report.css`, (_req, res) => {
    res.set('Cache-Control', 'no-store').type('text/css').send(REPORT_CSS);
  });

  router.get(path || '/', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const at = now();
    const values = readReportQuery(req, at);
    const units = unitsOf();
    const selfPath = `${req.baseUrl}${path}`;
    const range = DATE.test(values.from) && DATE.test(values.to) ? periodFromDates(values.from, values.to) : { problem: 'format' as const };
    if ('problem' in range) {
      const text = range.problem === 'tooLong' ? rt('page.error.tooLong', { days: MAX_PERIOD_DAYS }) : rt(`page.error.${range.problem}`);
      res.status(400).type('html').send(reportPage({ user: layoutUser(res), selfPath, values, units, flash: { kind: 'error', text } }, o.frame));
      return;
    }
    const period: ReportPeriod = { ...range };
    if (values.channel) period.channel = values.channel as ReportPeriod['channel'];
    if (values.unit) period.unitId = values.unit === NO_UNIT ? null : values.unit;
    const [questions, tickets] = await Promise.all([o.store.reportQuestions(period), o.store.reportTickets(period)]);
    const report = buildReport(questions, tickets, { period, units, remindMinutes: o.remindMinutes, now: at });
    const tables = reportTables(report);
    const format = queryString(req, 'format');
    logger.info({ staff: staffOf(res)?.actor.id, from: values.from, to: values.to, format: format || 'html' }, 'admin console: report viewed');
    if (format === 'csv' || format === 'xlsx') {
      res.attachment(reportFileName(report, format));
      if (format === 'csv') res.type(CSV_CONTENT_TYPE).send(toCsv(tables));
      else res.type(XLSX_CONTENT_TYPE).send(await toXlsx(tables, { title: rt('report.title'), created: new Date(at) }));
      return;
    }
    res.type('html').send(reportPage({ user: layoutUser(res), selfPath, values, units, report, tables }, o.frame));
  });

  return router;
}
