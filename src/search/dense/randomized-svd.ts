import type { SparseMatrix } from './cooccurrence.js';

/** Settings of {@link randomizedSvd}. */
export interface SvdOptions {
  /** Number of singular triplets to keep. */
  rank: number;
  /** Extra random directions that make the captured subspace accurate (Halko et al. suggest 5–20). */
  oversample: number;
  /** Power iterations: each sharpens the spectrum at the cost of two sparse products. */
  powerIterations: number;
  /** Seed of the Gaussian test matrix, so training is reproducible. */
  seed: number;
}

/** Left singular vectors (row-major, rows × rank) and singular values, largest first. */
export interface SvdResult {
  u: Float32Array;
  sigma: Float64Array;
  rank: number;
}

/** A small deterministic PRNG (mulberry32) and Box–Muller normals. */
export function gaussianSource(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** out (rows × l) = A · x (cols × l), all dense blocks row-major. */
function multiply(a: SparseMatrix, x: Float32Array, l: number): Float32Array {
  const out = new Float32Array(a.rows * l);
  const { rowPtr, colIdx, values } = a;
  for (let i = 0; i < a.rows; i++) {
    const o = i * l;
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      const v = values[e];
      const xo = colIdx[e] * l;
      for (let k = 0; k < l; k++) out[o + k] += v * x[xo + k];
    }
  }
  return out;
}

/** out (cols × l) = Aᵀ · x (rows × l). */
function multiplyTransposed(a: SparseMatrix, x: Float32Array, l: number): Float32Array {
  const out = new Float32Array(a.cols * l);
  const { rowPtr, colIdx, values } = a;
  for (let i = 0; i < a.rows; i++) {
    const xo = i * l;
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      const v = values[e];
      const o = colIdx[e] * l;
      for (let k = 0; k < l; k++) out[o + k] += v * x[xo + k];
    }
  }
  return out;
}

/** Gram matrix YᵀY (l × l, float64) of a row-major block Y (n × l). */
function gram(y: Float32Array, n: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  for (let i = 0; i < n; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const ya = y[o + a];
      if (ya === 0) continue;
      const ga = a * l;
      for (let b = a; b < l; b++) g[ga + b] += ya * y[o + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a];
  return g;
}

/** One Cholesky-QR pass, in place: Y ← Y · L⁻ᵀ where LLᵀ = YᵀY (+ a tiny ridge for rank-deficient Y). */
function choleskyQrPass(y: Float32Array, n: number, l: number): void {
  const g = gram(y, n, l);
  let trace = 0;
  for (let a = 0; a < l; a++) trace += g[a * l + a];
  const ridge = Math.max(trace, 1e-30) * 1e-10;
  const c = new Float64Array(l * l); // lower-triangular L
  for (let a = 0; a < l; a++) {
    for (let b = 0; b <= a; b++) {
      let s = g[a * l + b] + (a === b ? ridge : 0);
      for (let k = 0; k < b; k++) s -= c[a * l + k] * c[b * l + k];
      c[a * l + b] = a === b ? Math.sqrt(Math.max(s, 1e-300)) : s / c[b * l + b];
    }
  }
  // Each row r of Y solves q · Lᵀ = r (forward substitution over columns).
  const q = new Float64Array(l);
  for (let i = 0; i < n; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      let s = y[o + a];
      for (let k = 0; k < a; k++) s -= q[k] * c[a * l + k];
      q[a] = s / c[a * l + a];
    }
    for (let a = 0; a < l; a++) y[o + a] = q[a];
  }
}

/** Orthonormalises the columns of Y in place (CholeskyQR2: two passes give orthogonality to rounding). */
export function orthonormalize(y: Float32Array, n: number, l: number): void {
  choleskyQrPass(y, n, l);
  choleskyQrPass(y, n, l);
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations; eigenvalues descending. */
export function symmetricEigen(m: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q] - a[p * l + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p];
          const akq = a[k * l + q];
          a[k * l + p] = cs * akp - sn * akq;
          a[k * l + q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k];
          const aqk = a[q * l + k];
          a[p * l + k] = cs * apk - sn * aqk;
          a[q * l + k] = sn * apk + cs * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p];
          const vkq = v[k * l + q];
          v[k * l + p] = cs * vkp - sn * vkq;
          v[k * l + q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: l }, (_, i) => i).sort((x, y) => a[y * l + y] - a[x * l + x]);
  const values = Float64Array.from(order, (i) => a[i * l + i]);
  const vectors = new Float64Array(l * l); // column j = eigenvector of values[j]
  for (let r = 0; r < l; r++) for (let j = 0; j < l; j++) vectors[r * l + j] = v[r * l + order[j]];
  return { values, vectors };
}

/**
 * Truncated SVD of a sparse matrix by randomised range finding with power iterations (Halko, Martinsson &
 * Tropp 2011, Algorithms 4.4 and 5.1), in plain TypeScript on Float32Array blocks.
 *
 * Cost: (2 · powerIterations + 2) sparse products of nnz × (rank + oversample) multiply-adds, plus
 * O(rows · (rank + oversample)²) for the orthonormalisations; a 30k-term PPMI matrix of some 10⁷ entries
 * takes seconds. Only U and Σ are returned (V is not needed to embed terms).
 */
export function randomizedSvd(a: SparseMatrix, o: SvdOptions): SvdResult {
  const l = Math.min(o.rank + o.oversample, a.rows, a.cols);
  const rank = Math.min(o.rank, l);
  const normal = gaussianSource(o.seed);
  const omega = new Float32Array(a.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = normal();
  let y = multiply(a, omega, l);
  // Between power iterations one Cholesky-QR pass is enough to keep the columns apart; the basis that is
  // used at the end gets the full CholeskyQR2.
  for (let it = 0; it < o.powerIterations; it++) {
    choleskyQrPass(y, a.rows, l);
    const z = multiplyTransposed(a, y, l);
    choleskyQrPass(z, a.cols, l);
    y = multiply(a, z, l);
  }
  orthonormalize(y, a.rows, l);
  // B = Qᵀ A is l × cols; we hold Bᵀ = Aᵀ Q and decompose B Bᵀ = (Bᵀ)ᵀ Bᵀ = S Λ Sᵀ, so U = Q S, σ = √λ.
  const bt = multiplyTransposed(a, y, l);
  const { values, vectors } = symmetricEigen(gram(bt, a.cols, l), l);
  const u = new Float32Array(a.rows * rank);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < rank; j++) {
      let s = 0;
      for (let k = 0; k < l; k++) s += y[i * l + k] * vectors[k * l + j];
      u[i * rank + j] = s;
    }
  }
  const sigma = Float64Array.from(values.subarray(0, rank), (x) => Math.sqrt(Math.max(0, x)));
  return { u, sigma, rank };
}
