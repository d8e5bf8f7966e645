/**
 * What the official reads, question by question: the answer to every question of the official dev set
 * (lead, quotes, cited paths) as JSON lines, and the differences between two such files. Used to compare
 * two builds answer by answer ("N leads moved, which ones, for the better or not"; bench/results.md,
 * "Answer decision", rounds 8 and 9), since the headline figures count documents, not what the lead says.
 *
 * Usage (after `npm run build`; run the dump with each build's own `dist/`):
 *   node dist/scripts/eval/answer-texts.js dump > /tmp/answers-a.jsonl
 *   node dist/scripts/eval/answer-texts.js diff /tmp/answers-a.jsonl /tmp/answers-b.jsonl
 */
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One answered question as the official reads it. */
interface AnswerText {
  id: string;
  question: string;
  kind: string;
  lead: string;
  quotes: string[];
  cites: string[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function dump(): Promise<void> {
  const { Analyzer } = await import('../../src/text/analyzer.js');
  const { buildSnapshot } = await import('../../src/search/reindex.js');
  const { retrieverFromSnapshot } = await import('../../src/search/knowledge-base.js');
  const { AnswerComposer } = await import('../../src/answer/index.js');
  const { readOfficialQuestions } = await import('../../src/eval/dev-set.js');
  const { followUpSearchText } = await import('../../src/eval/official-eval.js');
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir: join(root, 'knowledge'), analyzer });
  const { retriever } = retrieverFromSnapshot(content, analyzer);
  // ANSWER_THRESHOLD, as for the server: what the bot would lead with at another threshold.
  const threshold = process.env.ANSWER_THRESHOLD ? Number(process.env.ANSWER_THRESHOLD) : undefined;
  const composer = new AnswerComposer(threshold !== undefined && threshold >= 0 && threshold <= 1 ? { threshold } : {});
  for (const q of await readOfficialQuestions([join(root, 'eval/official')])) {
    const a = composer.compose(retriever.search(followUpSearchText(q.question, q.previous)));
    const row: AnswerText =
      a.kind === 'answer'
        ? { id: q.id, question: q.question, kind: `answer/${a.source}`, lead: a.lead, quotes: a.passages.map((p) => p.text), cites: a.citations.map((c) => `${c.docNumber} ${c.path}`) }
        : { id: q.id, question: q.question, kind: `${a.kind}/${a.reason}`, lead: a.message, quotes: [], cites: a.citations.map((c) => `${c.docNumber} ${c.path}`) };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
}

function read(path: string): Map<string, AnswerText> {
  const rows = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as AnswerText);
  return new Map(rows.map((r) => [r.id, r]));
}

function diff(pathA: string, pathB: string): void {
  const a = read(pathA);
  const b = read(pathB);
  const short = (t: string) => (t.length > 200 ? `${t.slice(0, 200)}…` : t);
  let moved = 0;
  for (const [id, x] of a) {
    const y = b.get(id);
    if (!y) {
      process.stdout.write(`${id}: only in the first file\n`);
      continue;
    }
    const parts = (['kind', 'lead', 'quotes', 'cites'] as const).filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
    if (!parts.length) continue;
    moved++;
    process.stdout.write(`${id} (${parts.join(', ')}): ${x.question}\n  - ${x.kind}: ${short(x.lead)}\n  + ${y.kind}: ${short(y.lead)}\n`);
    if (parts.includes('quotes')) process.stdout.write(`  - quotes ${x.quotes.length}: ${x.quotes.map((q) => short(q.split('\n')[0])).join(' | ')}\n  + quotes ${y.quotes.length}: ${y.quotes.map((q) => short(q.split('\n')[0])).join(' | ')}\n`);
  }
  for (const id of b.keys()) if (!a.has(id)) process.stdout.write(`${id}: only in the second file\n`);
  process.stdout.write(`${moved} of ${a.size} answers differ\n`);
}

const [command, first, second] = process.argv.slice(2);
if (command === 'dump') await dump();
else if (command === 'diff' && first && second) diff(first, second);
else {
  process.stderr.write('usage: answer-texts dump > file.jsonl | answer-texts diff <a.jsonl> <b.jsonl>\n');
  process.exit(2);
}
