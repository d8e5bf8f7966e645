import { describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { emptyGlossary, parseGlossary } from '../text/glossary.js';
import { buildPassageRetriever } from './passage-corpus.js';
import type { Passage } from './passage-corpus.js';

const P = (id: string, title: string, text: string): Passage => ({ id, doc: '118/2025/NĐ-CP Nghị định về một cửa', title, text });
const passages = [
  P('late', 'Điều 19. Giải quyết thủ tục hành chính', 'Hồ sơ quá hạn: cơ quan giải quyết phải có văn bản xin lỗi và hẹn lại ngày trả kết quả.'),
  P('receive', 'Điều 17. Tiếp nhận hồ sơ', 'Bộ phận Một cửa tiếp nhận hồ sơ và hướng dẫn người nộp.'),
  P('fees', 'Điều 20. Phí, lệ phí', 'Người nộp hồ sơ nộp phí, lệ phí theo quy định.'),
];
const { glossary } = parseGlossary('synonyms:\n  - ["trễ hạn", "quá hạn"]\n');
const withGlossary = buildPassageRetriever(passages, new Analyzer(), glossary);
const without = buildPassageRetriever(passages, new Analyzer(), emptyGlossary());

describe('confidence features read a glossary synonym as the top passage writes it', () => {
  const q = 'hồ sơ trễ hạn thì phải làm gì';

  it('count the passage that says "quá hạn" as covering a question that says "trễ hạn"', () => {
    const r = withGlossary.search(q);
    expect(r.hits[0]?.chunk.id).toBe('late');
    expect(r.queryWords.join(' ')).toContain('qua han');
    const plain = without.search(q);
    expect(r.features?.contentCoverage ?? 0, 'the synonym is covered').toBeGreaterThan(plain.features?.contentCoverage ?? 0);
  });

  it('leave the question as typed when the passage writes the same words', () => {
    expect(withGlossary.search('hồ sơ quá hạn thì phải làm gì').queryWords.join(' ')).toContain('qua han');
    expect(withGlossary.search('người nộp phí lệ phí').queryWords).toEqual(without.search('người nộp phí lệ phí').queryWords);
  });
});
