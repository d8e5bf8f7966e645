/**
 * Child process of the scale benchmark (`scale.ts`), one corpus size per process so that its RSS figures
 * belong to that size alone. Modes:
 *
 * - `build <engine> <copies> <evalDir> <knowledgeDir> <snapshotDir> [workers]`: builds `cchc` (the bot's retriever,
 *   index in `workers` worker threads, default one per core)
 *   or `bm25` (the plain BM25 of engines.ts) over the corpus × `copies` (scale-corpus.ts), runs the dev
 *   questions, and for `cchc` writes a snapshot to `snapshotDir`. Prints one JSON line.
 * - `load <knowledgeDir> <snapshotDir>`: a restart: loads the snapshot, builds the retriever from it and
 *   answers one question. Prints one JSON line.
 */
import { join } from 'node:path';
import { Analyzer } from '../../src/text/analyzer.js';
import { percentile } from '../../src/search/eval-runner.js';
import { buildPassageRetrieverAsync } from '../../src/search/passage-corpus.js';
import type { Passage } from '../../src/search/passage-corpus.js';
import { SnapshotStore } from '../../src/search/snapshot.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { buildQueryTerms } from '../../src/search/query-terms.js';
import { PlainBm25 } from './engines.js';
import { passageSnapshot } from './passage-snapshot.js';
import { replicateCorpus, replicatePassages, baseId } from './scale-corpus.js';
import { readJsonl } from './read-jsonl.js';
import { loadGlossary } from '../../src/cli/load-glossary.js';

const mb = (bytes: number) => bytes / 1e6;
const peakMb = () => process.resourceUsage().maxRSS / 1e3;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const [mode, ...args] = process.argv.slice(2);
if (mode === 'build') {
  const [engine, copiesArg, evalDir, knowledgeDir, snapshotDir, workersArg] = args;
  // Index build workers (`scale.js --workers`); absent: the default (one per core).
  const workers = workersArg === undefined ? undefined : Number(workersArg);
  const copies = Number(copiesArg);
  const questions = readJsonl<{ question: string; relevant: string[] }>(join(evalDir, 'questions.dev.jsonl'));
  const base = readJsonl<Passage>(join(evalDir, 'corpus.jsonl'));
  // The bot's retriever reads the copies as they are made (a stream, as a large import would); plain BM25
  // needs them all at once.
  const passages = engine === 'bm25' ? replicateCorpus(base, copies) : undefined;
  let count = passages?.length ?? 0;
  gc();
  const rssBefore = mb(process.memoryUsage().rss);
  const glossary = await loadGlossary(knowledgeDir);
  const t0 = performance.now();
  let search: (q: string) => string[];
  let retriever: Awaited<ReturnType<typeof buildPassageRetrieverAsync>> | undefined;
  if (engine === 'bm25') {
    const bm25 = new PlainBm25(passages ?? []);
    search = (q) => bm25.search(q);
  } else {
    const stream = function* (): Generator<Passage> {
      for (const p of replicatePassages(base, copies)) {
        count++;
        yield p;
      }
    };
    const r = await buildPassageRetrieverAsync(stream(), new Analyzer(), glossary, { workers });
    retriever = r;
    search = (q) => r.search(q, 10).hits.map((h) => h.chunk.id);
  }
  const buildMs = performance.now() - t0;
  gc();
  const rssAfterBuild = mb(process.memoryUsage().rss);
  for (const q of questions.slice(0, 25)) search(q.question); // warm-up (JIT), not timed
  const times: number[] = [];
  let r5 = 0;
  for (const q of questions) {
    const t = performance.now();
    const ranked = search(q.question);
    times.push(performance.now() - t);
    // A hit on a copy counts for the passage it was made from (each relevant passage counted once).
    const top = new Set(ranked.slice(0, 5).map(baseId));
    r5 += q.relevant.filter((id) => top.has(id)).length / Math.max(1, q.relevant.length);
  }
  const peakRss = peakMb();
  // First stage alone (the keyword index, top 50 as the retriever asks): exhaustive against pruned.
  let firstStage: { exhaustive: [number, number]; pruned: [number, number]; postings: number; scored: number } | undefined;
  if (retriever) {
    const { index, analyzer, expander } = retriever.parts;
    const plans = questions.map((q) => {
      const a = analyzer.analyzeQuery(q.question);
      return expander.expand(a, buildQueryTerms(a));
    });
    const timed = (fn: (t: (typeof plans)[number]) => void): [number, number] => {
      const ts = plans.map((t) => {
        const t0 = performance.now();
        fn(t);
        return performance.now() - t0;
      });
      return [percentile(ts, 50), percentile(ts, 95)];
    };
    let postings = 0;
    let scored = 0;
    const exhaustive = timed((t) => {
      index.searchExhaustive(t, 50);
      postings += index.lastScoredCount;
    });
    const pruned = timed((t) => {
      index.searchPruned(t, 50);
      scored += index.lastScoredCount;
    });
    firstStage = { exhaustive, pruned, postings: postings / plans.length, scored: scored / plans.length };
  }
  let snapshot: { writeMs: number; bytes: number; peakRss: number } | undefined;
  if (retriever) {
    const content = passageSnapshot(retriever.parts, glossary);
    const store = new SnapshotStore(snapshotDir, 1);
    const t = performance.now();
    await store.write(content);
    const writeMs = performance.now() - t;
    const { statSync, readdirSync } = await import('node:fs');
    const dir = join(store.root, content.version);
    const bytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    snapshot = { writeMs, bytes, peakRss: peakMb() };
  }
  process.stdout.write(
    `${JSON.stringify({
      engine,
      copies,
      passages: count,
      questions: questions.length,
      buildMs,
      rssBefore,
      rssAfterBuild,
      peakRss,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      recall5: r5 / questions.length,
      firstStage,
      snapshot,
    })}\n`,
  );
} else if (mode === 'load') {
  const [knowledgeDir, snapshotDir] = args;
  const analyzer = new Analyzer();
  const t0 = performance.now();
  const content = await new SnapshotStore(snapshotDir, 1).load();
  if (!content) throw new Error(`no snapshot in ${snapshotDir}`);
  const loadMs = performance.now() - t0;
  const { retriever } = retrieverFromSnapshot(content, analyzer);
  retriever.search('Thủ tục đăng ký kết hôn cần giấy tờ gì?', 10);
  const readyMs = performance.now() - t0;
  gc();
  process.stdout.write(`${JSON.stringify({ loadMs, readyMs, rss: mb(process.memoryUsage().rss), peakRss: peakMb() })}\n`);
} else {
  process.stderr.write('usage: scale-one.js build <cchc|bm25> <copies> <evalDir> <knowledgeDir> <snapshotDir> [workers] | load <knowledgeDir> <snapshotDir>\n');
  process.exit(2);
}
