/**
 * Weighted logistic regression with L2 regularisation, fitted by Newton's method (IRLS) on standardised
 * features. Small and dependency-free: the confidence model has a dozen features and a few thousand rows.
 */

/** A fitted model on standardised features. */
export interface LogisticFit {
  mean: number[];
  scale: number[];
  weights: number[];
  intercept: number;
  iterations: number;
}

/** Options of {@link fitLogistic}. */
export interface LogisticOptions {
  /** L2 penalty on the weights (not the intercept), in units of the total sample weight. Default 1e-3. */
  l2?: number;
  /** Newton iterations at most. Default 50. */
  maxIterations?: number;
  /** Per-row weights. Default 1. */
  sampleWeights?: number[];
}

/** Fits P(y = 1 | x) = σ(b + w·z), z the standardised x. `y` holds 0/1 labels. */
export function fitLogistic(x: number[][], y: number[], options: LogisticOptions = {}): LogisticFit {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  if (n === 0 || y.length !== n) throw new Error('fitLogistic: need as many labels as rows, and at least one row');
  const sw = options.sampleWeights ?? new Array<number>(n).fill(1);
  const total = sw.reduce((a, b) => a + b, 0);
  const mean = Array.from({ length: d }, (_, j) => x.reduce((a, r, i) => a + sw[i] * r[j], 0) / total);
  const scale = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((a, r, i) => a + sw[i] * (r[j] - mean[j]) ** 2, 0) / total) || 1);
  const z = x.map((r) => [1, ...r.map((v, j) => (v - mean[j]) / scale[j])]);
  const lambda = (options.l2 ?? 1e-3) * total;
  const beta = new Array<number>(d + 1).fill(0);
  let it = 0;
  for (; it < (options.maxIterations ?? 50); it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const p = sigmoid(dot(beta, z[i]));
      const w = sw[i] * Math.max(p * (1 - p), 1e-9);
      const r = sw[i] * (y[i] - p);
      for (let a = 0; a <= d; a++) {
        grad[a] += r * z[i][a];
        for (let b = a; b <= d; b++) hess[a][b] += w * z[i][a] * z[i][b];
      }
    }
    for (let a = 1; a <= d; a++) {
      grad[a] -= lambda * beta[a];
      hess[a][a] += lambda;
    }
    for (let a = 0; a <= d; a++) for (let b = 0; b < a; b++) hess[a][b] = hess[b][a];
    const step = solve(hess, grad);
    let change = 0;
    for (let a = 0; a <= d; a++) {
      beta[a] += step[a];
      change = Math.max(change, Math.abs(step[a]));
    }
    if (change < 1e-8) break;
  }
  return { mean, scale, weights: beta.slice(1), intercept: beta[0], iterations: it + 1 };
}

/** P(y = 1) for raw (unstandardised) features under a fit. */
export function predictLogistic(fit: LogisticFit, row: number[]): number {
  let s = fit.intercept;
  for (let j = 0; j < row.length; j++) s += fit.weights[j] * ((row[j] - fit.mean[j]) / fit.scale[j]);
  return sigmoid(s);
}

/** Weighted log-loss of probabilities against 0/1 labels. */
export function logLoss(p: number[], y: number[]): number {
  const eps = 1e-12;
  return -p.reduce((a, pi, i) => a + (y[i] ? Math.log(Math.max(eps, pi)) : Math.log(Math.max(eps, 1 - pi))), 0) / Math.max(1, p.length);
}

function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const pivot = m[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / pivot;
      if (f) for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / (m[r][r] || 1e-12);
  }
  return x;
}
