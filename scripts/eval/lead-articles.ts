/**
 * What the official reads first: of the covered official dev questions answered (from search, an FAQ or a
 * status answer) whose labels name an article, how many answers cite a labelled article first, as the
 * source of the lead. The eval's `articleRight` counts any citation; this counts the first only.
 *
 * Usage (after `npm run build`):
 *   node dist/scripts/eval/lead-articles.js [--list]   (--list: the ids of the answers that miss)
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../../src/text/analyzer.js';
import { canonicalDocNumber } from '../../src/text/doc-number.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { AnswerComposer } from '../../src/answer/index.js';
import { readOfficialQuestions } from '../../src/eval/dev-set.js';
import { followUpSearchText } from '../../src/eval/official-eval.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const analyzer = new Analyzer();
const { content } = await buildSnapshot({ knowledgeDir: join(root, 'knowledge'), analyzer });
const { retriever } = retrieverFromSnapshot(content, analyzer);
const composer = new AnswerComposer();

const sameDoc = (a: string, b: string) => (canonicalDocNumber(a) ?? a) === (canonicalDocNumber(b) ?? b);
const articleOf = (text: string) => (/Điều\s+(\d+[a-zđ]?)/iu.exec(text)?.[1] ?? '').toLowerCase();

let asked = 0;
let right = 0;
const misses: string[] = [];
for (const q of await readOfficialQuestions([join(root, 'eval/official')])) {
  const labels = q.covered ? q.relevant.filter((r) => r.article) : [];
  if (!labels.length) continue;
  const answer = composer.compose(retriever.search(followUpSearchText(q.question, q.previous)));
  if (answer.kind !== 'answer' || !answer.citations.length) continue;
  asked++;
  const first = answer.citations[0];
  const article = articleOf(`${first.path} ${first.officialRef ?? ''}`);
  if (labels.some((r) => sameDoc(first.docNumber, r.doc) && article !== '' && article === articleOf(r.article ?? ''))) right++;
  else misses.push(q.id);
}
process.stdout.write(`answers citing a labelled article first: ${right} of ${asked}\n`);
if (process.argv.includes('--list')) process.stdout.write(`${misses.join(' ')}\n`);
