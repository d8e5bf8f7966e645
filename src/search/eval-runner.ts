import type { Retriever } from './retriever.js';
import type { SearchResult } from './types.js';

/** One eval question: `relevant` lists the passage ids labelled relevant. */
export interface EvalQuestion {
  id: string;
  question: string;
  relevant: string[];
}

/** One output line of the eval command. */
export interface EvalRow {
  id: string;
  ranked: string[];
  confidence: number;
  answer: boolean;
  ms: number;
}

/** Aggregate figures of an eval run. */
export interface EvalSummary {
  questions: number;
  'recall@1': number;
  'recall@5': number;
  'recall@10': number;
  'mrr@10': number;
  answered: number;
  p50_ms: number;
  p95_ms: number;
}

/** Recall@k as defined for the eval: the share of a question's relevant ids found in the top k. */
export function recallAt(ranked: readonly string[], relevant: readonly string[], k: number): number {
  if (!relevant.length) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((r) => top.has(r)).length / relevant.length;
}

/** Reciprocal rank of the first relevant id within the top k (0 when none). */
export function reciprocalRank(ranked: readonly string[], relevant: readonly string[], k: number): number {
  const rel = new Set(relevant);
  const i = ranked.slice(0, k).findIndex((id) => rel.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Percentile (nearest-rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * Runs every question through `retriever` and the answer decision `wouldAnswer` (the composer's own), returning one row per
 * question and the summary (recall@1/5/10, mrr@10, answered share, p50/p95 latency).
 */
export function runEval(
  retriever: Retriever,
  questions: readonly EvalQuestion[],
  wouldAnswer: (result: SearchResult) => boolean,
  transform: (q: string) => string = (q) => q,
): { rows: EvalRow[]; summary: EvalSummary } {
  const rows: EvalRow[] = [];
  const sums = { r1: 0, r5: 0, r10: 0, mrr: 0, answered: 0 };
  for (const q of questions) {
    const t = performance.now();
    const result = retriever.search(transform(q.question), 10);
    const ms = performance.now() - t;
    const ranked = result.hits.map((h) => h.chunk.id);
    const answer = wouldAnswer(result);
    rows.push({ id: q.id, ranked, confidence: result.confidence, answer, ms: Number(ms.toFixed(3)) });
    sums.r1 += recallAt(ranked, q.relevant, 1);
    sums.r5 += recallAt(ranked, q.relevant, 5);
    sums.r10 += recallAt(ranked, q.relevant, 10);
    sums.mrr += reciprocalRank(ranked, q.relevant, 10);
    if (answer) sums.answered += 1;
  }
  const n = Math.max(1, questions.length);
  const round = (v: number) => Number(v.toFixed(4));
  const times = rows.map((r) => r.ms);
  return {
    rows,
    summary: {
      questions: questions.length,
      'recall@1': round(sums.r1 / n),
      'recall@5': round(sums.r5 / n),
      'recall@10': round(sums.r10 / n),
      'mrr@10': round(sums.mrr / n),
      answered: round(sums.answered / n),
      p50_ms: round(percentile(times, 50)),
      p95_ms: round(percentile(times, 95)),
    },
  };
}
