import type { QueryAnalysis } from '../text/analyzer.js';
import type { WeightedTerm } from './keyword-index.js';

/** Weights of the kinds of query term; global constants, never fitted to single questions. */
export interface QueryWeights {
  /** Exact (tone-canonical) terms when the query has diacritics. */
  exact: number;
  /** Folded terms backing up exact ones in an accented query (lets "quy chế" meet "qui chế"). */
  foldedBackup: number;
  /** Folded terms when the query has no diacritics at all. */
  folded: number;
  /** Multiplier for syllable bigrams relative to unigrams. */
  bigram: number;
}

/** Default weights: exact matches rank above folded ones; bigrams count a little more than single syllables. */
export const DEFAULT_QUERY_WEIGHTS: QueryWeights = { exact: 1, foldedBackup: 0.35, folded: 1, bigram: 1.0 };

/**
 * Turns an analysed query into weighted index terms. Duplicate terms are merged (a word repeated in a
 * question does not double its weight).
 */
export function buildQueryTerms(q: QueryAnalysis, w: QueryWeights = DEFAULT_QUERY_WEIGHTS, scale = 1): WeightedTerm[] {
  const out = new Map<string, number>();
  const add = (term: string, weight: number): void => {
    const v = weight * scale * (term.includes(' ') ? w.bigram : 1);
    if ((out.get(term) ?? 0) < v) out.set(term, v);
  };
  if (q.accented) {
    for (const t of q.exactTerms) add(t, w.exact);
    for (const t of q.foldedTerms) add(t, w.foldedBackup);
  } else {
    for (const t of q.foldedTerms) add(t, w.folded);
  }
  return [...out].map(([term, weight]) => ({ term, weight }));
}
