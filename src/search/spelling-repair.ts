/**
 * Repairs a misspelt syllable in a question when the index shows what was meant (officials' typing:
 * "kiểm xoát" for kiểm soát, "tài khoảng" for tài khoản, "đại phương" for địa phương, "tỉ lệ" for tỷ lệ).
 *
 * Only the confusions Vietnamese writers make are tried, on one syllable at a time: initial s/x, ch/tr,
 * l/n, d/gi/r (dialect spellings), final n/ng and c/t (southern spellings), final i/y, and two adjacent
 * letters swapped (a slip of the finger). A syllable is replaced only when the pair it forms with a
 * neighbour is absent from the index (folded) while the repaired pair occurs in at least
 * {@link MIN_PAIR_DF} passages: a word pair the documents never write is the sign of a typo, and one they
 * write often is the evidence of the meaning; the repaired word must also be more than twice as frequent
 * in the index as the word typed (compared as written when the question has marks; without marks, only
 * a word in at most {@link MAX_UNACCENTED_DF} passages is repaired, since folding merges words), and function words
 * ("rồi", "các") are never touched. Tone and vowel marks typed stay where they were.
 */
import type { Analyzer, Token } from '../text/analyzer.js';
import { FOLDED_PREFIX } from '../text/analyzer.js';
import { foldWord, typedWithDiacritics } from '../text/vietnamese.js';
import { FOLDED_STOPWORDS, STOPWORDS } from '../text/stopwords.js';

/** Passages that must hold the repaired word pair. */
export const MIN_PAIR_DF = 3;

/** In a question typed without marks, the most passages a word may occur in and still be repaired. */
export const MAX_UNACCENTED_DF = 2;

/** What the repair needs from the index: document frequency of a term (folded terms carry {@link FOLDED_PREFIX}). */
export interface TermFrequencies {
  df(term: string): number;
}

const INITIAL_SWAPS: Array<[string, string]> = [
  ['s', 'x'],
  ['x', 's'],
  ['ch', 'tr'],
  ['tr', 'ch'],
  ['l', 'n'],
  ['n', 'l'],
  ['d', 'gi'],
  ['gi', 'd'],
  ['d', 'r'],
  ['r', 'd'],
  ['gi', 'r'],
  ['r', 'gi'],
];

const FINAL_SWAPS: Array<[string, string]> = [
  ['ng', 'n'],
  ['n', 'ng'],
  ['c', 't'],
  ['t', 'c'],
];

/** i and y with the same tone mark. */
const I_TO_Y: Record<string, string> = { i: 'y', í: 'ý', ì: 'ỳ', ỉ: 'ỷ', ĩ: 'ỹ', ị: 'ỵ' };
const Y_TO_I: Record<string, string> = Object.fromEntries(Object.entries(I_TO_Y).map(([i, y]) => [y, i]));

/** Spellings of `word` (lower case, as typed) by one of the confusions above. */
export function spellingVariants(word: string): string[] {
  const out = new Set<string>();
  const initial = /^(ngh|ng|gh|gi|ch|tr|th|kh|nh|ph|qu|[bcdđghklmnpqrstvx])?/u.exec(word)?.[0] ?? '';
  for (const [from, to] of INITIAL_SWAPS) {
    if (initial === from) out.add(to + word.slice(from.length));
  }
  // gi before i: "gì" has initial "g" + "ì" in some analyses; "d"/"r" + "ì" then needs no "i" added.
  if (initial === 'gi' && word.length === 2) out.add(`d${word.slice(1)}`).add(`r${word.slice(1)}`);
  for (const [from, to] of FINAL_SWAPS) {
    if (word.length > from.length + 1 && word.endsWith(from) && !(from === 'n' && word.endsWith('nh'))) out.add(word.slice(0, -from.length) + to);
  }
  const last = word[word.length - 1];
  if (word.length > 1 && I_TO_Y[last]) out.add(word.slice(0, -1) + I_TO_Y[last]);
  if (word.length > 1 && Y_TO_I[last]) out.add(word.slice(0, -1) + Y_TO_I[last]);
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  out.delete(word);
  return [...out];
}

