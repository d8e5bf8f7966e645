import type { DocumentMeta, LegalDocument, LegalUnit, UnitKind } from './legal-unit.js';
import { officialRefLine, topicHeadingLine } from './summary-markers.js';

/**
 * Legal-structure parser: turns extracted text (one paragraph per line) into the Phần / Chương / Mục /
 * Điều / Khoản / Điểm tree of a Vietnamese legal document.
 *
 * Layout facts it relies on (Nghị định 30/2020/NĐ-CP, Phụ lục I; Luật Ban hành VBQPPL 2015, Điều 61):
 * - "Phần thứ nhất" / "PHẦN I", "Chương I", "Mục 1" start a line; their title follows on the same line or
 *   on the next line, usually in capitals.
 * - "Điều 5." or "Điều 5a." starts a line and carries the article heading on the same line.
 * - Clauses are numbered "1.", "2." and points lettered "a)", "b)", "đ)" in Vietnamese alphabet order.
 * Real-world quirks handled: upper-case "ĐIỀU 5.", "Điều 5:" with a colon, a clause written "1)",
 * headings wrapped over two lines, Chương numbering that restarts in each Phần, and numbers at the start
 * of a wrapped line that are not clauses (a clause or point is accepted only when it continues the
 * sequence of its siblings).
 * Team summaries may also use the two lines of ./summary-markers.ts: "Tương ứng văn bản gốc: …" after an
 * article heading (stored as the article's `officialRef`) and "Tóm lược: <title>" (an unnumbered section,
 * kept as an article with `topic: true` and number "t1", "t2"…).
 */

/** Vietnamese alphabet order of point letters (Điểm): no f, j, w, z; đ follows d. */
export const POINT_LETTERS = 'a b c d đ e g h i k l m n o p q r s t u v x y'.split(' ');

const ROMAN = '[IVXLC]+';
const PART_RE = new RegExp(`^(?:PHẦN|Phần)\\s+(THỨ\\s+[\\p{Lu}]+|thứ\\s+[\\p{Ll}]+|${ROMAN}|\\d+)\\s*[.:\\-–]?\\s*(.*)$`, 'u');
const CHAPTER_RE = new RegExp(`^(?:CHƯƠNG|Chương)\\s+(${ROMAN}|\\d+)([a-z]?)\\s*[.:\\-–]?\\s*(.*)$`, 'u');
const SECTION_RE = new RegExp(`^(?:MỤC|Mục)\\s+(\\d+|${ROMAN})\\s*[.:\\-–]?\\s*(.*)$`, 'u');
const ARTICLE_RE = /^(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)\s*(?:[.:]\s*(.*)|$)/u;
/** "Điều 10 Thanh tra…" with the period missing (seen in real DOCX files); accepted only in sequence. */
const ARTICLE_LOOSE_RE = /^(?:Điều|ĐIỀU)\s+(\d+)\s+(\p{Lu}.*)$/u;
const CLAUSE_RE = /^(\d{1,3})\s*[.)]\s*(.*)$/u;
const POINT_RE = /^([a-zđ])\s*\)\s*(.*)$/u;
const TRAILER_RE = /^(?:Nơi nhận\s*:|\.\/\.$|TM\.\s|KT\.\s|CHỦ TỊCH QUỐC HỘI$)/u;

const KIND_RANK: Record<UnitKind, number> = { part: 0, chapter: 1, section: 2, article: 3, clause: 4, point: 5 };

/** Options for {@link parseLegalText}. */
export interface ParseOptions {
  id: string;
  meta: DocumentMeta;
}

/** True when a line is written mostly in capitals (a chapter or part title). */
export function isUpperHeading(line: string): boolean {
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return false;
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.85;
}

/**
 * Parses a document's text into a {@link LegalDocument}. Never throws: problems become warnings
 * (e.g. "no Điều found", "Điều 7 appears twice").
 *
 * @example
 * const doc = parseLegalText('Điều 1. Phạm vi\n1. Nội dung a.\n2. Nội dung b.', { id: 'x', meta });
 * doc.units[0].children.length; // 2 clauses
 */
