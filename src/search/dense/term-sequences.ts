import type { Analyzer, FormInfo } from '../../text/analyzer.js';
import { PairMap } from '../pair-map.js';

/**
 * The corpus as the embedding trainer sees it: one slot per syllable position, holding the vocabulary id
 * of the exact unigram at that position and of the exact bigram ending there (-1 for none). Records are
 * separated by `gap` empty slots so that no co-occurrence window crosses from one record to the next.
 */
export interface TermSequences {
  /** Vocabulary: exact (tone-canonical) unigrams "thủ" and bigrams "thủ tục", as the analyser writes them. */
  terms: string[];
  /** Folded form of each term ("thu tuc"), for queries typed without diacritics. */
  folded: string[];
  /** Number of records containing each term. */
  df: Int32Array;
  uni: Int32Array;
  bi: Int32Array;
  /** Slot range of record r: `recordStart[r] .. recordStart[r + 1]` (gap slots included at the end). */
  recordStart: Int32Array;
}

/** Vocabulary limits of {@link buildTermSequences}. */
export interface VocabularyOptions {
  /** Keep at most this many terms, the most widespread first (by document frequency). */
  maxTerms: number;
  /** Drop terms found in fewer records. */
  minDf: number;
  /** Drop terms that contain a digit ("khoản 1", "2019"): they carry numbering, not meaning. */
  skipNumbers: boolean;
}

const DIGIT = /\d/;
const WORD = /[\p{L}\p{N}]+/gu;

/** Growable Int32 buffer. */
class IntList {
  arr: Int32Array;
  length = 0;
  constructor(capacity = 1 << 16) {
    this.arr = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.arr.length) {
      const next = new Int32Array(this.arr.length * 2);
      next.set(this.arr);
      this.arr = next;
    }
    this.arr[this.length++] = v;
  }
  toArray(): Int32Array {
    return this.arr.slice(0, this.length);
  }
}

/**
 * Walks every record's fields with the analyser's own forms and term rules (exact unigrams except
 * stopwords; exact bigrams except stopword pairs and pairs with a question word, as in `Analyzer.emit`),
 * keeps the `maxTerms` terms found in the most records, and returns the position sequences over them.
 * Fields of a record are joined with no bigram across them.
 */
export function buildTermSequences(
  records: ReadonlyArray<readonly string[]>,
  analyzer: Analyzer,
  options: VocabularyOptions,
  gap: number,
): TermSequences {
  // Pass 1: provisional ids for every term, position sequences and document frequencies.
  const uniOf: number[] = []; // exact code → provisional id
  const bigrams = new PairMap(1 << 18);
  const termA: FormInfo[] = [];
  const termB: Array<FormInfo | null> = [];
  const uni = new IntList();
  const bi = new IntList();
  const recordStart = new Int32Array(records.length + 1);
  const dfList = new IntList();
  let seen = new Int32Array(1 << 16).fill(-1);
  const countDf = (id: number, r: number): void => {
    if (id >= seen.length) {
      const next = new Int32Array(Math.max(seen.length * 2, id + 1)).fill(-1);
      next.set(seen);
      seen = next;
    }
    if (seen[id] !== r) {
      seen[id] = r;
      dfList.arr[id]++;
    }
  };
  const newTerm = (a: FormInfo, b: FormInfo | null): number => {
    termA.push(a);
    termB.push(b);
    dfList.push(0);
    return termA.length - 1;
  };
  for (let r = 0; r < records.length; r++) {
    recordStart[r] = uni.length;
    for (const field of records[r]) {
      const lower = field.normalize('NFC').toLowerCase();
      let prev: FormInfo | null = null;
      for (const m of lower.matchAll(WORD)) {
        const info = analyzer.info(m[0]);
        let u = -1;
        if (!info.stop) {
          u = uniOf[info.exactCode] ?? -1;
          if (u < 0) uniOf[info.exactCode] = u = newTerm(info, null);
          countDf(u, r);
        }
        let b = -1;
        if (prev && !(prev.stop && info.stop) && !prev.question && !info.question) {
          b = bigrams.get(prev.exactCode, info.exactCode);
          if (b < 0) bigrams.set(prev.exactCode, info.exactCode, (b = newTerm(prev, info)));
          countDf(b, r);
        }
        uni.push(u);
        bi.push(b);
        prev = info;
      }
      uni.push(-1); // field boundary
      bi.push(-1);
    }
    for (let g = 0; g < gap; g++) {
      uni.push(-1);
      bi.push(-1);
    }
  }
  recordStart[records.length] = uni.length;

  // Pass 2: choose the vocabulary and renumber.
  const provDf = dfList.toArray();
  const text = (id: number): string => (termB[id] ? `${termA[id].exact} ${termB[id]!.exact}` : termA[id].exact);
  const foldedText = (id: number): string => (termB[id] ? `${termA[id].folded} ${termB[id]!.folded}` : termA[id].folded);
  const candidates: number[] = [];
  for (let id = 0; id < provDf.length; id++) {
    if (provDf[id] < options.minDf) continue;
    // Test the folded form: exact keys end in a tone digit ("đinh5").
    if (options.skipNumbers && DIGIT.test(foldedText(id))) continue;
    candidates.push(id);
  }
  candidates.sort((x, y) => provDf[y] - provDf[x] || x - y);
  const chosen = candidates.slice(0, options.maxTerms);
  const remap = new Int32Array(provDf.length).fill(-1);
  chosen.forEach((id, i) => (remap[id] = i));
  const uniArr = uni.toArray();
  const biArr = bi.toArray();
  for (let p = 0; p < uniArr.length; p++) {
    if (uniArr[p] >= 0) uniArr[p] = remap[uniArr[p]];
    if (biArr[p] >= 0) biArr[p] = remap[biArr[p]];
  }
  return {
    terms: chosen.map(text),
    folded: chosen.map(foldedText),
    df: Int32Array.from(chosen, (id) => provDf[id]),
    uni: uniArr,
    bi: biArr,
    recordStart,
  };
}
