/**
 * The programme report page (`/admin/reports`): the period picker, links to the CSV and XLSX downloads,
 * the summary, charts and tables. Without a report (invalid dates) it shows the picker and the error.
 */
import { REPORT_CHANNELS, channelName, rt } from '../../../reports/index.js';
import type { Report, ReportTable, ReportUnit } from '../../../reports/index.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { layout } from './layout.js';
import type { Flash, LayoutUser, PageOptions } from './layout.js';
import { chartsSection, summarySection, tableSection } from './report-sections.js';

/** The `unit` query value meaning "officials who chose no unit" (unit ids cannot contain `_`). */
export const NO_UNIT = '_none';

/** The picker's values as they appear in the query string. */
export interface ReportQueryValues {
  /** `yyyy-mm-dd`, inclusive. */
  from: string;
  /** `yyyy-mm-dd`, inclusive. */
  to: string;
  /** A channel name, or absent for all. */
  channel?: string;
  /** A unit id, {@link NO_UNIT}, or absent for all. */
  unit?: string;
}

/** What the report page shows. */
export interface ReportPageView {
  user?: LayoutUser;
  /** The page's own path (e.g. `/admin/reports`): the form's action and the downloads' base. */
  selfPath: string;
  values: ReportQueryValues;
  units: readonly ReportUnit[];
  /** Absent when the picker's values were refused (see `flash`). */
  report?: Report;
  tables?: ReportTable[];
  flash?: Flash;
}

/**
 * What wraps the report body into a document: the staff console's `layout` by default; the admin console
 * passes its own frame (its navigation and logout form point at `/admin`).
 */
export type ReportFrame = (page: Pick<PageOptions, 'title' | 'body' | 'user' | 'flash'>) => string;

/** The page's URL with the picker's values (and a download format). */
export function reportUrl(selfPath: string, v: ReportQueryValues, format?: 'csv' | 'xlsx'): string {
  const q = new URLSearchParams({ from: v.from, to: v.to });
  if (v.channel) q.set('channel', v.channel);
  if (v.unit) q.set('unit', v.unit);
  if (format) q.set('format', format);
  return `${selfPath}?${q.toString()}`;
}

function option(value: string, label: string, selected: boolean): SafeHtml {
  return selected ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;
}

function picker(v: ReportPageView): SafeHtml {
  const { values } = v;
  return html`<form method="get" action="${v.selfPath}" class="filters" aria-label="${rt('page.filter')}">
      <div class="field">
        <label for="r-from">${rt('page.from')}</label>
        <input type="date" id="r-from" name="from" value="${values.from}" required>
      </div>
      <div class="field">
        <label for="r-to">${rt('page.to')}</label>
        <input type="date" id="r-to" name="to" value="${values.to}" required>
      </div>
      <div class="field">
        <label for="r-channel">${rt('page.channel')}</label>
        <select id="r-channel" name="channel">
          ${option('', rt('filter.allChannels'), !values.channel)}
          ${REPORT_CHANNELS.map((c) => option(c, channelName(c), c === values.channel))}
        </select>
      </div>
      <div class="field">
        <label for="r-unit">${rt('page.unit')}</label>
        <select id="r-unit" name="unit">
          ${option('', rt('filter.allUnits'), !values.unit)}
          ${v.units.map((u) => option(u.id, u.name, u.id === values.unit))}
          ${option(NO_UNIT, rt('unit.none'), values.unit === NO_UNIT)}
        </select>
      </div>
      <button type="submit" class="button primary">${rt('page.submit')}</button>
    </form>`;
}

function downloads(v: ReportPageView): SafeHtml {
  return html`<nav class="actions" aria-label="${rt('page.downloads')}">
      <a class="button" href="${reportUrl(v.selfPath, v.values, 'csv')}" download>${rt('page.csv')}</a>
      <a class="button" href="${reportUrl(v.selfPath, v.values, 'xlsx')}" download>${rt('page.xlsx')}</a>
    </nav>`;
}

/**
 * The whole report page as an HTML document, framed by `frame` (default: the staff console layout). Its
 * extra stylesheet (`<selfPath>/report.css`, served by the report router) is linked from the body, which
 * HTML allows for stylesheets, so any frame works.
 */
export function reportPage(v: ReportPageView, frame: ReportFrame = layout): string {
  const r = v.report;
  const tables = v.tables ?? [];
  const body = html`<link rel="stylesheet" href="${`${v.selfPath}/report.css`}">
    <p class="hint">${rt('page.intro')}</p>
    ${picker(v)}
    ${r ? html`
      ${downloads(v)}
      ${tables[0] ? summarySection(tables[0], r.remindMinutes) : ''}
      ${chartsSection(r)}
      <section aria-labelledby="h-tables"><h2 id="h-tables">${rt('page.tables')}</h2>${tables.slice(1).map(tableSection)}</section>` : ''}`;
  return frame({ title: rt('page.title'), body, user: v.user, flash: v.flash });
}
