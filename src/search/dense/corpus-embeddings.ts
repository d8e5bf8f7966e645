import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { AppError } from '../../common/errors.js';
import { FOLDED_PREFIX } from '../../text/analyzer.js';
import type { Analyzer } from '../../text/analyzer.js';
import { buildTermSequences } from './term-sequences.js';
import type { TermSequences } from './term-sequences.js';
import { ppmiMatrix } from './cooccurrence.js';
import { randomizedSvd } from './randomized-svd.js';
import { normalizeInPlace } from './vector-math.js';

/** Training settings of {@link CorpusEmbeddings}; global constants, never fitted to single questions. */
export interface CorpusEmbeddingOptions {
  /** Vocabulary size: the terms (syllables and syllable bigrams) found in the most records. Default 30,000. */
  maxTerms: number;
  /** Terms in fewer records are left out. Default 2. */
  minDf: number;
  /** Co-occurrence window, syllables each side. Default 5. */
  window: number;
  /** Context distribution smoothing of PPMI. Default 0.75. */
  alpha: number;
  /** PPMI shift k (keep PMI > ln k). Default 1. */
  shift: number;
  /** Strongest PPMI entries kept per term (0 = all); bounds the SVD's cost. Default 128. */
  maxPerRow: number;
  /** Vector length. Default 128. */
  dimension: number;
  /** Extra random directions of the randomised SVD. Default 12. */
  oversample: number;
  /** Power iterations of the randomised SVD. Default 1. */
  powerIterations: number;
  /** Term vector = U · Σ^eigenWeight (0 = U alone, 0.5 the usual symmetric split). Default 0 (measured best on dev, narrowly). */
  eigenWeight: number;
  /** Subtract the mean passage vector (the direction every legal text shares). Default false (it measured slightly worse). */
  removeMean: boolean;
  /** Seed of the SVD's random projection. Default 7. */
  seed: number;
}

/** Defaults of {@link CorpusEmbeddingOptions}. */
export const DEFAULT_CORPUS_EMBEDDING: CorpusEmbeddingOptions = {
  maxTerms: 30_000,
  minDf: 2,
  window: 5,
  alpha: 0.75,
  shift: 1,
  maxPerRow: 128,
  dimension: 128,
  oversample: 12,
  powerIterations: 1,
  eigenWeight: 0,
  removeMean: false,
  seed: 7,
};

/** What training produced besides the model: one vector per record and the time of each step. */
export interface CorpusTraining {
  model: CorpusEmbeddings;
  /** Record vectors, flat row-major (records × dimension), L2-normalised. */
  vectors: Float32Array;
  timings: { vocabularyMs: number; ppmiMs: number; svdMs: number; vectorsMs: number; nonZeros: number };
}

/** Serialisable state of a trained model. */
export interface CorpusEmbeddingData {
  dimension: number;
  records: number;
  terms: string[];
  folded: string[];
  df: Int32Array;
  /** Unit term vectors, flat (terms × dimension). */
  termVectors: Float32Array;
  /** Mean record vector that is subtracted (zeros when not used). */
  mean: Float32Array;
}

/**
 * CorpusEmbeddings: dense vectors learnt from the indexed corpus itself at reindex time, with no model to
 * download. Syllables and syllable bigrams get vectors from a truncated SVD of their shifted PPMI
 * co-occurrence matrix (Levy, Goldberg & Dagan 2015); a passage or a query is the idf-weighted average of
 * its terms' unit vectors (optionally minus the corpus mean), L2-normalised.
 *
 * Use it as the embedder of the dense layer when no transformer model is configured. Query embedding is
 * synchronous (a few map lookups). It knows nothing of words outside the corpus, so it adds related-word
 * matching, not world knowledge.
 *
 * @example
 * const { model, vectors } = CorpusEmbeddings.train(records, analyzer);
 * const index = HnswVectorIndex.build(vectors, model.dimension);
 * index.search(model.embedQuery('thủ tục đăng ký kết hôn'), 10);
 */
export class CorpusEmbeddings {
  private readonly ids: Map<string, number>;
  private readonly foldedIds: Map<string, number>;
  private readonly idf: Float32Array;

