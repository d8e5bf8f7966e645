/**
 * Prints sample answers as officials read them (the plain-text layout Zalo and the staff record use), for
 * chosen questions of the official-style dev set, through the same search → compose path as `ask` and
 * `eval --knowledge`. Used to compare the answer wording before and after a change (bench/answers-layout.md).
 *
 * @example
 * node dist/scripts/answer-samples.js --knowledge knowledge --questions eval/official --ids off-010,off-280
 */
import { parseArgs } from 'node:util';
import { AnswerComposer, answerByParts } from '../src/answer/index.js';
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
    /** Answer multi-part questions part by part (answer/multi-part.ts), as the conversation core does. */
    parts: { type: 'boolean', default: false },
    /** Print only the questions whose answer names uncovered parts or changes kind with --parts. */
    'parts-only': { type: 'boolean', default: false },
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
let changed = 0;
let named = 0;
for (const q of questions) {
  const result = retriever.search(q.question);
  const plain = composer.compose(result);
  const answer = values.parts ? await answerByParts(q.question, result, { search: (t) => retriever.search(t), compose: (r) => composer.compose(r), wouldAnswer: (r) => composer.wouldAnswer(r) }) : plain;
  const kindChanged = answer.kind !== plain.kind;
  const hasUncovered = answer.kind === 'answer' && Boolean(answer.uncoveredParts?.length);
  if (kindChanged) changed++;
  if (hasUncovered) named++;
  if (values['parts-only'] && !kindChanged && !hasUncovered) continue;
  const words = answerToPlainText(answer).split(/\s+/u).filter(Boolean).length;
  const detail = answer.kind === 'answer' ? answer.source : answer.reason;
  const was = kindChanged ? ` (whole question: ${plain.kind})` : '';
  process.stdout.write(`### ${q.id}: ${q.question}\n\n${answer.kind}/${detail}${was}, ${words} words\n\n\`\`\`text\n${answerToPlainText(answer)}\n\`\`\`\n\n`);
}
if (values.parts) process.stdout.write(`Multi-part: ${changed} answers changed kind, ${named} name uncovered parts, of ${questions.length} questions.\n`);
