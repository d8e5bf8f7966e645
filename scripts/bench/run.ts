/**
 * `npm run bench`: retrieval benchmark on shared/eval (dev questions), this engine against MiniSearch
 * (default options) and a textbook BM25, each in its own process, questions as written and with
 * diacritics stripped. Prints a table and writes bench/results.md. Further sections (webhook load, answer
 * decision, dense retrieval) are appended by their own runners.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { runWebhookLoad, webhookSection } from './webhook-load.js';
import { keptSections, runAnswerBench } from './answers-bench.js';
import { runScaleBench } from './scale.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const evalDir = resolve(process.env.BENCH_EVAL_DIR ?? join(root, '../shared/eval'));
const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? join(root, 'knowledge'));
if (!existsSync(join(evalDir, 'corpus.jsonl'))) {
  process.stderr.write(`bench: eval data not found in ${evalDir} (set BENCH_EVAL_DIR)\n`);
  process.exit(2);
}

interface Figures { recall5: number; mrr10: number; p50: number; p95: number }
interface Result { engine: string; passages: number; questions: number; buildMs: number; rssMb: number; accented: Figures; stripped: Figures }

const names: Record<string, string> = { cchc: 'cchc-bot (ours)', minisearch: 'MiniSearch 7 (defaults)', bm25: 'plain BM25 (k1 1.2, b 0.75)' };
const results: Result[] = [];
for (const engine of ['cchc', 'minisearch', 'bm25']) {
  process.stderr.write(`bench: ${engine}…\n`);
  const out = execFileSync(process.execPath, [join(here, 'retrieval-one.js'), engine, evalDir, knowledgeDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  results.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Result);
}
const f = (v: number, d = 3) => v.toFixed(d);
const rows = results.flatMap((r) =>
  (['accented', 'stripped'] as const).map((v) =>
    `| ${names[r.engine]} | ${v === 'accented' ? 'as written' : 'diacritics stripped'} | ${f(r[v].recall5)} | ${f(r[v].mrr10)} | ${f(r[v].p50, 2)} | ${f(r[v].p95, 2)} | ${Math.round(r.buildMs)} | ${Math.round(r.passages / (r.buildMs / 1000))} | ${Math.round(r.rssMb)} |`,
  ),
);
const ours = results[0];
const bm25 = results.find((r) => r.engine === 'bm25') as Result;
const checks = [
  ['recall@5 ≥ 0.92', ours.accented.recall5 >= 0.92, f(ours.accented.recall5)],
  ['mrr@10 ≥ 0.86', ours.accented.mrr10 >= 0.86, f(ours.accented.mrr10)],
  ['recall@5 ≥ 1.05 × plain BM25', ours.accented.recall5 >= 1.05 * bm25.accented.recall5, `${f(ours.accented.recall5 / bm25.accented.recall5)}×`],
  ['stripped recall@5 ≥ 0.95 × accented', ours.stripped.recall5 >= 0.95 * ours.accented.recall5, `${f(ours.stripped.recall5 / ours.accented.recall5)}×`],
  ['p95 ≤ 10 ms', ours.accented.p95 <= 10, `${f(ours.accented.p95, 2)} ms`],
  ['p95 ≥ 3× faster than plain BM25', bm25.accented.p95 >= 3 * ours.accented.p95, `${f(bm25.accented.p95 / ours.accented.p95, 1)}×`],
  ['index build ≥ 3,000 passages/s', ours.passages / (ours.buildMs / 1000) >= 3000, `${Math.round(ours.passages / (ours.buildMs / 1000))}/s`],
] as const;
process.stderr.write('bench: webhook load…\n');
const faq = parseFaqFile(readFileSync(join(knowledgeDir, 'faq.yaml'), 'utf8')).entries;
const loadQuestions = faq.flatMap((e) => [e.question, ...e.variants]).map((q, i) => (i % 3 === 0 ? `${q} trong thực tế` : q));
const load = await runWebhookLoad(root, loadQuestions);
const md = [
  '# Benchmark results',
  '',
  `Run ${new Date().toISOString()} on Node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; ${ours.passages} passages, ${ours.questions} dev questions from shared/eval. Produced by \`npm run bench\`; each engine runs in its own process.`,
  '',
  '## Retrieval',
  '',
  '| engine | questions | recall@5 | mrr@10 | p50 ms | p95 ms | build ms | passages/s | RSS MB |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  '',
  '## Targets',
  '',
  '| target | met | value |',
  '|---|---|---|',
  ...checks.map(([name, ok, v]) => `| ${name} | ${ok ? 'yes' : '**no**'} | ${v} |`),
  '',
  webhookSection(load),
].join('\n');
// Dense retrieval: lexical vs corpus embeddings vs fused (and a transformer model when EMBEDDING_MODEL_DIR
// is set), in its own process and appended after the sections above; BENCH_DENSE=0 skips it.
let denseSection = '';
if (process.env.BENCH_DENSE !== '0') {
  process.stderr.write('bench: dense retrieval…\n');
  denseSection = `\n${execFileSync(process.execPath, [join(here, 'dense-bench.js')], { encoding: 'utf8', maxBuffer: 1 << 24 })}`;
}
// Answer decision: leave-documents-out on shared/eval and the official-style dev set over knowledge/
// (the same `eval` commands a reader would type); BENCH_ANSWERS=0 skips it.
let answersSection = '';
if (process.env.BENCH_ANSWERS !== '0') {
  process.stderr.write('bench: answer measurements…\n');
  answersSection = `\n${runAnswerBench({ root, evalDir, knowledgeDir })}\n`;
}
// Scale (issue 17): 1×, 5×, 10× near-duplicate corpora and plain BM25 at 10×; BENCH_SCALE=0 skips it.
let scaleSection = '';
if (process.env.BENCH_SCALE !== '0') {
  process.stderr.write('bench: scale…\n');
  scaleSection = `\n${runScaleBench({ evalDir, knowledgeDir })}`;
}
mkdirSync(join(root, 'bench'), { recursive: true });
const resultsPath = join(root, 'bench', 'results.md');
// Hand-written sections (figures before/after a change, with their commands) survive the rewrite.
const kept = existsSync(resultsPath) ? keptSections(readFileSync(resultsPath, 'utf8'), md + answersSection + denseSection + scaleSection) : '';
writeFileSync(resultsPath, md + answersSection + denseSection + scaleSection + kept);
process.stdout.write(md + answersSection + denseSection + scaleSection);