  private constructor(private readonly data: CorpusEmbeddingData) {
    this.ids = new Map(data.terms.map((t, i) => [t, i]));
    // A folded form stands for its most widespread exact term ("thu tuc" → "thủ tục").
    this.foldedIds = new Map();
    data.folded.forEach((f, i) => {
      const prev = this.foldedIds.get(f);
      if (prev === undefined || data.df[i] > data.df[prev]) this.foldedIds.set(f, i);
    });
    this.idf = Float32Array.from(data.df, (df) => Math.log(1 + (data.records - df + 0.5) / (df + 0.5)));
  }

  /** Vector length. */
  get dimension(): number {
    return this.data.dimension;
  }

  /** Number of terms with a vector. */
  get vocabularySize(): number {
    return this.data.terms.length;
  }

  /**
   * Trains on `records` (each a list of text fields, e.g. heading and body) and returns the model with
   * the records' vectors. Deterministic for the same input and options.
   */
  static train(records: ReadonlyArray<readonly string[]>, analyzer: Analyzer, options: Partial<CorpusEmbeddingOptions> = {}): CorpusTraining {
    const o = { ...DEFAULT_CORPUS_EMBEDDING, ...options };
    let t = performance.now();
    const seq = buildTermSequences(records, analyzer, { maxTerms: o.maxTerms, minDf: o.minDf, skipNumbers: true }, o.window);
    const vocabularyMs = performance.now() - t;
    t = performance.now();
    const m = ppmiMatrix(seq, o);
    const ppmiMs = performance.now() - t;
    t = performance.now();
    const svd = randomizedSvd(m, { rank: o.dimension, oversample: o.oversample, powerIterations: o.powerIterations, seed: o.seed });
    const svdMs = performance.now() - t;
    t = performance.now();
    const d = svd.rank;
    const termVectors = svd.u;
    const scale = Float32Array.from(svd.sigma, (s) => s ** o.eigenWeight);
    for (let i = 0; i < seq.terms.length; i++) {
      const row = termVectors.subarray(i * d, (i + 1) * d);
      for (let j = 0; j < d; j++) row[j] *= scale[j];
      normalizeInPlace(row);
    }
    const data: CorpusEmbeddingData = {
      dimension: d,
      records: records.length,
      terms: seq.terms,
      folded: seq.folded,
      df: seq.df,
      termVectors,
      mean: new Float32Array(d),
    };
    const model = new CorpusEmbeddings(data);
    const vectors = model.vectorsOfSequences(seq, records.length);
    if (o.removeMean) {
      const mean = data.mean;
      for (let r = 0; r < records.length; r++) for (let j = 0; j < d; j++) mean[j] += vectors[r * d + j] / records.length;
      for (let r = 0; r < records.length; r++) {
        const row = vectors.subarray(r * d, (r + 1) * d);
        for (let j = 0; j < d; j++) row[j] -= mean[j];
        normalizeInPlace(row);
      }
    }
    const timings = { vocabularyMs, ppmiMs, svdMs, vectorsMs: performance.now() - t, nonZeros: m.values.length };
    return { model, vectors, timings };
  }

  /** Restores a model from {@link toData} output. */
  static fromData(data: CorpusEmbeddingData): CorpusEmbeddings {
    return new CorpusEmbeddings(data);
  }

  /** The model's arrays, for persisting beside the snapshot. */
  toData(): CorpusEmbeddingData {
    return this.data;
  }

  /** The unit vector of one vocabulary term (exact form, e.g. "thủ tục"), or undefined when unknown. */
  termVector(term: string): Float32Array | undefined {
    const id = this.ids.get(term);
    const d = this.data.dimension;
    return id === undefined ? undefined : this.data.termVectors.subarray(id * d, (id + 1) * d);
  }

  /**
   * Embeds a query: its exact terms when typed with diacritics, else its folded terms mapped to their
   * most common exact form. Returns zeros when no query term is known (the vector index then finds
   * nothing). Synchronous.
   */
  embedQuery(query: string, analyzer: Analyzer): Float32Array {
    const q = analyzer.analyzeQuery(query.slice(0, 2000));
    const ids: number[] = [];
    if (q.accented) for (const t of q.exactTerms) ids.push(this.ids.get(t) ?? -1);
    else for (const t of q.foldedTerms) ids.push(this.foldedIds.get(t.startsWith(FOLDED_PREFIX) ? t.slice(FOLDED_PREFIX.length) : t) ?? -1);
    return this.pool(ids);
  }

