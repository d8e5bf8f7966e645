import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../search/types.js';
import type { KnowledgeSearch } from './ports.js';
import { SearchCache } from './search-cache.js';

/** A knowledge base whose results name the generation and the call number, so a stale reuse shows. */
function fakeKnowledge() {
  const state = { generation: { v: 1 }, calls: 0, asyncCalls: 0 };
  const result = (query: string, n: number): SearchResult => ({ query, hits: [], confidence: state.generation.v, queryWords: [String(n)], ms: 0 });
  const kb: KnowledgeSearch = {
    search: (q) => result(q, ++state.calls),
    searchAsync: async (q) => {
      await new Promise((r) => setTimeout(r, 5));
      return result(q, ++state.asyncCalls);
    },
    documents: () => new Map(),
  };
  return { kb, state };
}

describe('SearchCache', () => {
  it('reuses the result of the same text and count, and searches again for another', () => {
    const { kb, state } = fakeKnowledge();
    const cache = new SearchCache(kb, { maxEntries: 10, ttlMs: 60_000, generation: () => state.generation });
    const a = cache.search('thủ tục cấp phép');
    expect(cache.search('thủ tục cấp phép')).toBe(a);
    expect(state.calls).toBe(1);
    cache.search('thủ tục cấp phép ', 10);
    cache.search('thủ tục cấp phép', 5);
    expect(state.calls).toBe(3);
    expect(cache.stats).toEqual({ hits: 1, misses: 3 });
  });

  it('searches again after a new knowledge generation (reindex or reload)', () => {
    const { kb, state } = fakeKnowledge();
    const cache = new SearchCache(kb, { maxEntries: 10, ttlMs: 60_000, generation: () => state.generation });
    expect(cache.search('q').confidence).toBe(1);
    state.generation = { v: 2 };
    expect(cache.search('q').confidence).toBe(2);
    expect(state.calls).toBe(2);
  });

  it('searches again after clear() (FAQ entries added in place) and after the time limit', () => {
    const { kb, state } = fakeKnowledge();
    let now = 0;
    const cache = new SearchCache(kb, { maxEntries: 10, ttlMs: 1000, generation: () => state.generation, now: () => now });
    cache.search('q');
    cache.clear();
    cache.search('q');
    expect(state.calls).toBe(2);
    now = 1000;
    cache.search('q');
    expect(state.calls).toBe(2);
    now = 1001;
    cache.search('q');
    expect(state.calls).toBe(3);
  });

  it('does not keep an async result computed across a clear or a generation change', async () => {
    const { kb, state } = fakeKnowledge();
    const cache = new SearchCache(kb, { maxEntries: 10, ttlMs: 60_000, generation: () => state.generation });
    const pending = cache.searchAsync!('q');
    cache.clear();
    await pending;
    await cache.searchAsync!('q');
    expect(state.asyncCalls).toBe(2);
    const again = cache.searchAsync!('q'); // cached now
    expect((await again).queryWords).toEqual(['2']);
    const before = cache.searchAsync!('r');
    state.generation = { v: 2 };
    await before;
    expect((await cache.searchAsync!('r')).confidence).toBe(2);
    expect(cache.search('r').confidence).toBe(2); // lexical entries are separate
  });

  it('drops the least recently used entry beyond maxEntries, and caches nothing with 0', () => {
    const { kb, state } = fakeKnowledge();
    const cache = new SearchCache(kb, { maxEntries: 2, ttlMs: 60_000, generation: () => state.generation });
    cache.search('a');
    cache.search('b');
    cache.search('a'); // a is now the most recent
    cache.search('c'); // drops b
    expect(state.calls).toBe(3);
    cache.search('a');
    expect(state.calls).toBe(3);
    cache.search('b');
    expect(state.calls).toBe(4);
    const off = new SearchCache(kb, { maxEntries: 0, ttlMs: 60_000, generation: () => state.generation });
    off.search('a');
    off.search('a');
    expect(state.calls).toBe(6);
  });
});
