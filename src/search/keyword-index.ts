import { FOLDED_PREFIX } from '../text/analyzer.js';
import type { Analyzer, FormInfo, TermSink } from '../text/analyzer.js';
import { PairMap } from './pair-map.js';

/** One retrievable record as the keyword index sees it: three weighted text fields. */
export interface IndexableText {
  /** Document number and title ("61/2018/NĐ-CP Nghị định về thực hiện cơ chế một cửa…"). */
  doc: string;
  /** Heading path ("Chương II. … Điều 5. Nguyên tắc…"). */
  heading: string;
  body: string;
}

/** Ranking parameters of the BM25F scorer. Defaults suit article-sized legal passages. */
export interface Bm25Params {
  k1: number;
  /** Length normalisation per field: doc, heading, body. */
  b: [number, number, number];
  /** Field weights: doc, heading, body. */
  weights: [number, number, number];
}

/** Defaults chosen on the whole dev set as global constants (never per question). */
export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: [0.3, 0.3, 0.75], weights: [0.6, 2.5, 1.0] };

/** A query term with its weight (exact terms, folded backups, glossary expansions weigh differently). */
export interface WeightedTerm {
  term: string;
  weight: number;
  /**
   * Optional coverage mass of the term: a record that contains it gets this much added to its coverage
   * for the last search (see {@link KeywordIndex.coverageOf}), in the same pass as scoring.
   */
  cover?: number;
}

/** Serialisable state of a built index (see {@link KeywordIndex.toData}). */
export interface KeywordIndexData {
  terms: string[];
  offsets: Int32Array;
  postings: Int32Array;
  weights: Float32Array;
  idf: Float32Array;
  size: number;
}

/**
 * KeywordIndex: a BM25F inverted index that we own, built for speed.
 *
 * Postings live in flat typed arrays (CSR layout: `offsets[t]..offsets[t+1]` index into `postings` and
 * `weights`), and each posting stores its precomputed BM25F term-frequency factor, so a query is a few
 * tight loops of multiply-adds into one reusable score array. Nothing is allocated per posting at query
 * time. Fields are combined the BM25F way: per-field length-normalised term frequencies are weighted and
 * summed before the saturation k1, so a term in the heading does not double-count with the body.
 */
export class KeywordIndex {
  private readonly termIds: Map<string, number>;
  private readonly scores: Float32Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint32Array;
  private readonly covered: Float32Array;
  private epoch = 0;

  private constructor(private readonly data: KeywordIndexData) {
    this.termIds = new Map(data.terms.map((t, i) => [t, i]));
    this.scores = new Float32Array(data.size);
    this.touched = new Int32Array(data.size);
    this.mark = new Uint32Array(data.size);
    this.covered = new Float32Array(data.size);
  }

  /** Number of indexed records. */
  get size(): number {
    return this.data.size;
  }

  /** Number of distinct terms. */
  get vocabularySize(): number {
    return this.data.terms.length;
  }

  /** Builds an index over `records` (record i gets id i). */
  static build(records: readonly IndexableText[], analyzer: Analyzer, params: Bm25Params = DEFAULT_BM25): KeywordIndex {
    return new KeywordIndex(buildData(records, analyzer, params));
  }

  /** Restores an index from {@link toData} output. */
  static fromData(data: KeywordIndexData): KeywordIndex {
    return new KeywordIndex(data);
  }

  /** The index's arrays, for persisting a snapshot. */
  toData(): KeywordIndexData {
    return this.data;
  }

  /** Inverse document frequency of a term, or 0 when it is not in the index. */
  idf(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.data.idf[id];
  }

  /** Number of records containing the term. */
  df(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.data.offsets[id + 1] - this.data.offsets[id];
  }

  /** The BM25F factor of `term` in `record` (0 when absent); binary search in the term's postings. */
  termScore(term: string, record: number): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    let lo = this.data.offsets[id];
    let hi = this.data.offsets[id + 1] - 1;
    const p = this.data.postings;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = p[mid];
      if (v === record) return this.data.weights[mid];
      if (v < record) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * Scores every record that contains a query term and returns the best `k` as [record, score] pairs,
   * best first. `boost` (optional) multiplies a record's final score (e.g. a document named in the query).
   */
  search(terms: readonly WeightedTerm[], k: number, boost?: (record: number) => number): Array<[number, number]> {
    const { offsets, postings, weights, idf } = this.data;
    const scores = this.scores;
    const mark = this.mark;
    const touched = this.touched;
    this.epoch = (this.epoch + 1) >>> 0 || 1;
    const epoch = this.epoch;
    let nTouched = 0;
    const covered = this.covered;
    for (const { term, weight, cover } of terms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const w = weight * idf[id];
      const c = cover ?? 0;
      for (let i = offsets[id], end = offsets[id + 1]; i < end; i++) {
        const r = postings[i];
        if (mark[r] !== epoch) {
          mark[r] = epoch;
          scores[r] = 0;
          covered[r] = 0;
          touched[nTouched++] = r;
        }
        scores[r] += w * weights[i];
        covered[r] += c;
      }
    }
    return topK(scores, touched, nTouched, k, boost);
  }

  /** Sum of the `cover` masses of the last search's terms that `record` contains (0 if it matched none). */
  coverageOf(record: number): number {
    return this.mark[record] === this.epoch ? this.covered[record] : 0;
  }
}

