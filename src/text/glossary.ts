/**
 * The admin-editable glossary (`knowledge/glossary.yaml`): abbreviations with their full forms, and
 * groups of phrases that mean the same for search. Also finds abbreviation pairs that documents define
 * ("Ủy ban nhân dân (UBND)") so an admin can be offered the ones the glossary lacks.
 *
 * ```yaml
 * abbreviations:
 *   CCHC: [cải cách hành chính]
 *   NĐ: [nghị định]
 * synonyms:
 *   - [một cửa, bộ phận một cửa, bộ phận tiếp nhận và trả kết quả]
 * ```
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import { AppError } from '../common/errors.js';
import { foldVietnamese } from './doc-number.js';

/** Abbreviations (key as the admin wrote it, e.g. "TTg") and synonym groups, all NFC and trimmed. */
export type Glossary = { abbreviations: Map<string, string[]>; synonymGroups: string[][] };

/** An abbreviation a text defines, with how many times it defines it. */
export interface AbbreviationCandidate {
  abbreviation: string;
  /** Full form as written most often, e.g. "Ủy ban nhân dân". */
  expansion: string;
  count: number;
}

/** A glossary with nothing in it, for when `glossary.yaml` is absent. */
export function emptyGlossary(): Glossary {
  return { abbreviations: new Map(), synonymGroups: [] };
}

/**
 * Parses `glossary.yaml`. A bad entry is skipped and reported (with its key and line); only a YAML
 * syntax error throws, as AppError INVALID_INPUT naming the line and column.
 *
 * @example
 * parseGlossary('abbreviations:\n  CCHC: [cải cách hành chính]\n').glossary.abbreviations.get('CCHC')
 * // ['cải cách hành chính']
 */
