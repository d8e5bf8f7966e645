/**
 * Inline SVG charts for the report page, drawn without any library: a horizontal bar chart and a line
 * chart. Each returns a complete `<svg>` string that is safe to insert into HTML as is: every text is
 * escaped here.
 *
 * Accessibility: the root has `role="img"` and `aria-labelledby` pointing at its `<title>` and `<desc>`;
 * the description should state the figures in words (the page also shows them as tables). Labels and
 * values are drawn as text, and line series differ by dash pattern as well as colour. Colours are SVG
 * presentation attributes, not `style` (the console's CSP forbids inline styles).
 */

/** One bar: its label and value. */
export interface BarDatum {
  label: string;
  value: number;
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  /** Prefix of the element ids (letters, digits and `-`); must be unique on the page. */
  id: string;
  title: string;
  /** What the chart shows, in words, with its figures (read by screen readers). */
  desc: string;
  bars: readonly BarDatum[];
  /** How values are written. Default: Vietnamese number format, at most one decimal. */
  format?: (value: number) => string;
  /** Value of a full-width bar. Default: the largest value (100 suits percentages). */
  max?: number;
  /** viewBox width. Default 640. */
  width?: number;
  /** Shown instead of bars when `bars` is empty. Default "Không có dữ liệu". */
  emptyText?: string;
}

/** One line of a line chart: a name for the legend and one value per label. */
export interface LineSeries {
  name: string;
  values: readonly number[];
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /** Prefix of the element ids (letters, digits and `-`); must be unique on the page. */
  id: string;
  title: string;
  desc: string;
  /** The x-axis labels (e.g. days), one per value. At most about six are drawn. */
  labels: readonly string[];
  series: readonly LineSeries[];
  format?: (value: number) => string;
  /** viewBox width and height. Default 640 × 280. */
  width?: number;
  height?: number;
}

const COLORS = ['#0b4f8a', '#b3400f', '#14532d'];
const DASHES = ['', '6 4', '2 3'];
const TEXT = '#1b1b1b';
const MUTED = '#4a4a4a';
const GRID = '#c7ced6';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for SVG/XML element content and quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

const NUMBER_VI = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A number in Vietnamese format ("1.234,5"). */
export function formatNumberVi(value: number): string {
  return NUMBER_VI.format(value);
}

/** A coordinate rounded to one decimal. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, '-');
}

function open(id: string, width: number, height: number, title: string, desc: string): string {
  const i = safeId(id);
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${i}-title ${i}-desc" `
    + `viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="${FONT}" font-size="13" class="chart">`
    + `<title id="${i}-title">${escapeXml(title)}</title><desc id="${i}-desc">${escapeXml(desc)}</desc>`;
}

/**
 * A horizontal bar chart: each bar has its label above it and its value after it, so long Vietnamese
 * unit names fit. Negative values are drawn as empty bars.
 *
 * @example
 * barChart({ id: 'by-channel', title: 'Số câu hỏi theo kênh', desc: 'Zalo: 12; Telegram: 5.',
 *   bars: [{ label: 'Zalo', value: 12 }, { label: 'Telegram', value: 5 }] });
 */
export function barChart(o: BarChartOptions): string {
  const width = o.width ?? 640;
  const format = o.format ?? formatNumberVi;
  const row = 44;
  const pad = 8;
  const valueSpace = 72;
  if (o.bars.length === 0) {
    return `${open(o.id, width, 40, o.title, o.desc)}<text x="${pad}" y="24" fill="${MUTED}">${escapeXml(o.emptyText ?? 'Không có dữ liệu')}</text></svg>`;
  }
  const max = Math.max(o.max ?? 0, ...o.bars.map((b) => b.value), 0) || 1;
  const barMax = width - 2 * pad - valueSpace;
  const height = pad * 2 + o.bars.length * row;
  const parts = o.bars.map((b, i) => {
    const y = pad + i * row;
    const w = Math.max(0, (b.value / max) * barMax);
    const value = escapeXml(format(b.value));
    return `<g><title>${escapeXml(b.label)}: ${value}</title>`
      + `<text x="${pad}" y="${n(y + 14)}" fill="${TEXT}">${escapeXml(b.label)}</text>`
      + `<rect x="${pad}" y="${n(y + 20)}" width="${n(Math.max(w, 1))}" height="16" fill="${COLORS[0]}" rx="2"/>`
      + `<text x="${n(pad + w + 6)}" y="${n(y + 33)}" fill="${TEXT}" font-weight="600">${value}</text></g>`;
  });
  return `${open(o.id, width, height, o.title, o.desc)}${parts.join('')}</svg>`;
}

/** A "nice" axis step (1, 2 or 5 × 10^k) at least `raw`. */
function niceStep(raw: number): number {
  if (raw <= 0) return 1;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return Math.max(m * pow, 1);
  return 10 * pow;
}

/**
 * A line chart of one or more series over shared labels, with a legend, four horizontal grid lines and
 * (up to 62 points) a marker per point whose tooltip gives the exact value.
 *
 * @example
 * lineChart({ id: 'daily', title: 'Số câu hỏi theo ngày', desc: '…', labels: ['01/01', '02/01'],
 *   series: [{ name: 'Số câu hỏi', values: [3, 5] }, { name: 'Trả lời tự động', values: [2, 4] }] });
 */
export function lineChart(o: LineChartOptions): string {
  const width = o.width ?? 640;
  const height = o.height ?? 280;
  const format = o.format ?? formatNumberVi;
  const [left, right, top, bottom] = [48, 16, 36, 40];
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const count = o.labels.length;
  const step = niceStep(Math.max(0, ...o.series.flatMap((s) => s.values)) / 4);
  const yMax = step * 4;
  const x = (i: number) => left + (count <= 1 ? plotW / 2 : (i * plotW) / (count - 1));
  const y = (v: number) => top + plotH - (Math.max(0, v) / yMax) * plotH;
  const parts: string[] = [];
  for (let k = 0; k <= 4; k++) {
    const gy = y(k * step);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${n(gy)}" y2="${n(gy)}" stroke="${GRID}" stroke-width="1"/>`
      + `<text x="${left - 6}" y="${n(gy + 4)}" text-anchor="end" fill="${MUTED}">${escapeXml(format(k * step))}</text>`);
  }
  const every = Math.max(1, Math.ceil(count / 6));
  for (let i = 0; i < count; i += every) {
    parts.push(`<text x="${n(x(i))}" y="${height - bottom + 18}" text-anchor="middle" fill="${MUTED}">${escapeXml(o.labels[i])}</text>`);
  }
  o.series.forEach((s, si) => {
    const color = COLORS[si % COLORS.length];
    const dash = DASHES[si % DASHES.length];
    const legendX = left + si * 200;
    parts.push(`<line x1="${legendX}" x2="${legendX + 24}" y1="14" y2="14" stroke="${color}" stroke-width="3"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`
      + `<text x="${legendX + 30}" y="18" fill="${TEXT}">${escapeXml(s.name)}</text>`);
    const points = s.values.slice(0, count).map((v, i) => `${n(x(i))},${n(y(v))}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    if (count <= 62) {
      s.values.slice(0, count).forEach((v, i) => {
        parts.push(`<circle cx="${n(x(i))}" cy="${n(y(v))}" r="3" fill="${color}"><title>${escapeXml(`${o.labels[i]} — ${s.name}: ${format(v)}`)}</title></circle>`);
      });
    }
  });
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="${MUTED}" stroke-width="1"/>`);
  return `${open(o.id, width, height, o.title, o.desc)}${parts.join('')}</svg>`;
}
