import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { FaqMatcher } from './faq-matcher.js';
import { QueryExpander } from './query-expander.js';
import { parseGlossary } from '../text/glossary.js';
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
