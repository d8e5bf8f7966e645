import { TopK } from './top-k.js';
import { BLOCK_SHIFT } from './block-bounds.js';
import type { TermBlocks } from './block-bounds.js';

/** θ is first seeded once the lists walked hold 1/2^SEED_SHIFT of the query's postings (and 4× a seeding's seeks), then each time that doubles, and once more when the walk stops. */
const SEED_SHIFT = 6;
/** Factor of walked postings between two seedings of θ. */
const SEED_GROWTH = 2;
/** How many records (× k) with the best partial scores are scored exactly to seed θ. */
const SEED_FACTOR = 2;

/** Sentinel record id of an exhausted posting cursor (greater than any record). */
export const END = 0x7fffffff;

/** What the pruned search needs from a posting list. */
export interface PostingCursor {
  /** Current record, or {@link END}. */
  doc: number;
  /** Moves to the next posting. */
  next(): void;
  /** Moves to the first posting whose record is ≥ `target` (never backwards). */
  seek(target: number): void;
  /** BM25F factor of the current posting. */
  weight(): number;
  /** Back to the first posting. */
  rewind(): void;
  /** Number of postings of the list. */
  readonly length: number;
  /** Adds `w` × factor into `s.partial` for the postings whose record is marked in `s.seen` (the candidates). */
  accumulateSeen(w: number, s: ScoringScratch): void;
  /**
   * Adds `w` × factor of every posting of the list into `s.partial` (a record not yet seen in this query is
   * marked in `s.seen`, zeroed and appended to `s.touched`), raises `s.maxPartial`, and returns the new
   * number of touched records.
   */
  accumulate(w: number, s: ScoringScratch, nTouched: number): number;
}

/** One query's terms as the scorer sees them, in query order. */
export interface QueryPlan {
  m: number;
  /** A cursor per term, opened on the term's postings. */
  cursors: PostingCursor[];
  /** Query weight × idf of each term (≥ 0). */
  w: Float64Array;
  /** Largest contribution of each term: w × the term's largest BM25F factor. */
  ub: Float64Array;
  /** Coverage mass of each term (0 when none). */
  cover: Float64Array;
  /** Per-block bounds of each term (block-bounds.ts), with the number of blocks: tighter than `ub` alone. */
  blocks?: { terms: TermBlocks[]; count: number };
}

/** Scratch arrays sized to the corpus, owned by the index and reused by every query. */
export interface ScoringScratch {
  partial: Float64Array;
  seen: Uint32Array;
  touched: Int32Array;
  epoch: number;
  maxPartial: number;
  /** Boost of each seen record (1 without a boost), filled as records are first seen. */
  boostOf: Float64Array;
  /** Records the coverage of a fully scored record (see KeywordIndex.coverageOf). */
  setCoverage(record: number, coverage: number): void;
}

/**
 * MaxScore (Turtle & Flood 1995), term at a time. Terms are taken in decreasing order of their largest
 * possible contribution (`ub`) and their postings summed into accumulators, until the bounds of the terms
 * left cannot lift a record nobody has seen yet into the top k: θ, the k-th best partial score, is a lower
 * bound of the final k-th score, so once Σ ub(left) < θ the long, low-idf lists left are never walked. A
 * seen record then stays a candidate only while partial + Σ ub(left) can still reach θ; the few that do
 * are scored exactly by seeking each term's postings to them (records in increasing order, so every
 * cursor only moves forward).
 *
 * The result is exactly the top k of exhaustive scoring (tests compare them): a record is dropped only
 * when an upper bound of its final score is strictly below a lower bound of the k-th score. Final scores
 * are summed in query order with float32 rounding after each term, exactly as the exhaustive scorer
 * accumulates them in its Float32Array, so the two agree to the bit, ties included. `boost` multiplies the
 * final score and must never exceed `maxBoost`; bounds carry a small relative margin for float32 rounding.
 */
export class MaxScoreScorer {
  private order = new Int32Array(16);
  /** Bound per posting of each term: the walk order (most bound for the fewest postings first). */
  private gain = new Float64Array(16);
  private candidates = new Int32Array(1024);
  private kth = new Float64Array(64);
  private readonly seedHeap = new TopK();
  private seedScores = new Float64Array(128);
  private coverage = 0;
  /** Per block: Σ of the block bounds of the terms not walked yet. */
  private leftBlock = new Float64Array(0);
  /** Diagnostics of the last run: terms walked in full, records seen, candidates after the walk. */
  readonly stats = { terms: 0, walked: 0, seen: 0, candidates: 0, theta: 0, seeds: 0 };

