import { describe, it, expect } from 'vitest';
import { Analyzer, FOLDED_PREFIX } from '../text/analyzer.js';
import { findSpellingRepairs, repairSpelling, spellingVariants, MIN_PAIR_DF } from './spelling-repair.js';
import type { TermFrequencies } from './spelling-repair.js';

const analyzer = new Analyzer();

/** Document frequencies of folded terms ("kiem soat" → df), everything else 0. */
function frequencies(df: Record<string, number>, exact: Record<string, number> = {}): TermFrequencies {
  const exactKeys = new Map(Object.entries(exact).map(([w, n]) => [analyzer.tokenize(w)[0].exact, n]));
  return { df: (term) => (term.startsWith(FOLDED_PREFIX) ? (df[term.slice(FOLDED_PREFIX.length)] ?? 0) : (exactKeys.get(term) ?? 0)) };
}

const index = frequencies({
  kiem: 50,
  soat: 40,
  'kiem soat': 40,
  tai: 80,
  khoan: 30,
  khoang: 20,
  'tai khoan': 12,
  dia: 90,
  dai: 60,
  phuong: 90,
  'dia phuong': 70,
  ty: 10,
  le: 30,
  'ty le': 8,
  'hanh chinh': 100,
  hanh: 100,
  chinh: 100,
  'thu tuc': 100,
  thu: 100,
  tuc: 100,
  'tuc hanh': 100,
}, { kiểm: 50, soát: 40, tài: 80, khoản: 30, khoảng: 5, địa: 90, đại: 6, phương: 90, tỷ: 10, lệ: 30, đồng: 40, đồn: 1, rồi: 20, dồi: 1 });

describe('spellingVariants', () => {
  it('tries the confusions Vietnamese writers make, keeping the marks typed', () => {
    expect(spellingVariants('xoát')).toContain('soát');
    expect(spellingVariants('khoảng')).toContain('khoản');
    expect(spellingVariants('tỉ')).toContain('tỷ');
    expect(spellingVariants('đại')).toContain('điạ');
    expect(spellingVariants('trình')).toContain('chình');
    expect(spellingVariants('lăm')).toContain('năm');
    expect(spellingVariants('xoát')).not.toContain('xoát');
  });

  it('does not cut the "nh" of a final into "n"', () => {
    expect(spellingVariants('chính')).not.toContain('chíh');
    expect(spellingVariants('chính').filter((v) => v.endsWith('ng'))).toEqual([]);
  });
});

describe('repairSpelling', () => {
  it('repairs a syllable whose pair the documents never write when the repaired pair is common', () => {
    expect(repairSpelling('kiểm xoát thủ tục hành chính', analyzer, index)).toBe('kiểm soát thủ tục hành chính');
    expect(repairSpelling('tài khoảng là gì', analyzer, index)).toBe('tài khoản là gì');
    expect(repairSpelling('Xoát kiểm', analyzer, index)).toBe('Xoát kiểm');
    expect(repairSpelling('tỉ lệ bao nhiêu', analyzer, index)).toBe('tỷ lệ bao nhiêu');
    expect(repairSpelling('kiem xoat', analyzer, index), 'typed without marks').toBe('kiem soat');
  });

  it('keeps the tone of a swapped vowel, so the exact term is the one the documents use', () => {
    const repaired = repairSpelling('chính quyền đại phương', analyzer, index);
    expect(analyzer.analyzeQuery(repaired).exactTerms).toEqual(analyzer.analyzeQuery('chính quyền địa phương').exactTerms);
  });

  it('leaves a pair the index holds, a rare repaired pair, digits and lone words alone', () => {
    expect(findSpellingRepairs('thủ tục hành chính', analyzer, index)).toEqual([]);
    const both = frequencies({ tai: 80, khoan: 30, khoang: 20, 'tai khoan': 12, 'tai khoang': 1 });
    expect(findSpellingRepairs('tài khoảng', analyzer, both), 'a pair the documents write, however rarely, is not a typo').toEqual([]);
    const rare = frequencies({ kiem: 5, soat: 5, 'kiem soat': MIN_PAIR_DF - 1 });
    expect(findSpellingRepairs('kiểm xoát', analyzer, rare), 'evidence below MIN_PAIR_DF').toEqual([]);
    expect(findSpellingRepairs('xoát', analyzer, index), 'a single word has no pair to judge by').toEqual([]);
    expect(findSpellingRepairs('kiểm x2', analyzer, index)).toEqual([]);
    const common = frequencies({ dong: 40, don: 90, chi: 50, 'don chi': 5, di: 60, doi: 30, 'di doi': 9 }, { đồng: 40, đồn: 1, chí: 50, đi: 60, rồi: 20, dồi: 1 });
    expect(findSpellingRepairs('các đồng chí', analyzer, common), 'a word the documents use more than the variant stays').toEqual([]);
    expect(findSpellingRepairs('gửi đi rồi', analyzer, common), 'function words are never repaired').toEqual([]);
    const folding = frequencies({ gay: 5, tay: 10, tai: 300, 'gay tai': 5, con: 40, cong: 400, 'nay cong': 9, nay: 50 }, { gãy: 5, tay: 10, con: 40, này: 50 });
    expect(findSpellingRepairs('bạn gãy tay thì sao', analyzer, folding), 'with marks, "tay" is compared as written, not as the folded "tai"').toEqual([]);
    expect(findSpellingRepairs('nay con thi sao', analyzer, folding), 'without marks, a word the index knows well stays').toEqual([]);
  });

  it('reports what it repaired, where', () => {
    expect(findSpellingRepairs('hỏi kiểm xoát', analyzer, index)).toEqual([{ start: 9, end: 13, typed: 'xoát', repaired: 'soát' }]);
  });
});
