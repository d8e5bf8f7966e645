import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HnswVectorIndex } from './vector-index.js';
import { gaussianSource } from './randomized-svd.js';
import { normalizeInPlace, dot } from './vector-math.js';
import { isAppError } from '../../common/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'hnsw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DIM = 24;
const N = 500;
const normal = gaussianSource(11);
const vectors = new Float32Array(N * DIM);
for (let i = 0; i < vectors.length; i++) vectors[i] = normal();
for (let i = 0; i < N; i++) normalizeInPlace(vectors.subarray(i * DIM, (i + 1) * DIM));
const row = (i: number): Float32Array => vectors.subarray(i * DIM, (i + 1) * DIM);

/** The AppError code `f` throws, 'other' for any other error, undefined when it does not throw. */
function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e: unknown) {
    return isAppError(e) ? e.code : 'other';
  }
  return undefined;
}

/** Exact nearest neighbours by brute force, for comparison. */
function exact(q: Float32Array, k: number): number[] {
  return Array.from({ length: N }, (_, i) => [i, dot(q, row(i))] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([i]) => i);
}

describe('HnswVectorIndex', () => {
  const index = HnswVectorIndex.build(vectors, DIM);

  it('finds a stored vector as its own nearest neighbour, with similarity 1', () => {
    for (const i of [0, 17, 250, 499]) {
      const [hit] = index.search(row(i), 1);
      expect(hit.id).toBe(i);
      expect(hit.similarity).toBeCloseTo(1, 5);
    }
  });

  it('returns the exact top 5 for a perturbed query, closest first', () => {
    const q = Float32Array.from(row(42), (x) => x + 0.3 * normal());
    const hits = index.search(q, 5);
    expect(hits.map((h) => h.id)).toEqual(exact(q, 5));
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1].similarity).toBeGreaterThanOrEqual(hits[i].similarity);
  });

  it('gives the same answers after a save and load round trip', () => {
    const file = join(dir, 'dense.hnsw');
    index.save(file);
    const loaded = HnswVectorIndex.load(file);
    expect(loaded.size).toBe(N);
    expect(loaded.dimension).toBe(DIM);
    const q = Float32Array.from(row(7), (x) => x + 0.2 * normal());
    expect(loaded.search(q, 10)).toEqual(index.search(q, 10));
  });

  it('accepts one Float32Array per record and caps k at the index size', () => {
    const small = HnswVectorIndex.build([row(1), row(2), row(3)], DIM);
    expect(small.search(row(2), 10).map((h) => h.id)).toEqual(exact(row(2), N).filter((i) => i >= 1 && i <= 3).map((i) => i - 1));
  });

  it('finds nothing for an all-zero query or an empty index', () => {
    expect(index.search(new Float32Array(DIM), 5)).toEqual([]);
    expect(HnswVectorIndex.build(new Float32Array(0), DIM).search(row(0), 5)).toEqual([]);
  });

  it('rejects a query of the wrong length and reports a damaged file as INDEX_CORRUPT', () => {
    expect(() => index.search(new Float32Array(DIM + 1).fill(1), 3)).toThrow(/length/);
    const bad = join(dir, 'bad.hnsw');
    writeFileSync(bad, 'not an index');
    writeFileSync(`${bad}.meta.json`, JSON.stringify({ format: 1, space: 'cosine', dimension: DIM, size: 3, efSearch: 10 }));
    expect(codeOf(() => HnswVectorIndex.load(bad))).toBe('INDEX_CORRUPT');
    expect(codeOf(() => HnswVectorIndex.load(join(dir, 'missing.hnsw')))).toBe('INDEX_CORRUPT');
  });
});
