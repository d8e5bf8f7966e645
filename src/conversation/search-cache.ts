/**
 * A small cache of search results in front of the knowledge base: officials often ask the same question in
 * the same words (a new rule, a deadline), and a search is the largest CPU cost of an update. A result is
 * reused only while it is still what a fresh search would return: the cache keys on the exact text
 * searched and the result count, empties itself when the knowledge generation changes (reindex, snapshot
 * reloaded from another instance), is cleared by the caller when FAQ entries are added in place, and forgets
 * entries after `ttlMs` in any case. Results are shared between callers and must be treated as read-only.
 */
import type { SearchResult } from '../search/types.js';
import type { KnowledgeSearch } from './ports.js';

/** Options for {@link SearchCache}. */
export interface SearchCacheOptions {
  /** Results kept (least recently used dropped first); 0 disables the cache. */
  maxEntries: number;
  /** Longest a result is reused, ms. */
  ttlMs: number;
  /**
   * The knowledge generation searched: any value whose identity changes when the index does (the
   * knowledge base's live snapshot object). Checked on every lookup; a new value empties the cache.
   */
  generation: () => unknown;
  now?: () => number;
}

interface Entry {
  at: number;
  result: SearchResult;
}

/**
 * Wraps a {@link KnowledgeSearch} with a result cache (see the module comment). `search` and
 * `searchAsync` keep separate entries, since the latter may fuse dense retrieval in.
 *
 * @example
 * const cached = new SearchCache(knowledge, { maxEntries: 2000, ttlMs: 300_000, generation: () => knowledge.snapshot });
 * new ConversationService({ knowledge: cached, ... });
 * knowledge.addFaq(entry); cached.clear();
 */
export class SearchCache implements KnowledgeSearch {
  private readonly entries = new Map<string, Entry>();
  private seen: unknown;
  /** Bumped by {@link clear}, so a search in flight across a clear is not kept. */
  private epoch = 0;
  private readonly now: () => number;
  /** Lookups answered from the cache and lookups that searched (for tests and metrics). */
  readonly stats = { hits: 0, misses: 0 };
  readonly searchAsync?: (query: string, k?: number) => Promise<SearchResult>;

  constructor(
    private readonly inner: KnowledgeSearch,
    private readonly o: SearchCacheOptions,
  ) {
    this.now = o.now ?? Date.now;
    this.seen = o.generation();
    const innerAsync = inner.searchAsync?.bind(inner);
    if (innerAsync) {
      this.searchAsync = async (query, k = 10) => {
        const key = `a${k}\u0000${query}`;
        const generation = this.o.generation();
        const epoch = this.epoch;
        const hit = this.lookup(key, generation);
        if (hit) return hit;
        const result = await innerAsync(query, k);
        this.store(key, generation, epoch, result);
        return result;
      };
    }
  }

  search(query: string, k = 10): SearchResult {
    const key = `s${k}\u0000${query}`;
    const generation = this.o.generation();
    const hit = this.lookup(key, generation);
    if (hit) return hit;
    const result = this.inner.search(query, k);
    this.store(key, generation, this.epoch, result);
    return result;
  }

  documents(): ReturnType<KnowledgeSearch['documents']> {
    return this.inner.documents();
  }

  /** Forgets every result (call it after changing the live knowledge in place, e.g. `addFaq`). */
  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  private lookup(key: string, generation: unknown): SearchResult | undefined {
    if (this.o.maxEntries <= 0) return undefined;
    if (generation !== this.seen) {
      this.entries.clear();
      this.seen = generation;
    }
    const entry = this.entries.get(key);
    if (!entry || this.now() - entry.at > this.o.ttlMs) {
      if (entry) this.entries.delete(key);
      this.stats.misses++;
      return undefined;
    }
    // Most recently used last, so the first key is the one to drop.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits++;
    return entry.result;
  }

  /** Keeps `result` unless the knowledge changed (generation or a clear) while it was computed. */
  private store(key: string, generation: unknown, epoch: number, result: SearchResult): void {
    if (this.o.maxEntries <= 0 || epoch !== this.epoch || generation !== this.o.generation() || generation !== this.seen) return;
    this.entries.set(key, { at: this.now(), result });
    while (this.entries.size > this.o.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