/** Folded bigram term of two folded words. */
function pairTerm(a: string, b: string): string {
  return `${FOLDED_PREFIX}${a} ${b}`;
}

/** A repair of one syllable: where it is in the text and what replaces it. */
export interface SpellingRepair {
  start: number;
  end: number;
  typed: string;
  repaired: string;
}

/**
 * The repairs for `text` (see the module comment), at most one per syllable, none overlapping. Words with
 * digits and single letters are left alone.
 */
export function findSpellingRepairs(text: string, analyzer: Analyzer, index: TermFrequencies): SpellingRepair[] {
  const tokens = analyzer.tokenize(text);
  const accented = typedWithDiacritics(tokens.map((t) => t.raw));
  const folded = tokens.map((t) => t.folded);
  const repairs: SpellingRepair[] = [];
  const seenPair = (i: number): boolean => i >= 0 && i + 1 < tokens.length && index.df(pairTerm(folded[i], folded[i + 1])) > 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!repairable(t)) continue;
    const hasLeft = i > 0 && repairable(tokens[i - 1]);
    const hasRight = i + 1 < tokens.length && repairable(tokens[i + 1]);
    if (!hasLeft && !hasRight) continue;
    // A syllable that pairs with a neighbour the way the documents write is spelt as they spell it.
    if ((hasLeft && seenPair(i - 1)) || (hasRight && seenPair(i))) continue;
    const lower = t.raw.toLowerCase();
    if (STOPWORDS.has(lower) || FOLDED_STOPWORDS.has(folded[i])) continue;
    // A question typed with marks: words are compared as written ("tay" is not "tài"). Without marks,
    // folding merges many words ("con" is còn, con, cơn…), so only a word the index hardly knows is repaired.
    const wordDf = (w: Token): number => (accented ? index.df(w.exact) : index.df(FOLDED_PREFIX + w.folded));
    const typedDf = wordDf(t);
    if (!accented && typedDf > MAX_UNACCENTED_DF) continue;
    let best: { word: string; df: number } | undefined;
    for (const v of spellingVariants(lower)) {
      const fv = foldWord(v);
      const vt = analyzer.tokenize(v)[0];
      if (fv === folded[i] || !vt || vt.raw !== v) continue;
      // A word the documents use more than twice as often as the one typed ("khoản" for "khoảng"), never
      // the other way round ("đồng chí" is not "đồn chí" because the pair is missing from the index).
      if (wordDf(vt) <= 2 * typedDf) continue;
      const df = Math.max(hasLeft ? index.df(pairTerm(folded[i - 1], fv)) : 0, hasRight ? index.df(pairTerm(fv, folded[i + 1])) : 0);
      if (df >= MIN_PAIR_DF && (!best || df > best.df)) best = { word: v, df };
    }
    if (!best) continue;
    repairs.push({ start: t.start, end: t.end, typed: t.raw, repaired: keepCase(t.raw, best.word) });
    folded[i] = foldWord(best.word);
  }
  return repairs;
}

/** `text` with the repairs of {@link findSpellingRepairs} applied. */
export function repairSpelling(text: string, analyzer: Analyzer, index: TermFrequencies): string {
  const repairs = findSpellingRepairs(text, analyzer, index);
  let out = text;
  for (const r of [...repairs].reverse()) out = out.slice(0, r.start) + r.repaired + out.slice(r.end);
  return out;
}

function repairable(t: Token): boolean {
  return t.raw.length >= 2 && !/\d/u.test(t.raw);
}

function keepCase(typed: string, repaired: string): string {
  return typed[0] !== typed[0].toLowerCase() ? repaired[0].toUpperCase() + repaired.slice(1) : repaired;
}
