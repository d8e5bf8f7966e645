import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import hnswlib from 'hnswlib-node';
import { AppError } from '../../common/errors.js';

// hnswlib-node is a CommonJS addon whose exports cjs-module-lexer cannot see, so only a default import works.
type Hnsw = InstanceType<typeof hnswlib.HierarchicalNSW>;

/** One nearest neighbour: the record id (a chunk index) and its cosine similarity to the query. */
export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  similarity: number;
}

/**
 * VectorIndex: the port the dense layer searches through, a nearest-neighbour index over one vector per
 * chunk (id = the chunk's index in the snapshot). Implementations decide how (exact or approximate).
 * It does not embed text: callers pass vectors made by an embedder.
 */
export interface VectorIndex {
  /** Vector length. */
  readonly dimension: number;
  /** Number of indexed vectors. */
  readonly size: number;
  /** Up to `k` nearest records to `vector`, closest first. Never throws on k > size. */
  search(vector: Float32Array, k: number): VectorHit[];
  /** The stored vector of record `id` (unit length), for exact similarities of chosen records. */
  vectorOf(id: number): Float32Array;
  /** Writes the index to `file` (atomically: a temporary file is renamed over it). */
  save(file: string): void;
}

/** Build and search settings of {@link HnswVectorIndex}. */
export interface HnswOptions {
  /** Graph degree M. Default 16. */
  m: number;
  /** Candidate list size while building. Default 200. */
  efConstruction: number;
  /** Candidate list size while searching (recall/speed trade-off). Default 128. */
  efSearch: number;
  /** Seed of the level generator, so builds are reproducible. Default 100. */
  seed: number;
}

/** Defaults of {@link HnswOptions}; efSearch 128 keeps recall@10 near exact on ~10k vectors. */
export const DEFAULT_HNSW: HnswOptions = { m: 16, efConstruction: 200, efSearch: 128, seed: 100 };

/** Sidecar written next to the hnswlib file: what is needed to construct the index before reading it. */
interface HnswMeta {
  format: 1;
  space: 'cosine';
  dimension: number;
  size: number;
  efSearch: number;
}

const META_SUFFIX = '.meta.json';

/**
 * HnswVectorIndex: {@link VectorIndex} on hnswlib-node (HNSW graph, cosine space).
 *
 * Use it for the dense layer of the snapshot: build once per reindex from the chunk vectors, save it
 * beside the lexical snapshot, load it at start-up. Search is synchronous and takes well under a
 * millisecond on ~10k vectors. hnswlib normalises vectors in the cosine space, so callers need not.
 * It is the only module that imports hnswlib-node (see docs/style.md §1).
 *
 * @example
 * const index = HnswVectorIndex.build(vectors, 128);
 * index.save(join(snapshotDir, 'dense.hnsw'));
 * const again = HnswVectorIndex.load(join(snapshotDir, 'dense.hnsw'));
 * again.search(queryVector, 10); // [{ id: 42, similarity: 0.83 }, …]
 */
export class HnswVectorIndex implements VectorIndex {
  private constructor(
    private readonly hnsw: Hnsw,
    readonly dimension: number,
    private readonly efSearch: number,
  ) {}

  /** Number of indexed vectors. */
  get size(): number {
    return this.hnsw.getCurrentCount();
  }

