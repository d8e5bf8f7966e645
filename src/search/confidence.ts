/**
 * Retrieval confidence in [0, 1] from the best hit's coverage of the query and its lead over the runner-up.
 *
 * Coverage (share of the query's idf-weighted terms, bigrams included, found in the hit) is the main
 * signal: an off-topic question shares a few common syllables with legal text but almost none of its
 * syllable pairs. The margin adds certainty when one passage clearly stands out. The threshold that turns
 * this into "answer or escalate" lives in the answer layer. `phraseMatched` tells whether the best hit
 * contains at least one of the question's syllable bigrams (pass true for one-word questions).
 */
export function retrievalConfidence(coverage: number, top: number, second: number, contentTerms: number, phraseMatched = true): number {
  if (top <= 0 || contentTerms === 0) return 0;
  const margin = second > 0 ? Math.min(1, ((top - second) / top) * 4) : 1;
  // One- or two-term queries are weak evidence even when fully covered.
  const lengthFactor = contentTerms >= 3 ? 1 : contentTerms === 2 ? 0.85 : 0.7;
  // A passage that shares no syllable pair with a multi-word question only shares loose common syllables
  // ("thời", "ngày"): weak evidence whatever the coverage says.
  const phraseFactor = phraseMatched ? 1 : 0.6;
  const raw = coverage * (0.8 + 0.2 * margin) * lengthFactor * phraseFactor;
  return Math.max(0, Math.min(1, Number(raw.toFixed(4))));
}
