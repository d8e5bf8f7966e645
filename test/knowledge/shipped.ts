/**
 * The shipped knowledge folder as the checks read it: each summary's validated front matter, problems and
 * parsed structure, parsed by the same modules the index uses; plus the word measures the content checks
 * share.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitFrontMatter } from '../../src/ingest/loaders/index.js';
import { parseFrontMatter } from '../../src/ingest/front-matter.js';
import { parseLegalText } from '../../src/ingest/legal-parser.js';
import type { DocumentMeta, LegalDocument } from '../../src/ingest/legal-unit.js';
import { REPO_ROOT } from '../support/shared.js';

export const KNOWLEDGE_DIR = join(REPO_ROOT, 'knowledge');

/** One shipped document file. */
export interface ShippedDoc {
  file: string;
  raw: string;
  rawFrontMatter: Record<string, string>;
  meta: DocumentMeta;
  problems: string[];
  doc: LegalDocument;
}

/** Every Markdown document of knowledge/ (README.md and SOURCES.md excluded). */
export function loadShippedDocs(): ShippedDoc[] {
  const files = readdirSync(KNOWLEDGE_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md' && f !== 'SOURCES.md').sort();
  return files.map((file) => {
    const raw = readFileSync(join(KNOWLEDGE_DIR, file), 'utf8');
    const split = splitFrontMatter(raw);
    const { meta, problems } = parseFrontMatter(split.frontMatter, { relPath: file, firstLines: split.body.split('\n').slice(0, 40) });
    const doc = parseLegalText(split.body, { id: file, meta });
    return { file, raw, rawFrontMatter: split.frontMatter, meta, problems: [...split.warnings, ...problems], doc };
  });
}

/** Frequent function words: they say nothing about whether two passages are about the same thing. */
const FUNCTION_WORDS = new Set(
  ('và của các cho với được theo tại trong từ đến khi thì là có không này đó những một hoặc về do để đã sẽ bị ' +
    'như nào mà nếu trừ trường hợp quy định việc người cơ quan nhà nước điều khoản điểm nghị định luật số ngày năm tháng').split(' '),
);

/** Lower-case syllables of a text without punctuation and function words. */
export function contentSyllables(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !FUNCTION_WORDS.has(w) && !/^\d+$/.test(w));
}

/** Adjacent pairs of content syllables ("bộ phận", "phận một"): a rough stand-in for terms. */
export function syllablePairs(text: string): Set<string> {
  const s = contentSyllables(text);
  const pairs = new Set<string>();
  for (let i = 1; i < s.length; i++) pairs.add(`${s[i - 1]} ${s[i]}`);
  return pairs;
}

/** Share of `part`'s items that also occur in `whole` (1 when `part` is empty). */
export function coverage(part: ReadonlySet<string>, whole: ReadonlySet<string>): number {
  if (part.size === 0) return 1;
  let hit = 0;
  for (const x of part) if (whole.has(x)) hit += 1;
  return hit / part.size;
}

/** All words of a text, lower case, punctuation dropped (function words kept: copying is about wording). */
function allWords(text: string): string[] {
  return text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** The longest run of consecutive words of `line` that also occurs, in that order, in `source`. */
export function longestSharedRun(line: string, source: string): { length: number; words: string } {
  const a = allWords(line);
  const positions = new Map<string, number[]>();
  allWords(source).forEach((w, j) => positions.set(w, [...(positions.get(w) ?? []), j]));
  let best = 0;
  let end = 0;
  let prev = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const cur = new Map<number, number>();
    for (const j of positions.get(a[i]) ?? []) {
      const run = (prev.get(j - 1) ?? 0) + 1;
      cur.set(j, run);
      if (run > best) [best, end] = [run, i];
    }
    prev = cur;
  }
  return { length: best, words: a.slice(end - best + 1, end + 1).join(' ') };
}

/** One provision named in a reference: an article and, optionally, some of its clauses. */
export interface ProvisionRef {
  article: string;
  clauses: string[];
}

/**
 * The provisions named by a "Tương ứng văn bản gốc" reference or an FAQ source: "Khoản 1, 2, 3 Điều 9",
 * "Khoản 1–4 Điều 27", "điểm c Khoản 1 Điều 35", "Điều 17", several joined by "," or "và". Remarks in
 * parentheses (about amending documents) are ignored. Empty when nothing can be read, or when anything
 * but connecting words is left over.
 */
export function parseProvisionRefs(ref: string): ProvisionRef[] {
  const text = ref.replace(/\([^()]*\)/gu, ' ');
  const re = /(?:điểm\s+[a-zđ](?:\s*(?:,|và)\s*[a-zđ])*\s+)?(?:Khoản\s+(\d+[a-zđ]?(?:\s*(?:,|và|–|-)\s*\d+[a-zđ]?)*)\s+)?Điều\s+(\d+[a-zđ]?)/giu;
  const refs: ProvisionRef[] = [];
  for (const m of text.matchAll(re)) {
    const clauses: string[] = [];
    for (const part of (m[1] ?? '').split(/\s*(?:,|và)\s*/u).filter(Boolean)) {
      const range = /^(\d+)\s*[–-]\s*(\d+)$/u.exec(part);
      if (range) for (let k = Number(range[1]); k <= Number(range[2]); k++) clauses.push(String(k));
      else clauses.push(part.trim());
    }
    refs.push({ article: m[2], clauses });
  }
  const rest = text.replace(re, ' ').replace(/(?<!\p{L})và(?!\p{L})|[\s,.;]/giu, '');
  return rest ? [] : refs;
}
