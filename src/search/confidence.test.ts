import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { KeywordIndex } from './keyword-index.js';
import { confidenceFeatures, FEATURE_NAMES } from './confidence-features.js';
import type { ConfidenceFeatures } from './confidence-features.js';
import { ConfidenceModel, DEFAULT_CONFIDENCE_MODEL } from './confidence-model.js';
import { TitleMatcher } from './title-reference.js';

const analyzer = new Analyzer();
const records = [
  { doc: 'A', heading: 'Điều 1. Thời hạn giải quyết hồ sơ', body: 'Thời hạn giải quyết hồ sơ là 05 ngày làm việc.' },
  { doc: 'A', heading: 'Điều 2. Nộp hồ sơ', body: 'Hồ sơ nộp trực tiếp hoặc qua dịch vụ bưu chính.' },
  { doc: 'B', heading: 'Điều 1. Con dấu', body: 'Con dấu được quản lý tại văn thư cơ quan.' },
];
const index = KeywordIndex.build(records, analyzer);
const features = (q: string, ranked: Array<{ r: number; s: number; cov: number }>) =>
  confidenceFeatures({
    index,
    foldedWords: analyzer.analyzeQuery(q).foldedWords,
    ranked,
    docOf: (r) => (r < 2 ? 0 : 1),
    headingOf: (r) => records[r].heading,
    namedDocs: new Set(),
    namedMissing: false,
    faqSimilarity: 0,
    heuristic: 0.5,
  });

describe('confidenceFeatures', () => {
  it('measures how much of the question the top passage holds, words and word pairs', () => {
    const f = features('thời hạn giải quyết hồ sơ là bao lâu', [{ r: 0, s: 5, cov: 0.9 }, { r: 1, s: 2, cov: 0.3 }]);
    expect(f.contentCoverage).toBe(1);
    expect(f.bigramCoverage).toBe(1);
    expect(f.titleCoverage).toBe(1);
    expect(f.unseenShare).toBe(0);
    expect(f.scoreMargin).toBeCloseTo(0.6, 5);
    expect(f.agreement, 'both top passages come from document A').toBe(1);
    expect(f.docMargin).toBe(1);
  });

  it('sees words the index has never seen and a top passage from a split field', () => {
    const f = features('giá vàng hôm nay con dấu', [{ r: 2, s: 3, cov: 0.3 }, { r: 0, s: 2.5, cov: 0.1 }]);
    expect(f.unseenShare).toBeGreaterThan(0.5);
    expect(f.contentCoverage).toBeLessThan(0.5);
    expect(f.docMargin).toBeCloseTo(1 / 6, 5);
  });

  it('does not count "bây giờ" or "hiện nay" as words the passage must hold, typed either way', () => {
    const ranked = [{ r: 0, s: 5, cov: 0.9 }];
    for (const q of ['bây giờ thời hạn giải quyết hồ sơ là bao lâu', 'thoi han giai quyet ho so hien nay la bao lau']) {
      const f = features(q, ranked);
      expect(f.contentCoverage, q).toBe(1);
      expect(f.bigramCoverage, q).toBe(1);
      expect(f.unseenShare, q).toBe(0);
    }
  });

  it('does not count the "mấy" of a count as a word the passage must hold, typed either way; "máy" stays a word', () => {
    const ranked = [{ r: 0, s: 5, cov: 0.9 }];
    for (const q of ['thời hạn giải quyết hồ sơ là mấy ngày', 'thoi han giai quyet ho so la may ngay']) {
      const f = features(q, ranked);
      expect(f.contentCoverage, q).toBe(1);
      expect(f.bigramCoverage, q).toBe(1);
    }
    expect(features('thoi han giai quyet ho so may tinh', ranked).contentCoverage).toBeLessThan(1);
  });

  it('is all zero on the passage side when nothing was found', () => {
    const f = features('thời hạn', []);
    expect([f.coverage, f.contentCoverage, f.agreement, f.scoreMargin]).toEqual([0, 0, 0, 0]);
  });
});

