import type { Analyzer } from '../text/analyzer.js';
import { buildIndexData } from './index-builder.js';
import { buildIndexDataParallel, indexBuildWorkers } from './parallel-build.js';
import type { ParallelBuildOptions } from './parallel-build.js';
import { TopK } from './top-k.js';
import { MaxScoreScorer, END } from './max-score.js';
import type { PostingCursor, QueryPlan, ScoringScratch } from './max-score.js';
import { TermTable } from './term-table.js';
import { BlockBounds } from './block-bounds.js';
import type { TermTableData } from './term-table.js';

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

/**
 * Serialisable state of a built index (see {@link KeywordIndex.toData}): typed arrays only, so a snapshot
 * stores and loads them as they are.
 *
 * Postings are in CSR layout: term t's postings are `offsets[t]..offsets[t+1]`, record ids ascending in
 * `postings`. A posting's BM25F factor is `factors[factorStart[r] + codes[i]]` for its record r: the
 * factors a record's postings take are few (tf 1 in the body, tf 2, a heading word…), so each posting
 * stores a one-byte code (two bytes when some record has more than 256 distinct factors) instead of a float.
 */
export interface KeywordIndexData {
  terms: TermTableData;
  offsets: Int32Array;
  postings: Int32Array;
  codes: Uint8Array | Uint16Array;
  factorStart: Int32Array;
  factors: Float32Array;
  idf: Float32Array;
  /** Largest BM25F factor of each term's postings (the MaxScore bound). */
  maxWeight: Float32Array;
  size: number;
}

/**
 * Below this many postings over a query's terms, {@link KeywordIndex.search} scores exhaustively: summing
 * ~10k postings (a typical question over the 11k-passage benchmark corpus) takes well under a
 * millisecond, and MaxScore's bookkeeping costs more than it saves there. Measured break-even on the
 * dev questions: about 5× that corpus (scripts/bench/scale.ts).
 */
export const PRUNE_MIN_POSTINGS = 50_000;

/**
 * From this many postings over a query's terms, {@link KeywordIndex.searchReduced} finds its candidates with
 * the query's heaviest terms only. Below it (every question over a corpus the size of the benchmark's, bar a
 * few very long ones) it is exactly {@link KeywordIndex.search}.
 */
export const REDUCE_MIN_POSTINGS = 50_000;
/** Share of the query's total weight (query weight × idf) the reduced first stage keeps, heaviest terms first. */
export const REDUCE_WEIGHT_SHARE = 0.7;
/** Most terms the reduced first stage keeps. */
export const REDUCE_MAX_TERMS = 16;
/** Candidates the reduced first stage hands to the full rescoring, as a multiple of k. */
export const REDUCE_CANDIDATES = 2;

/**
 * Below this many records (given as an array) {@link KeywordIndex.buildAsync} builds in the calling thread:
 * starting a worker and loading the analyser in it costs more than the build. Measured on a loaded 2-core
 * machine (eval corpus): 50 records 0.48 s in the thread against 0.82 s with a worker, 200 records 0.70 s
 * against 0.74 s, 1,000 records 0.70 s against 1.04 s. From a few hundred records on, the worker is kept for
 * the calling thread's sake (it keeps answering), not for speed; a build below 200 blocks it well under a second.
 */
export const SMALL_BUILD_RECORDS = 200;

/**
 * KeywordIndex: a BM25F inverted index that we own, built for speed.
 *
 * Postings live in flat typed arrays (CSR layout, see {@link KeywordIndexData}), and each posting points
 * to its precomputed BM25F term-frequency factor, so a query is a few tight loops of multiply-adds into
 * one reusable score array. Nothing is allocated per posting at query
 * time. Fields are combined the BM25F way: per-field length-normalised term frequencies are weighted and
 * summed before the saturation k1, so a term in the heading does not double-count with the body.
 */
export class KeywordIndex {
  private readonly termIds: TermTable;
  private readonly scores: Float32Array;
  private readonly touched: Int32Array;
  private readonly mark: Uint32Array;
  private readonly covered: Float32Array;
  /** Reused per-query accumulators of the pruned search. */
  private readonly scratch: ScoringScratch;
  private readonly heap = new TopK();
  private readonly scorer = new MaxScoreScorer();
  private readonly cursors: CsrCursor[] = [];
  private epoch = 0;
  private lastScored = 0;
  /** Per-block bounds of the terms queries use, computed from the arrays on first use (not stored). */
  private readonly blockBounds: BlockBounds;