function topK(
  scores: Float32Array,
  touched: Int32Array,
  n: number,
  k: number,
  boost?: (record: number) => number,
): Array<[number, number]> {
  const heapR = new Int32Array(k);
  const heapS = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const r = touched[i];
    const s = boost ? scores[r] * boost(r) : scores[r];
    if (size < k) {
      let j = size++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (heapS[parent] <= s) break;
        heapS[j] = heapS[parent];
        heapR[j] = heapR[parent];
        j = parent;
      }
      heapS[j] = s;
      heapR[j] = r;
    } else if (s > heapS[0]) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const c = l + 1 < size && heapS[l + 1] < heapS[l] ? l + 1 : l;
        if (heapS[c] >= s) break;
        heapS[j] = heapS[c];
        heapR[j] = heapR[c];
        j = c;
      }
      heapS[j] = s;
      heapR[j] = r;
    }
  }
  const out: Array<[number, number]> = [];
  for (let i = 0; i < size; i++) out.push([heapR[i], heapS[i]]);
  return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/**
 * Maps analyser forms to term ids without building strings for terms already seen: unigrams by the
 * form's code, bigrams by a number made of the two codes. New terms get their string once.
 */
class TermDictionary {
  private exactUni = new Int32Array(1024).fill(-1);
  private foldedUni = new Int32Array(1024).fill(-1);
  private readonly exactBi = new PairMap();
  private readonly foldedBi = new PairMap();

  constructor(private readonly terms: string[]) {}

  unigram(info: FormInfo, folded: boolean): number {
    const code = folded ? info.foldedCode : info.exactCode;
    let table = folded ? this.foldedUni : this.exactUni;
    if (code >= table.length) {
      const next = new Int32Array(Math.max(table.length * 2, code + 1)).fill(-1);
      next.set(table);
      table = next;
      if (folded) this.foldedUni = next;
      else this.exactUni = next;
    }
    let id = table[code];
    if (id < 0) {
      id = this.terms.length;
      this.terms.push(folded ? FOLDED_PREFIX + info.folded : info.exact);
      table[code] = id;
    }
    return id;
  }

  bigram(a: FormInfo, b: FormInfo, folded: boolean): number {
    const map = folded ? this.foldedBi : this.exactBi;
    const ka = folded ? a.foldedCode : a.exactCode;
    const kb = folded ? b.foldedCode : b.exactCode;
    let id = map.get(ka, kb);
    if (id < 0) {
      id = this.terms.length;
      this.terms.push(folded ? `${FOLDED_PREFIX}${a.folded} ${b.folded}` : `${a.exact} ${b.exact}`);
      map.set(ka, kb, id);
    }
    return id;
  }
}

/** Growable Int32 buffer for the build's posting triples. */
class IntBuffer {
  arr = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.arr.length) {
      const next = new Int32Array(this.arr.length * 2);
      next.set(this.arr);
      this.arr = next;
    }
    this.arr[this.length++] = v;
  }
}

function buildData(records: readonly IndexableText[], analyzer: Analyzer, params: Bm25Params): KeywordIndexData {
  const terms: string[] = [];
  const n = records.length;
  const fieldLen = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  // Posting triples (term, record, per-field tf) in record order.
  const pTerm = new IntBuffer();
  const pRec = new IntBuffer();
  const pTf = [new IntBuffer(), new IntBuffer(), new IntBuffer()];
  const dict = new TermDictionary(terms);
  let local = new Int32Array(1024).fill(-1); // termId → slot of this record's posting
  let r = 0;
  let f = 0;
  let len = 0;
  const count = (id: number): void => {
    len++;
    if (id >= local.length) {
      const next = new Int32Array(Math.max(local.length * 2, id + 1)).fill(-1);
      next.set(local);
      local = next;
    }
    let slot = local[id];
    if (slot < 0) {
      slot = pTerm.length;
      local[id] = slot;
      pTerm.push(id);
      pRec.push(r);
      pTf[0].push(0);
      pTf[1].push(0);
      pTf[2].push(0);
    }
    pTf[f].arr[slot]++;
  };
  const sink: TermSink = {
    unigram: (info, folded) => count(dict.unigram(info, folded)),
    bigram: (a, b, folded) => count(dict.bigram(a, b, folded)),
  };
  for (r = 0; r < n; r++) {
    const rec = records[r];
    const start = pTerm.length;
    const fields = [rec.doc, rec.heading, rec.body];
    for (f = 0; f < 3; f++) {
      len = 0;
      analyzer.emit(fields[f], sink);
      fieldLen[f][r] = len;
    }
    for (let i = start; i < pTerm.length; i++) local[pTerm.arr[i]] = -1;
  }
  const avg = fieldLen.map((lens) => lens.reduce((a, b) => a + b, 0) / Math.max(1, n) || 1);
  const nTerms = terms.length;
  const offsets = new Int32Array(nTerms + 1);
  for (let i = 0; i < pTerm.length; i++) offsets[pTerm.arr[i] + 1]++;
  for (let t = 0; t < nTerms; t++) offsets[t + 1] += offsets[t];
  const fill = offsets.slice(0, nTerms);
  const postings = new Int32Array(pTerm.length);
  const weights = new Float32Array(pTerm.length);
  const { k1, b, weights: fw } = params;
  for (let i = 0; i < pTerm.length; i++) {
    const r = pRec.arr[i];
    let tf = 0;
    for (let f = 0; f < 3; f++) {
      const raw = pTf[f].arr[i];
      if (raw) tf += (fw[f] * raw) / (1 - b[f] + (b[f] * fieldLen[f][r]) / avg[f]);
    }
    const pos = fill[pTerm.arr[i]]++;
    postings[pos] = r;
    weights[pos] = (tf * (k1 + 1)) / (tf + k1);
  }
  const idf = new Float32Array(nTerms);
  for (let t = 0; t < nTerms; t++) {
    const df = offsets[t + 1] - offsets[t];
    idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  return { terms, offsets, postings, weights, idf, size: n };
}
