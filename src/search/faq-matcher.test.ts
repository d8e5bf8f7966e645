import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { FaqMatcher, namesSameDocuments, polarityMismatch, polarityOf, samePolarity } from './faq-matcher.js';
import { QueryExpander } from './query-expander.js';
import { parseGlossary } from '../text/glossary.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFaqFile } from '../ingest/faq-file.js';
import { normalizeQuestion } from '../text/question-normalizer.js';
import type { FaqEntry } from '../ingest/faq-file.js';

const analyzer = new Analyzer();
const { glossary } = parseGlossary('abbreviations:\n  VTVL: ["vị trí việc làm"]\n  UBND: ["Ủy ban nhân dân"]\n');
const expander = new QueryExpander(analyzer, glossary);
const entry: FaqEntry = {
  id: 'faq-1',
  question: 'Vị trí việc làm của Ủy ban nhân dân xã do ai phê duyệt?',
  variants: [],
  answer: 'Cơ quan có thẩm quyền phê duyệt.',
  source: { number: '1/2025/NĐ-CP', article: 'Điều 1' },
  origin: 'curated',
};

describe('QueryExpander.spellOut', () => {
  it('replaces a glossary abbreviation by the folded words of the expansion chosen', () => {
    const words = analyzer.analyzeQuery('vtvl của ubnd xã').foldedWords;
    expect(expander.spellOut(words, (_, o) => o[0])).toEqual(['vi', 'tri', 'viec', 'lam', 'cua', 'uy', 'ban', 'nhan', 'dan', 'xa']);
    expect(expander.spellOut(words, () => undefined), 'undefined keeps the abbreviation').toEqual(words);
  });
});

describe('FaqMatcher', () => {
  const q = (t: string) => analyzer.analyzeQuery(t);
  it('matches a question that abbreviates what the curated question writes in full, when told to spell out', () => {
    const plain = new FaqMatcher(analyzer, [entry]);
    const spelled = new FaqMatcher(analyzer, [entry], { spellOut: (w) => expander.spellOut(w, (_, o) => o[0]) });
    const question = q('vtvl cua ubnd xa do ai phe duyet');
    expect(plain.match(question), 'without spelling out, the abbreviations share nothing').toBeUndefined();
    expect(spelled.match(question)?.entry.id).toBe('faq-1');
    expect(spelled.closest(question)?.similarity).toBeGreaterThan(plain.closest(question)?.similarity ?? 0);
  });

  it('still keeps an unrelated question under the cut', () => {
    const spelled = new FaqMatcher(analyzer, [entry], { spellOut: (w) => expander.spellOut(w, (_, o) => o[0]) });
    expect(spelled.match(q('lệ phí cấp căn cước công dân là bao nhiêu'))).toBeUndefined();
  });
});

describe('FaqMatcher inverted index', () => {
  const faq = parseFaqFile(readFileSync(join(process.cwd(), 'knowledge', 'faq.yaml'), 'utf8')).entries;
  const idf = (t: string) => 1 + (t.length % 5) / 2; // any idf: the index must agree with it exactly
  const questions = [
    ...faq.slice(0, 40).flatMap((e, i) => [e.question, `${e.variants[0] ?? e.question} trong thực tế`, e.question.split(' ').slice(i % 3).join(' ')]),
    'lệ phí cấp căn cước công dân là bao nhiêu',
    'thu tuc dang ky ho kinh doanh',
  ];

  /** The weighted Dice of faq-matcher.ts, phrasing by phrasing, written out independently of its index. */
  const weigh = (text: string) => {
    const out = new Map<string, number>();
    for (const t of analyzer.analyzeQuery(text).foldedTerms) out.set(t, Math.max(0.5, idf(t)) * (t.includes(' ') ? 1 : 0.7));
    return out;
  };
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const prepared = faq.map((e) => ({ id: e.id, phrasings: [e.question, ...e.variants].map((v) => weigh(normalizeQuestion(v).text)) }));

  it('finds the same entry and similarity as comparing the question with every phrasing in turn', () => {
    const all = new FaqMatcher(analyzer, faq, { idf });
    for (const text of questions) {
      const q = weigh(text);
      let best: { id: string; similarity: number } | undefined;
      for (const p of prepared) {
        for (const ph of p.phrasings) {
          let common = 0;
          for (const [t, w] of q) if (ph.has(t)) common += Math.min(w, ph.get(t) as number);
          const sim = (2 * common) / (total(q) + total(ph));
          if (!best || sim > best.similarity) best = { id: p.id, similarity: sim };
        }
      }
      const got = all.closest(analyzer.analyzeQuery(text));
      expect(got?.entry.id, text).toBe(best?.id);
      expect(got?.similarity, text).toBeCloseTo(best?.similarity ?? -1, 12);
    }
  });

  it('sees entries added, replaced and removed after a query', () => {
    const m = new FaqMatcher(analyzer, faq.slice(0, 5));
    const question = analyzer.analyzeQuery(entry.question);
    expect(m.match(question)).toBeUndefined();
    m.add(entry);
    expect(m.match(question)?.entry.id).toBe('faq-1');
    m.add({ ...entry, question: 'Lệ phí cấp căn cước công dân là bao nhiêu?' });
    expect(m.match(question), 'replaced by id: the old wording is gone').toBeUndefined();
    m.add(entry);
    expect(m.remove('faq-1')).toBe(true);
    expect(m.match(question)).toBeUndefined();
    expect(m.size).toBe(5);
  });
});

