/**
 * Figures from decision rows: answered share per group, precision of answers, per-style results, a
 * reliability diagram (confidence bucket → share right) and the list of failures.
 */
import { UNANSWERABLE_GROUPS } from './decision.js';
import type { DecisionRow, EvalGroup } from './decision.js';

/** Answered share of one group. */
export interface GroupFigure {
  group: EvalGroup;
  n: number;
  answered: number;
}

/** One bucket of the reliability diagram. */
export interface ReliabilityBucket {
  /** Lower bound of the bucket (buckets are [lo, lo + 0.1), the last one includes 1). */
  lo: number;
  n: number;
  meanConfidence: number;
  /** Share of the bucket's messages whose best source is right. */
  right: number;
}

/** Aggregate figures of a set of decision rows. */
export interface DecisionSummary {
  groups: GroupFigure[];
  /** Covered questions answered (any source). */
  coveredAnswered: number;
  /** Covered questions answered with a right source (labelled document or labelled passage in the top 5). */
  coveredAnsweredRight: number;
  /** Of the covered questions answered, the share whose source is right. */
  answeredPrecision: number;
  /** Share of the messages that must not be answered that were not answered. */
  unanswerableDeclined: number;
  /** Rows where `wouldAnswer` disagreed with `compose` (should be 0). */
  inconsistent: number;
  reliability: ReliabilityBucket[];
  /** Expected calibration error over the buckets (weighted mean of |confidence − share right|). */
  ece: number;
}

/** Summarises rows (any mix of groups). */
export function summarize(rows: readonly DecisionRow[]): DecisionSummary {
  const byGroup = new Map<EvalGroup, DecisionRow[]>();
  for (const r of rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const groups = [...byGroup].map(([group, rs]) => ({ group, n: rs.length, answered: share(rs, (r) => r.answered) }));
  const covered = byGroup.get('covered') ?? [];
  const answered = covered.filter((r) => r.answered);
  const bad = rows.filter((r) => UNANSWERABLE_GROUPS.includes(r.group));
  const reliability = reliabilityDiagram(rows);
  return {
    groups,
    coveredAnswered: share(covered, (r) => r.answered),
    coveredAnsweredRight: share(covered, (r) => r.answered && r.right),
    answeredPrecision: share(answered, (r) => r.right),
    unanswerableDeclined: share(bad, (r) => !r.answered),
    inconsistent: rows.filter((r) => !r.consistent).length,
    reliability,
    ece: round(reliability.reduce((s, b) => s + b.n * Math.abs(b.meanConfidence - b.right), 0) / Math.max(1, rows.length)),
  };
}

/** Answered share of a group, or undefined when the rows have none of it. */
export function answeredShare(s: DecisionSummary, ...groups: EvalGroup[]): number | undefined {
  const gs = s.groups.filter((g) => groups.includes(g.group));
  const n = gs.reduce((a, g) => a + g.n, 0);
  return n ? round(gs.reduce((a, g) => a + g.answered * g.n, 0) / n) : undefined;
}

/** Ten confidence buckets of width 0.1 with the share of right sources in each (empty buckets left out). */
export function reliabilityDiagram(rows: readonly DecisionRow[]): ReliabilityBucket[] {
  const buckets = Array.from({ length: 10 }, (_, i) => ({ lo: i / 10, rows: [] as DecisionRow[] }));
  for (const r of rows) buckets[Math.min(9, Math.max(0, Math.floor(r.confidence * 10)))].rows.push(r);
  return buckets
    .filter((b) => b.rows.length)
    .map((b) => ({
      lo: b.lo,
      n: b.rows.length,
      meanConfidence: round(b.rows.reduce((s, r) => s + r.confidence, 0) / b.rows.length),
      right: share(b.rows, (r) => r.right),
    }));
}

/** Per style tag: how many questions and the share handled well (covered: answered right; else declined). */
export function byStyle(rows: readonly DecisionRow[]): Array<{ style: string; n: number; ok: number }> {
  const m = new Map<string, DecisionRow[]>();
  for (const r of rows) for (const s of r.styles.length ? r.styles : ['(none)']) m.set(s, [...(m.get(s) ?? []), r]);
  return [...m]
    .map(([style, rs]) => ({ style, n: rs.length, ok: share(rs, handledWell) }))
    .sort((a, b) => a.style.localeCompare(b.style));
}

/** Covered: answered from a right source; anything else: not answered. */
export function handledWell(r: DecisionRow): boolean {
  return r.group === 'covered' ? r.answered && r.right : !r.answered;
}

/** Rows not handled well, covered questions first. */
export function failures(rows: readonly DecisionRow[]): DecisionRow[] {
  return rows.filter((r) => !handledWell(r)).sort((a, b) => Number(b.group === 'covered') - Number(a.group === 'covered'));
}

function share<T>(xs: readonly T[], p: (x: T) => boolean): number {
  return xs.length ? round(xs.filter(p).length / xs.length) : 0;
}

function round(v: number): number {
  return Number(v.toFixed(4));
}
