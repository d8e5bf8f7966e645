import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { Analyzer } from '../text/analyzer.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import type { Course } from '../ingest/course-file.js';
import { KeywordIndex } from './keyword-index.js';
import { QueryExpander } from './query-expander.js';
import { FaqMatcher } from './faq-matcher.js';
import type { FaqMatcherOptions } from './faq-matcher.js';
import { TimeSlicer } from '../common/time-slice.js';
import { Retriever } from './retriever.js';
import { glossaryFromJson, SnapshotStore } from './snapshot.js';
import type { SnapshotContent } from './snapshot.js';
import { reindex } from './reindex.js';
import type { ReindexReport } from './reindex.js';
import type { FileParser } from './parse-file.js';
import type { SearchResult } from './types.js';
import { reviewFaq } from './faq-review.js';
import type { FaqReviewItem } from './faq-review.js';
import { HnswVectorIndex } from './dense/vector-index.js';
import { HybridRetriever } from './dense/hybrid-retriever.js';
import type { HybridOptions } from './dense/hybrid-retriever.js';
import { EmbeddingCache } from './dense/embedding-cache.js';

/** What the dense layer needs from an embedder (TransformersEmbedder implements it). */
export interface TextEmbedder {
  embedQuery(query: string): Promise<Float32Array>;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
}

/** Options for {@link KnowledgeBase.open}. */
export interface KnowledgeBaseOptions {
  dataDir: string;
  knowledgeDir: string;
  logger?: Logger;
  /** Extra FAQ entries (e.g. approved staff answers from the database) added on top of the snapshot's. */
  extraFaq?: FaqEntry[];
  /**
   * Optional dense retrieval: with an embedder, every generation also gets an HNSW index of its chunks'
   * passage embeddings (title + text), and {@link KnowledgeBase.searchAsync} fuses it with the lexical
   * ranking. Without one the knowledge base is purely lexical.
   */
  embedder?: TextEmbedder;
  /**
   * Identity of the embedding model (its folder, say). When set, passage vectors are cached in
   * `<dataDir>/dense/` by chunk hash, so a restart or reindex embeds only new or changed chunks.
   */
  embedderId?: string;
  /** Longest wait for a query embedding before falling back to lexical search, ms. Default 2000. */
  embedTimeoutMs?: number;
  /** Fusion settings of the dense layer (defaults: {@link DEFAULT_HYBRID}). */
  hybrid?: Partial<HybridOptions>;
  /**
   * Parses changed files during a reindex. Default: in this thread with the default size limits; the
   * server passes an `IsolatedFileParser` so parsing neither blocks nor endangers it.
   */
  parser?: FileParser;
}

/** One immutable search generation: the lexical retriever and, with an embedder, its dense twin. */
interface Generation {
  retriever: Retriever;
  snapshot: SnapshotContent;
  faq: FaqMatcher;
  hybrid?: HybridRetriever;
}

/**
 * KnowledgeBase: the live search generation and the way to replace it.
 *
 * Holds one immutable {@link Retriever} built from the current snapshot. A reindex builds the next
 * generation beside it and swaps the reference in one assignment, so questions are answered throughout
 * with the old or the new index, never a mix. On first start with no snapshot, it builds one from the
 * knowledge folder.
 */
export class KnowledgeBase {
  /** Set by {@link open} before the instance is handed out. */
  private current!: Generation;
  private reindexing: Promise<ReindexReport> | null = null;
  readonly analyzer: Analyzer;
  private readonly extraFaq: FaqEntry[];
  private readonly cache: EmbeddingCache | undefined;
  /** One list per generation being built: FAQ entries added meanwhile, added to it before it goes live. */
  private readonly lateFaq = new Set<FaqEntry[]>();

