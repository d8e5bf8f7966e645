/**
 * The body of the report page: key figures, inline SVG charts and the report's tables (the same tables
 * the CSV and XLSX downloads hold). Charts are built by `reports/svg-charts.ts`, which escapes every text
 * itself, so their markup is inserted with {@link raw}.
 */
import { barChart, displayDay, formatNumberVi, lineChart, rt } from '../../../reports/index.js';
import type { BarChartOptions, BarDatum, BreakdownRow, Report, ReportCell, ReportTable } from '../../../reports/index.js';
import { html, raw } from '../html.js';
import type { SafeHtml } from '../html.js';

/** A cell as the page shows it: numbers in Vietnamese format, "no data" as a dash with a spoken label. */
function cell(value: ReportCell): SafeHtml {
  if (value === null) return html`<td class="num"><span aria-hidden="true">—</span><span class="visually-hidden">${rt('page.noData')}</span></td>`;
  if (typeof value === 'number') return html`<td class="num">${formatNumberVi(value)}</td>`;
  return html`<td>${value}</td>`;
}

/** One table in a keyboard-scrollable region (wide tables scroll sideways on a phone). */
export function tableSection(t: ReportTable): SafeHtml {
  const id = `table-${t.id}`;
  const body = t.rows.length === 0
    ? html`<p class="empty">${rt('page.emptyTable')}</p>`
    : html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0">
        <table class="report-table">
          <thead><tr>${t.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
          <tbody>${t.rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 && typeof c === 'string' ? html`<th scope="row">${c}</th>` : cell(c)))}</tr>`)}</tbody>
        </table>
      </div>`;
  return html`<section class="report-section"><h3 id="${id}">${t.title}</h3>${body}</section>`;
}

/** "Zalo: 5; Telegram: 2" for a chart description. */
function listOf(rows: ReadonlyArray<{ label: string; value: number }>, suffix = ''): string {
  return rows.map((r) => `${r.label}: ${formatNumberVi(r.value)}${suffix}`).join('; ');
}

/** A chart with its title shown above it (the SVG's own title and description are for screen readers). */
function figure(caption: string, svg: string): SafeHtml {
  return html`<figure class="report-chart"><figcaption aria-hidden="true">${caption}</figcaption>${raw(svg)}</figure>`;
}

function withQuestions(rows: readonly BreakdownRow[]): BreakdownRow[] {
  return rows.filter((r) => r.figures.questions > 0);
}

/** The four charts: questions per day, questions per channel and per unit, automatic answers per channel. */
export function chartsSection(r: Report): SafeHtml {
  const first = r.daily[0]?.day ?? '';
  const last = r.daily[r.daily.length - 1]?.day ?? '';
  const daily = lineChart({
    id: 'chart-daily',
    title: rt('chart.daily.title'),
    desc: rt('chart.daily.desc', { from: displayDay(first), to: displayDay(last), questions: formatNumberVi(r.totals.questions), auto: formatNumberVi(r.totals.answeredAutomatically) }),
    labels: r.daily.map((d) => displayDay(d.day).slice(0, 5)),
    series: [
      { name: rt('series.questions'), values: r.daily.map((d) => d.questions) },
      { name: rt('series.answeredAutomatically'), values: r.daily.map((d) => d.answeredAutomatically) },
    ],
  });
  const channels = withQuestions(r.byChannel).map((b) => ({ label: b.label, value: b.figures.questions }));
  const units = withQuestions(r.byUnit).map((b) => ({ label: b.label, value: b.figures.questions }));
  const auto = withQuestions(r.byChannel).map((b) => ({ label: b.label, value: Math.round((b.figures.autoShare ?? 0) * 1000) / 10 }));
  const bars = (id: string, title: string, desc: string, data: BarDatum[], extra: Partial<BarChartOptions> = {}) =>
    figure(title, barChart({ id, title, desc, bars: data, emptyText: rt('chart.noData'), ...extra }));
  return html`<section aria-labelledby="h-charts"><h2 id="h-charts">${rt('page.charts')}</h2>
      ${figure(rt('chart.daily.title'), daily)}
      ${bars('chart-channel', rt('chart.channel.title'), rt('chart.channel.desc', { list: listOf(channels) }), channels)}
      ${bars('chart-unit', rt('chart.unit.title'), rt('chart.unit.desc', { list: listOf(units) }), units)}
      ${bars('chart-auto', rt('chart.auto.title'), rt('chart.auto.desc', { list: listOf(auto, '%') }), auto,
        { max: 100, format: (v) => `${formatNumberVi(v)}%` })}
    </section>`;
}

/** The summary table ("Tổng hợp") as a definition list at the top of the page, with notes on the figures. */
export function summarySection(summary: ReportTable, remindMinutes: number): SafeHtml {
  const value = (v: ReportCell) => (v === null ? rt('page.noData') : typeof v === 'number' ? formatNumberVi(v) : v);
  return html`<section aria-labelledby="table-summary"><h2 id="table-summary">${summary.title}</h2>
      <dl class="facts">${summary.rows.map(([label, v]) => html`<dt>${String(label)}</dt><dd>${value(v)}</dd>`)}</dl>
      <ul class="hint report-notes">
        <li>${rt('page.note.auto')}</li>
        <li>${rt('page.note.sla', { minutes: remindMinutes })}</li>
        <li>${rt('page.note.p90')}</li>
      </ul>
    </section>`;
}
