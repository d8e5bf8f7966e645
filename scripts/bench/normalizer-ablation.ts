/**
 * Measures each rule of the question normaliser on its own: for every rule, the official dev set (over
 * knowledge/) and the benchmark's recall@5 with that rule switched off, against all rules on. A rule is
 * worth keeping when switching it off loses covered answers or benchmark recall, and costs nothing in
 * the messages declined.
 *
 * node dist/scripts/bench/normalizer-ablation.js [eval/official] [eval/offtopic]
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../../src/text/analyzer.js';
import { normalizeQuestion, NORMALIZER_RULES } from '../../src/text/question-normalizer.js';
import type { NormalizerRule } from '../../src/text/question-normalizer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { Retriever } from '../../src/search/retriever.js';
import { buildPassageRetriever } from '../../src/search/passage-corpus.js';
import type { Passage } from '../../src/search/passage-corpus.js';
import { recallAt } from '../../src/search/eval-runner.js';
import { AnswerComposer } from '../../src/answer/index.js';
import { readOfficialQuestions, readOffTopicMessages } from '../../src/eval/dev-set.js';
import { evaluateOfficial } from '../../src/eval/official-eval.js';
import { summarize } from '../../src/eval/summary.js';
import { loadGlossary } from '../../src/cli/load-glossary.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const officialDir = resolve(process.argv[2] ?? join(root, 'eval/official'));
const offtopicDir = resolve(process.argv[3] ?? join(root, 'eval/offtopic'));
const evalDir = resolve(process.env.BENCH_EVAL_DIR ?? join(root, '../shared/eval'));
const knowledgeDir = join(root, 'knowledge');

const analyzer = new Analyzer();
const questions = await readOfficialQuestions([officialDir]);
const messages = existsSync(offtopicDir) ? await readOffTopicMessages([offtopicDir]) : [];
const { content } = await buildSnapshot({ knowledgeDir, analyzer });
const base = retrieverFromSnapshot(content, analyzer).retriever;
const composer = new AnswerComposer();
const passages = readFileSync(join(evalDir, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Passage);
const bench = readFileSync(join(evalDir, 'questions.dev.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { question: string; relevant: string[] });
const benchBase = buildPassageRetriever(passages, analyzer, await loadGlossary(knowledgeDir));

const measure = async (off: NormalizerRule[]) => {
  const normalize = (t: string) => normalizeQuestion(t, { disabled: new Set(off) });
  const r = new Retriever({ ...base.parts, normalize });
  const s = summarize(await evaluateOfficial({ search: (t) => r.search(t), compose: (x) => composer.compose(x), wouldAnswer: (x) => composer.wouldAnswer(x) }, questions, messages));
  const b = new Retriever({ ...benchBase.parts, normalize });
  const recall = bench.reduce((a, q) => a + recallAt(b.search(q.question, 10).hits.map((h) => h.chunk.id), q.relevant, 5), 0) / bench.length;
  return { right: s.coveredAnsweredRight, declined: s.unanswerableDeclined, recall };
};
const f = (v: number) => v.toFixed(3);
const all = await measure([]);
const none = await measure([...NORMALIZER_RULES]);
const lines = ['| rules | covered answered right | others declined | benchmark recall@5 |', '|---|---|---|---|'];
lines.push(`| all on | ${f(all.right)} | ${f(all.declined)} | ${f(all.recall)} |`, `| all off | ${f(none.right)} | ${f(none.declined)} | ${f(none.recall)} |`);
for (const rule of NORMALIZER_RULES) {
  const m = await measure([rule]);
  lines.push(`| without ${rule} | ${f(m.right)} (${(m.right - all.right >= 0 ? '+' : '') + f(m.right - all.right)}) | ${f(m.declined)} (${(m.declined - all.declined >= 0 ? '+' : '') + f(m.declined - all.declined)}) | ${f(m.recall)} |`);
}
process.stdout.write(`${questions.length} official questions, ${messages.length} other messages, ${bench.length} benchmark questions\n\n${lines.join('\n')}\n`);