  private constructor(private readonly data: KeywordIndexData) {
    this.termIds = new TermTable(data.terms);
    this.blockBounds = new BlockBounds(data);
    this.scores = new Float32Array(data.size);
    this.touched = new Int32Array(data.size);
    this.mark = new Uint32Array(data.size);
    this.covered = new Float32Array(data.size);
    this.scratch = {
      partial: new Float64Array(data.size),
      seen: new Uint32Array(data.size),
      touched: this.touched,
      epoch: 0,
      maxPartial: 0,
      boostOf: new Float64Array(data.size),
      setCoverage: (r, c) => {
        this.mark[r] = this.epoch;
        this.covered[r] = c;
      },
    };
  }

  /** Number of indexed records. */
  get size(): number {
    return this.data.size;
  }

  /** Number of distinct terms. */
  get vocabularySize(): number {
    return this.termIds.size;
  }

  /** Number of records fully scored by the last search (every matching record when it was exhaustive). */
  get lastScoredCount(): number {
    return this.lastScored;
  }

  /** Builds an index over `records` (record i gets id i; read once, in order: a generator will do). */
  static build(records: Iterable<IndexableText>, analyzer: Analyzer, params: Bm25Params = DEFAULT_BM25): KeywordIndex {
    return new KeywordIndex(buildIndexData(records, analyzer, params));
  }

  /**
   * {@link build} in worker threads (parallel-build.ts): the same index, byte for byte, while the calling
   * thread stays free. `workers` 0 builds here with `analyzer`; so does an array of fewer than
   * {@link SMALL_BUILD_RECORDS} records (a worker would take longer to start than the build). Other
   * options and the default number of workers: {@link ParallelBuildOptions}, `configureIndexBuild`.
   */
  static async buildAsync(records: Iterable<IndexableText>, analyzer: Analyzer, params: Bm25Params = DEFAULT_BM25, options: ParallelBuildOptions = {}): Promise<KeywordIndex> {
    const workers = options.workers ?? indexBuildWorkers();
    if (workers === 0 || (Array.isArray(records) && records.length < SMALL_BUILD_RECORDS)) return KeywordIndex.build(records, analyzer, params);
    return new KeywordIndex(await buildIndexDataParallel(records, params, { ...options, workers }));
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
    return id < 0 ? 0 : this.data.idf[id];
  }

  /** Number of records containing the term. */
  df(term: string): number {
    const id = this.termIds.get(term);
    return id < 0 ? 0 : this.data.offsets[id + 1] - this.data.offsets[id];
  }

