/**
 * Query timing only, at several corpus multiples in one process (issue 17): a faster loop than scale.ts
 * for work on the query path. Each size's retriever is built once from the near-duplicate corpus
 * (scale-corpus.ts) and kept as a snapshot in `--snapshots <dir>` (reused by later runs, so only the first
 * run pays the build); then the dev questions run `--rounds` times, the sizes taking turns each round so
 * that load on a shared machine hits them alike. Prints p50/p95 of `Retriever.search` per size, the time
 * spent in the keyword index's first stage (`KeywordIndex.search`) and in its other look-ups, and recall@5.
 *
 * `nice -n 10 node dist/scripts/bench/query-scale.js [--sizes 1,10] [--snapshots /tmp/cchc-query-scale] [--rounds 3]`
 * (add `--cpu-prof` to node for a profile of the whole run).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Glossary } from '../../src/text/glossary.js';
import { Analyzer } from '../../src/text/analyzer.js';
import { percentile } from '../../src/search/eval-runner.js';
import { buildPassageRetriever } from '../../src/search/passage-corpus.js';
import type { Passage } from '../../src/search/passage-corpus.js';
import { SnapshotStore } from '../../src/search/snapshot.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import type { Retriever } from '../../src/search/retriever.js';
import type { KeywordIndex } from '../../src/search/keyword-index.js';
import { passageSnapshot } from './passage-snapshot.js';
import { replicatePassages, baseId } from './scale-corpus.js';
import { readJsonl } from './read-jsonl.js';
import { loadGlossary } from '../../src/cli/load-glossary.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The retriever over the corpus × `copies`, from its snapshot in `dir` (written on the first run). */
async function retrieverFor(copies: number, base: readonly Passage[], glossary: Glossary, dir: string): Promise<Retriever> {
  const store = new SnapshotStore(join(dir, `x${copies}`), 1);
  const saved = await store.load();
  if (saved) return retrieverFromSnapshot(saved, new Analyzer()).retriever;
  process.stderr.write(`query-scale: building ${copies}×…\n`);
  const built = buildPassageRetriever(replicatePassages(base, copies), new Analyzer(), glossary);
  const content = passageSnapshot(built.parts, glossary);
  await store.write(content);
  const again = await store.load();
  if (!again) throw new Error('snapshot not readable after writing');
  return retrieverFromSnapshot(again, new Analyzer()).retriever;
}

/** Wraps the index's methods to add their time to `spent` (first stage apart from the other look-ups). */
function instrument(index: KeywordIndex, spent: { first: number; lookups: number }): void {
  const target = index as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const name of ['search', 'termScore', 'idf', 'df', 'coverageOf']) {
    const fn = target[name].bind(index);
    const key = name === 'search' ? 'first' : 'lookups';
    target[name] = (...a: unknown[]) => {
      const t = performance.now();
      const out = fn(...a);
      spent[key] += performance.now() - t;
      return out;
    };
  }
}

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const root = resolve(here, '../../..');
const evalDir = resolve(process.env.BENCH_EVAL_DIR ?? join(root, '../shared/eval'));
const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? join(root, 'knowledge'));
const sizes = (arg('--sizes') ?? '1,10').split(',').map(Number);
const dir = resolve(arg('--snapshots') ?? '/tmp/cchc-query-scale');
const rounds = Number(arg('--rounds') ?? 3);
mkdirSync(dir, { recursive: true });
if (!existsSync(evalDir)) throw new Error(`no eval dir ${evalDir}`);
const questions = readJsonl<{ question: string; relevant: string[] }>(join(evalDir, 'questions.dev.jsonl'));
const base = readJsonl<Passage>(join(evalDir, 'corpus.jsonl'));
const glossary = await loadGlossary(knowledgeDir);
const runs: Array<{ copies: number; retriever: Retriever; spent: { first: number; lookups: number }; times: number[]; recall5: number }> = [];
for (const copies of sizes) {
  const retriever = await retrieverFor(copies, base, glossary, dir);
  const spent = { first: 0, lookups: 0 };
  instrument(retriever.parts.index, spent);
  for (const q of questions.slice(0, 25)) retriever.search(q.question, 10); // warm-up (JIT), not timed
  runs.push({ copies, retriever, spent, times: [], recall5: 0 });
}
const loadBefore = loadavg().map((v) => v.toFixed(2)).join(', ');
for (let round = 0; round < rounds; round++) {
  for (const run of runs) {
    let r5 = 0;
    for (const q of questions) {
      const t = performance.now();
      const ids = run.retriever.search(q.question, 10).hits.map((h) => h.chunk.id);
      run.times.push(performance.now() - t);
      const top = new Set(ids.slice(0, 5).map(baseId));
      r5 += q.relevant.filter((id) => top.has(id)).length / Math.max(1, q.relevant.length);
    }
    run.recall5 = r5 / questions.length;
  }
}
const loadAfter = loadavg().map((v) => v.toFixed(2)).join(', ');
const f = (v: number) => v.toFixed(2);
process.stdout.write(`load average ${loadBefore} → ${loadAfter}; ${questions.length} questions × ${rounds} rounds\n`);
process.stdout.write('copies | passages | p50 ms | p95 ms | mean ms | first stage mean ms | other index look-ups mean ms | recall@5\n');
for (const r of runs) {
  const n = r.times.length;
  const mean = r.times.reduce((a, b) => a + b, 0) / n;
  process.stdout.write(
    `${r.copies}× | ${r.retriever.size} | ${f(percentile(r.times, 50))} | ${f(percentile(r.times, 95))} | ${f(mean)} | ${f(r.spent.first / (n + 25))} | ${f(r.spent.lookups / (n + 25))} | ${r.recall5.toFixed(3)}\n`,
  );
}
if (runs.length > 1) {
  const p95 = (r: (typeof runs)[number]) => percentile(r.times, 95);
  process.stdout.write(`p95 growth ${runs[runs.length - 1].copies}× / ${runs[0].copies}×: ${(p95(runs[runs.length - 1]) / p95(runs[0])).toFixed(2)}×\n`);
}
