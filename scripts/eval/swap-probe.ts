/**
 * Curated answers asked about something else (`src/eval/swap-probe.ts` has the changes): prints, per kind of
 * change, how many curated phrasings were changed and how many still get their entry.
 *
 * Usage (after `npm run build`): node dist/scripts/eval/swap-probe.js [--list]
 */
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { SWAPS, runSwap } from '../../src/eval/swap-probe.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const knowledgeDir = join(root, 'knowledge');
const analyzer = new Analyzer();
const { content } = await buildSnapshot({ knowledgeDir, analyzer });
const { retriever } = retrieverFromSnapshot(content, analyzer);
const { entries } = parseFaqFile(readFileSync(join(knowledgeDir, 'faq.yaml'), 'utf8'));

const list = process.argv.includes('--list');
console.log('| change | phrasings changed | still given the entry |');
console.log('|---|---|---|');
for (const swap of SWAPS) {
  const { changed, kept } = runSwap(retriever, entries, swap);
  console.log(`| ${swap.name} | ${changed} | ${kept.length} |`);
  if (list) for (const k of kept) console.log(`    ${k}`);
}