export function parseLegalText(text: string, opts: ParseOptions): LegalDocument {
  const lines = text.normalize('NFC').split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const roots: LegalUnit[] = [];
  const stack: LegalUnit[] = [];
  const preamble: string[] = [];
  const warnings: string[] = [];
  const seenArticles = new Map<string, number>();
  let pendingTitle: LegalUnit | null = null;
  let inTrailer = false;
  let topics = 0;

  const open = (unit: LegalUnit): void => {
    while (stack.length && KIND_RANK[stack[stack.length - 1].kind] >= KIND_RANK[unit.kind]) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.children : roots).push(unit);
    stack.push(unit);
  };
  const nearest = (kind: UnitKind): LegalUnit | undefined => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].kind === kind) return stack[i];
    return undefined;
  };
  const appendText = (line: string): void => {
    const top = stack[stack.length - 1];
    if (!top) preamble.push(line);
    else top.text = top.text ? `${top.text}\n${line}` : line;
  };

  for (const line of lines) {
    if (inTrailer) continue;
    if (TRAILER_RE.test(line) && nearest('article')) {
      inTrailer = true;
      continue;
    }
    // A chapter/part/section title given on the following line(s), in capitals.
    if (pendingTitle) {
      if (!ARTICLE_RE.test(line) && !CHAPTER_RE.test(line) && !SECTION_RE.test(line) && isUpperHeading(line)) {
        pendingTitle.heading = pendingTitle.heading ? `${pendingTitle.heading} ${line}` : line;
        continue;
      }
      pendingTitle = null;
    }
    let m: RegExpExecArray | null;
    const top = stack[stack.length - 1];
    const ref = top?.kind === 'article' && !top.text && !top.children.length && !top.officialRef ? officialRefLine(line) : undefined;
    if (ref && top) {
      top.officialRef = ref;
      continue;
    }
    const topic = topicHeadingLine(line);
    if (topic) {
      topics += 1;
      open({ ...newUnit('article', `t${topics}`, topic), topic: true });
      continue;
    }
    if (top?.kind === 'article' && top.heading && !top.text && !top.children.length && /^\p{Ll}/u.test(line)) {
      // An article heading wrapped onto the next line (PDF extraction): headings start with a capital,
      // bodies never continue them in lower case.
      top.heading = `${top.heading} ${line}`;
      continue;
    }
    if ((m = PART_RE.exec(line))) {
      const unit = newUnit('part', normaliseOrdinal(m[1]), m[2]);
      open(unit);
      pendingTitle = unit;
    } else if ((m = CHAPTER_RE.exec(line))) {
      const unit = newUnit('chapter', m[1] + m[2], m[3]);
      open(unit);
      if (!unit.heading || isUpperHeading(unit.heading)) pendingTitle = unit;
    } else if ((m = SECTION_RE.exec(line)) && (nearest('chapter') || nearest('part') || nearest('article') === undefined)) {
      const unit = newUnit('section', m[1], m[2]);
      open(unit);
      if (!unit.heading || isUpperHeading(unit.heading)) pendingTitle = unit;
    } else if ((m = ARTICLE_RE.exec(line))) {
      const number = m[1];
      const key = `${nearest('part')?.number ?? ''}|${number}`;
      const count = (seenArticles.get(key) ?? 0) + 1;
      seenArticles.set(key, count);
      if (count === 2) warnings.push(`Điều ${number} appears more than once`);
      open(newUnit('article', number, (m[2] ?? '').trim()));
    } else if ((m = ARTICLE_LOOSE_RE.exec(line)) && Number(m[1]) === lastArticleNumber(roots) + 1) {
      open(newUnit('article', m[1], m[2].trim()));
    } else if ((m = CLAUSE_RE.exec(line)) && acceptsClause(nearest('article'), stack, Number(m[1]))) {
      open(newUnit('clause', m[1], '', m[2]));
    } else if ((m = POINT_RE.exec(line)) && acceptsPoint(stack, m[1])) {
      open(newUnit('point', m[1], '', m[2]));
    } else {
      appendText(line);
    }
  }

  if (!roots.some(hasArticle)) warnings.push('no Điều (article) found: the document is chunked by paragraphs');
  return { id: opts.id, meta: opts.meta, preamble: preamble.join('\n'), units: roots, warnings };
}

function newUnit(kind: UnitKind, number: string, heading: string, text = ''): LegalUnit {
  return { kind, number, heading: heading.trim(), text: text.trim(), children: [] };
}

function lastArticleNumber(roots: LegalUnit[]): number {
  const all = collectArticles(roots);
  return all.length ? Number.parseInt(all[all.length - 1].number, 10) : 0;
}

function hasArticle(unit: LegalUnit): boolean {
  return unit.kind === 'article' || unit.children.some(hasArticle);
}

/** "THỨ NHẤT" → "thứ nhất"; Roman numerals and digits unchanged. */
function normaliseOrdinal(raw: string): string {
  return /^thứ/i.test(raw) ? raw.toLowerCase() : raw.toUpperCase();
}

/** A clause is accepted inside an article when it is the next number in sequence (1 after none). */
function acceptsClause(article: LegalUnit | undefined, stack: LegalUnit[], n: number): boolean {
  if (!article) return false;
  const clauses = article.children.filter((c) => c.kind === 'clause');
  const last = clauses.length ? Number.parseInt(clauses[clauses.length - 1].number, 10) : 0;
  if (n === last + 1) return true;
  // Tolerate a gap of one (a clause lost to extraction), never a restart or a jump.
  return last > 0 && n === last + 2 && stack[stack.length - 1].kind !== 'point';
}

/** A point is accepted when it is the next letter in its clause (or article, when it has no clauses). */
function acceptsPoint(stack: LegalUnit[], letter: string): boolean {
  let parent: LegalUnit | undefined;
  for (let i = stack.length - 1; i >= 0; i--) {
    if (stack[i].kind === 'clause' || stack[i].kind === 'article') {
      parent = stack[i];
      break;
    }
  }
  if (!parent) return false;
  const points = parent.children.filter((c) => c.kind === 'point');
  const lastIdx = points.length ? POINT_LETTERS.indexOf(points[points.length - 1].number) : -1;
  return POINT_LETTERS.indexOf(letter) === lastIdx + 1;
}

/** Finds all articles in a parsed document, in order. */
export function collectArticles(units: LegalUnit[], out: LegalUnit[] = []): LegalUnit[] {
  for (const u of units) {
    if (u.kind === 'article') out.push(u);
    else collectArticles(u.children, out);
  }
  return out;
}