  /** The BM25F factor of `term` in `record` (0 when absent); binary search in the term's postings. */
  termScore(term: string, record: number): number {
    const id = this.termIds.get(term);
    if (id < 0) return 0;
    let lo = this.data.offsets[id];
    let hi = this.data.offsets[id + 1] - 1;
    const p = this.data.postings;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = p[mid];
      if (v === record) return this.data.factors[this.data.factorStart[record] + this.data.codes[mid]];
      if (v < record) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * The best `k` records for the query as [record, score] pairs, best first (ties: lower record first).
   * `boost` (optional) multiplies a record's final score (e.g. a document named in the query); give
   * `maxBoost`, an upper bound of every value `boost` returns, so the search can skip records that cannot
   * enter the top k (MaxScore, see max-score.ts). Without `maxBoost` a boosted search scores every record.
   * Either way the result is exactly that of {@link searchExhaustive}, and {@link coverageOf} is right for
   * every record returned.
   */
  search(terms: readonly WeightedTerm[], k: number, boost?: (record: number) => number, maxBoost?: number): Array<[number, number]> {
    return this.searchPruned(terms, k, boost, maxBoost, PRUNE_MIN_POSTINGS);
  }

  /**
   * {@link search} for long queries over large corpora. When the query's lists hold at least
   * {@link REDUCE_MIN_POSTINGS} postings, its heaviest terms (by query weight × idf, up to
   * {@link REDUCE_WEIGHT_SHARE} of the total weight and at most {@link REDUCE_MAX_TERMS} terms) find
   * {@link REDUCE_CANDIDATES} × k candidates with the pruned search, and the candidates are then scored over
   * every term of the query, exactly as {@link searchExhaustive} would score them (same sums, same
   * {@link coverageOf}). Long questions have dozens to hundreds of expanded terms whose low-idf lists cover
   * most of the corpus; their heaviest few decide which records can rank, so the top k is the exhaustive top k
   * in nearly every case, at a cost that grows with the heavy terms' short lists instead of the whole corpus.
   * Below the floor, and when the heavy terms are the whole query, it is {@link search}.
   */
  searchReduced(terms: readonly WeightedTerm[], k: number, boost?: (record: number) => number, maxBoost?: number, minPostings = REDUCE_MIN_POSTINGS): Array<[number, number]> {
    if (k <= 0) return [];
    const { offsets, idf } = this.data;
    const ids: number[] = [];
    const source: number[] = [];
    const weights: number[] = [];
    const covers: number[] = [];
    let postings = 0;
    let total = 0;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i];
      const id = this.termIds.get(t.term);
      if (id < 0) continue;
      const w = t.weight * idf[id];
      if (!(w >= 0)) return this.search(terms, k, boost, maxBoost);
      ids.push(id);
      source.push(i);
      weights.push(w);
      covers.push(t.cover ?? 0);
      postings += offsets[id + 1] - offsets[id];
      total += w;
    }
    if (postings < minPostings) return this.search(terms, k, boost, maxBoost);
    const byWeight = ids.map((_, j) => j).sort((a, b) => weights[b] - weights[a] || a - b);
    const keep: number[] = [];
    let kept = 0;
    for (const j of byWeight) {
      if (keep.length >= REDUCE_MAX_TERMS || (keep.length > 0 && kept >= REDUCE_WEIGHT_SHARE * total)) break;
      keep.push(j);
      kept += weights[j];
    }
    if (keep.length === ids.length) return this.search(terms, k, boost, maxBoost);
    keep.sort((a, b) => a - b);
    const first = this.search(keep.map((j) => terms[source[j]]), REDUCE_CANDIDATES * k, boost, maxBoost);
    return this.rescore(first.map(([r]) => r), ids, weights, covers, k, boost);
  }

  /**
   * Scores `records` over the given terms (ids, weight × idf, coverage mass, in query order) as
   * {@link searchExhaustive} would: float32 sums in query order, coverage recorded for {@link coverageOf}.
   * Term by term, each term's cursor seeking through the records in increasing order.
   */
  private rescore(records: number[], ids: readonly number[], weights: readonly number[], covers: readonly number[], k: number, boost?: (record: number) => number): Array<[number, number]> {
    const cand = Int32Array.from(records).sort();
    const { scores, covered, mark } = this;
    const epoch = this.nextEpoch();
    for (let c = 0; c < cand.length; c++) {
      const r = cand[c];
      mark[r] = epoch;
      scores[r] = 0;
      covered[r] = 0;
    }
    if (this.cursors.length === 0) this.cursors.push(new CsrCursor(this.data));
    const cur = this.cursors[0];
    for (let j = 0; j < ids.length; j++) {
      cur.open(ids[j]);
      const w = weights[j];
      const cov = covers[j];
      for (let c = 0; c < cand.length && cur.doc !== END; c++) {
        const r = cand[c];
        cur.seek(r);
        if (cur.doc !== r) continue;
        scores[r] += w * cur.weight();
        covered[r] += cov;
      }
    }
    const heap = this.heap;
    heap.reset(k);
    for (let c = 0; c < cand.length; c++) {
      const r = cand[c];
      heap.offer(r, boost ? scores[r] * boost(r) : scores[r]);
    }
    this.lastScored = cand.length;
    return heap.sorted();
  }

  /**
   * {@link search} with MaxScore whenever the query's lists hold at least `minPostings` postings (default
   * 0: always, when a bound is known). Tests use it to compare pruned and exhaustive results on small corpora.
   */
  searchPruned(terms: readonly WeightedTerm[], k: number, boost?: (record: number) => number, maxBoost?: number, minPostings = 0): Array<[number, number]> {
    if (boost && maxBoost === undefined) return this.searchExhaustive(terms, k, boost);
    const planned = this.plan(terms);
    if (!planned || planned.postings < minPostings) return this.searchExhaustive(terms, k, boost);
    // Block bounds only for a search that prunes: a term's first use walks its whole list to make them.
    const plan: QueryPlan = { ...planned, blocks: { terms: planned.ids.map((id) => this.blockBounds.of(id)), count: this.blockBounds.count } };
    this.scratch.epoch = this.nextEpoch();
    this.heap.reset(Math.max(0, k));
    this.lastScored = this.scorer.run(plan, this.heap, k, this.scratch, boost, boost ? Math.max(maxBoost ?? 1, 0) : 1);
    return this.heap.sorted();
  }

  /**
   * Scores every record that contains a query term (term at a time) and returns the best `k`, like
   * {@link search}. The reference the pruned search is tested against; also used when no bound is known.
   */
  searchExhaustive(terms: readonly WeightedTerm[], k: number, boost?: (record: number) => number): Array<[number, number]> {
    const { offsets, postings, codes, factorStart, factors, idf } = this.data;
    const scores = this.scores;
    const mark = this.mark;
    const touched = this.touched;
    const epoch = this.nextEpoch();
    let nTouched = 0;
    const covered = this.covered;
    for (const { term, weight, cover } of terms) {
      const id = this.termIds.get(term);
      if (id < 0) continue;
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
        scores[r] += w * factors[factorStart[r] + codes[i]];
        covered[r] += c;
      }
    }
    const heap = this.heap;
    heap.reset(Math.max(0, k));
    for (let i = 0; i < nTouched; i++) {
      const r = touched[i];
      heap.offer(r, boost ? scores[r] * boost(r) : scores[r]);
    }
    this.lastScored = nTouched;
    return heap.sorted();
  }

  /** Sum of the `cover` masses of the last search's terms that `record` contains (0 if it was not scored). */
  coverageOf(record: number): number {
    return this.mark[record] === this.epoch ? this.covered[record] : 0;
  }

  private nextEpoch(): number {
    this.epoch = (this.epoch + 1) >>> 0 || 1;
    return this.epoch;
  }

  /** The query's known terms with cursors and bounds (block bounds excepted), or undefined when a weight is negative (no valid bound). */
  private plan(terms: readonly WeightedTerm[]): (Omit<QueryPlan, 'blocks'> & { ids: number[]; postings: number }) | undefined {
    const { idf } = this.data;
    const w: number[] = [];
    const ids: number[] = [];
    const cover: number[] = [];
    for (const t of terms) {
      const id = this.termIds.get(t.term);
      if (id < 0) continue;
      const weight = t.weight * idf[id];
      if (!(weight >= 0)) return undefined;
      ids.push(id);
      w.push(weight);
      cover.push(t.cover ?? 0);
    }
    const m = ids.length;
    while (this.cursors.length < m) this.cursors.push(new CsrCursor(this.data));
    const ub = new Float64Array(m);
    let postings = 0;
    for (let j = 0; j < m; j++) {
      this.cursors[j].open(ids[j]);
      ub[j] = w[j] * this.data.maxWeight[ids[j]];
      postings += this.cursors[j].length;
    }
    return { m, cursors: this.cursors, w: Float64Array.from(w), ub, cover: Float64Array.from(cover), ids, postings };
  }
}

