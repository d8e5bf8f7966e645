import { buildSnapshot } from './dist/src/search/reindex.js';
import { retrieverFromSnapshot } from './dist/src/search/knowledge-base.js';
import { Analyzer } from './dist/src/text/analyzer.js';
const analyzer = new Analyzer();
const { content } = await buildSnapshot({ knowledgeDir: 'knowledge', analyzer });
const { retriever } = retrieverFromSnapshot(content, analyzer);
for (const q of process.argv.slice(2)) {
  const r = retriever.search(q, 8);
  console.log(q);
  for (const h of r.hits) console.log('  ', h.score.toFixed(2), h.coverage?.toFixed(2), h.doc.number, h.chunk.title?.slice(0, 60), '|', h.chunk.text.slice(0, 80).replace(/\n/g, ' '));
}
