/**
 * Child process of the retrieval benchmark: builds one engine over the eval corpus, runs the dev questions
 * as written and with diacritics stripped, and prints one JSON line. Run in its own process so that the
 * RSS figure belongs to that engine alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldDiacritics } from '../../src/text/vietnamese.js';
import { parseGlossary, emptyGlossary } from '../../src/text/glossary.js';
import { recallAt, reciprocalRank, percentile } from '../../src/search/eval-runner.js';
import type { Passage } from '../../src/search/passage-corpus.js';
import { buildEngine } from './engines.js';
import type { EngineName } from './engines.js';
import { readJsonl } from './read-jsonl.js';

const [engine, evalDir, knowledgeDir] = process.argv.slice(2) as [EngineName, string, string];
const passages = readJsonl<Passage>(join(evalDir, 'corpus.jsonl'));
const questions = readJsonl<{ id: string; question: string; relevant: string[] }>(join(evalDir, 'questions.dev.jsonl'));
let glossary = emptyGlossary();
try {
  glossary = parseGlossary(readFileSync(join(knowledgeDir, 'glossary.yaml'), 'utf8')).glossary;
} catch {
  /* no glossary: engine runs without expansion */
}
const t0 = performance.now();
const e = buildEngine(engine, passages, glossary);
const buildMs = performance.now() - t0;
const rssMb = process.memoryUsage().rss / 1e6;
const run = (strip: boolean) => {
  const times: number[] = [];
  let r5 = 0;
  let mrr = 0;
  for (const q of questions) {
    const text = strip ? foldDiacritics(q.question) : q.question;
    const t = performance.now();
    const ranked = e.search(text);
    times.push(performance.now() - t);
    r5 += recallAt(ranked, q.relevant, 5);
    mrr += reciprocalRank(ranked, q.relevant, 10);
  }
  const n = questions.length;
  return { recall5: r5 / n, mrr10: mrr / n, p50: percentile(times, 50), p95: percentile(times, 95) };
};
const accented = run(false);
const stripped = run(true);
process.stdout.write(
  `${JSON.stringify({ engine, passages: passages.length, questions: questions.length, buildMs, rssMb: Math.max(rssMb, process.memoryUsage().rss / 1e6), accented, stripped })}\n`,
);