  /**
   * Fills `heap` (already reset to k) with the top k of the plan. Returns the number of records scored
   * exactly (candidates left after pruning).
   */
  run(plan: QueryPlan, heap: TopK, k: number, s: ScoringScratch, boost?: (record: number) => number, maxBoost = 1): number {
    const { m, cursors, w, ub, cover } = plan;
    if (m === 0 || k <= 0) return 0;
    this.ensure(m, k);
    this.stats.seeds = 0;
    const order = this.order;
    const gain = this.gain;
    for (let i = 0; i < m; i++) {
      order[i] = i;
      gain[i] = ub[i] / Math.max(1, cursors[i].length);
    }
    for (let i = 1; i < m; i++) {
      const x = order[i];
      let j = i - 1;
      while (j >= 0 && gain[order[j]] < gain[x]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    const eps = (m + 2) * 2.5e-7; // an exact float32 sum may exceed the double bound by ~m ulps
    const up = maxBoost * (1 + eps);
    const down = 1 - eps;
    let left = 0;
    for (let i = 0; i < m; i++) left += ub[i];
    // Block bounds: a record of block b not in the lists walked scores at most leftBlock[b] (+ slack for
    // the rounding of the running sums).
    const blocks = plan.blocks;
    const leftBlock = blocks ? this.blockSums(plan) : undefined;
    const slack = left * 1e-9;
    const { partial, touched, seen, boostOf } = s;
    s.maxPartial = 0;
    let nTouched = 0;
    let theta = -Infinity;
    let thetaLeft = Infinity;
    let done = 0; // terms of `order` walked in full
    let total = 0;
    for (let i = 0; i < m; i++) total += cursors[i].length;
    let walked = 0;
    // Seeding costs SEED_FACTOR·k·m seeks: not before the walk has cost several times that.
    let nextSeed = Math.max(total >> SEED_SHIFT, k, 4 * SEED_FACTOR * k * m);
    let seededAt = 0;
    // 1. Walk the lists with the highest bounds until no unseen record can reach θ.
    while (done < m) {
      const j = order[done++];
      left -= ub[j];
      if (leftBlock) this.subtractBlocks(leftBlock, (blocks as NonNullable<typeof blocks>).terms[j], w[j]);
      const before = nTouched;
      nTouched = cursors[j].accumulate(w[j], s, nTouched);
      walked += cursors[j].length;
      for (let i = before; i < nTouched; i++) boostOf[touched[i]] = boost ? boost(touched[i]) : 1;
      if (nTouched < k) continue;
      if (walked >= nextSeed && left * up >= theta) {
        theta = Math.max(theta, this.seedTheta(plan, s, nTouched, k, down));
        seededAt = walked;
        nextSeed = walked * SEED_GROWTH;
        this.stats.seeds++;
      }
      if (left * up < theta) break;
      if (leftBlock && theta > -Infinity && (maxOf(leftBlock) + slack) * up < theta) break;
      if (left * up >= s.maxPartial * maxBoost) continue; // θ ≤ the best partial score
      if (theta > -Infinity && left > 0.9 * thetaLeft) continue; // recompute θ only when the bound moved
      theta = this.kthBest(partial, boostOf, touched, nTouched, k, down);
      thetaLeft = left;
      if (left * up < theta) break;
    }
    // The partial scores are now the best guide to the final top k: seed θ again for the candidate filter.
    if (nTouched >= k && walked > seededAt) {
      theta = Math.max(theta, this.seedTheta(plan, s, nTouched, k, down));
      this.stats.seeds++;
    }
    // 2. Candidates: seen records whose bound can still reach θ, in increasing record order; the others
    // are unmarked so the lists left can be walked for the candidates only.
    if (this.candidates.length < nTouched) this.candidates = new Int32Array(nTouched);
    const cand = this.candidates;
    let nc = 0;
    const upOne = 1 + eps;
    for (let i = 0; i < nTouched; i++) {
      const r = touched[i];
      if ((partial[r] + (leftBlock ? leftBlock[r >> BLOCK_SHIFT] + slack : left)) * upOne * boostOf[r] >= theta) cand[nc++] = r;
      else seen[r] = 0;
    }
    cand.subarray(0, nc).sort();
    Object.assign(this.stats, { terms: m, walked: done, seen: nTouched, candidates: nc, theta });
    // 3. The lists left are only looked up for the candidates, which are dropped as soon as they cannot win.
    let round = 0;
    while (done < m && nc > 0) {
      const j = order[done++];
      left -= ub[j];
      if (leftBlock) this.subtractBlocks(leftBlock, (blocks as NonNullable<typeof blocks>).terms[j], w[j]);
      const cur = cursors[j];
      if (cur.length <= 8 * nc) cur.accumulateSeen(w[j], s);
      else {
        for (let c = 0; c < nc; c++) {
          const r = cand[c];
          cur.seek(r);
          if (cur.doc === r) partial[r] += w[j] * cur.weight();
          else if (cur.doc === END) break;
        }
      }
      if (nc >= k && (nc <= 4096 || ++round % 4 === 0)) theta = Math.max(theta, this.kthBest(partial, boostOf, cand, nc, k, down));
      let kept = 0;
      for (let c = 0; c < nc; c++) {
        const r = cand[c];
        if ((partial[r] + (leftBlock ? leftBlock[r >> BLOCK_SHIFT] + slack : left)) * upOne * boostOf[r] >= theta) cand[kept++] = r;
        else seen[r] = 0;
      }
      nc = kept;
    }
    for (let i = 0; i < m; i++) cursors[i].rewind();
    for (let c = 0; c < nc; c++) {
      const r = cand[c];
      const score = this.exactScore(plan, r);
      s.setCoverage(r, this.coverage);
      heap.offer(r, boost ? score * boost(r) : score);
    }
    return nc;
  }

  /**
   * Exact score of `record` (unboosted), summed in query order with float32 rounding after each term as the
   * exhaustive scorer does; its coverage is left in {@link coverage}. Cursors only move forward: call it
   * for records in increasing order, and rewind the cursors before going back.
   */
  private exactScore(plan: QueryPlan, record: number): number {
    const { m, cursors, w, cover } = plan;
    let score = 0;
    let cov = 0;
    for (let j = 0; j < m; j++) {
      const cur = cursors[j];
      cur.seek(record);
      if (cur.doc !== record) continue;
      score = Math.fround(score + w[j] * cur.weight());
      cov = Math.fround(cov + cover[j]);
    }
    this.coverage = cov;
    return score;
  }

  /**
   * A lower bound of the final k-th score from a few records scored exactly: the records with the best
   * partial scores so far (likely to be among the best in the end) are scored over every term, and the k-th
   * best of those exact, boosted scores (lowered by the rounding margin) cannot exceed the final k-th score.
   * Seeding θ this way early lets the walk stop at far fewer lists than partial scores alone would allow.
   */
  private seedTheta(plan: QueryPlan, s: ScoringScratch, nTouched: number, k: number, down: number): number {
    const { partial, touched, boostOf } = s;
    const picks = this.seedHeap;
    picks.reset(Math.min(nTouched, SEED_FACTOR * k));
    for (let i = 0; i < nTouched; i++) {
      const r = touched[i];
      const v = partial[r] * boostOf[r];
      if (!picks.full || v > picks.minScore) picks.offer(r, v);
    }
    const records = picks.records().sort();
    const exact = this.seedScores.length < records.length ? (this.seedScores = new Float64Array(records.length)) : this.seedScores;
    for (let i = 0; i < records.length; i++) exact[i] = this.exactScore(plan, records[i]) * boostOf[records[i]] * down;
    for (let i = 0; i < plan.m; i++) plan.cursors[i].rewind();
    if (records.length < k) return -Infinity;
    return exact.subarray(0, records.length).sort()[records.length - k];
  }

  /** Per block, Σ over the plan's terms of w × the term's largest factor in the block. */
  private blockSums(plan: QueryPlan): Float64Array {
    const { terms, count } = plan.blocks as NonNullable<QueryPlan['blocks']>;
    if (this.leftBlock.length < count) this.leftBlock = new Float64Array(count);
    const sums = this.leftBlock;
    sums.fill(0, 0, count);
    for (let j = 0; j < plan.m; j++) {
      const { blocks, max } = terms[j];
      const wj = plan.w[j];
      for (let e = 0; e < blocks.length; e++) sums[blocks[e]] += wj * max[e];
    }
    return sums.subarray(0, count);
  }

  private subtractBlocks(sums: Float64Array, tb: TermBlocks, wj: number): void {
    const { blocks, max } = tb;
    for (let e = 0; e < blocks.length; e++) sums[blocks[e]] -= wj * max[e];
  }

  /** k-th best boosted partial score of `records`, lowered by the rounding margin (a lower bound of the final k-th score). */
  private kthBest(partial: Float64Array, boostOf: Float64Array, records: Int32Array, n: number, k: number, down: number): number {
    // Min-heap of the k best values.
    const h = this.kth;
    let size = 0;
    for (let i = 0; i < n; i++) {
      const r = records[i];
      const v = partial[r] * down * boostOf[r];
      if (size < k) {
        let j = size++;
        while (j > 0) {
          const p = (j - 1) >> 1;
          if (h[p] <= v) break;
          h[j] = h[p];
          j = p;
        }
        h[j] = v;
      } else if (v > h[0]) {
        let j = 0;
        for (;;) {
          const l = 2 * j + 1;
          if (l >= size) break;
          const c = l + 1 < size && h[l + 1] < h[l] ? l + 1 : l;
          if (h[c] >= v) break;
          h[j] = h[c];
          j = c;
        }
        h[j] = v;
      }
    }
    return size < k ? -Infinity : h[0];
  }

  private ensure(m: number, k: number): void {
    if (m > this.order.length) {
      this.order = new Int32Array(Math.max(m, this.order.length * 2));
      this.gain = new Float64Array(this.order.length);
    }
    if (k > this.kth.length) this.kth = new Float64Array(k);
  }
}

function maxOf(values: Float64Array): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}
