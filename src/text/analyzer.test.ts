import { describe, it, expect } from 'vitest';
import { Analyzer, FOLDED_PREFIX } from './analyzer.js';

const analyzer = new Analyzer();

describe('Analyzer.tokenize', () => {
  it('keeps offsets that map back to the original text', () => {
    const text = 'Điều 5. Thủ tục hành chính (TTHC) được công khai';
    for (const t of analyzer.tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });

  it('normalises decomposed input (NFD) to the same keys as NFC', () => {
    const nfc = analyzer.tokenize('thủ tục').map((t) => t.exact);
    const nfd = analyzer.tokenize('thủ tục'.normalize('NFD')).map((t) => t.exact);
    expect(nfd).toEqual(nfc);
  });

  it('never throws on random strings and joins back to the words of the input', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạ ̣̀́̉̃.,;:!?()[]{}"\'–-0123456789\n\t😀ĐỦ';
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const toks = analyzer.tokenize(s);
      const src = s.normalize('NFC');
      for (const t of toks) expect(src.slice(t.start, t.end)).toBe(t.raw);
      expect(() => analyzer.analyzeQuery(s)).not.toThrow();
    }
  });
});

describe('Analyzer.indexTerms', () => {
  it('emits exact and folded unigrams and bigrams, without stopword unigrams', () => {
    const terms = analyzer.indexTerms('Thủ tục của cơ quan');
    expect(terms).toContain('thu3');
    expect(terms).toContain('thu3 tuc5');
    expect(terms).toContain(`${FOLDED_PREFIX}thu tuc`);
    expect(terms).not.toContain('cua3');
    expect(terms, 'bigram across a stopword keeps phrase meaning').toContain('tuc5 cua3');
  });

  it('keys numbers without leading zeros ("03 tháng" = "3 tháng")', () => {
    expect(analyzer.indexTerms('03 tháng')).toEqual(analyzer.indexTerms('3 tháng'));
    expect(analyzer.indexTerms('0 đồng')).toContain('0');
  });

  it('gives old and new tone placement the same terms', () => {
    expect(analyzer.indexTerms('hoà giải thuỷ lợi')).toEqual(analyzer.indexTerms('hòa giải thủy lợi'));
  });
});

describe('Analyzer.analyzeQuery', () => {
  it('marks a query with diacritics as accented and one without as folded', () => {
    expect(analyzer.analyzeQuery('thủ tục một cửa').accented).toBe(true);
    expect(analyzer.analyzeQuery('thu tuc mot cua la gi').accented).toBe(false);
  });

  it('makes an unaccented query produce the folded terms of the accented text', () => {
    const folded = analyzer.analyzeQuery('thu tuc hanh chinh').foldedTerms;
    const accented = analyzer.analyzeQuery('thủ tục hành chính').foldedTerms;
    expect(folded).toEqual(accented);
  });

  it('repairs Telex and VNI leftovers', () => {
    expect(analyzer.analyzeQuery('thur tucj').foldedWords).toEqual(['thu', 'tuc']);
    expect(analyzer.analyzeQuery('thu4 tu5c').foldedWords).toEqual(['thu', 'tuc']);
  });

  it('drops question-only bigrams such as "là gì"', () => {
    const q = analyzer.analyzeQuery('một cửa là gì');
    expect(q.exactTerms).toContain('một cửa'.split(' ').map((w) => analyzer.info(w).exact).join(' '));
    expect(q.exactTerms.some((t) => t.endsWith(' gì'))).toBe(false);
  });
});