  /**
   * Builds an index from `vectors`: a flat Float32Array of `n × dimension` values (record i occupies
   * `[i·dimension, (i+1)·dimension)` and gets id i), or one Float32Array per record.
   */
  static build(vectors: Float32Array | readonly Float32Array[], dimension: number, options: Partial<HnswOptions> = {}): HnswVectorIndex {
    const o = { ...DEFAULT_HNSW, ...options };
    if (!Number.isInteger(dimension) || dimension <= 0) throw new AppError('INVALID_INPUT', `vector dimension must be a positive integer, got ${dimension}`);
    const n = Array.isArray(vectors) ? vectors.length : (vectors as Float32Array).length / dimension;
    if (!Number.isInteger(n)) throw new AppError('INVALID_INPUT', `flat vector array length is not a multiple of ${dimension}`);
    const hnsw = new hnswlib.HierarchicalNSW('cosine', dimension);
    hnsw.initIndex({ maxElements: Math.max(1, n), m: o.m, efConstruction: o.efConstruction, randomSeed: o.seed });
    for (let i = 0; i < n; i++) {
      const v = Array.isArray(vectors) ? (vectors as readonly Float32Array[])[i] : (vectors as Float32Array).subarray(i * dimension, (i + 1) * dimension);
      if (v.length !== dimension) throw new AppError('INVALID_INPUT', `vector ${i} has length ${v.length}, expected ${dimension}`);
      hnsw.addPoint(Array.from(v), i);
    }
    hnsw.setEf(o.efSearch);
    return new HnswVectorIndex(hnsw, dimension, o.efSearch);
  }

  /** Loads an index written by {@link save}; throws `INDEX_CORRUPT` when the files are missing or unreadable. */
  static load(file: string): HnswVectorIndex {
    let meta: HnswMeta;
    try {
      meta = JSON.parse(readFileSync(file + META_SUFFIX, 'utf8')) as HnswMeta;
    } catch (err: unknown) {
      throw new AppError('INDEX_CORRUPT', `cannot read vector index metadata ${file}${META_SUFFIX}`, { cause: err });
    }
    if (meta.format !== 1 || meta.space !== 'cosine') throw new AppError('INDEX_CORRUPT', `unsupported vector index format in ${file}`);
    const hnsw = new hnswlib.HierarchicalNSW('cosine', meta.dimension);
    try {
      hnsw.readIndexSync(file);
    } catch (err: unknown) {
      throw new AppError('INDEX_CORRUPT', `cannot read vector index ${file}`, { cause: err });
    }
    if (hnsw.getCurrentCount() !== meta.size) throw new AppError('INDEX_CORRUPT', `vector index ${file} holds ${hnsw.getCurrentCount()} vectors, metadata says ${meta.size}`);
    hnsw.setEf(meta.efSearch);
    return new HnswVectorIndex(hnsw, meta.dimension, meta.efSearch);
  }

  /** Up to `k` nearest records, closest first. An empty index or k ≤ 0 gives []. */
  search(vector: Float32Array, k: number): VectorHit[] {
    const count = this.size;
    const want = Math.min(Math.floor(k), count);
    if (want <= 0) return [];
    if (vector.length !== this.dimension) throw new AppError('INVALID_INPUT', `query vector has length ${vector.length}, expected ${this.dimension}`);
    // An all-zero query (no known word) has no direction: nothing is near it.
    if (!vector.some((x) => x !== 0)) return [];
    // ef must be at least k for hnswlib to return k results.
    if (want > this.efSearch) this.hnsw.setEf(want);
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(vector), want);
    if (want > this.efSearch) this.hnsw.setEf(this.efSearch);
    return neighbors
      .map((id, i) => ({ id, similarity: 1 - distances[i] }))
      .sort((a, b) => b.similarity - a.similarity || a.id - b.id);
  }

  /** The stored vector of record `id`; hnswlib keeps vectors normalised in the cosine space. */
  vectorOf(id: number): Float32Array {
    try {
      return Float32Array.from(this.hnsw.getPoint(id));
    } catch (err: unknown) {
      throw new AppError('NOT_FOUND', `no vector for record ${id}`, { cause: err });
    }
  }

  /** Writes the index and its metadata sidecar, each through a temporary file and a rename. */
  save(file: string): void {
    const meta: HnswMeta = { format: 1, space: 'cosine', dimension: this.dimension, size: this.size, efSearch: this.efSearch };
    const tmp = `${file}.tmp-${process.pid}`;
    this.hnsw.writeIndexSync(tmp);
    renameSync(tmp, file);
    writeFileSync(tmp + META_SUFFIX, JSON.stringify(meta));
    renameSync(tmp + META_SUFFIX, file + META_SUFFIX);
  }
}
