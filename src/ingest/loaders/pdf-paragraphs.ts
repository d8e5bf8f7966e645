/**
 * Turns the visual lines of a PDF into paragraphs: drops running headers, footers and page numbers,
 * then rejoins hard-wrapped lines. Both steps use only the line geometry from {@link buildLines}.
 */
import type { PdfLine } from './pdf-layout.js';
import {
  endsSentence,
  isBareLabel,
  isUpperCaseLine,
  startsWithStrongMarker,
  startsWithWeakMarker,
} from './structure-markers.js';

/** How many lines at the top and at the bottom of each page may be a running header or footer. */
const EDGE_LINES = 2;

/** A line that is only a page number: "12", "- 12 -", "Trang 12", "12/47". */
const PAGE_NUMBER = /^(?:trang\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*\/\s*\d{1,4})?$/iu;

/** The result of {@link removeRunningHeaders}. */
export interface HeaderRemoval {
  pages: PdfLine[][];
  removed: number;
}

/**
 * Removes page furniture from each page's first and last lines: page numbers, and lines that repeat on
 * at least half of the pages once digits are ignored (the Công báo header "CÔNG BÁO/Số 867 + 868/Ngày
 * 30-7-2023" with its page number). Needs three pages to call a line "repeated".
 */
export function removeRunningHeaders(pages: readonly PdfLine[][]): HeaderRemoval {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(edgeLines(lines).map((line) => furnitureKey(line.text)));
    for (const key of keys) if (key.length >= 4) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length / 2));
  let removed = 0;
  const kept = pages.map((lines) => {
    const edges = new Set(edgeLines(lines));
    return lines.filter((line) => {
      if (!edges.has(line)) return true;
      const repeated = (counts.get(furnitureKey(line.text)) ?? 0) >= threshold;
      if (repeated || PAGE_NUMBER.test(line.text)) {
        removed += 1;
        return false;
      }
      return true;
    });
  });
  return { pages: kept, removed };
}

function edgeLines(lines: readonly PdfLine[]): PdfLine[] {
  if (lines.length <= EDGE_LINES * 2) return [...lines];
  return [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)];
}

/** The line with digits, spaces and punctuation removed: what stays the same from page to page. */
function furnitureKey(text: string): string {
  return text.toLocaleLowerCase('vi').replace(/[^\p{L}]/gu, '');
}

/** The result of {@link separateFootnotes}. */
export interface FootnoteSplit {
  pages: PdfLine[][];
  footnotes: PdfLine[];
}

/** A footnote starts with its number or mark: "1 Điều này được sửa đổi…", "[2] …", "(3) …", "* …". */
const FOOTNOTE_START = /^(?:\d{1,3}|\[\d{1,3}\]|\(\d{1,3}\)|\*+)\s?\S/u;

/**
 * Takes footnotes out of the page flow: a block of lines at the bottom of a page, in a font clearly
 * smaller than the body text, starting with a footnote number. Left in place they would cut a
 * paragraph that runs on to the next page in two (consolidated texts, văn bản hợp nhất, have many).
 * Run it after {@link removeRunningHeaders}, so a page number below the notes is already gone.
 */
export function separateFootnotes(pages: readonly PdfLine[][]): FootnoteSplit {
  const body = dominantFontSize(pages.flat());
  const footnotes: PdfLine[] = [];
  const kept = pages.map((lines) => {
    let start = lines.length;
    while (start > 0 && lines[start - 1].fontSize < 0.85 * body) start -= 1;
    if (start === 0 || start === lines.length || !FOOTNOTE_START.test(lines[start].text)) return [...lines];
    footnotes.push(...lines.slice(start));
    return lines.slice(0, start);
  });
  return { pages: kept, footnotes };
}