describe('ConfidenceModel', () => {
  const zero = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as unknown as ConfidenceFeatures;
  it('gives a higher probability to stronger evidence (the shipped model)', () => {
    const common = { ...zero, contentWords: Math.log(5), indexSize: 2 };
    const weak = DEFAULT_CONFIDENCE_MODEL.probability({ ...common, coverage: 0.2, contentCoverage: 0.2, bigramCoverage: 0.1, heuristic: 0.2, agreement: 0.3, top3Coverage: 0.25, docCoverage: 0.3, keyCoverage: 0, missingKey: 1, scoreMargin: 0.05, docMargin: 0.05 });
    const strong = DEFAULT_CONFIDENCE_MODEL.probability({ ...common, coverage: 0.9, contentCoverage: 1, bigramCoverage: 0.9, heuristic: 0.9, agreement: 1, top3Coverage: 0.9, docCoverage: 1, keyCoverage: 1, titleCoverage: 0.6, scoreMargin: 0.5, docMargin: 0.6 });
    expect(strong).toBeGreaterThan(weak);
    expect(strong).toBeGreaterThan(DEFAULT_CONFIDENCE_MODEL.threshold);
    expect(weak).toBeLessThan(DEFAULT_CONFIDENCE_MODEL.threshold);
  });

  it('computes σ(b + Σ w·(x − mean)/scale) and explains it by contribution', () => {
    const m = new ConfidenceModel({ features: ['coverage'], mean: [0.5], scale: [0.25], weights: [2], intercept: 0, threshold: 0.5, fitted: {} });
    expect(m.probability({ ...zero, coverage: 0.75 })).toBeCloseTo(1 / (1 + Math.exp(-2)), 4);
    expect(m.contributions({ ...zero, coverage: 0.75 })).toEqual({ coverage: 2 });
  });

  it('refuses a model that names an unknown feature', () => {
    expect(() => new ConfidenceModel({ features: ['nope'], mean: [0], scale: [1], weights: [1], intercept: 0, threshold: 0.5, fitted: {} })).toThrow(/unknown feature "nope"/);
  });
});