/** Cursor over one term's postings in the CSR arrays. */
class CsrCursor implements PostingCursor {
  doc = END;
  private pos = 0;
  private start = 0;
  private end = 0;

  constructor(private readonly data: KeywordIndexData) {}

  open(term: number): void {
    this.start = this.pos = this.data.offsets[term];
    this.end = this.data.offsets[term + 1];
    this.doc = this.pos < this.end ? this.data.postings[this.pos] : END;
  }

  next(): void {
    this.doc = ++this.pos < this.end ? this.data.postings[this.pos] : END;
  }

  seek(target: number): void {
    if (this.doc >= target) return;
    const p = this.data.postings;
    // Gallop, then binary search in the last step's range.
    let lo = this.pos + 1;
    let step = 1;
    let hi = lo;
    while (hi < this.end && p[hi] < target) {
      lo = hi + 1;
      hi += step;
      step *= 2;
    }
    if (hi > this.end) hi = this.end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    this.pos = lo;
    this.doc = lo < this.end ? p[lo] : END;
  }

  weight(): number {
    const { factors, factorStart, codes } = this.data;
    return factors[factorStart[this.doc] + codes[this.pos]];
  }

  get length(): number {
    return this.end - this.start;
  }

  accumulateSeen(w: number, s: ScoringScratch): void {
    const { postings, codes, factorStart, factors } = this.data;
    const { partial, seen, epoch } = s;
    for (let i = this.start; i < this.end; i++) {
      const r = postings[i];
      if (seen[r] === epoch) partial[r] += w * factors[factorStart[r] + codes[i]];
    }
  }

  rewind(): void {
    this.pos = this.start;
    this.doc = this.pos < this.end ? this.data.postings[this.pos] : END;
  }

  accumulate(w: number, s: ScoringScratch, nTouched: number): number {
    const { postings, codes, factorStart, factors } = this.data;
    const { partial, seen, touched, epoch } = s;
    let max = s.maxPartial;
    for (let i = this.start; i < this.end; i++) {
      const r = postings[i];
      let v = w * factors[factorStart[r] + codes[i]];
      if (seen[r] !== epoch) {
        seen[r] = epoch;
        touched[nTouched++] = r;
      } else v += partial[r];
      partial[r] = v;
      if (v > max) max = v;
    }
    s.maxPartial = max;
    return nTouched;
  }
}
