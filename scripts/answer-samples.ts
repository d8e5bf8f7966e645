/**
 * Prints sample answers as officials read them (the plain-text layout Zalo and the staff record use), for
 * chosen questions of the official-style dev set, through the same search → compose path as `ask` and
 * `eval --knowledge`. Used to compare the answer wording before and after a change (bench/answers-layout.md).
 *
 * @example
 * node dist/scripts/answer-samples.js --knowledge knowledge --questions eval/official --ids off-010,off-280
 */
import { parseArgs } from 'node:util';
import { AnswerComposer } from '../src/answer/index.js';
import { answerToPlainText } from '../src/conversation/plain-text.js';
import { loadConfig } from '../src/config/index.js';
import { readOfficialQuestions } from '../src/eval/dev-set.js';
import { buildSnapshot } from '../src/search/reindex.js';
import { retrieverFromSnapshot } from '../src/search/knowledge-base.js';
import { Analyzer } from '../src/text/analyzer.js';

const { values } = parseArgs({
  options: {
    knowledge: { type: 'string', default: 'knowledge' },
    questions: { type: 'string', multiple: true, default: ['eval/official'] },
    ids: { type: 'string', default: '' },
  },
});

const cfg = loadConfig();
const ids = (values.ids ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const all = await readOfficialQuestions(values.questions ?? []);
const questions = ids.length ? ids.map((id) => all.find((q) => q.id === id)).filter((q) => q !== undefined) : all.slice(0, 10);
const analyzer = new Analyzer();
const { content } = await buildSnapshot({ knowledgeDir: values.knowledge ?? 'knowledge', analyzer });
const { retriever } = retrieverFromSnapshot(content, analyzer);
const composer = new AnswerComposer({ threshold: cfg.answerThreshold });
for (const q of questions) {
  const answer = composer.compose(retriever.search(q.question));
  const words = answerToPlainText(answer).split(/\s+/u).filter(Boolean).length;
  const detail = answer.kind === 'answer' ? answer.source : answer.reason;
  process.stdout.write(`### ${q.id}: ${q.question}\n\n${answer.kind}/${detail}, ${words} words\n\n\`\`\`text\n${answerToPlainText(answer)}\n\`\`\`\n\n`);
}
