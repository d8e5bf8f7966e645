import type { TermSequences } from './term-sequences.js';

/** A sparse matrix in compressed-row form: row i's entries are `rowPtr[i] .. rowPtr[i + 1]`. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
}

/** Settings of {@link ppmiMatrix}. */
export interface CooccurrenceOptions {
  /** Context window, in syllable positions on each side. */
  window: number;
  /** Context distribution smoothing α (Levy, Goldberg & Dagan 2015): context counts are raised to α. */
  alpha: number;
  /** Shift k of shifted PPMI: max(0, PMI − ln k). 1 keeps every positive PMI. */
  shift: number;
  /** Keep only the strongest entries of each row (0 = all): fewer non-zeros make the SVD faster. */
  maxPerRow: number;
}

/** Growable Int32/Float32 pair of buffers for CSR entries. */
class EntryList {
  cols = new Int32Array(1 << 20);
  vals = new Float32Array(1 << 20);
  length = 0;
  reserve(extra: number): void {
    if (this.length + extra <= this.cols.length) return;
    let cap = this.cols.length;
    while (cap < this.length + extra) cap *= 2;
    const c = new Int32Array(cap);
    c.set(this.cols.subarray(0, this.length));
    const v = new Float32Array(cap);
    v.set(this.vals.subarray(0, this.length));
    this.cols = c;
    this.vals = v;
  }
}

/**
 * Weighted term–term co-occurrence counts within `window` positions, one CSR row per vocabulary term.
 *
 * A context `d` positions away counts (window + 1 − d) / window, like word2vec's dynamic window; the
 * unigram and the bigram at the same position count 1 for each other. Rows are accumulated one term at a
 * time into a dense scratch row (a position list per term makes this a linear pass), which is far faster
 * than hashing pairs. The matrix is symmetric up to the bigram's one-slot offset.
 */
export function cooccurrenceCounts(seq: TermSequences, window: number): SparseMatrix {
  const v = seq.terms.length;
  const slots = seq.uni.length;
  // Positions of each term, unigram and bigram occurrences together (CSR by term).
  const start = new Int32Array(v + 1);
  for (let p = 0; p < slots; p++) {
    if (seq.uni[p] >= 0) start[seq.uni[p] + 1]++;
    if (seq.bi[p] >= 0) start[seq.bi[p] + 1]++;
  }
  for (let t = 0; t < v; t++) start[t + 1] += start[t];
  const fill = start.slice(0, v);
  const where = new Int32Array(start[v]);
  for (let p = 0; p < slots; p++) {
    if (seq.uni[p] >= 0) where[fill[seq.uni[p]]++] = p;
    if (seq.bi[p] >= 0) where[fill[seq.bi[p]]++] = p;
  }
  const scratch = new Float32Array(v);
  const touched = new Int32Array(v);
  const rowPtr = new Int32Array(v + 1);
  const out = new EntryList();
  const weight = new Float32Array(window + 1);
  for (let d = 1; d <= window; d++) weight[d] = (window + 1 - d) / window;
  weight[0] = 1;
  const { uni, bi } = seq;
  for (let t = 0; t < v; t++) {
    let n = 0;
    const add = (c: number, w: number): void => {
      if (c < 0 || c === t) return;
      if (scratch[c] === 0) touched[n++] = c;
      scratch[c] += w;
    };
    for (let i = start[t]; i < start[t + 1]; i++) {
      const p = where[i];
      const lo = Math.max(0, p - window);
      const hi = Math.min(slots - 1, p + window);
      for (let q = lo; q <= hi; q++) {
        const w = weight[q > p ? q - p : p - q];
        add(uni[q], w);
        add(bi[q], w);
      }
    }
    out.reserve(n);
    for (let j = 0; j < n; j++) {
      const c = touched[j];
      out.cols[out.length] = c;
      out.vals[out.length++] = scratch[c];
      scratch[c] = 0;
    }
    rowPtr[t + 1] = out.length;
  }
  return { rows: v, cols: v, rowPtr, colIdx: out.cols.slice(0, out.length), values: out.vals.slice(0, out.length) };
}

/**
 * Positive pointwise mutual information of a co-occurrence count matrix, with context distribution
 * smoothing and an optional shift; zero entries are dropped. PMI(w, c) = ln( #(w,c) · D / (#w · #c_α) ),
 * where #c_α is the context count raised to α and rescaled to the same total.
 */
export function ppmi(counts: SparseMatrix, alpha: number, shift: number, maxPerRow = 0): SparseMatrix {
  const { rows, rowPtr, colIdx, values } = counts;
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(counts.cols);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      rowSum[i] += values[e];
      colSum[colIdx[e]] += values[e];
      total += values[e];
    }
  }
  let smoothTotal = 0;
  for (let j = 0; j < counts.cols; j++) smoothTotal += colSum[j] ** alpha;
  const logCol = Float64Array.from(colSum, (c) => (c > 0 ? Math.log(c ** alpha / smoothTotal) : 0));
  const logShift = Math.log(shift);
  const outPtr = new Int32Array(rows + 1);
  const outCols = new Int32Array(values.length);
  const outVals = new Float32Array(values.length);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const logRow = Math.log(rowSum[i] / total);
    const first = n;
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      const pmi = Math.log(values[e] / total) - logRow - logCol[colIdx[e]] - logShift;
      if (pmi > 0) {
        outCols[n] = colIdx[e];
        outVals[n++] = pmi;
      }
    }
    if (maxPerRow > 0 && n - first > maxPerRow) {
      // Keep the row's maxPerRow largest values (ties at the cut-off by position).
      const cut = outVals.slice(first, n).sort()[n - first - maxPerRow];
      let kept = first;
      for (let e = first; e < n && kept - first < maxPerRow; e++) {
        if (outVals[e] >= cut) {
          outCols[kept] = outCols[e];
          outVals[kept++] = outVals[e];
        }
      }
      n = kept;
    }
    outPtr[i + 1] = n;
  }
  return { rows, cols: counts.cols, rowPtr: outPtr, colIdx: outCols.slice(0, n), values: outVals.slice(0, n) };
}

/** Shifted, smoothed PPMI matrix of the term sequences (see {@link cooccurrenceCounts} and {@link ppmi}). */
export function ppmiMatrix(seq: TermSequences, o: CooccurrenceOptions): SparseMatrix {
  return ppmi(cooccurrenceCounts(seq, o.window), o.alpha, o.shift, o.maxPerRow);
}
