import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../text/analyzer.js';
import { parseFaqFile } from '../ingest/faq-file.js';
import { KeywordIndex } from './keyword-index.js';
import type { IndexableText, WeightedTerm } from './keyword-index.js';
import { buildQueryTerms } from './query-terms.js';
import { REPO_ROOT } from '../../test/support/shared.js';
import { mulberry32 } from '../common/seeded-random.js';


const analyzer = new Analyzer();

/** Asserts that the pruned search returns exactly the exhaustive top k, and the same coverage for each. */
function expectSameTopK(index: KeywordIndex, terms: WeightedTerm[], k: number, boost?: (r: number) => number, maxBoost?: number): number {
  const full = index.searchExhaustive(terms, k, boost);
  const fullCoverage = full.map(([r]) => index.coverageOf(r));
  const exhaustiveCount = index.lastScoredCount;
  const pruned = index.searchPruned(terms, k, boost, maxBoost);
  expect(pruned, 'pruned top k differs from exhaustive scoring: a bound is too low or a tie is broken differently').toEqual(full);
  expect(pruned.map(([r]) => index.coverageOf(r)), 'coverage of a returned record was not accumulated over all its terms').toEqual(fullCoverage);
  return exhaustiveCount - index.lastScoredCount;
}

describe('KeywordIndex pruned search (MaxScore)', () => {
  it('returns the exhaustive top k on a random corpus, with and without boosts', () => {
    const rand = mulberry32(7);
    // Zipf-like vocabulary: a few very common syllables and a long tail, so bounds differ widely.
    const vocab = Array.from({ length: 300 }, (_, i) => `từ${i}`);
    const word = () => vocab[Math.floor(vocab.length * Math.pow(rand(), 2.5))];
    const text = (n: number) => Array.from({ length: n }, word).join(' ');
    const records: IndexableText[] = Array.from({ length: 3000 }, () => ({ doc: text(3), heading: text(4), body: text(5 + Math.floor(rand() * 80)) }));
    // Exact duplicates make equal scores, so ties at the k-th place are exercised.
    for (let i = 0; i < 200; i++) records.push({ ...records[Math.floor(rand() * records.length)] });
    const index = KeywordIndex.build(records, analyzer);
    let skipped = 0;
    for (let q = 0; q < 300; q++) {
      const qa = analyzer.analyzeQuery(text(1 + Math.floor(rand() * 8)));
      const terms = buildQueryTerms(qa).map((t) => ({ ...t, weight: t.weight * (0.2 + rand()), cover: rand() < 0.5 ? rand() : undefined }));
      const k = [1, 5, 10, 50][q % 4];
      skipped += expectSameTopK(index, terms, k);
      const favoured = Math.floor(rand() * 20);
      const boost = (r: number) => (r % 20 === favoured ? 2.4 : r % 7 === 0 ? 0.7 : 1);
      skipped += expectSameTopK(index, terms, k, boost, 2.4);
    }
    expect(skipped, 'pruning never skipped a record: bounds or essential-term selection are not used').toBeGreaterThan(0);
  });

  it('returns the exhaustive top k on near-duplicate copies with long queries (θ seeding and block bounds at work)', () => {
    const rand = mulberry32(17);
    const vocab = Array.from({ length: 400 }, (_, i) => `chữ${i}`);
    const word = () => vocab[Math.floor(vocab.length * Math.pow(rand(), 2))];
    const text = (n: number) => Array.from({ length: n }, word).join(' ');
    const base: IndexableText[] = Array.from({ length: 700 }, () => ({ doc: text(4), heading: text(5), body: text(10 + Math.floor(rand() * 60)) }));
    // Eight copies, each dropping ~10% of the body words (as the scale benchmark's corpus), so the best
    // records come in near-equal groups spread over many blocks.
    const records: IndexableText[] = [];
    for (let c = 0; c < 8; c++) {
      for (const r of base) records.push(c === 0 ? r : { ...r, body: r.body.split(' ').filter(() => rand() >= 0.1).join(' ') });
    }
    const index = KeywordIndex.build(records, analyzer);
    let skipped = 0;
    for (let q = 0; q < 120; q++) {
      // Long questions: unigrams, folded forms and bigrams, 30–120 terms.
      const qa = analyzer.analyzeQuery(text(8 + Math.floor(rand() * 25)));
      const terms = buildQueryTerms(qa).map((t) => ({ ...t, weight: t.weight * (0.3 + rand()), cover: rand() < 0.5 ? rand() : undefined }));
      const k = [10, 50][q % 2];
      skipped += expectSameTopK(index, terms, k);
      const favoured = Math.floor(rand() * 50);
      skipped += expectSameTopK(index, terms, k, (r) => (r % 50 === favoured ? 1.6 : r % 3 === 0 ? 0.7 : 1), 1.6);
    }
    expect(skipped, 'pruning never skipped a record').toBeGreaterThan(0);
  });

  it('returns the exhaustive top 50 on the shipped knowledge folder for the curated questions', () => {
    const dir = join(REPO_ROOT, 'knowledge');
    const records: IndexableText[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      const paragraphs = readFileSync(join(dir, file), 'utf8').split(/\n\s*\n/u).filter((p) => p.trim());
      paragraphs.forEach((p, i) => records.push({ doc: file, heading: paragraphs[Math.max(0, i - 1)].slice(0, 80), body: p }));
    }
    const faq = parseFaqFile(readFileSync(join(dir, 'faq.yaml'), 'utf8')).entries;
    const index = KeywordIndex.build(records, analyzer);
    let skipped = 0;
    for (const entry of faq) {
      const terms = buildQueryTerms(analyzer.analyzeQuery(entry.question)).map((t, i) => ({ ...t, cover: i % 2 ? t.weight : undefined }));
      skipped += expectSameTopK(index, terms, 50);
      skipped += expectSameTopK(index, terms, 5, (r) => (records[r].doc.startsWith('nd-') ? 1.6 : 1), 1.6);
    }
    expect(skipped).toBeGreaterThan(0);
  });

  it('scores every record when a boost comes without its bound', () => {
    const index = KeywordIndex.build([{ doc: '', heading: '', body: 'một cửa' }, { doc: '', heading: '', body: 'một cửa liên thông' }], analyzer);
    const terms = buildQueryTerms(analyzer.analyzeQuery('một cửa'));
    expect(index.searchPruned(terms, 1, (r) => (r === 1 ? 10 : 1))[0][0]).toBe(1);
  });
});