describe('TitleMatcher', () => {
  const m = new TitleMatcher([
    { number: '01/2011/QH13', title: 'Luật Lưu trữ 2011', status: 'unknown' },
    { number: '91/2015/QH13', title: 'Bộ luật Dân sự 2015', status: 'unknown' },
    { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force' },
  ]);
  it('finds indexed laws named by title, in any case', () => {
    expect([...m.match('Theo Luật Lưu trữ, tài liệu được bảo quản thế nào?').found]).toEqual([0]);
    expect([...m.match('theo bộ luật dân sự 2015 thì sao').found]).toEqual([1]);
  });
  it('says when a capitalised law name is not indexed, and ignores loose talk', () => {
    expect(m.match('Theo Luật Trồng trọt, giống cây trồng là gì?').missing).toBe(true);
    expect(m.match('luật đất đai quy định gì').missing).toBe(false);
    expect(m.match('Luật này áp dụng cho ai').missing).toBe(false);
  });
  it('reads a lower-case law name followed by its year as a title', () => {
    expect(m.match('luật đất đai 2024 quy định gì về thu hồi đất').missing, 'a name and a year is a title').toBe(true);
    expect(m.match('luật lưu trữ 2011 quy định gì').missing, 'an indexed law named with its year').toBe(false);
    expect(m.match('luật mới năm 2025 có gì khác').missing, 'a generic word before the year is no name').toBe(false);
  });
  it('does not read "kỷ luật" or "pháp luật" followed by words and a year as a law', () => {
    expect(m.match('cong chuc bi ky luat khien trach nam 2025 roi thi sang nam 2026 co bi xep loai khong').missing).toBe(false);
    expect(m.match('công chức bị kỷ luật khiển trách năm 2025 thì sao').missing).toBe(false);
    expect(m.match('văn bản Pháp luật Việt Nam năm 2024 quy định').missing).toBe(false);
    expect(m.match('theo luat dat dai 2024 thi sao').missing, 'a law typed without marks is still read').toBe(true);
  });
});

describe('confidenceFeatures on words as typed and over the top document', () => {
  const typed = (q: string) => {
    const a = analyzer.analyzeQuery(q);
    return a.exactTerms.filter((t) => !t.includes(' ') && !['là', 'bao', 'lâu'].includes(t));
  };
  it('counts a word typed with tone marks as unseen when only another word with the same letters is indexed', () => {
    // "hạn" is indexed; "hàn" (to weld) is not, though both fold to "han".
    const f = confidenceFeatures({
      index, foldedWords: analyzer.analyzeQuery('thời hàn').foldedWords, ranked: [{ r: 0, s: 5, cov: 0.9 }],
      docOf: (r) => (r < 2 ? 0 : 1), headingOf: (r) => records[r].heading, namedDocs: new Set(), namedMissing: false,
      faqSimilarity: 0, heuristic: 0.5, typedTerms: typed('thời hàn'),
    });
    expect(f.unseenShare, 'folded, "han" is known').toBe(0);
    expect(f.unseenTyped, 'as typed, "hàn" is not: typedTerms probably ignored').toBeGreaterThan(0.4);
  });

  it('finds words in other retrieved passages of the top document, and weighs the most specific one missing', () => {
    const q = 'thời hạn nộp hồ sơ bưu chính con dấu';
    const f = features(q, [{ r: 0, s: 5, cov: 0.5 }, { r: 1, s: 3, cov: 0.4 }, { r: 2, s: 1, cov: 0.2 }]);
    expect(f.docCoverage, '"bưu chính" is in passage 1 of the same document').toBeGreaterThan(f.contentCoverage);
    expect(f.docCoverage, '"con dấu" is only in document B').toBeLessThan(1);
    expect(f.missingKey).toBeGreaterThan(0);
    const all = features('thời hạn nộp hồ sơ bưu chính', [{ r: 0, s: 5, cov: 0.5 }, { r: 1, s: 3, cov: 0.4 }]);
    expect(all.docCoverage).toBe(1);
    expect(all.missingKey).toBe(0);
  });
});

describe('confidenceFeatures on a yes-or-no question', () => {
  const ranked = [{ r: 0, s: 5, cov: 0.9 }];
  const yesNo = (asked: boolean, summary: boolean) =>
    confidenceFeatures({
      index, foldedWords: analyzer.analyzeQuery('hồ sơ có nộp qua bưu chính được không').foldedWords, ranked,
      docOf: (r) => (r < 2 ? 0 : 1), headingOf: (r) => records[r].heading, namedDocs: new Set(), namedMissing: false,
      faqSimilarity: 0, heuristic: 0.5, yesNo: asked, isSummary: () => summary,
    }).yesNo;
  it('is 1 only when the question asks yes or no and the top passage is from a team summary', () => {
    expect(yesNo(true, true)).toBe(1);
    expect(yesNo(true, false), 'a statute passage').toBe(0);
    expect(yesNo(false, true), 'not a yes-or-no question').toBe(0);
  });

  it('raises the shipped confidence of a yes-or-no question answered from a summary', () => {
    const base = features('hồ sơ có nộp qua bưu chính được không', ranked);
    expect(DEFAULT_CONFIDENCE_MODEL.probability({ ...base, yesNo: 1 })).toBeGreaterThan(DEFAULT_CONFIDENCE_MODEL.probability({ ...base, yesNo: 0 }));
  });
});

describe('confidenceFeatures on a definition question', () => {
  const ranked = [{ r: 0, s: 5, cov: 0.9 }];
  const defines = (top: boolean | undefined) =>
    confidenceFeatures({
      index, foldedWords: analyzer.analyzeQuery('biệt phái là gì').foldedWords, ranked,
      docOf: (r) => (r < 2 ? 0 : 1), headingOf: (r) => records[r].heading, namedDocs: new Set(), namedMissing: false,
      faqSimilarity: 0, heuristic: 0.5, ...(top === undefined ? {} : { definesAsked: () => top }),
    }).definesAsked;
  it('is 1 only when the top passage defines the asked term', () => {
    expect(defines(true)).toBe(1);
    expect(defines(false), 'a passage that does not define it').toBe(0);
    expect(defines(undefined), 'no definition asked').toBe(0);
  });

  it('raises the shipped confidence of a definition question whose top passage defines the term', () => {
    const base = features('biệt phái là gì', ranked);
    expect(DEFAULT_CONFIDENCE_MODEL.probability({ ...base, definesAsked: 1 })).toBeGreaterThan(DEFAULT_CONFIDENCE_MODEL.probability({ ...base, definesAsked: 0 }));
  });
});
