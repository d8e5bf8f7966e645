import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { KeywordIndex, REDUCE_CANDIDATES, REDUCE_MAX_TERMS } from './keyword-index.js';
import type { IndexableText, WeightedTerm } from './keyword-index.js';
import { buildQueryTerms } from './query-terms.js';
import { mulberry32 } from '../common/seeded-random.js';

const analyzer = new Analyzer();

/** A Zipf-like corpus: a few syllables in nearly every record and a long tail, as legal passages have. */
function corpus(seed: number, n: number) {
  const rand = mulberry32(seed);
  const vocab = Array.from({ length: 500 }, (_, i) => `tiếng${i}`);
  const word = () => vocab[Math.floor(vocab.length * Math.pow(rand(), 2.5))];
  const text = (len: number) => Array.from({ length: len }, word).join(' ');
  const records: IndexableText[] = Array.from({ length: n }, () => ({ doc: text(3), heading: text(4), body: text(10 + Math.floor(rand() * 60)) }));
  return { rand, text, records, index: KeywordIndex.build(records, analyzer) };
}

describe('KeywordIndex reduced first stage (long queries over large corpora)', () => {
  it('is exactly the pruned search below its postings floor', () => {
    const { rand, text, index } = corpus(3, 800);
    for (let q = 0; q < 60; q++) {
      const terms = buildQueryTerms(analyzer.analyzeQuery(text(2 + Math.floor(rand() * 30))));
      const boost = (r: number) => (r % 11 === 0 ? 1.8 : 1);
      expect(index.searchReduced(terms, 10, boost, 1.8, Number.MAX_SAFE_INTEGER)).toEqual(index.searchExhaustive(terms, 10, boost));
    }
  });

  it('scores only a few candidates of a long query, each exactly as exhaustive scoring does, and finds the passage asked about as often', () => {
    const { rand, text, records, index } = corpus(5, 3000);
    let overlap = 0;
    let asked = 0;
    let top1 = 0;
    let reducedQueries = 0;
    let foundFull = 0;
    let foundReduced = 0;
    for (let q = 0; q < 80; q++) {
      // A long question paraphrasing one passage: a run of its body words with a few left out, then unrelated words.
      const target = Math.floor(rand() * records.length);
      const body = records[target].body.split(' ');
      const from = Math.floor(rand() * body.length * 0.3);
      const words = body.slice(from, from + 40).filter(() => rand() < 0.85);
      const question = `${words.join(' ')} ${text(10)}`;
      const terms: WeightedTerm[] = buildQueryTerms(analyzer.analyzeQuery(question)).map((t) => ({ ...t, cover: rand() }));
      const k = 10;
      const full = index.searchExhaustive(terms, k);
      const fullScored = index.lastScoredCount;
      const exact = new Map(index.searchExhaustive(terms, index.size).map(([r, s]) => [r, { s, cov: index.coverageOf(r) }]));
      const reduced = index.searchReduced(terms, k, undefined, undefined, 1000);
      const scored = index.lastScoredCount;
      if (scored <= REDUCE_CANDIDATES * k) reducedQueries++;
      expect(scored, 'the reduced search scored more records than a full search').toBeLessThanOrEqual(fullScored);
      for (const [r, s] of reduced) {
        // Returned scores and coverage are the full query's, to the bit.
        expect(s).toBe(exact.get(r)?.s);
        expect(index.coverageOf(r)).toBe(exact.get(r)?.cov);
      }
      const fullSet = new Set(full.map(([r]) => r));
      overlap += reduced.filter(([r]) => fullSet.has(r)).length;
      asked += k;
      if (reduced[0][0] === full[0][0]) top1++;
      if (fullSet.has(target)) foundFull++;
      if (reduced.some(([r]) => r === target)) foundReduced++;
    }
    expect(reducedQueries, 'long queries were never reduced').toBeGreaterThan(60);
    expect(foundReduced, 'the reduced search lost passages the full search finds').toBeGreaterThanOrEqual(foundFull - 2);
    expect(foundFull).toBeGreaterThan(70);
    // The tail of a top 10 over random text is noise (a third of it agrees); its head is not.
    expect(overlap / asked).toBeGreaterThan(0.25);
    expect(top1 / 80).toBeGreaterThan(0.85);
  });

  it('keeps the heaviest terms: a record holding the rare terms of the query wins over one holding the common ones', () => {
    const common = 'an bình cao dài em giang hà khánh lâm minh nam oanh phú quang sơn tâm uyên vân xuân yến bảo chi dung đông hải kiên long mai ngọc phong'.split(' ');
    const records: IndexableText[] = [];
    for (let i = 0; i < 2000; i++) records.push({ doc: 'văn bản', heading: 'điều', body: common.join(' ') });
    records.push({ doc: 'văn bản', heading: 'điều', body: `hiếmmột hiếmhai ${common.slice(0, 5).join(' ')}` });
    const index = KeywordIndex.build(records, analyzer);
    const terms = buildQueryTerms(analyzer.analyzeQuery(`hiếmmột hiếmhai ${common.join(' ')}`));
    expect(terms.length).toBeGreaterThan(REDUCE_MAX_TERMS);
    const reduced = index.searchReduced(terms, 3, undefined, undefined, 1000);
    expect(reduced[0]).toEqual(index.searchExhaustive(terms, 3)[0]);
    expect(reduced[0][0]).toBe(2000);
  });
});
