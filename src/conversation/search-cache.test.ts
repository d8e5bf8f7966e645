import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { buildSnapshot } from '../search/reindex.js';
import { retrieverFromSnapshot } from '../search/knowledge-base.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { SearchResult } from '../search/types.js';
import type { KnowledgeSearch } from './ports.js';
import { SearchCache } from './search-cache.js';

const KNOWLEDGE = join(dirname(fileURLToPath(import.meta.url)), '../../knowledge');

/** `got` has exactly the contents of `want`, and its hits point to the same (shared) chunk and document objects. */
function expectSameResult(got: SearchResult, want: SearchResult, what: string): void {
  expect(got, what).toStrictEqual(want);
  expect(Object.keys(got), what).toEqual(Object.keys(want));
  got.hits.forEach((h, i) => {
    expect(h.chunk, `${what}: chunk of hit ${i}`).toBe(want.hits[i].chunk);
    expect(h.doc, `${what}: document of hit ${i}`).toBe(want.hits[i].doc);
  });
  if (want.features) expect(Object.keys(got.features ?? {}), what).toEqual(Object.keys(want.features));
}

/** A knowledge base answering every query with a copy of `make(query)` (fresh objects, as a search makes). */
function scripted(make: (query: string) => SearchResult) {
  const state = { calls: 0, generation: {} };
  const kb: KnowledgeSearch = {
    search: (q) => {
      state.calls++;
      return make(q);
    },
    documents: () => new Map(),
  };
  return { kb, state };
}

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
    expect(cache.search('thủ tục cấp phép')).toStrictEqual(a);
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

  describe('compact entries over the shipped knowledge', async () => {
    const analyzer = new Analyzer();
    const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE, analyzer });
    const { retriever } = retrieverFromSnapshot(content, analyzer);
    const questions = [
      'Cơ chế một cửa là gì?',
      'thu tuc hanh chinh la gi',
      'Thời hạn giải quyết hồ sơ được tính thế nào?',
      'nghị định 61/2018 còn hiệu lực không',
      'nghị định 999/2030/NĐ-CP quy định gì',
      'trước đây bộ phận một cửa đặt ở đâu',
      'Điều 99 luật cán bộ công chức 2025',
      'xin chào',
      'asdkjhqwe',
      'giá vé máy bay đi Đà Nẵng tháng sau',
      '',
    ];

    it('answers a repeated question with exactly what the search returned, hits pointing to the same passages', () => {
      const cache = new SearchCache({ search: (q, k) => retriever.search(q, k), documents: () => new Map() }, { maxEntries: 100, ttlMs: 60_000, generation: () => content });
      const first = questions.map((q) => cache.search(q));
      expect(first.some((r) => r.faq) && first.some((r) => r.intent?.kind === 'status') && first.some((r) => r.former), 'the questions cover FAQ, status and former-rules results').toBe(true);
      questions.forEach((q, i) => expectSameResult(cache.search(q), first[i], q));
      expect(cache.stats).toEqual({ hits: questions.length, misses: questions.length });
    });

    it('keeps its own copy: changing a returned result changes no later answer', () => {
      const cache = new SearchCache({ search: (q, k) => retriever.search(q, k), documents: () => new Map() }, { maxEntries: 100, ttlMs: 60_000, generation: () => content });
      const q = 'Cơ chế một cửa là gì?';
      const fresh = retriever.search(q);
      const missed = cache.search(q);
      missed.hits.reverse();
      missed.hits[0].score = -1;
      (missed.features as { coverage: number }).coverage = 42;
      missed.queryWords.push('x');
      const hit = cache.search(q);
      expectSameResult(hit, { ...fresh, ms: missed.ms }, q);
      hit.hits.length = 0;
      expect(cache.search(q).hits.length).toBe(fresh.hits.length);
    });

    it('keeps about 1 KB per result by its own estimate (numbers packed, passages shared)', () => {
      const cache = new SearchCache({ search: (q, k) => retriever.search(q, k), documents: () => new Map() }, { maxEntries: 1000, ttlMs: 60_000, generation: () => content });
      for (let i = 0; i < 200; i++) cache.search(`${questions[i % 7]} (hồ sơ số ${i})`);
      expect(cache.size).toBe(200);
      expect(cache.bytes / cache.size).toBeGreaterThan(600);
      expect(cache.bytes / cache.size).toBeLessThan(2000);
    });
  });

  it('gives back unusual results unchanged: extra fields, odd words, nested values, -0 and NaN', () => {
    const chunk = { id: 'a#D1' } as Chunk;
    const doc = { number: '1/2025/NĐ-CP', title: 'T', status: 'in_force' } as unknown as DocumentMeta;
    const make = (query: string): SearchResult =>
      ({
        query,
        normalized: `${query} chuẩn hoá`,
        hits: [
          { chunk, doc, score: -0, coverage: NaN },
          { chunk, doc, score: 1.5, coverage: 0.25 },
        ],
        confidence: 0.1 + 0.2,
        features: { coverage: 1 / 3, note: 'văn bản', missing: undefined, flag: true },
        intent: { kind: 'not_in_index', what: 'article', reference: query, docNumber: undefined },
        queryWords: query === 'a' ? [''] : ['x\u0001y', 'z'],
        offTopic: false,
        former: true,
        extra: { list: [1, 2], when: new Date(0) },
        ms: 3,
      }) as unknown as SearchResult;
    const { kb, state } = scripted(make);
    const cache = new SearchCache(kb, { maxEntries: 10, ttlMs: 60_000, generation: () => state.generation });
    for (const q of ['a', 'b']) {
      const first = cache.search(q);
      expectSameResult(cache.search(q), first, q);
      expect(Object.is(cache.search(q).hits[0].score, -0)).toBe(true);
    }
    const odd = make('c') as unknown as { hits: Array<Record<string, unknown>> };
    odd.hits[0].dense = 0.5; // a hit with a field of its own is kept as it is
    const other = scripted(() => odd as unknown as SearchResult);
    const cache2 = new SearchCache(other.kb, { maxEntries: 10, ttlMs: 60_000, generation: () => other.state.generation });
    expectSameResult(cache2.search('c'), cache2.search('c'), 'c');
    expect(other.state.calls).toBe(1);
  });

  it('drops the least recently used results beyond the byte budget, and keeps none larger than it', () => {
    const { kb, state } = scripted((query) => ({ query, normalized: query.toUpperCase(), hits: [], confidence: 0, queryWords: query.split(' '), ms: 0 }));
    const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
    const probe = new SearchCache(kb, { maxEntries: 100, ttlMs: 60_000, generation: () => state.generation });
    probe.search(words(20, 'p'));
    const one = probe.bytes;
    expect(one, 'a result of 20 words takes more than its 8-byte slots').toBeGreaterThan(20 * 3 * 2);
    probe.search(words(200, 'q'));
    expect(probe.bytes - one, 'a result 10× longer is estimated larger').toBeGreaterThan(5 * one);

    const cache = new SearchCache(kb, { maxEntries: 100, maxBytes: Math.floor(3.5 * one), ttlMs: 60_000, generation: () => state.generation });
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((t) => words(20, t));
    cache.search(a);
    cache.search(b);
    cache.search(c);
    expect(cache.size).toBe(3);
    cache.search(a); // a is now the most recent
    cache.search(d); // over the budget: drops b
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBeLessThanOrEqual(3.5 * one);
    const calls = state.calls;
    cache.search(a);
    cache.search(c);
    cache.search(d);
    expect(state.calls).toBe(calls);
    cache.search(b);
    expect(state.calls).toBe(calls + 1);
    cache.search(words(400, 'huge'));
    cache.search(words(400, 'huge'));
    expect(state.calls, 'a result larger than the budget is searched every time').toBe(calls + 3);
    expect(cache.size).toBe(3);
    cache.clear();
    expect(cache.bytes).toBe(0);
    cache.search(a);
    state.generation = {};
    cache.search(b);
    expect(cache.bytes).toBe(one);
  });
});