export function parseGlossary(yamlText: string): { glossary: Glossary; problems: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: false, prettyErrors: true });
  if (doc.errors.length) {
    const first = doc.errors[0];
    const at = first.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}` : 'unknown position';
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
    const reason = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new AppError('INVALID_INPUT', `glossary YAML syntax error at ${where}: ${reason}${more}`, { cause: first });
  }
  const glossary = emptyGlossary();
  const problems: string[] = [];
  const line = (node: unknown): string => {
    const start = (node as Node | null)?.range?.[0];
    return start === undefined ? '' : ` (line ${lineCounter.linePos(start).line})`;
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { glossary, problems };
  if (!isMap(root)) {
    problems.push(`the glossary must be a mapping with "abbreviations:" and "synonyms:"${line(root)}; nothing loaded`);
    return { glossary, problems };
  }
  for (const pair of root.items) {
    const key = scalarText(pair.key);
    if (key === 'abbreviations') readAbbreviations(pair.value, glossary, problems, line);
    else if (key === 'synonyms') readSynonyms(pair.value, glossary, problems, line);
    else problems.push(`unknown top-level key "${key ?? '?'}"${line(pair.key)} ignored; expected "abbreviations" and "synonyms"`);
  }
  return { glossary, problems };
}

type LineOf = (node: unknown) => string;

function readAbbreviations(node: unknown, glossary: Glossary, problems: string[], line: LineOf): void {
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    problems.push(`"abbreviations"${line(node)} must be a list of "ABBR: [full form, …]" lines; ignored`);
    return;
  }
  const seenAt = new Map<string, string>();
  for (const pair of node.items as Pair[]) {
    const abbr = clean(scalarText(pair.key) ?? '');
    if (!abbr) {
      problems.push(`abbreviations${line(pair.key ?? pair.value)}: an entry has an empty abbreviation; skipped`);
      continue;
    }
    const expansions = readPhraseList(pair.value, `abbreviations.${abbr}`, problems, line, 1);
    if (!expansions) continue;
    const previous = glossary.abbreviations.get(abbr);
    if (previous) {
      problems.push(`abbreviations.${abbr}${line(pair.key)} repeats the entry${seenAt.get(abbr)}; the full forms were merged`);
      glossary.abbreviations.set(abbr, dedupe([...previous, ...expansions]));
    } else {
      glossary.abbreviations.set(abbr, expansions);
      seenAt.set(abbr, line(pair.key));
    }
  }
}

function readSynonyms(node: unknown, glossary: Glossary, problems: string[], line: LineOf): void {
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isSeq(node)) {
    problems.push(`"synonyms"${line(node)} must be a list of groups like "- [một cửa, bộ phận một cửa]"; ignored`);
    return;
  }
  node.items.forEach((item, i) => {
    const group = readPhraseList(item, `synonyms[${i + 1}]`, problems, line, 2);
    if (group) glossary.synonymGroups.push(group);
  });
}

/** A list of phrases (a lone string counts as a list of one); undefined, with a problem, when unusable. */
function readPhraseList(node: unknown, where: string, problems: string[], line: LineOf, min: number): string[] | undefined {
  const items = isSeq(node) ? node.items : isScalar(node) && typeof node.value === 'string' ? [node] : undefined;
  if (!items) {
    problems.push(`${where}${line(node)} must be a list of phrases in [ ]; skipped`);
    return undefined;
  }
  const phrases: string[] = [];
  items.forEach((item, i) => {
    const text = isScalar(item) && typeof item.value === 'string' ? clean(item.value) : undefined;
    if (text) phrases.push(text);
    else problems.push(`${where}${line(item)}: item ${i + 1} is not a non-empty phrase; skipped`);
  });
  const unique = dedupe(phrases);
  if (unique.length < min) {
    problems.push(`${where}${line(node)} needs at least ${min === 1 ? 'one full form' : 'two different phrases'}; skipped`);
    return undefined;
  }
  return unique;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function clean(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function dedupe(phrases: readonly string[]): string[] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const k = p.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** "(UBND)", "(sau đây gọi là CBCCVC)", "(sau đây viết tắt là TTHC)", "(gọi tắt là BPMC)". */
const PAREN_RE = /\(\s*(?:(?:sau đây\s+)?(?:được\s+)?(?:gọi|viết)(?:\s+(?:tắt|chung))?\s*(?:là|:)\s*)?([A-ZĐ]{2,10})\s*\)/gu;
const TOKEN_RE = /[\p{L}\p{M}\p{N}]+/gu;
/** Function words an abbreviation may skip: "Lao động - Thương binh và Xã hội (LĐTBXH)". */
const SKIPPABLE = new Set(['va', 'cua', 'voi', 'cac', 'nhung', 'hoac']);
const MIN_SYLLABLES = 2;
const MAX_SYLLABLES = 8;

/**
 * Abbreviations a text defines in parentheses, with the full form whose initials they are, most frequent
 * first. The full form is the shortest run of 2–8 syllables right before "(" whose first letters
 * (diacritics folded, Đ = D, optionally skipping "và", "của"…) spell the abbreviation; pairs that do not
 * fit ("vốn hỗ trợ phát triển chính thức (ODA)") are left out. Does not look at the glossary.
 *
 * @example findAbbreviationCandidates('Ủy ban nhân dân (UBND) tỉnh') // [{ abbreviation: 'UBND', expansion: 'Ủy ban nhân dân', count: 1 }]
 */
export function findAbbreviationCandidates(text: string): AbbreviationCandidate[] {
  const found = new Map<string, { abbreviation: string; forms: Map<string, number>; count: number; first: number }>();
  for (const m of text.normalize('NFC').matchAll(PAREN_RE)) {
    const before = clauseBefore(m.input, m.index);
    const expansion = matchInitials(before, m[1]);
    if (!expansion) continue;
    const key = `${m[1]}\u0000${foldVietnamese(expansion)}`;
    const entry = found.get(key) ?? { abbreviation: m[1], forms: new Map(), count: 0, first: m.index };
    entry.count += 1;
    entry.forms.set(expansion, (entry.forms.get(expansion) ?? 0) + 1);
    found.set(key, entry);
  }
  return [...found.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((e) => ({ abbreviation: e.abbreviation, expansion: mostFrequent(e.forms), count: e.count }));
}

/**
 * The pairs {@link findAbbreviationCandidates} finds that the glossary does not already hold: the
 * abbreviation is absent, or listed without this full form (compared folded, so "Uỷ ban" = "Ủy ban").
 * A pair that sits together in one synonym group also counts as known.
 */
export function glossaryCandidates(text: string, glossary: Glossary): AbbreviationCandidate[] {
  const known = new Map<string, Set<string>>();
  for (const [abbr, expansions] of glossary.abbreviations) {
    const k = foldVietnamese(abbr);
    const set = known.get(k) ?? new Set<string>();
    for (const e of expansions) set.add(foldVietnamese(e));
    known.set(k, set);
  }
  const groups = glossary.synonymGroups.map((g) => new Set(g.map((p) => foldVietnamese(p))));
  return findAbbreviationCandidates(text).filter((c) => {
    const a = foldVietnamese(c.abbreviation);
    const e = foldVietnamese(c.expansion);
    return !known.get(a)?.has(e) && !groups.some((g) => g.has(a) && g.has(e));
  });
}

/** Text from the start of the clause (after the last ".", ";", ":", "(" , ")" or newline) up to `end`. */
function clauseBefore(text: string, end: number): string {
  const start = Math.max(0, end - 200);
  const window = text.slice(start, end);
  const cut = Math.max(...['.', ';', ':', '(', ')', '\n'].map((c) => window.lastIndexOf(c)));
  return window.slice(cut + 1);
}

/** The shortest run of syllables at the end of `before` whose initials spell `abbreviation`. */
function matchInitials(before: string, abbreviation: string): string | undefined {
  const letters = foldVietnamese(abbreviation);
  const tokens = [...before.matchAll(TOKEN_RE)];
  // A full form never runs across a number ("dung lượng 05 gigabyte (GB)").
  const lastNumber = tokens.findLastIndex((t) => /\p{N}/u.test(t[0]));
  const syllables = tokens.slice(lastNumber + 1);
  for (let k = MIN_SYLLABLES; k <= Math.min(MAX_SYLLABLES, syllables.length); k++) {
    const run = syllables.slice(-k);
    const folded = run.map((s) => foldVietnamese(s[0]));
    if (SKIPPABLE.has(folded[0])) continue;
    const all = folded.map((f) => f[0]).join('');
    const skipping = folded.filter((f, i) => i === 0 || i === k - 1 || !SKIPPABLE.has(f)).map((f) => f[0]).join('');
    if (all === letters || skipping === letters) {
      const last = run[k - 1];
      return before.slice(run[0].index, (last.index ?? 0) + last[0].length);
    }
  }
  return undefined;
}

function mostFrequent(forms: Map<string, number>): string {
  let best = '';
  let bestCount = 0;
  for (const [form, n] of forms) {
    if (n > bestCount) {
      best = form;
      bestCount = n;
    }
  }
  return best;
}