describe('namesSameDocuments', () => {
  const decree = { question: 'Nghị định 367/2025/NĐ-CP sửa đổi những nội dung gì của Nghị định 118?', variants: ['nđ 367 sửa gì'], source: { number: '367/2025/NĐ-CP', article: 'Điều 1' } };

  it('accepts a question naming the entry\'s documents, or none', () => {
    for (const q of ['nđ 367/2025 sửa đổi gì của nđ 118', 'nghi dinh 367 sua gi', '367/2025 sửa gì', 'nghị định sửa đổi một cửa có gì mới']) {
      expect(namesSameDocuments(q, decree), q).toBe(true);
    }
  });

  it('refuses a question naming another document by number, or another year', () => {
    for (const q of ['Nghị định 374/2025/NĐ-CP sửa đổi những nội dung gì của Nghị định 118?', 'nđ 367/2024 sửa gì', '374/2025 sửa gì', 'nđ 367 và nđ 30/2020 sửa gì']) {
      expect(namesSameDocuments(q, decree), q).toBe(false);
    }
  });
});

describe('what may (not) be done', () => {
  it('reads a phrasing as asking what is forbidden, what is allowed, or neither', () => {
    expect(polarityOf('Cán bộ, công chức không được làm những việc gì?')).toBe('forbid');
    expect(polarityOf('cb cc ko dc lam gi'), 'chat spellings normalised').toBe('forbid');
    expect(polarityOf('hanh vi bi cam tai bo phan mot cua')).toBe('forbid');
    expect(polarityOf('Cán bộ, công chức được làm những việc gì?')).toBe('allow');
    expect(polarityOf('Những ai được đăng ký dự tuyển công chức?')).toBe('allow');
    for (const q of ['công chức có được đình công không', 'có án tích thi công chức được không', 'hồ sơ được giải quyết trong bao lâu', 'thông tin mật được tiếp cận khi nào', 'cảm ơn ad']) {
      expect(polarityOf(q), q).toBe('neutral');
    }
  });

  it('keeps an entry asked the other way from a question, unless its phrasings ask both ways or neither', () => {
    const forbids = { question: 'Cán bộ, công chức không được làm những việc gì?', variants: ['công chức có được đình công không'] };
    expect(samePolarity('Cán bộ, công chức được làm những việc gì?', forbids)).toBe(false);
    expect(samePolarity('cb cc ko dc lam gi', forbids)).toBe(true);
    expect(samePolarity('công chức có được kinh doanh không', forbids), 'a yes-or-no question').toBe(true);
    expect(samePolarity('Cán bộ được làm những việc gì?', { question: 'Quyền của cán bộ là gì?', variants: ['cán bộ không được làm gì', 'cán bộ được làm gì'] })).toBe(true);
  });

  it('says what the question asks and what the article lists when they differ', () => {
    expect(polarityMismatch('Cán bộ, công chức được làm những việc gì?', 'Điều 14. Những việc cán bộ, công chức không được làm')).toEqual({
      asked: ['những việc được làm'],
      found: ['những việc không được làm'],
    });
    expect(polarityMismatch('Cán bộ, công chức không được làm những việc gì?', 'Điều 14. Những việc cán bộ, công chức không được làm')).toBeUndefined();
    expect(polarityMismatch('Cán bộ, công chức được làm những việc gì?', 'Điều 9. Quyền của cán bộ, công chức')).toBeUndefined();
  });
});
