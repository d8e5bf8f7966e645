import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { Analyzer } from '../text/analyzer.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import { KeywordIndex } from './keyword-index.js';
import { QueryExpander } from './query-expander.js';
import { FaqMatcher } from './faq-matcher.js';
import { Retriever } from './retriever.js';
import { glossaryFromJson, SnapshotStore } from './snapshot.js';
import type { SnapshotContent } from './snapshot.js';
import { reindex } from './reindex.js';
import type { ReindexReport } from './reindex.js';
import type { SearchResult } from './types.js';
import { reviewFaq } from './faq-review.js';
import type { FaqReviewItem } from './faq-review.js';

/** Options for {@link KnowledgeBase.open}. */
export interface KnowledgeBaseOptions {
  dataDir: string;
  knowledgeDir: string;
  logger?: Logger;
  /** Extra FAQ entries (e.g. approved staff answers from the database) added on top of the snapshot's. */
  extraFaq?: FaqEntry[];
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
  private current: { retriever: Retriever; snapshot: SnapshotContent; faq: FaqMatcher };
  private reindexing: Promise<ReindexReport> | null = null;
  readonly analyzer: Analyzer;
  private readonly extraFaq: FaqEntry[];

  private constructor(
    private readonly store: SnapshotStore,
    private readonly opts: KnowledgeBaseOptions,
    analyzer: Analyzer,
    snapshot: SnapshotContent,
  ) {
    this.analyzer = analyzer;
    this.extraFaq = [...(opts.extraFaq ?? [])];
    this.current = this.generation(snapshot);
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
      const { content, report } = await reindex(store, { knowledgeDir: opts.knowledgeDir, analyzer, logger: log, full: true });
      log.info({ documents: report.documents, chunks: report.chunks, failed: report.failed.length, ms: report.ms }, 'index built');
      snapshot = content;
    }
    return new KnowledgeBase(store, opts, analyzer, snapshot);
  }

  /** Searches the live generation. */
  search(query: string, k = 10): SearchResult {
    return this.current.retriever.search(query, k);
  }

  /** The live snapshot (documents, chunks, FAQ) — read-only. */
  get snapshot(): SnapshotContent {
    return this.current.snapshot;
  }

  /** Metadata of every indexed document, keyed by document id (relative path). */
  documents(): Map<string, DocumentMeta> {
    return new Map(Object.entries(this.current.snapshot.files).map(([k, r]) => [k, r.meta]));
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
        onProgress: opts.onProgress,
      });
      this.current = this.generation(content);
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
    this.current = this.generation(snapshot);
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
  }

  private generation(snapshot: SnapshotContent) {
    const index = KeywordIndex.fromData(snapshot.index);
    const maxIdf = Math.log(1 + index.size);
    const faq = new FaqMatcher(this.analyzer, [...snapshot.faq, ...this.extraFaq], {
      idf: (t) => index.idf(t) || maxIdf,
    });
    const docs = new Map(Object.entries(snapshot.files).map(([k, r]) => [k, r.meta]));
    const expander = new QueryExpander(this.analyzer, glossaryFromJson(snapshot.glossary));
    const retriever = new Retriever({ index, chunks: snapshot.chunks, docs, analyzer: this.analyzer, expander, faq });
    return { retriever, snapshot, faq };
  }
}
