import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../text/analyzer.js';
import { CorpusEmbeddings } from './corpus-embeddings.js';
import { randomizedSvd, gaussianSource, symmetricEigen } from './randomized-svd.js';
import type { SparseMatrix } from './cooccurrence.js';
import { cooccurrenceCounts, ppmi } from './cooccurrence.js';
import { buildTermSequences } from './term-sequences.js';
import { HnswVectorIndex } from './vector-index.js';
import { dot, cosine } from './vector-math.js';

const analyzer = new Analyzer();
const dir = mkdtempSync(join(tmpdir(), 'corpus-emb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two topics that never share a record: civil status (marriage, birth) and tax (enterprise, invoice).
const MARRIAGE = ['đăng ký kết hôn', 'hộ tịch', 'vợ chồng', 'giấy chứng nhận kết hôn', 'ủy ban nhân dân cấp xã', 'khai sinh cho con'];
const TAX = ['nộp thuế', 'doanh nghiệp', 'hóa đơn điện tử', 'thu nhập chịu thuế', 'cơ quan thuế', 'quyết toán thuế năm'];
function topicRecords(phrases: string[], count: number, seed: number): string[][] {
  const normal = gaussianSource(seed);
  return Array.from({ length: count }, (_, i) => {
    const order = phrases.map((p) => [normal(), p] as const).sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    return [`Điều ${i + 1}. Quy định về ${order[0]}`, `Người yêu cầu ${order[1]}, ${order[2]} và ${order[3]} tại ${order[4]}.`];
  });
}
// A tiny corpus: Σ^0.5 keeps the few strong directions ahead of the noise ones.
const OPTIONS = { dimension: 8, oversample: 8, maxTerms: 2000, minDf: 1, window: 4, maxPerRow: 0, eigenWeight: 0.5 };
const records = [...topicRecords(MARRIAGE, 30, 0), ...topicRecords(TAX, 30, 1)];
const { model, vectors } = CorpusEmbeddings.train(records, analyzer, OPTIONS);

/** Exact (tone-canonical) form of a phrase as the analyser indexes it: the bigram for two syllables. */
const term = (phrase: string): string => analyzer.indexTerms(phrase).filter((t) => !t.startsWith('~')).sort((a, b) => b.length - a.length)[0];
const vec = (phrase: string): Float32Array => {
  const v = model.termVector(term(phrase));
  if (!v) throw new Error(`help: "${phrase}" (${term(phrase)}) is not in the vocabulary`);
  return v;
};

describe('CorpusEmbeddings', () => {
  it('puts co-occurring words closer than words of the other topic', () => {
    const mean = (pairs: Array<[string, string]>): number => pairs.reduce((s, [a, b]) => s + dot(vec(a), vec(b)), 0) / pairs.length;
    const within = (t: string[]): Array<[string, string]> => t.flatMap((a, i) => t.slice(i + 1).map((b): [string, string] => [a, b]));
    const same = mean([...within(MARRIAGE), ...within(TAX)]);
    const across = mean(MARRIAGE.flatMap((a) => TAX.map((b): [string, string] => [a, b])));
    expect(same, `help: PPMI or SVD lost the co-occurrence signal (within ${same.toFixed(2)}, across ${across.toFixed(2)})`).toBeGreaterThan(across + 0.15);
    expect(dot(vec('kết hôn'), vec('hộ tịch'))).toBeGreaterThan(dot(vec('kết hôn'), vec('doanh nghiệp')));
  });

  it('gives unit record vectors and ranks a topic query onto its own records', () => {
    expect(vectors.length).toBe(records.length * model.dimension);
    expect(Math.sqrt(dot(vectors.subarray(0, 8), vectors.subarray(0, 8)))).toBeCloseTo(1, 5);
    const index = HnswVectorIndex.build(vectors, model.dimension);
    const hits = index.search(model.embedQuery('Thủ tục đăng ký kết hôn ở đâu?', analyzer), 10);
    expect(hits.every((h) => h.id < 30), `help: tax records (ids ≥ 30) ranked for a marriage question: ${hits.map((h) => h.id)}`).toBe(true);
  });

  it('embeds a query typed without diacritics like the accented one', () => {
    const a = model.embedQuery('quyết toán thuế doanh nghiệp', analyzer);
    const b = model.embedQuery('quyet toan thue doanh nghiep', analyzer);
    expect(cosine(a, b)).toBeGreaterThan(0.95);
  });

  it('embeds a record outside training as training did, and unknown words as zeros', () => {
    expect(cosine(model.embedRecord(records[3], analyzer), vectors.subarray(3 * 8, 4 * 8))).toBeCloseTo(1, 4);
    expect(model.embedQuery('xyzzy plugh', analyzer).every((x) => x === 0)).toBe(true);
  });

  it('survives a save and load round trip', () => {
    const file = join(dir, 'embeddings.bin');
    model.save(file);
    const loaded = CorpusEmbeddings.load(file);
    expect(loaded.dimension).toBe(model.dimension);
    expect(loaded.vocabularySize).toBe(model.vocabularySize);
    expect(loaded.embedQuery('nộp thuế', analyzer)).toEqual(model.embedQuery('nộp thuế', analyzer));
  });

  it('is deterministic for the same input', () => {
    const again = CorpusEmbeddings.train(records, analyzer, OPTIONS);
    expect(again.vectors).toEqual(vectors);
  });
});

describe('cooccurrence and PPMI', () => {
  it('counts neighbours within the window, weighted by distance, and no window crosses records', () => {
    const seq = buildTermSequences([['alpha beta gamma'], ['delta']], analyzer, { maxTerms: 100, minDf: 1, skipNumbers: true }, 2);
    const c = cooccurrenceCounts(seq, 2);
    const id = (t: string): number => seq.terms.indexOf(t);
    const count = (a: string, b: string): number => {
      for (let e = c.rowPtr[id(a)]; e < c.rowPtr[id(a) + 1]; e++) if (c.colIdx[e] === id(b)) return c.values[e];
      return 0;
    };
    expect(count('alpha', 'beta')).toBeCloseTo(1, 6); // distance 1: (2 + 1 - 1) / 2
    expect(count('alpha', 'gamma')).toBeCloseTo(0.5, 6); // distance 2
    expect(count('gamma', 'alpha')).toBeCloseTo(0.5, 6);
    expect(count('gamma', 'delta')).toBe(0);
  });

  it('keeps only positive PMI and at most maxPerRow entries per row', () => {
    const counts: SparseMatrix = { rows: 2, cols: 2, rowPtr: Int32Array.from([0, 2, 4]), colIdx: Int32Array.from([0, 1, 0, 1]), values: Float32Array.from([9, 1, 1, 9]) };
    const m = ppmi(counts, 1, 1);
    expect(Array.from(m.colIdx)).toEqual([0, 1]); // off-diagonal PMI = ln(1·20 / (10·10)) < 0
    expect(m.values[0]).toBeCloseTo(Math.log((9 * 20) / 100), 5);
    expect(ppmi(counts, 1, 1, 1).values.length).toBe(2);
  });
});

describe('randomizedSvd', () => {
  it('recovers the singular values and vectors of a low-rank matrix', () => {
    const rows = 40;
    const cols = 30;
    const normal = gaussianSource(5);
    const basis = (n: number): Float64Array[] => {
      const qs: Float64Array[] = [];
      for (let k = 0; k < 3; k++) {
        const v = Float64Array.from({ length: n }, () => normal());
        for (const q of qs) {
          const p = v.reduce((s, x, i) => s + x * q[i], 0);
          v.forEach((_, i) => (v[i] -= p * q[i]));
        }
        const n2 = Math.hypot(...v);
        qs.push(v.map((x) => x / n2));
      }
      return qs;
    };
    const u = basis(rows);
    const v = basis(cols);
    const sigma = [10, 5, 2];
    const rowPtr = new Int32Array(rows + 1);
    const colIdx: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        colIdx.push(j);
        values.push(sigma.reduce((s, sg, k) => s + sg * u[k][i] * v[k][j], 0));
      }
      rowPtr[i + 1] = colIdx.length;
    }
    const a: SparseMatrix = { rows, cols, rowPtr, colIdx: Int32Array.from(colIdx), values: Float32Array.from(values) };
    const svd = randomizedSvd(a, { rank: 3, oversample: 5, powerIterations: 1, seed: 1 });
    expect(Array.from(svd.sigma).map((s) => Number(s.toFixed(3)))).toEqual([10, 5, 2]);
    for (let k = 0; k < 3; k++) {
      const align = u[k].reduce((s, x, i) => s + x * svd.u[i * 3 + k], 0);
      expect(Math.abs(align)).toBeCloseTo(1, 4);
    }
  });

  it('diagonalises a small symmetric matrix (Jacobi)', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(Array.from(values).map((x) => Number(x.toFixed(9)))).toEqual([3, 1]);
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 9);
  });
});
