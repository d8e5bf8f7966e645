/** A record id (a chunk index) with a fused score; higher is better. */
export interface FusedScore {
  id: number;
  score: number;
}

/** Settings of {@link reciprocalRankFusion}. */
export interface RrfOptions {
  /** The rank constant k of 1 / (k + rank); larger k flattens the head of each list. Default 60 (Cormack et al. 2009). */
  k: number;
  /** One weight per ranking (default all 1): a weight w makes that list count w / (k + rank). */
  weights?: readonly number[];
  /** Only the first `depth` ids of each ranking take part. Default: all of them. */
  depth?: number;
}

/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher 2009): each ranking gives the id at 1-based rank r
 * the score w / (k + r), and an id's fused score is the sum over the rankings that contain it.
 *
 * Use it to merge rankings whose scores are not comparable (BM25F and cosine). It uses ranks only, so it
 * keeps no notion of how sure either ranker was; see {@link linearBlend} for that. Ties break on the
 * better rank in the first ranking, then on the smaller id, so the result is deterministic.
 *
 * @example
 * reciprocalRankFusion([[3, 1, 2], [1, 3]], { k: 60 });
 * // [{ id: 3, score: 1/61 + 1/62 }, { id: 1, score: 1/62 + 1/61 }, { id: 2, score: 1/63 }] (3 before 1: first list)
 */
export function reciprocalRankFusion(rankings: ReadonlyArray<readonly number[]>, options: Partial<RrfOptions> = {}): FusedScore[] {
  const k = options.k ?? 60;
  const scores = new Map<number, number>();
  const firstRank = new Map<number, number>();
  rankings.forEach((ranking, list) => {
    const w = options.weights?.[list] ?? 1;
    const depth = Math.min(ranking.length, options.depth ?? ranking.length);
    for (let r = 0; r < depth; r++) {
      const id = ranking[r];
      scores.set(id, (scores.get(id) ?? 0) + w / (k + r + 1));
      if (list === 0 && !firstRank.has(id)) firstRank.set(id, r);
    }
  });
  return [...scores]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || (firstRank.get(a.id) ?? Infinity) - (firstRank.get(b.id) ?? Infinity) || a.id - b.id);
}

/**
 * Calibrated blend of a lexical ranking with dense similarities: score = lexical / best lexical +
 * weight · max(0, cosine). The lexical part is in [0, 1] relative to the best hit, so `weight` reads as
 * "how much a perfect cosine is worth against the best keyword match".
 *
 * Use it to re-order the lexical candidates with dense evidence while the lexical top list stays the
 * candidate set; `extra` adds dense-only candidates, which start from a lexical part of 0.
 */
export function linearBlend(
  lexical: ReadonlyArray<{ id: number; score: number }>,
  similarity: (id: number) => number,
  weight: number,
  extra: readonly number[] = [],
): FusedScore[] {
  const best = lexical.reduce((m, h) => Math.max(m, h.score), 0);
  const out = new Map<number, number>();
  for (const h of lexical) out.set(h.id, (best > 0 ? h.score / best : 0) + weight * Math.max(0, similarity(h.id)));
  for (const id of extra) if (!out.has(id)) out.set(id, weight * Math.max(0, similarity(id)));
  return [...out].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
