import { describe, it, expect } from 'vitest';
import { reviewFaq } from './faq-review.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';

const faq = (id: string, number: string, article: string): FaqEntry => ({ id, question: `Câu hỏi ${id}`, variants: [], answer: 'Trả lời', source: { number, article }, origin: 'curated' });
const chunk = (docId: string, article: string): Chunk => ({ id: `${docId}#D${article}`, docId, headings: [{ kind: 'article', number: article, heading: '' }], citationPath: `Điều ${article}`, title: `Điều ${article}.`, text: 'x', hash: 'h' });

describe('reviewFaq', () => {
  const docs = new Map<string, DocumentMeta>([
    ['a.md', { number: '118/2025/NĐ-CP', title: 'A', status: 'in_force' }],
    ['b.md', { number: '61/2018/NĐ-CP', title: 'B', status: 'replaced', replacedBy: '118/2025/NĐ-CP' }],
  ]);
  const chunks = [chunk('a.md', '3'), chunk('a.md', '5'), chunk('b.md', '1')];

  it('flags Q&As citing a replaced, missing or changed source, and only those', () => {
    const items = reviewFaq(
      [faq('ok', '118/2025/NĐ-CP', 'Điều 3'), faq('replaced', '61/2018/NĐ-CP', 'Điều 1'), faq('nodoc', '99/2020/NĐ-CP', 'Điều 1'), faq('noart', '118/2025/NĐ-CP', 'Khoản 2 Điều 9'), faq('changed', '118/2025/ND-CP', 'Điều 5')],
      docs,
      chunks,
      new Set(['a.md#D5']),
    );
    expect(items.map((i) => i.faqId)).toEqual(['replaced', 'nodoc', 'noart', 'changed']);
    expect(items[0].reason).toMatch(/đã bị thay thế \(118\/2025\/NĐ-CP\)/);
    expect(items[3].reason).toMatch(/vừa thay đổi/);
  });

  it('checks the official text, not the summary of the same number that it superseded', () => {
    // Either order of the two records: the summary (no chunks: left out of the index) must not hide the official text.
    const official: [string, DocumentMeta] = ['goc/nd-118.txt', { number: '118/2025/NĐ-CP', title: 'A', status: 'in_force' }];
    const summary: [string, DocumentMeta] = ['tom-luoc.md', { number: '118/2025/NĐ-CP', title: 'A', status: 'in_force', kind: 'summary' }];
    for (const order of [[official, summary], [summary, official]]) {
      expect(reviewFaq([faq('ok', '118/2025/NĐ-CP', 'Khoản 1 Điều 17')], new Map(order), [chunk('goc/nd-118.txt', '17')])).toEqual([]);
    }
  });

  it('does not flag a staff answer that cites no document', () => {
    expect(reviewFaq([{ ...faq('s', '', ''), origin: 'staff' }], docs, chunks)).toEqual([]);
  });
});
