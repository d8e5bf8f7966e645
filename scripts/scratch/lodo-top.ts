import { readFileSync } from 'node:fs';
import { parseGlossary } from '../../src/text/glossary.js';
import { buildPassageRetriever } from '../../src/search/passage-corpus.js';
import type { Passage } from '../../src/search/passage-corpus.js';
import { readJsonl } from '../bench/read-jsonl.js';
import { Analyzer } from '../../src/text/analyzer.js';

const passages = readJsonl<Passage>('/work/shared/eval/corpus.jsonl');
const byId = new Map(passages.map((p) => [p.id, p]));
const qs = readJsonl<{ id: string; question: string; relevant: string[] }>('/work/shared/eval/questions.dev.jsonl');
const glossary = parseGlossary(readFileSync('/work/main/knowledge/glossary.yaml', 'utf8')).glossary;
const r = buildPassageRetriever(passages, new Analyzer(), glossary);
const wanted = process.argv.slice(2);
for (const q of qs.filter((x) => wanted.some((w) => x.question.startsWith(w)))) {
  const res = r.search(q.question, 5);
  console.log(`\n${q.question}\n  label ${q.relevant.join(', ')} conf ${res.confidence.toFixed(2)}`);
  for (const l of q.relevant) console.log(`  L ${l}: ${(byId.get(l)?.text ?? '').slice(0, 300).replace(/\n/g, ' ')}`);
  for (const h of res.hits) console.log(`  - ${h.chunk.id} ${h.score.toFixed(2)}: ${h.chunk.text.slice(0, 200).replace(/\n/g, ' ')}`);
}
