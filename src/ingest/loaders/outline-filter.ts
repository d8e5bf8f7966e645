import { ARTICLE_HEADING, isUpperCaseLine, startsWithStrongMarker } from './structure-markers.js';

/** The result of {@link removeRepeatedOutline}: the kept lines and how many outline lines were dropped. */
export interface OutlineFilterResult {
  lines: string[];
  removed: number;
}

/** Outline entries that are not article headings: "Khoản 2", "Điểm a", "Mục lục", a trailing page number. */
const OUTLINE_ONLY = /^(?:Khoản\s+\d+[a-zđ]?|Điểm\s+[a-zđ]\d?|Mục lục|MỤC LỤC|Nội dung|NỘI DUNG)\s*$/u;

/** Minimum number of article headings a run must hold to be taken for an outline. */
const MIN_ARTICLES = 2;

/**
 * Removes a table of contents ("Mục lục") that repeats the document's headings, such as the outline
 * vbpl.vn appends after the text or the TOC Word puts at the top, so each "Điều N." heading is kept once.
 *
 * An outline is a run of at least three consecutive heading-like lines (Phần/Chương/Mục/Điều headings,
 * upper-case titles, "Khoản N"/"Điểm x" entries) holding at least two "Điều N." headings, at least 80 %
 * of which also appear outside the run. Real article headings are separated by their body text, so they
 * never form such a run. Lines that are not heading-like are never removed.
 *
 * @example removeRepeatedOutline(['Điều 1. A', 'x', 'Điều 2. B', 'y', 'Mục lục', 'Điều 1. A', 'Điều 2. B'])
 * // { lines: ['Điều 1. A', 'x', 'Điều 2. B', 'y'], removed: 3 }
 */
export function removeRepeatedOutline(lines: readonly string[]): OutlineFilterResult {
  const drop = new Set<number>();
  // The most outline-like run first (most headings, "Khoản N" entries, page numbers): once it is gone,
  // a short heading-only stretch of the real text no longer finds its headings repeated elsewhere, so
  // the text keeps one copy of each heading.
  const runs = findHeadingRuns(lines)
    .map(([start, end]) => ({
      start,
      end,
      articles: articleNumbers(lines, start, end),
      score: articleNumbers(lines, start, end).length + outlineMarks(lines, start, end),
    }))
    .filter((run) => run.articles.length >= MIN_ARTICLES)
    .sort((a, b) => b.score - a.score);
  for (const run of runs) {
    const outside = new Set<string>();
    lines.forEach((line, index) => {
      if (index >= run.start && index < run.end) return;
      if (drop.has(index)) return;
      const match = ARTICLE_HEADING.exec(line);
      if (match) outside.add(match[1]);
    });
    const repeated = run.articles.filter((number) => outside.has(number)).length;
    if (repeated / run.articles.length >= 0.8) {
      for (let index = run.start; index < run.end; index += 1) drop.add(index);
    }
  }
  return { lines: lines.filter((_, index) => !drop.has(index)), removed: drop.size };
}

/**
 * Half-open index ranges of runs of at least three consecutive heading-like lines. A run is cut where
 * article numbers stop increasing: a TOC directly followed by "Chương I" / "Điều 1." of the text would
 * otherwise swallow the text's first headings.
 */
function findHeadingRuns(lines: readonly string[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let index = 0; index <= lines.length; index += 1) {
    const heading = index < lines.length && isHeadingLike(lines[index]);
    if (heading && start < 0) start = index;
    if (!heading && start >= 0) {
      runs.push(...splitAtRestart(lines, start, index));
      start = -1;
    }
  }
  return runs.filter(([from, to]) => to - from >= 3);
}

function splitAtRestart(lines: readonly string[], start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let from = start;
  let lastNumber = -1;
  let lastIndex = -1;
  for (let index = start; index < end; index += 1) {
    const match = ARTICLE_HEADING.exec(lines[index]);
    if (!match) continue;
    const number = Number.parseInt(match[1], 10);
    if (lastIndex >= 0 && number <= lastNumber) {
      parts.push([from, lastIndex + 1]);
      from = lastIndex + 1;
    }
    lastNumber = number;
    lastIndex = index;
  }
  parts.push([from, end]);
  return parts;
}

function articleNumbers(lines: readonly string[], start: number, end: number): string[] {
  const numbers: string[] = [];
  for (let index = start; index < end; index += 1) {
    const match = ARTICLE_HEADING.exec(lines[index]);
    if (match) numbers.push(match[1]);
  }
  return numbers;
}

/** Lines only an outline has: "Mục lục", "Khoản 2" entries, headings ending in dot leaders and a page. */
function outlineMarks(lines: readonly string[], start: number, end: number): number {
  let marks = 0;
  for (let index = start; index < end; index += 1) {
    if (OUTLINE_ONLY.test(lines[index]) || /(?:\.{3,}|…)\s*\d+$/u.test(lines[index])) marks += 1;
  }
  return marks;
}

/** A line that can be an outline entry: a structural heading, an upper-case title or a Khoản/Điểm entry. */
function isHeadingLike(line: string): boolean {
  const withoutPage = line.replace(/[\s.…]*\d+\s*$/u, '');
  return (
    OUTLINE_ONLY.test(line) ||
    (startsWithStrongMarker(line) && line.length <= 200) ||
    (isUpperCaseLine(withoutPage) && line.length <= 200)
  );
}