/** The font size that sets the most characters. */
function dominantFontSize(lines: readonly PdfLine[]): number {
  const chars = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.fontSize * 2) / 2;
    chars.set(size, (chars.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  for (const [size, count] of chars) if (count > (chars.get(best) ?? 0)) best = size;
  return best;
}

/** Geometry of the body text, measured over the whole document. */
interface BodyMetrics {
  /** Right edge of full lines (the right margin). */
  right: number;
  width: number;
  /** Typical baseline distance between two lines of one paragraph, per rounded font size. */
  pitch: Map<number, number>;
}

/**
 * Rejoins hard-wrapped lines into paragraphs. A line opens a new paragraph when it starts with a
 * structural marker ("Điều 5.", "Chương II", or, with other evidence, "1.", "a)", "-"), follows a bare
 * label ("Chương I"), is or follows a table row (see `tabular`), changes font size, sits after a larger
 * vertical gap or is indented after a finished sentence, follows a short line, or switches between
 * upper-case titles and running text. Otherwise it continues the paragraph, joined with a space (page
 * breaks included; a line ending in a hyphen glued to a word is joined without one: "PL-" "UBTVQH11").
 */
export function joinLines(lines: readonly PdfLine[]): string[] {
  const metrics = measureBody(lines);
  const paragraphs: string[] = [];
  let previous: PdfLine | null = null;
  for (const line of lines) {
    if (previous === null || startsParagraph(previous, line, metrics)) {
      paragraphs.push(line.text);
    } else {
      // "PL-" / "UBTVQH11": a hyphen glued to the word before it was a break inside a compound.
      const glue = /[\p{L}\p{N}]-$/u.test(previous.text) ? '' : ' ';
      paragraphs[paragraphs.length - 1] += glue + line.text;
    }
    previous = line;
  }
  return paragraphs;
}

function startsParagraph(previous: PdfLine, line: PdfLine, metrics: BodyMetrics): boolean {
  const text = line.text;
  if (startsWithStrongMarker(text) || isBareLabel(previous.text)) return true;
  if (line.tabular || previous.tabular) return true;
  if (Math.abs(line.fontSize - previous.fontSize) > 0.15 * previous.fontSize) return true;

  const em = line.fontSize;
  const samePage = line.page === previous.page;
  const pitch = metrics.pitch.get(Math.round(em)) ?? 1.2 * em;
  const bigGap = samePage && previous.y - line.y > 1.3 * pitch;
  const short = metrics.right - previous.right > Math.max(4 * em, 0.12 * metrics.width);
  const finished = endsSentence(previous.text);
  const indented = line.x > previous.x + 0.8 * em;

  if (bigGap) return true;
  if (startsWithWeakMarker(text) && (finished || short || indented)) return true;
  if (indented && finished) return true;
  if (short && !(startsLowerCase(text) && !finished)) return true;
  const previousUpper = isUpperCaseLine(previous.text);
  const currentUpper = isUpperCaseLine(text);
  const intoText = previousUpper && !currentUpper && !startsLowerCase(text);
  const intoTitle = !previousUpper && currentUpper && letters(text) >= 4;
  return intoText || intoTitle;
}

function startsLowerCase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

function measureBody(lines: readonly PdfLine[]): BodyMetrics {
  const rights = lines.map((line) => line.right).sort((p, q) => p - q);
  const lefts = lines.map((line) => line.x).sort((p, q) => p - q);
  const right = percentile(rights, 0.9);
  const left = percentile(lefts, 0.1);
  const gaps = new Map<number, number[]>();
  for (let index = 1; index < lines.length; index += 1) {
    const [above, below] = [lines[index - 1], lines[index]];
    const size = Math.round(below.fontSize);
    const gap = above.y - below.y;
    if (above.page !== below.page || Math.round(above.fontSize) !== size) continue;
    if (gap <= 0 || gap > 3 * below.fontSize) continue;
    const list = gaps.get(size) ?? [];
    list.push(gap);
    gaps.set(size, list);
  }
  const pitch = new Map<number, number>();
  // The lower quartile, not the median: in texts of one-line paragraphs most gaps are paragraph gaps.
  for (const [size, values] of gaps) pitch.set(size, percentile(values.sort((p, q) => p - q), 0.25));
  return { right, width: Math.max(right - left, 1), pitch };
}

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}