  private constructor(
    private readonly store: SnapshotStore,
    private readonly opts: KnowledgeBaseOptions,
    analyzer: Analyzer,
  ) {
    this.analyzer = analyzer;
    this.extraFaq = [...(opts.extraFaq ?? [])];
    this.cache = opts.embedder ? new EmbeddingCache(opts.dataDir, opts.embedderId) : undefined;
  }

  /** Loads the current snapshot from `dataDir`, building it from `knowledgeDir` when there is none. */
  static async open(opts: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const log = opts.logger ?? silentLogger;
    const store = new SnapshotStore(opts.dataDir);
    const analyzer = new Analyzer();
    let snapshot = await store.load().catch((err: unknown) => {
      log.warn({ err: String(err) }, 'index snapshot unreadable; rebuilding');
      return null;
    });
    if (!snapshot) {
      log.info({ knowledgeDir: opts.knowledgeDir }, 'no index snapshot yet; building it from the knowledge folder');
      const { content, report } = await reindex(store, { knowledgeDir: opts.knowledgeDir, analyzer, logger: log, full: true, parser: opts.parser });
      log.info({ documents: report.documents, chunks: report.chunks, failed: report.failed.length, ms: report.ms }, 'index built');
      snapshot = content;
    }
    const kb = new KnowledgeBase(store, opts, analyzer);
    // Built once: with an embedder the first generation includes its dense index.
    await kb.advance(snapshot);
    return kb;
  }

  /** True when this knowledge base has an embedder (dense retrieval configured). */
  get dense(): boolean {
    return Boolean(this.opts.embedder);
  }

  /** Searches the live generation, lexically (synchronous; the eval command and tools use it). */
  search(query: string, k = 10): SearchResult {
    return this.current.retriever.search(query, k);
  }

  /**
   * Searches the live generation with dense retrieval fused in when an embedder is configured; otherwise
   * the same as {@link search}. When the query embedding fails or takes longer than `embedTimeoutMs`, it
   * logs and answers lexically.
   */
  async searchAsync(query: string, k = 10): Promise<SearchResult> {
    const gen = this.current;
    const embedder = this.opts.embedder;
    if (!embedder || !gen.hybrid) return gen.retriever.search(query, k);
    let vector: Float32Array;
    try {
      vector = await withTimeout(embedder.embedQuery(query), this.opts.embedTimeoutMs ?? 2000);
    } catch (err: unknown) {
      this.opts.logger?.warn({ err: String(err) }, 'query embedding failed; answering with lexical search');
      return gen.retriever.search(query, k);
    }
    return gen.hybrid.searchWithVector(query, vector, k);
  }

  /** The live snapshot (documents, chunks, FAQ) — read-only. */
  get snapshot(): SnapshotContent {
    return this.current.snapshot;
  }

  /**
   * Metadata of every searched document, keyed by document id (relative path). A summary left out because
   * the official text of the same document is indexed is not listed (the admin listing still shows it).
   */
  /** The courses of the live snapshot (only those that passed the reindex checks). */
  courses(): Course[] {
    return this.current.snapshot.courses ?? [];
  }

  documents(): Map<string, DocumentMeta> {
    return new Map(Object.entries(this.current.snapshot.files).filter(([, r]) => r.chunkIds.length > 0).map(([k, r]) => [k, r.meta]));
  }

  /**
   * Rebuilds the index from the knowledge folder in the background of live traffic and swaps it in.
   * Concurrent calls share one run. A failed reindex leaves the old index serving and rejects.
   */
  reindex(opts: { full?: boolean; onProgress?: (done: number, total: number, file: string) => void } = {}): Promise<ReindexReport> {
    if (this.reindexing) return this.reindexing;
    const run = (async () => {
      const { content, report } = await reindex(this.store, {
        knowledgeDir: this.opts.knowledgeDir,
        analyzer: this.analyzer,
        logger: this.opts.logger,
        full: opts.full,
        // The live snapshot, not a second copy read from disk: unchanged files reuse its chunks in place.
        previous: this.current.snapshot,
        onProgress: opts.onProgress,
        parser: this.opts.parser,
      });
      await this.advance(content);
      return report;
    })();
    this.reindexing = run.finally(() => {
      this.reindexing = null;
    });
    return this.reindexing;
  }

