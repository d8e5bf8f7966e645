import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, linearBlend } from './fusion.js';

describe('reciprocalRankFusion', () => {
  it('sums 1 / (k + rank) over the rankings that contain an id', () => {
    const fused = reciprocalRankFusion([[10, 20, 30], [30, 40]], { k: 60 });
    const score = Object.fromEntries(fused.map((f) => [f.id, f.score]));
    expect(score[10]).toBeCloseTo(1 / 61, 12);
    expect(score[20]).toBeCloseTo(1 / 62, 12);
    expect(score[30]).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(score[40]).toBeCloseTo(1 / 62, 12);
    expect(fused.map((f) => f.id)).toEqual([30, 10, 20, 40]);
  });

  it('applies per-list weights and the depth cut-off', () => {
    const fused = reciprocalRankFusion([[1, 2], [2, 3, 4]], { k: 10, weights: [1, 0.5], depth: 2 });
    expect(fused.find((f) => f.id === 2)?.score).toBeCloseTo(1 / 12 + 0.5 / 11, 12);
    expect(fused.find((f) => f.id === 3)?.score).toBeCloseTo(0.5 / 12, 12);
    expect(fused.some((f) => f.id === 4)).toBe(false);
  });

  it('breaks ties on the first ranking, then on the smaller id', () => {
    expect(reciprocalRankFusion([[3, 1], [1, 3]], { k: 60 }).map((f) => f.id)).toEqual([3, 1]);
    expect(reciprocalRankFusion([[], [9], [5]], { k: 60 }).map((f) => f.id)).toEqual([5, 9]);
  });

  it('uses k = 60 by default and returns [] for no input', () => {
    expect(reciprocalRankFusion([[7]])[0].score).toBeCloseTo(1 / 61, 12);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

describe('linearBlend', () => {
  it('adds weight × cosine to the score relative to the best lexical hit', () => {
    const sim = new Map([[1, 0.2], [2, 0.9], [3, 0.8]]);
    const fused = linearBlend([{ id: 1, score: 10 }, { id: 2, score: 8 }], (id) => sim.get(id) ?? 0, 0.5, [3]);
    expect(fused).toEqual([
      { id: 2, score: 0.8 + 0.45 },
      { id: 1, score: 1 + 0.1 },
      { id: 3, score: 0.4 },
    ]);
  });

  it('counts negative cosines as 0 and copes with an empty lexical list', () => {
    expect(linearBlend([{ id: 1, score: 2 }], () => -0.5, 1)).toEqual([{ id: 1, score: 1 }]);
    expect(linearBlend([], () => 0.5, 1, [4])).toEqual([{ id: 4, score: 0.5 }]);
  });
});
