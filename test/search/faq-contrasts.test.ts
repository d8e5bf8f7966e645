/**
 * Curated answers and the words of the field that exclude one another (`src/search/contrasts.ts`): of 22
 * curated phrasings with one side of a contrast changed for the other ("Hồ sơ nộp trực tiếp …" for "… trực
 * tuyến", "… tối thiểu bao nhiêu ngày" for "… tối đa …", "thời hạn miễn nhiệm" for "bổ nhiệm"), all 22 kept their
 * entry, and the 5 asked of a deputy ("Phó Chủ tịch Ủy ban nhân dân xã chịu trách nhiệm gì về cải cách hành chính?")
 * the head's; a search passage that speaks only of the other side is not confident either.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { KNOWLEDGE_DIR } from '../knowledge/shipped.js';

const PAIRS = [
  ['trực tuyến', 'trực tiếp'],
  ['trực tiếp', 'trực tuyến'],
  ['tối đa', 'tối thiểu'],
  ['bổ nhiệm', 'miễn nhiệm'],
  ['kỷ luật', 'khen thưởng'],
  ['văn bản đến', 'văn bản đi'],
  ['Chủ tịch', 'Phó Chủ tịch'],
  ['Giám đốc', 'Phó Giám đốc'],
];

describe('curated answers and contrasting words (shipped knowledge)', () => {
  it('does not give an entry to its phrasing with one side of a contrast changed for the other', async () => {
    const analyzer = new Analyzer();
    const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE_DIR, analyzer });
    const { retriever } = retrieverFromSnapshot(content, analyzer);
    const { entries } = parseFaqFile(readFileSync(join(KNOWLEDGE_DIR, 'faq.yaml'), 'utf8'));
    let checked = 0;
    const kept: string[] = [];
    for (const [from, to] of PAIRS) {
      const re = new RegExp(`(?<!\\p{L})${from}(?!\\p{L})`, 'u');
      for (const e of entries) {
        if ([e.question, ...e.variants, e.answer].join('\n').toLowerCase().includes(to.toLowerCase())) continue;
        for (const p of [e.question, ...e.variants]) {
          if (!re.test(p) || retriever.search(p).faq?.entry.id !== e.id) continue;
          const other = p.replace(re, to);
          checked++;
          if (retriever.search(other).faq?.entry.id === e.id) kept.push(`${e.id}: ${other}`);
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(25);
    expect(kept).toEqual([]);
    const min = retriever.search('Mức phạt tiền tối thiểu trong lĩnh vực lưu trữ là bao nhiêu?');
    expect(min.otherSubject).toEqual({ asked: ['mức tối thiểu'], found: ['mức tối đa'] });
    expect(min.confidence).toBeLessThanOrEqual(0.3);
  }, 60_000);
});