  /**
   * Follows snapshots written by other instances: every `intervalMs` it reads the CURRENT pointer in the
   * shared data folder and, when another instance has published a newer snapshot, loads it and swaps it in
   * (several instances behind a load balancer share DATA_DIR on one volume and PostgreSQL for the rest).
   * Returns a function that stops watching.
   */
  watch(intervalMs = 5000): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.reindexing) return;
      busy = true;
      void this.reloadIfChanged()
        .catch((err: unknown) => this.opts.logger?.warn({ err: String(err) }, 'snapshot reload failed; keeping the current one'))
        .finally(() => {
          busy = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Loads the current snapshot if it is not the one being served; true when it swapped. */
  async reloadIfChanged(): Promise<boolean> {
    const version = await this.store.currentVersion();
    if (!version || version === this.current.snapshot.version) return false;
    const snapshot = await this.store.load();
    if (!snapshot || snapshot.version === this.current.snapshot.version) return false;
    if (!(await this.advance(snapshot, () => snapshot.version !== this.current.snapshot.version))) return false;
    this.opts.logger?.info({ version: snapshot.version }, 'loaded the snapshot published by another instance');
    return true;
  }

  /** Curated and staff Q&As whose cited document is replaced, expired or missing (for staff review). */
  faqReview(): FaqReviewItem[] {
    const snap = this.current.snapshot;
    const docs = new Map(Object.entries(snap.files).map(([k, r]) => [k, r.meta]));
    return reviewFaq([...snap.faq, ...this.extraFaq], docs, snap.chunks);
  }

  /** Adds or replaces a FAQ entry in the live generation immediately (no reindex); kept across reindexes. */
  addFaq(entry: FaqEntry): void {
    const i = this.extraFaq.findIndex((e) => e.id === entry.id);
    if (i >= 0) this.extraFaq[i] = entry;
    else this.extraFaq.push(entry);
    this.current.faq.add(entry);
    for (const late of this.lateFaq) late.push(entry);
  }

  /**
   * Builds the generation of `snapshot` and makes it the live one, unless `wanted()` says otherwise once
   * it is built. The build lets the event loop in between slices (questions keep being answered by the
   * current generation); FAQ entries added meanwhile are added to the new one right before the swap,
   * in the same synchronous step. Returns whether it swapped.
   */
  private async advance(snapshot: SnapshotContent, wanted: () => boolean = () => true): Promise<boolean> {
    const late: FaqEntry[] = [];
    this.lateFaq.add(late);
    try {
      const next = await this.nextGeneration(snapshot);
      if (!wanted()) return false;
      for (const entry of late) next.faq.add(entry);
      this.current = next;
      return true;
    } finally {
      this.lateFaq.delete(late);
    }
  }

  /** Builds the next generation: the dense index first (async, with an embedder), then the lexical parts in slices. */
  private async nextGeneration(snapshot: SnapshotContent): Promise<Generation> {
    const index = await this.denseIndex(snapshot);
    const { retriever, faq } = await retrieverFromSnapshotSliced(snapshot, this.analyzer, this.extraFaq, new TimeSlicer());
    const gen: Generation = { retriever, snapshot, faq };
    if (index) {
      const queryEmbedder = {
        dimension: index.dimension,
        embedQuery(): Float32Array {
          throw new Error('the dense layer embeds queries asynchronously (searchAsync)');
        },
      };
      gen.hybrid = new HybridRetriever(gen.retriever, queryEmbedder, index, this.opts.hybrid);
    }
    return gen;
  }

  /**
   * The HNSW index of the snapshot's passage embeddings (title + text), or undefined without an embedder
   * or when embedding fails (logged; that generation answers lexically). Vectors of chunks whose hash is
   * already cached are reused.
   */
  private async denseIndex(snapshot: SnapshotContent): Promise<HnswVectorIndex | undefined> {
    const embedder = this.opts.embedder;
    const cache = this.cache;
    if (!embedder || !cache) return undefined;
    const log = this.opts.logger ?? silentLogger;
    const started = performance.now();
    try {
      const chunks = snapshot.chunks;
      await cache.load();
      const missing = chunks.filter((c) => !cache.get(c.hash));
      const batch = 64;
      for (let i = 0; i < missing.length; i += batch) {
        const part = missing.slice(i, i + batch);
        const vectors = await embedder.embedPassages(part.map((c) => `${c.title}\n${c.text}`));
        if (vectors.length !== part.length) throw new Error(`embedder returned ${vectors.length} vectors for ${part.length} passages`);
        part.forEach((c, j) => cache.set(c.hash, vectors[j]));
      }
      if (missing.length) await cache.save(new Set(chunks.map((c) => c.hash)));
      const vectors = chunks.map((c) => cache.get(c.hash) as Float32Array);
      const index = HnswVectorIndex.build(vectors, vectors[0]?.length ?? 1);
      log.info({ chunks: chunks.length, embedded: missing.length, ms: Math.round(performance.now() - started) }, 'dense index built');
      return index;
    } catch (err: unknown) {
      log.warn({ err: String(err) }, 'dense index could not be built; answering with lexical search only');
      return undefined;
    }
  }
}

/**
 * The lexical retriever (and its FAQ matcher) for one snapshot: what the bot, `ask` and the knowledge
 * eval all search with, so they measure the same path.
 */
export function retrieverFromSnapshot(
  snapshot: SnapshotContent,
  analyzer: Analyzer,
  extraFaq: readonly FaqEntry[] = [],
): { retriever: Retriever; faq: FaqMatcher } {
  const parts = lexicalParts(snapshot, analyzer);
  const faq = new FaqMatcher(analyzer, [...snapshot.faq, ...extraFaq], parts.faqOptions);
  return { retriever: parts.retriever(faq), faq };
}

/**
 * {@link retrieverFromSnapshot} for a server under traffic: the FAQ entries are analysed and the
 * retriever's tables built in slices of `slicer`, letting the event loop in between.
 */
export async function retrieverFromSnapshotSliced(
  snapshot: SnapshotContent,
  analyzer: Analyzer,
  extraFaq: readonly FaqEntry[],
  slicer: TimeSlicer,
): Promise<{ retriever: Retriever; faq: FaqMatcher }> {
  const parts = lexicalParts(snapshot, analyzer);
  const faq = await FaqMatcher.sliced(analyzer, [...snapshot.faq, ...extraFaq], parts.faqOptions, slicer);
  const retriever = parts.retriever(faq);
  await retriever.prepare(slicer);
  return { retriever, faq };
}

/** What both retriever builds share: the index, the glossary expander, the FAQ matcher's settings. */
function lexicalParts(snapshot: SnapshotContent, analyzer: Analyzer): { faqOptions: FaqMatcherOptions; retriever: (faq: FaqMatcher) => Retriever } {
  const index = KeywordIndex.fromData(snapshot.index);
  const maxIdf = Math.log(1 + index.size);
  const expander = new QueryExpander(analyzer, glossaryFromJson(snapshot.glossary));
  const faqOptions: FaqMatcherOptions = {
    idf: (t) => index.idf(t) || maxIdf,
    // The first expansion of an abbreviation, on both sides of the comparison.
    spellOut: (words) => expander.spellOut(words, (_, options) => options[0]),
  };
  const docs = new Map(Object.entries(snapshot.files).map(([k, r]) => [k, r.meta]));
  return { faqOptions, retriever: (faq) => new Retriever({ index, chunks: snapshot.chunks, docs, analyzer, expander, faq }) };
}

/** Resolves like `p`, or rejects after `ms`. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
