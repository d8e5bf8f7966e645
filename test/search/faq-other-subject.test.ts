/**
 * A curated answer about công chức does not answer a question about viên chức (separate laws, separate
 * rules). Before, "Theo Luật 2025, viên chức là ai?" got the curated definition of công chức, and
 * "Điều kiện đăng ký dự tuyển viên chức là gì?" the conditions for công chức: of 76 curated phrasings with
 * the group or level swapped, 73 kept their entry. Search already refused passages about another group
 * (`subject-groups.ts`); curated answers now do too, and refuse a question on another level of government
 * ("Giám đốc Trung tâm Phục vụ hành chính công cấp tỉnh là ai?" got the entry on the centre of a xã).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { groupsNamed, levelsNamed } from '../../src/search/subject-groups.js';
import { KNOWLEDGE_DIR } from '../knowledge/shipped.js';

describe('curated answers and the group of staff asked about (shipped knowledge)', () => {
  it('does not give an entry on công chức to its phrasing asked about viên chức', async () => {
    const analyzer = new Analyzer();
    const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE_DIR, analyzer });
    const { retriever } = retrieverFromSnapshot(content, analyzer);
    const { entries } = parseFaqFile(readFileSync(join(KNOWLEDGE_DIR, 'faq.yaml'), 'utf8'));
    let checked = 0;
    const kept: string[] = [];
    for (const e of entries) {
      // Entries that speak of công chức and nowhere of viên chức.
      const groups = groupsNamed([e.question, ...e.variants, e.answer].join('\n'));
      if (!groups.includes('cán bộ, công chức') || groups.includes('viên chức')) continue;
      for (const p of [e.question, ...e.variants]) {
        if (!/\bcông chức\b/u.test(p) || p.toLowerCase().includes('cán bộ') || retriever.search(p).faq?.entry.id !== e.id) continue;
        const other = p.replace(/\bcông chức\b/gu, 'viên chức');
        checked++;
        if (retriever.search(other).faq?.entry.id === e.id) kept.push(`${e.id}: ${other}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(kept).toEqual([]);
    // The phrasing as written keeps its answer.
    expect(retriever.search('theo luật 2025 công chức là ai').faq?.entry.answer).toMatch(/^Công chức là/u);
  }, 60_000);

  it('does not give an entry on the xã to its phrasing asked about the tỉnh or the former huyện', async () => {
    const analyzer = new Analyzer();
    const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE_DIR, analyzer });
    const { retriever } = retrieverFromSnapshot(content, analyzer);
    const { entries } = parseFaqFile(readFileSync(join(KNOWLEDGE_DIR, 'faq.yaml'), 'utf8'));
    const xa = /(?<!\p{L})xã(?! hội)(?!\p{L})/u;
    let checked = 0;
    const kept: string[] = [];
    for (const e of entries) {
      const levels = levelsNamed([e.question, ...e.variants, e.answer].join('\n'), true);
      if (levels.join() !== 'cấp xã') continue;
      for (const p of [e.question, ...e.variants]) {
        if (!xa.test(p) || retriever.search(p).faq?.entry.id !== e.id) continue;
        for (const level of ['tỉnh', 'huyện']) {
          const other = p.replace(xa, level);
          checked++;
          if (retriever.search(other).faq?.entry.id === e.id) kept.push(`${e.id}: ${other}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(kept).toEqual([]);
    // Search passages too: the article on the chairman of a xã does not answer for the former huyện.
    const found = retriever.search('trách nhiệm của chủ tịch UBND huyện về CCHC');
    expect(found.otherSubject).toEqual({ asked: ['cấp huyện'], found: ['cấp xã'] });
    expect(found.confidence).toBeLessThanOrEqual(0.3);
    expect(retriever.search('trách nhiệm của chủ tịch UBND xã về CCHC').otherSubject).toBeUndefined();
  }, 60_000);

  it('does not answer what may be done with the list of what may not', async () => {
    const analyzer = new Analyzer();
    const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE_DIR, analyzer });
    const { retriever } = retrieverFromSnapshot(content, analyzer);
    const allowed = retriever.search('Cán bộ, công chức được làm những việc gì?');
    expect(allowed.faq, 'the curated list of prohibitions').toBeUndefined();
    expect(allowed.otherSubject).toEqual({ asked: ['những việc được làm'], found: ['những việc không được làm'] });
    expect(allowed.confidence).toBeLessThanOrEqual(0.3);
    expect(retriever.search('Cán bộ, công chức không được làm những việc gì?').faq?.entry.id).toBe('faq-125');
  }, 60_000);
});
