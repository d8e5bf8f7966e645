/**
 * Where the official dev set's failures come from: every covered question that is not answered from a
 * labelled document, and every other message that is answered, grouped by cause (top passage labelled or
 * not, a labelled document lower in the top 5, FAQ, intent route), with the top five documents, the
 * confidence and the features that pulled it down most. For analysis, not a figure: the figures are
 * those of `eval --knowledge`, which runs the same path.
 *
 * Usage (after `npm run build`):
 *   node dist/scripts/eval/failure-causes.js [--all]   (--all also lists what succeeds, per cause)
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { AnswerComposer } from '../../src/answer/index.js';
import { readOfficialQuestions, readOffTopicMessages } from '../../src/eval/dev-set.js';
import { followUpSearchText, sameDoc } from '../../src/eval/official-eval.js';
import { DEFAULT_CONFIDENCE_MODEL } from '../../src/search/confidence-model.js';
import type { ConfidenceFeatures } from '../../src/search/confidence-features.js';
import { officialSplit } from '../../src/eval/split.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const analyzer = new Analyzer();
const composer = new AnswerComposer();
const { content } = await buildSnapshot({ knowledgeDir: join(root, 'knowledge'), analyzer });
const { retriever } = retrieverFromSnapshot(content, analyzer);
const questions = await readOfficialQuestions([join(root, 'eval/official')]);
const messages = await readOffTopicMessages([join(root, 'eval/offtopic')]);
const showAll = process.argv.includes('--all');

const short = (n: string) => n.replace(/\/(NĐ-CP|QĐ-TTg|QH1\d|NQ-CP|TT-BNV|TT-BTTTT)$/u, '');
const byCause = new Map<string, string[]>();
const add = (cause: string, line: string) => byCause.set(cause, [...(byCause.get(cause) ?? []), line]);

for (const q of questions) {
  const text = followUpSearchText(q.question, q.previous);
  const result = retriever.search(text);
  const answer = composer.compose(result);
  const labelled = (n: string) => q.relevant.some((r) => sameDoc(n, r.doc));
  const top = result.hits.slice(0, 5).map((h) => h.doc.number);
  const source = answer.kind === 'answer' ? (answer.citations[0]?.docNumber ?? '') : (result.faq?.entry.source.number ?? top[0] ?? '');
  const answered = answer.kind === 'answer';
  const reason = answer.kind === 'answer' ? answer.source : answer.reason;
  let cause: string;
  if (!q.covered) cause = answered ? 'uncovered answered' : 'ok: uncovered declined';
  else if (answered && labelled(source)) cause = 'ok: covered answered right';
  else if (answered) cause = top.some(labelled) ? 'answered wrong doc, labelled in top 5' : 'answered wrong doc, none labelled in top 5';
  else if (!['low_confidence', 'no_match'].includes(reason)) cause = `not answered: route ${reason}`;
  else if (top[0] && labelled(top[0])) cause = 'abstained, top passage labelled';
  else if (top.some(labelled)) cause = 'abstained, labelled in top 5 not first';
  else cause = 'abstained, none labelled in top 5';
  if (cause.startsWith('ok') && !showAll) continue;
  const f = result.features as ConfidenceFeatures | undefined;
  const low = f
    ? Object.entries(DEFAULT_CONFIDENCE_MODEL.contributions(f))
        .sort((a, b) => a[1] - b[1])
        .slice(0, 3)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    : '';
  const want = q.relevant.map((r) => short(r.doc) + (r.article ? ` ${r.article}` : '')).join('; ');
  add(
    cause,
    `${q.id} [${officialSplit(q.id)}] ${result.confidence.toFixed(2)} ${reason} | ${text}\n    norm: ${result.normalized}\n    want: ${want || '-'} | top5: ${top.map(short).join(', ')} | top title: ${result.hits[0]?.chunk.title ?? ''}\n    faq ${(f?.faqSimilarity ?? 0).toFixed(2)} | lowest: ${low}`,
  );
}
for (const m of messages) {
  const result = retriever.search(m.text);
  const answer = composer.compose(result);
  if (answer.kind !== 'answer') continue;
  add(`${m.kind} answered`, `${m.id} ${result.confidence.toFixed(2)} ${answer.source} | ${m.text} | top: ${result.hits[0]?.doc.number ?? ''} ${result.hits[0]?.chunk.title ?? ''}`);
}
for (const [cause, lines] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
  process.stdout.write(`\n## ${cause} (${lines.length})\n${lines.join('\n')}\n`);
}
