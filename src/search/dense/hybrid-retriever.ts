import type { Retriever } from '../retriever.js';
import type { SearchHit, SearchResult } from '../types.js';
import type { VectorIndex } from './vector-index.js';
import { linearBlend, reciprocalRankFusion } from './fusion.js';
import type { FusedScore } from './fusion.js';
import { dot, normalizeInPlace } from './vector-math.js';

/** Turns a query into a vector synchronously (the corpus embeddings; a transformer embeds ahead, async). */
export interface QueryEmbedder {
  readonly dimension: number;
  embedQuery(query: string): Float32Array;
}

/** How the lexical and dense rankings are merged. */
export type FusionMethod =
  /** Reciprocal rank fusion with rank constant k; `denseWeight` scales the dense list (default 1). */
  | { kind: 'rrf'; k: number; denseWeight?: number }
  /**
   * Lexical score relative to the best, plus weight × cosine (see `linearBlend`). With `denseOnly: false`
   * only lexical candidates are re-ordered; by default the dense top list may add candidates.
   */
  | { kind: 'blend'; weight: number; denseOnly?: boolean };

/** Settings of {@link HybridRetriever}. */
export interface HybridOptions {
  fusion: FusionMethod;
  /** Lexical candidates taken from the Retriever. Default 50. */
  lexicalDepth: number;
  /** Dense candidates taken from the vector index. Default 50. */
  denseDepth: number;
  /**
   * Fuse only when the lexical confidence is below this (the answer threshold, say): a confident lexical
   * ranking is returned as it is, and dense evidence only helps where the keywords are weak. Default
   * Infinity (always fuse).
   */
  gate: number;
}

/** Defaults: RRF k = 60 over the top 50 of each side. */
export const DEFAULT_HYBRID: HybridOptions = { fusion: { kind: 'rrf', k: 60 }, lexicalDepth: 50, denseDepth: 50, gate: Number.POSITIVE_INFINITY };

/**
 * HybridRetriever: the lexical Retriever and a dense vector index, fused into one ranking.
 *
 * Use it where a deployment has turned dense retrieval on; without it, use the Retriever directly (the
 * default). The confidence stays the lexical one, so the answer/escalate threshold keeps its meaning:
 * it is the lexical confidence scaled by how much of the query the fused top hit covers compared with
 * the lexical top hit, and a top hit that only the dense side found (coverage 0) gives confidence 0,
 * so a dense-only guess is shown but never answered with certainty.
 *
 * @example
 * const hybrid = new HybridRetriever(retriever, embedder, HnswVectorIndex.load(file));
 * hybrid.search('thời hạn giải quyết hồ sơ', 5).hits;
 */
export class HybridRetriever {
  private readonly options: HybridOptions;
  private readonly position: Map<string, number>;

  constructor(
    readonly lexical: Retriever,
    private readonly embedder: QueryEmbedder,
    private readonly index: VectorIndex,
    options: Partial<HybridOptions> = {},
  ) {
    this.options = { ...DEFAULT_HYBRID, ...options };
    this.position = new Map(lexical.parts.chunks.map((c, i) => [c.id, i]));
  }

  /** Searches with the synchronous embedder. Never throws on odd input. */
  search(query: string, k = 10): SearchResult {
    return this.searchWithVector(query, this.embedder.embedQuery(query), k);
  }

  /** Searches with a query vector made elsewhere (e.g. by an async transformer embedder). */
  searchWithVector(query: string, vector: Float32Array, k = 10): SearchResult {
    const started = performance.now();
    const { lexicalDepth, denseDepth, fusion, gate } = this.options;
    const lex = this.lexical.search(query, Math.max(k, lexicalDepth));
    if (lex.confidence >= gate) return { ...lex, hits: lex.hits.slice(0, k), ms: performance.now() - started };
    const dense = this.index.search(vector, Math.max(k, denseDepth));
    const byId = new Map<number, SearchHit>();
    const lexIds = lex.hits.map((h) => {
      const id = this.position.get(h.chunk.id) ?? -1;
      byId.set(id, h);
      return id;
    });
    let fused: FusedScore[];
    if (fusion.kind === 'rrf') {
      fused = reciprocalRankFusion([lexIds, dense.map((h) => h.id)], { k: fusion.k, weights: [1, fusion.denseWeight ?? 1] });
    } else {
      const sim = new Map(dense.map((h) => [h.id, h.similarity]));
      const unit = normalizeInPlace(Float32Array.from(vector));
      // Lexical candidates outside the dense top list get their exact cosine from the stored vector.
      const similarity = (id: number): number => sim.get(id) ?? (id >= 0 ? dot(unit, this.index.vectorOf(id)) : 0);
      fused = linearBlend(lex.hits.map((h, i) => ({ id: lexIds[i], score: h.score })), similarity, fusion.weight, fusion.denseOnly === false ? [] : [...sim.keys()]);
    }
    const chunks = this.lexical.parts.chunks;
    const hits: SearchHit[] = fused.slice(0, k).map(({ id, score }) => {
      const h = byId.get(id);
      if (h) return { ...h, score };
      const chunk = chunks[id];
      return { chunk, doc: this.lexical.parts.docs.get(chunk.docId) ?? { number: '', title: chunk.docId, status: 'unknown' }, score, coverage: 0 };
    });
    const lexTop = lex.hits[0];
    const confidence = hits.length && lexTop && lexTop.coverage > 0 ? lex.confidence * Math.min(1, hits[0].coverage / lexTop.coverage) : 0;
    return { ...lex, hits, confidence: Number(confidence.toFixed(4)), ms: performance.now() - started };
  }
}
