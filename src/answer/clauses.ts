/**
 * The clauses (Khoản) and points (Điểm) of a chunk's text, with their sentences, so that an answer can
 * quote a whole clause with its number and cite it as "Khoản 2 Điều 17" rather than the whole article.
 *
 * Chunk text is one unit a line (see `ingest/chunker.ts` `renderUnit`): a clause line starts "2. ", a
 * point line "a) ", and other lines are the article's lead-in or prose. A summary numbers its clauses as
 * the official text does (knowledge/README.md, "Writing a summary"), so the numbers are official; an
 * unnumbered summary section ("Tóm lược: …") gets no clause numbers.
 */
import type { Chunk } from '../ingest/legal-unit.js';

/** One line of a chunk: a clause, a point of a clause, or unnumbered text. */
export interface ChunkUnit {
  /** Position in the chunk (0-based line index among non-empty lines). */
  index: number;
  /** Clause number ("2", "5a") when the line is a clause or one of its points. */
  clause?: string;
  /** Point letter ("a", "đ") when the line is a point. */
  point?: string;
  /** The number as written at the start of the line ("2. ", "a) "), or "". */
  prefix: string;
  /** The line without its number. */
  body: string;
  /** Sentences of {@link body}, each intact (split at ". " / "? " / "! " before a capital or a digit). */
  sentences: string[];
  /** Index of the clause line this point belongs to (points only). */
  parent?: number;
}

const CLAUSE_RE = /^(\d{1,3}[a-zđ]?)\.\s+/u;
const POINT_RE = /^([a-zđ])\)\s+/u;
/** Sentence ends: ".", "?", "!" (optionally closing a quote or bracket) followed by a capital, digit or quote. */
const SENTENCE_END = /(?<=[.?!][”")]?)\s+(?=[\p{Lu}\d“"(])/u;

/** The units of a chunk's text, in order. Points outside any clause keep no clause number. */
export function chunkUnits(text: string): ChunkUnit[] {
  const out: ChunkUnit[] = [];
  let clause: { number: string; index: number } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const index = out.length;
    const c = CLAUSE_RE.exec(line);
    const p = c ? null : POINT_RE.exec(line);
    if (c) {
      clause = { number: c[1], index };
      out.push(unit(index, line, c[0], { clause: c[1] }));
    } else if (p) {
      out.push(unit(index, line, p[0], { point: p[1], ...(clause && { clause: clause.number, parent: clause.index }) }));
    } else {
      // Unnumbered text after a clause continues it (a clause written over two paragraphs).
      out.push(unit(index, line, '', clause ? { clause: clause.number, parent: clause.index } : {}));
    }
  }
  return out;
}

function unit(index: number, line: string, prefix: string, extra: Partial<ChunkUnit>): ChunkUnit {
  const body = line.slice(prefix.length).trim();
  return { index, prefix: prefix.trim() ? `${prefix.trim()} ` : '', body, sentences: splitSentences(body), ...extra };
}

/** Sentences of one line, each intact. */
export function splitSentences(line: string): string[] {
  return line
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Where a unit of a chunk is, as officials cite it: "Điểm a Khoản 3 Điều 18", "Khoản 2 Điều 17", or the
 * chunk's own path ("Điều 19", "Khoản 1–3 Điều 5", "phần “Mục tiêu”") when the unit has no clause
 * number or the chunk cannot carry one (an unnumbered summary section, a summary article that gathers
 * provisions of several official articles).
 */
export function unitPath(chunk: Chunk, u: Pick<ChunkUnit, 'clause' | 'point'>): string {
  const article = articleNumber(chunk);
  if (!u.clause || !article || !clauseNumbersAreOfficial(chunk, article)) return chunk.citationPath;
  const clause = `Khoản ${u.clause} Điều ${article}`;
  return u.point ? `Điểm ${u.point} ${clause}` : clause;
}

/** The number of the article a chunk belongs to; undefined for an unnumbered section or a text window. */
function articleNumber(chunk: Chunk): string | undefined {
  const article = [...chunk.headings].reverse().find((h) => h.kind === 'article');
  if (!article || article.topic) return undefined;
  return article.number;
}

/**
 * A chunk's clause numbers are the official ones unless its article's "Tương ứng văn bản gốc" line names
 * another article than its own (outside the bracketed notes on amending provisions).
 */
function clauseNumbersAreOfficial(chunk: Chunk, article: string): boolean {
  if (!chunk.officialRef) return true;
  const named = new Set([...chunk.officialRef.replace(/\([^)]*\)/gu, ' ').matchAll(/Điều\s+(\d+[a-zđ]?)/gu)].map((m) => m[1]));
  return named.size === 1 && named.has(article);
}
