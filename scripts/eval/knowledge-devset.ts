/**
 * Measures the shipped knowledge folder on an official-style dev set (eval/official/*.jsonl): for covered
 * questions, whether a labelled document is the first hit or among the first five, whether a labelled
 * article is among the first five, and how many the bot answers instead of escalating; for uncovered
 * questions, how many it declines. Builds the index in a temporary copy, so knowledge/ is never written.
 *
 * Usage (after `npm run build`):
 *   node dist/scripts/eval/knowledge-devset.js eval/official/questions-new-topics.jsonl [knowledge-dir]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KnowledgeBase } from '../../src/search/knowledge-base.js';
import { AnswerComposer } from '../../src/answer/index.js';
import type { SearchHit as Hit } from '../../src/search/types.js';

interface Label { doc: string; article?: string }
interface Item { id: string; question: string; covered: boolean; relevant: Label[]; previous?: string }

const [questionsPath, knowledgeArg] = process.argv.slice(2);
if (!questionsPath) {
  process.stderr.write('usage: knowledge-devset <questions.jsonl> [knowledge-dir]\n');
  process.exit(2);
}

const hasArticle = (h: Hit, l: Label) => l.doc === h.doc.number && h.chunk.headings.some((x) => x.kind === 'article' && `Điều ${x.number}` === l.article);
const share = (n: number, of: number) => `${n}/${of} = ${of ? (n / of).toFixed(3) : '-'}`;

async function main(): Promise<void> {
  const items = readFileSync(questionsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Item);
  const root = mkdtempSync(join(tmpdir(), 'cchc-devset-'));
  try {
    cpSync(resolve(knowledgeArg ?? 'knowledge'), join(root, 'knowledge'), { recursive: true });
    const kb = await KnowledgeBase.open({ dataDir: join(root, 'data'), knowledgeDir: join(root, 'knowledge') });
    const composer = new AnswerComposer();
    const n = { covered: 0, top1: 0, top5: 0, withArticle: 0, article5: 0, answered: 0, uncovered: 0, declined: 0 };
    for (const item of items) {
      const result = kb.search(item.previous ? `${item.previous} ${item.question}` : item.question, 10);
      const answered = composer.compose(result).kind === 'answer';
      if (!item.covered) {
        n.uncovered += 1;
        if (!answered) n.declined += 1;
        continue;
      }
      n.covered += 1;
      const docs = new Set(item.relevant.map((l) => l.doc));
      const top = result.hits.slice(0, 5);
      if (top[0] && docs.has(top[0].doc.number)) n.top1 += 1;
      if (top.some((h) => docs.has(h.doc.number))) n.top5 += 1;
      const articles = item.relevant.filter((l) => l.article);
      if (articles.length) {
        n.withArticle += 1;
        if (top.some((h) => articles.some((l) => hasArticle(h, l)))) n.article5 += 1;
      }
      if (answered) n.answered += 1;
    }
    const lines = [
      `questions: ${items.length} (${n.covered} covered, ${n.uncovered} not)`,
      `labelled document first:        ${share(n.top1, n.covered)}`,
      `labelled document in top 5:     ${share(n.top5, n.covered)}`,
      `labelled article in top 5:      ${share(n.article5, n.withArticle)}`,
      `covered questions answered:     ${share(n.answered, n.covered)}`,
      `uncovered questions declined:   ${share(n.declined, n.uncovered)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`knowledge-devset: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
