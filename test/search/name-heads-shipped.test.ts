/**
 * "Bộ phận" of a procedure is not "Bộ phận Một cửa": over the shipped knowledge, a question about the parts
 * of an administrative procedure was answered at 0.91 from a clause of Nghị định 118/2025 on returning results
 * early, which writes "Bộ phận Một cửa" (and "thủ tục hành chính") but nothing about a procedure's parts.
 */
import { describe, it, expect } from 'vitest';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { KNOWLEDGE_DIR } from '../knowledge/shipped.js';

describe('a procedure\'s parts and the one-stop desk (shipped knowledge)', () => {
  it('finds the decree that lists a procedure\'s parts, not clauses naming Bộ phận Một cửa', async () => {
    const analyzer = new Analyzer();
    const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE_DIR, analyzer });
    const { retriever } = retrieverFromSnapshot(content, analyzer);
    for (const q of ['cho e hỏi tthc gồm những bộ phận nào ạ', 'mot thu tuc hanh chinh gom cac bo phan nao']) {
      const top = retriever.search(q).hits[0];
      expect(top?.doc.number, q).toBe('63/2010/NĐ-CP');
    }
    // Asking which unit receives dossiers is answered by the one-stop desk, as before.
    expect(retriever.search('bộ phận nào tiếp nhận hồ sơ tthc').hits[0]?.doc.number).toBe('118/2025/NĐ-CP');
  }, 60_000);
});
