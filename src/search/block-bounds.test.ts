import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { KeywordIndex } from './keyword-index.js';
import type { IndexableText } from './keyword-index.js';
import { BlockBounds, BLOCK_SHIFT } from './block-bounds.js';
import { mulberry32 } from '../common/seeded-random.js';

describe('BlockBounds', () => {
  it('lists, for a term, every block it occurs in with its largest factor there', () => {
    const rand = mulberry32(3);
    const vocab = Array.from({ length: 60 }, (_, i) => `từ${i}`);
    const text = (n: number) => Array.from({ length: n }, () => vocab[Math.floor(vocab.length * Math.pow(rand(), 2))]).join(' ');
    const records: IndexableText[] = Array.from({ length: 1000 }, () => ({ doc: text(2), heading: text(3), body: text(5 + Math.floor(rand() * 40)) }));
    const data = KeywordIndex.build(records, new Analyzer()).toData();
    const bounds = new BlockBounds(data);
    expect(bounds.count).toBe((1000 >> BLOCK_SHIFT) + 1);
    for (let id = 0; id + 1 < data.offsets.length; id += 7) {
      // Brute force: the largest factor per block over the term's postings.
      const expected = new Map<number, { max: number }>();
      for (let i = data.offsets[id]; i < data.offsets[id + 1]; i++) {
        const r = data.postings[i];
        const f = data.factors[data.factorStart[r] + data.codes[i]];
        const b = r >> BLOCK_SHIFT;
        const e = expected.get(b);
        if (!e) expected.set(b, { max: f });
        else e.max = Math.max(e.max, f);
      }
      const tb = bounds.of(id);
      expect([...tb.blocks]).toEqual([...expected.keys()]);
      expect([...tb.max]).toEqual([...expected.values()].map((e) => e.max));
      expect(Math.max(...tb.max)).toBe(data.maxWeight[id]);
      expect(bounds.of(id)).toBe(tb); // computed once
    }
  });
});
