/**
 * Rebuilds visual lines from the positioned text runs pdf.js reports for a page.
 *
 * Why positions and not the run order: the Official Gazette (Công báo) draws every Vietnamese letter
 * outside Latin-1 with a second font, so "Luật" arrives as the runs "Lu", "ậ", "t", and Word exports
 * split words across runs too ("đ|ược"). Runs that touch belong to one word; only a real gap (or an
 * explicit space run) is a space.
 */

/** One text run as pdf.js reports it, in PDF user space (y grows upwards, baseline). */
export interface PdfTextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Em size in user space (the vertical scale of the text matrix). */
  fontSize: number;
}

/** One visual line of a page, with the geometry the paragraph builder needs. */
export interface PdfLine {
  /** 1-based page number. */
  page: number;
  text: string;
  /** Left edge of the first run and right edge of the last run. */
  x: number;
  right: number;
  /** Baseline, in PDF user space (larger is higher on the page). */
  y: number;
  /** Font size of the line's widest run. */
  fontSize: number;
  /** True when the line has a gap of several ems between runs: table cells or two header columns. */
  tabular: boolean;
}

/** A gap wider than this share of the font size between two runs is a word space. */
const SPACE_GAP_EM = 0.12;

/** A gap wider than this many ems separates columns (table cells), not words. */
const COLUMN_GAP_EM = 2.5;

/** Runs whose baselines differ by less than this share of the font size are on the same line. */
const SAME_LINE_EM = 0.45;

/** Shape of the text items returned by pdf.js `getTextContent()` that this module reads. */
export interface PdfJsTextItem {
  str: string;
  transform: number[];
  width: number;
}

/**
 * Converts one page's pdf.js text items to runs, dropping empty items.
 *
 * Text may be drawn rotated by a multiple of 90° (landscape annex tables on portrait pages): the
 * orientation holding most of the page's characters is taken as the reading direction and positions
 * are rotated into it. Text in any other orientation (stamps, vertical margin notes) is dropped.
 */
export function runsFromItems(items: readonly unknown[]): PdfTextRun[] {
  const byQuarter: PdfTextRun[][] = [[], [], [], []];
  const chars = [0, 0, 0, 0];
  for (const item of items) {
    if (!isTextItem(item) || item.str === '') continue;
    const [a, b, c, d, e, f] = item.transform;
    const degrees = (Math.atan2(b, a) * 180) / Math.PI;
    const quarter = Math.round(degrees / 90);
    if (Math.abs(degrees - quarter * 90) > 2) continue;
    const index = ((quarter % 4) + 4) % 4;
    const angle = (index * Math.PI) / 2;
    const [cos, sin] = [Math.round(Math.cos(angle)), Math.round(Math.sin(angle))];
    const fontSize = Math.hypot(c, d);
    if (fontSize <= 0) continue;
    byQuarter[index].push({ str: item.str, x: e * cos + f * sin, y: f * cos - e * sin, width: item.width, fontSize });
    chars[index] += item.str.length;
  }
  return byQuarter[chars.indexOf(Math.max(...chars))];
}

function isTextItem(item: unknown): item is PdfJsTextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item && 'width' in item;
}

/**
 * Groups a page's runs into lines (top to bottom) and joins each line's runs left to right, inserting a
 * space only where the gap between two runs is a real word gap. Text that sits side by side (table
 * cells, the two header columns) stays on one line, separated by a space, and the line is marked
 * `tabular`.
 */
export function buildLines(runs: readonly PdfTextRun[], page: number): PdfLine[] {
  const sorted = [...runs].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: PdfTextRun[][] = [];
  let group: PdfTextRun[] = [];
  let groupY = Number.NaN;
  let groupSize = 0;
  for (const run of sorted) {
    const size = Math.max(run.fontSize, groupSize);
    if (group.length > 0 && groupY - run.y <= SAME_LINE_EM * size) {
      group.push(run);
      if (run.str.trim() !== '') groupSize = Math.max(groupSize, run.fontSize);
      continue;
    }
    if (group.length > 0) groups.push(group);
    group = [run];
    groupY = run.y;
    groupSize = run.str.trim() !== '' ? run.fontSize : 0;
  }
  if (group.length > 0) groups.push(group);
  return groups.map((line) => joinRuns(line, page)).filter((line): line is PdfLine => line !== null);
}

function joinRuns(runs: PdfTextRun[], page: number): PdfLine | null {
  const ordered = [...runs].sort((p, q) => p.x - q.x);
  let text = '';
  let pendingSpace = false;
  let previous: PdfTextRun | null = null;
  let widest: PdfTextRun | null = null;
  let tabular = false;
  for (const run of ordered) {
    if (run.str.trim() === '') {
      pendingSpace = text !== '';
      continue;
    }
    if (previous) {
      const gap = run.x - (previous.x + previous.width);
      // Some producers draw a run twice, slightly offset, to fake bold: keep one copy.
      if (run.str === previous.str && Math.abs(run.x - previous.x) < 0.2 * run.fontSize) continue;
      const em = Math.min(run.fontSize, previous.fontSize);
      if (pendingSpace || gap > SPACE_GAP_EM * em) text += ' ';
      if (gap > COLUMN_GAP_EM * em) tabular = true;
    }
    text += run.str;
    pendingSpace = /\s$/.test(run.str);
    previous = run;
    if (!widest || run.width > widest.width) widest = run;
  }
  const first = ordered.find((run) => run.str.trim() !== '');
  if (!first || !previous || !widest) return null;
  return {
    page,
    text: text.replace(/\s+/g, ' ').trim(),
    x: first.x,
    right: previous.x + previous.width,
    y: widest.y,
    fontSize: widest.fontSize,
    tabular,
  };
}
