/**
 * A curated answer does not depend on a question mark: every phrasing in knowledge/faq.yaml that finds its
 * own entry as written ("Theo Luật 2025, công chức là ai?") finds it too as officials type it in chat, without
 * the mark. Before, "… là ai?" asked nothing while "… là ai" asked who, so the chat form matched none of the
 * entry's kinds and lost its curated answer (4 of 590 phrasings).
 */
import { describe, it, expect } from 'vitest';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWLEDGE_DIR } from '../knowledge/shipped.js';

describe('curated answers and the question mark (shipped knowledge)', () => {
  it('gives a phrasing its own curated answer with or without its final question mark', async () => {
    const analyzer = new Analyzer();
    const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE_DIR, analyzer });
    const { retriever } = retrieverFromSnapshot(content, analyzer);
    const { entries } = parseFaqFile(readFileSync(join(KNOWLEDGE_DIR, 'faq.yaml'), 'utf8'));
    const marked = entries.flatMap((e) => [e.question, ...e.variants].filter((p) => /\?\s*$/u.test(p)).map((p) => ({ id: e.id, p })));
    expect(marked.length).toBeGreaterThan(100);
    const lost: string[] = [];
    for (const { id, p } of marked) {
      if (retriever.search(p).faq?.entry.id !== id) continue;
      const bare = p.replace(/\?\s*$/u, '');
      if (retriever.search(bare).faq?.entry.id !== id) lost.push(`${id}: ${bare}`);
    }
    expect(lost).toEqual([]);
  }, 60_000);
});
