/**
 * Small, exact statistics for the reports: median and percentiles of durations.
 */

/**
 * The `p`-th quantile (0 ≤ p ≤ 1) of `values`, by linear interpolation between the closest ranks: the
 * method of Excel's PERCENTILE.INC and numpy's default, so staff can check a figure in the XLSX export.
 * With n sorted values x₀…xₙ₋₁, h = (n − 1)·p and the result is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋).
 * Returns null for no values. The input is not modified.
 *
 * @example
 * percentile([10, 20, 30, 40, 100], 0.9) // 76 (h = 3.6: 40 + 0.6 × 60)
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The median of `values` (the mean of the two middle values for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}

/** `part / whole`, or null when `whole` is 0 (a share of nothing is not 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
