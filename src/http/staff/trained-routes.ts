/**
 * The trained-officials figure in the admin console: `GET <mount>?year=YYYY` (HTML page with a chart and
 * the tables) and `?format=csv|xlsx` (the same tables as downloads). Mount it behind the admin guards.
 */
import express from 'express';
import type { Request, Router } from 'express';
import {
  CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, VIETNAM_OFFSET_MS, barChart, readTrainedFigure, rt, toCsv, toXlsx, trainedTables,
} from '../../reports/index.js';
import type { ReportUnit } from '../../reports/index.js';
import type { RosterStore } from '../../training/index.js';
import { html, raw } from './html.js';
import { tableSection } from './views/report-sections.js';
import type { ReportFrame } from './views/reports.js';

/** Options of {@link createTrainedRouter}. */
export interface TrainedRoutesOptions {
  store: RosterStore;
  units: readonly ReportUnit[];
  /** Course titles by id (the live index's courses). */
  courseTitle: (id: string) => string;
  frame: ReportFrame;
  /** The report page's stylesheet (served by the report router, e.g. `/admin/reports/report.css`). */
  cssHref: string;
  /** Clock for the default year. Default `Date.now`. */
  now?: () => number;
}

function yearOf(req: Request, now: number): number {
  const v = typeof req.query.year === 'string' ? Number(req.query.year) : NaN;
  return Number.isInteger(v) && v >= 2022 && v <= 2100 ? v : new Date(now + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** Builds the router of the trained-officials page (mounted at e.g. `/admin/trained`). */
export function createTrainedRouter(o: TrainedRoutesOptions): Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const now = (o.now ?? Date.now)();
    const year = yearOf(req, now);
    const figure = await readTrainedFigure(o.store, year, o.units);
    const tables = trainedTables(figure, o.courseTitle);
    const format = typeof req.query.format === 'string' ? req.query.format : '';
    if (format === 'csv' || format === 'xlsx') {
      res.attachment(`can-bo-duoc-boi-duong-${year}.${format}`);
      if (format === 'csv') res.type(CSV_CONTENT_TYPE).send(toCsv(tables));
      else res.type(XLSX_CONTENT_TYPE).send(await toXlsx(tables, { title: tables[0].title, created: new Date(now) }));
      return;
    }
    const rows = [...figure.units, figure.province];
    const chart = barChart({
      id: 'trained', title: rt('trained.chartTitle'), desc: rt('trained.chartDesc', { year, target: figure.target }), max: 100,
      bars: rows.filter((r) => r.share !== null).map((r) => ({ label: r.unitName, value: r.share ?? 0 })),
    });
    const base = req.baseUrl;
    const body = html`<link rel="stylesheet" href="${o.cssHref}">
      <p class="hint">${rt('trained.note')}</p>
      <form method="get" action="${base}" class="filters"><label>${rt('trained.year')} <input type="number" name="year" min="2022" max="2100" value="${String(year)}"></label> <button type="submit">${rt('trained.show')}</button></form>
      ${figure.province.rostered === 0 ? html`<p class="empty">${rt('trained.noRoster')}</p>` : ''}
      <p><a href="${`${base}?year=${year}&format=csv`}">${rt('page.csv')}</a> · <a href="${`${base}?year=${year}&format=xlsx`}">${rt('page.xlsx')}</a></p>
      <figure class="report-chart">${raw(chart)}</figure>
      ${tables.map(tableSection)}`;
    res.type('html').send(o.frame({ title: rt('trained.pageTitle'), body }));
  });
  return router;
}
