import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { buildSnapshot } from './reindex.js';
import { retrieverFromSnapshot } from './knowledge-base.js';
import { asksAlike } from './faq-matcher.js';
import { askedFacts, curatedFits } from './answer-fit.js';
import type { FaqEntry } from '../ingest/faq-file.js';

const entry = { question: 'Một vị trí việc làm công chức gồm những nội dung gì?', variants: ['vi tri viec lam gom nhung gi', 'bản mô tả công việc và khung năng lực'] };

describe('asksAlike', () => {
  it('refuses a curated answer to a question that asks another kind of fact than all its phrasings', () => {
    expect(asksAlike('bản mô tả công việc và khung năng lực do ai xây dựng', entry), 'who, against a list').toBe(false);
    expect(asksAlike('bản mô tả công việc và khung năng lực ban hành khi nào', entry), 'a time, against a list').toBe(false);
  });

  it('keeps it when the question asks what a phrasing asks, or asks nothing in particular', () => {
    expect(asksAlike('vị trí việc làm gồm những nội dung nào', entry)).toBe(true);
    expect(asksAlike('bản mô tả công việc và khung năng lực', entry)).toBe(true);
    expect(asksAlike('ban mo ta cong viec va khung nang luc gom nhung gi', entry)).toBe(true);
    expect(asksAlike('ai xây dựng bản mô tả công việc', { question: 'Bản mô tả công việc', variants: [] }), 'no phrasing asks anything').toBe(true);
  });

  it('reads a question the same with or without its question mark', () => {
    // "… là ai?" in a curated phrasing did not ask who ("ai" had to end at a space), so the same question typed
    // in chat without the mark asked who, matched no phrasing's kind and lost its curated answer.
    const who = { question: 'Theo Luật 2025, công chức là ai?', variants: ['cong chuc la gi', 'định nghĩa công chức luật mới'] };
    expect(asksAlike('theo luật 2025 công chức là ai', who)).toBe(true);
    expect(asksAlike('theo luật 2025 công chức là ai?', who)).toBe(true);
  });
});

describe('curated answers and the kind of fact asked, through search', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cchc-faq-asks-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir, { recursive: true });
  writeFileSync(
    join(knowledgeDir, 'vtvl.md'),
    ['---', 'number: 80/2025/QH15', 'title: Luật Cán bộ, công chức', 'doc_type: Luật', 'status: còn hiệu lực', '---', '',
      'Điều 23. Vị trí việc làm công chức',
      '1. Mỗi vị trí việc làm có tên gọi, chức vụ, chức danh hoặc ngạch công chức tương ứng, bản mô tả công việc và khung năng lực.',
      '2. Cơ quan sử dụng công chức xây dựng bản mô tả công việc và khung năng lực theo mẫu do Bộ Nội vụ ban hành.', ''].join('\n'),
  );
  writeFileSync(
    join(knowledgeDir, 'faq.yaml'),
    ['- id: faq-1', `  question: "${entry.question}"`, '  variants:', ...entry.variants.map((v) => `    - "${v}"`),
      '  answer: >-', '    Mỗi vị trí việc làm có tên gọi; chức vụ, chức danh hoặc ngạch công chức tương ứng; bản mô tả công việc và khung năng lực.',
      '  source:', '    number: 80/2025/QH15', '    article: Khoản 1 Điều 23', ''].join('\n'),
  );
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir, analyzer });
  const { retriever } = retrieverFromSnapshot(content, analyzer);

  it('answers "do ai xây dựng" from search although the words are close to a variant', () => {
    const r = retriever.search('bản mô tả công việc và khung năng lực do ai xây dựng, theo mẫu nào');
    expect(r.features?.faqSimilarity, 'close enough by words to pass the cut').toBeGreaterThan(0.62);
    expect(r.faq).toBeUndefined();
    expect(r.hits[0]?.chunk.text).toContain('Cơ quan sử dụng công chức xây dựng');
  });

  it('still gives the curated answer to the question it was written for', () => {
    expect(retriever.search('vị trí việc làm gồm những nội dung gì').faq?.entry.id).toBe('faq-1');
    expect(retriever.search('ban mo ta cong viec va khung nang luc').faq?.entry.id).toBe('faq-1');
  });
});

describe('curatedFits and an address or telephone number asked', () => {
  const centre: FaqEntry = {
    id: 'faq-x',
    question: 'Trung tâm Phục vụ hành chính công cấp xã được tổ chức thế nào?',
    variants: ['trung tam phuc vu hanh chinh cong xa'],
    answer: 'Giám đốc Trung tâm Phục vụ hành chính công cấp xã tương đương Trưởng phòng thuộc Ủy ban nhân dân cấp xã.',
    source: { number: '118/2025/NĐ-CP', article: 'Điều 10' },
    origin: 'curated',
  };
  const asked = (q: string) => askedFacts({ normalized: q, spelled: q, accented: false });
  it('refuses an entry that gives no contact to a question asking for one', () => {
    expect(curatedFits(asked('xin sdt trung tam phuc vu hanh chinh cong xa'), centre)).toBe(false);
    expect(curatedFits(asked('trung tam phuc vu hanh chinh cong xa o dia chi nao'), centre)).toBe(false);
  });
  it('keeps it for the question it was written for', () => {
    expect(curatedFits(asked('trung tam phuc vu hanh chinh cong xa'), centre)).toBe(true);
  });
});
