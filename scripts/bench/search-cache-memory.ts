/**
 * Memory held by the search-result cache (conversation/search-cache.ts) over the shipped knowledge: fills
 * a cache with N distinct questions (the FAQ questions and their variants, each with a distinct case
 * number, as the soak's escalations are) and prints the heap the entries hold: heap used after a full GC
 * with the cache full, minus the same after `clear()` (so lazily built tables of the retriever and other
 * garbage do not count), per entry, next to the cache's own estimate. Run with --expose-gc:
 *
 * npm run build && nice -n 10 node --expose-gc dist/scripts/bench/search-cache-memory.js [N=2000]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { KnowledgeBase } from '../../src/search/knowledge-base.js';
import { SearchCache } from '../../src/conversation/search-cache.js';
import type { SearchResult } from '../../src/search/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? join(root, 'knowledge'));
const n = Number(process.argv[2] ?? 2000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('run with node --expose-gc\n');
  process.exit(2);
}

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage();
}

const dataDir = mkdtempSync(join(tmpdir(), 'cache-mem-'));
try {
  const kb = await KnowledgeBase.open({ dataDir, knowledgeDir });
  const faq = parseFaqFile(readFileSync(join(knowledgeDir, 'faq.yaml'), 'utf8')).entries;
  const base = faq.flatMap((e) => [e.question, ...e.variants]);
  const questions = Array.from({ length: n }, (_, i) => `${base[i % base.length]} (hồ sơ số ${1000 + i})`);
  // Warm-up: every lazily built table of the retriever exists before the baseline.
  for (const q of questions) kb.search(q);
  const cache = new SearchCache(kb, { maxEntries: n, maxBytes: Number.MAX_SAFE_INTEGER, ttlMs: 3_600_000, generation: () => kb.snapshot });
  const before = settle();
  const started = performance.now();
  const kept: SearchResult[] = [];
  for (const q of questions) kept.push(cache.search(q));
  const fillMs = performance.now() - started;
  kept.length = 0;
  const after = settle();
  const hitStart = performance.now();
  for (const q of questions) cache.search(q);
  const hitMs = performance.now() - hitStart;
  const estimate = cache.bytes;
  const full = settle();
  cache.clear();
  const cleared = settle();
  const per = (a: number, b: number) => Math.round((b - a) / n);
  process.stdout.write(
    JSON.stringify({
      entries: n,
      distinctQuestions: new Set(questions).size,
      heldPerEntryBytes: per(cleared.heapUsed, full.heapUsed),
      estimatedPerEntryBytes: Math.round(estimate / n),
      fillHeapPerEntryBytes: per(before.heapUsed, after.heapUsed),
      externalPerEntryBytes: per(cleared.external + cleared.arrayBuffers, full.external + full.arrayBuffers),
      heapHeldMb: Math.round((full.heapUsed - cleared.heapUsed) / 1e5) / 10,
      rssFillGrowthMb: Math.round((after.rss - before.rss) / 1e5) / 10,
      missMsPerSearch: Math.round((fillMs / n) * 1000) / 1000,
      hitMsPerSearch: Math.round((hitMs / n) * 1000) / 1000,
      stats: cache.stats,
    }) + '\n',
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