  /** Embeds a new record (text fields) outside training, with the same rules as training. */
  embedRecord(fields: readonly string[], analyzer: Analyzer): Float32Array {
    const ids: number[] = [];
    for (const f of fields) for (const t of analyzer.indexTerms(f)) if (!t.startsWith(FOLDED_PREFIX)) ids.push(this.ids.get(t) ?? -1);
    return this.pool(ids);
  }

  /** idf · (1 + ln tf)-weighted sum of unit term vectors, minus the mean, L2-normalised. */
  private pool(ids: readonly number[]): Float32Array {
    const d = this.data.dimension;
    const out = new Float32Array(d);
    const tf = new Map<number, number>();
    for (const id of ids) if (id >= 0) tf.set(id, (tf.get(id) ?? 0) + 1);
    if (!tf.size) return out;
    for (const [id, n] of tf) this.addTerm(out, id, (1 + Math.log(n)) * this.idf[id]);
    normalizeInPlace(out);
    if (this.data.mean.some((x) => x !== 0)) {
      for (let j = 0; j < d; j++) out[j] -= this.data.mean[j];
      normalizeInPlace(out);
    }
    return out;
  }

  private addTerm(out: Float32Array, id: number, w: number): void {
    const d = this.data.dimension;
    const v = this.data.termVectors;
    for (let j = 0, o = id * d; j < d; j++) out[j] += w * v[o + j];
  }

  /** Record vectors straight from the training sequences (no second analysis pass). */
  private vectorsOfSequences(seq: TermSequences, records: number): Float32Array {
    const d = this.data.dimension;
    const out = new Float32Array(records * d);
    const tf = new Map<number, number>();
    for (let r = 0; r < records; r++) {
      tf.clear();
      for (let p = seq.recordStart[r]; p < seq.recordStart[r + 1]; p++) {
        if (seq.uni[p] >= 0) tf.set(seq.uni[p], (tf.get(seq.uni[p]) ?? 0) + 1);
        if (seq.bi[p] >= 0) tf.set(seq.bi[p], (tf.get(seq.bi[p]) ?? 0) + 1);
      }
      const row = out.subarray(r * d, (r + 1) * d);
      for (const [id, n] of tf) this.addTerm(row, id, (1 + Math.log(n)) * this.idf[id]);
      normalizeInPlace(row);
    }
    return out;
  }

  /** Writes the model to one file: a JSON header, then the float arrays (temporary file + rename). */
  save(file: string): void {
    const { termVectors, mean, df, ...rest } = this.data;
    const header = Buffer.from(JSON.stringify({ format: 1, ...rest, df: Array.from(df) }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const pad = Buffer.alloc((4 - ((4 + header.length) % 4)) % 4);
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, Buffer.concat([len, header, pad, Buffer.from(termVectors.buffer, termVectors.byteOffset, termVectors.byteLength), Buffer.from(mean.buffer, mean.byteOffset, mean.byteLength)]));
    renameSync(tmp, file);
  }

  /** Reads a model written by {@link save}; throws `INDEX_CORRUPT` when the file is missing or damaged. */
  static load(file: string): CorpusEmbeddings {
    try {
      const buf = readFileSync(file);
      const n = buf.readUInt32LE(0);
      const h = JSON.parse(buf.subarray(4, 4 + n).toString('utf8')) as Omit<CorpusEmbeddingData, 'df' | 'termVectors' | 'mean'> & { format: number; df: number[] };
      if (h.format !== 1) throw new Error(`unknown format ${h.format}`);
      const start = 4 + n + ((4 - ((4 + n) % 4)) % 4);
      const floats = new Float32Array(buf.buffer.slice(buf.byteOffset + start, buf.byteOffset + buf.length));
      const size = h.terms.length * h.dimension;
      if (floats.length !== size + h.dimension) throw new Error(`expected ${size + h.dimension} floats, found ${floats.length}`);
      return new CorpusEmbeddings({ dimension: h.dimension, records: h.records, terms: h.terms, folded: h.folded, df: Int32Array.from(h.df), termVectors: floats.subarray(0, size), mean: floats.subarray(size) });
    } catch (err: unknown) {
      throw new AppError('INDEX_CORRUPT', `cannot read corpus embeddings ${file}`, { cause: err });
    }
  }
}
