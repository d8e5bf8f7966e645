import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { KeywordIndex } from './keyword-index.js';
import { buildQueryTerms } from './query-terms.js';
import { isForeign } from './off-topic.js';

const analyzer = new Analyzer();
const index = KeywordIndex.build(
  [
    { doc: 'A', heading: 'Điều 1. Thời hạn giải quyết hồ sơ', body: 'Thời hạn giải quyết hồ sơ là 05 ngày làm việc; công chức vắng mặt phải bàn giao.' },
    { doc: 'A', heading: 'Điều 2. Giá trị của thủ tục', body: 'Tỷ lệ hồ sơ trực tuyến; giá dịch vụ; phí, lệ phí; trợ cấp.' },
    { doc: 'B', heading: 'Điều 1. Con dấu', body: 'Con dấu được quản lý tại văn thư cơ quan; mức độ mật.' },
  ],
  analyzer,
);
const foreign = (q: string) => {
  const a = analyzer.analyzeQuery(q);
  return isForeign(new Map(buildQueryTerms(a).map((t) => [t.term, t.weight])), index, a.accented);
};

describe('isForeign', () => {
  it.each([
    ['giá vàng hôm nay', 'accented words as typed: "vàng" is not the indexed "vắng"'],
    ['mặt giá dấu', 'every word known, none of its two pairs known'],
    ['công thức nấu phở', 'mostly unseen words'],
  ])('calls "%s" foreign (%s)', (q) => {
    expect(foreign(q)).toBe(true);
  });

  it.each([
    ['thời hạn giải quyết hồ sơ bao lâu', 'a question the index answers'],
    ['hồ sơ mất phí không', 'shares the pair "hồ sơ"'],
    ['thoi han giai quyet', 'typed without diacritics'],
    ['con dấu', 'one known pair'],
  ])('leaves "%s" to staff or search (%s)', (q) => {
    expect(foreign(q)).toBe(false);
  });
});

describe('isForeign with the glossary', () => {
  it('does not call a question about a glossary abbreviation foreign ("TTHC là gì")', () => {
    const a = analyzer.analyzeQuery('TTHC là gì');
    const typed = new Map(buildQueryTerms(a).map((t) => [t.term, t.weight]));
    expect(isForeign(typed, index, a.accented), 'an abbreviation the index never writes looks foreign by itself').toBe(true);
    expect(isForeign(typed, index, a.accented, (w) => w === 'tthc')).toBe(false);
  });
});

describe('isForeign with the passage found', () => {
  it('does not call a short question foreign when one passage holds all its words in other pairs ("mực ký màu gì")', () => {
    const a = analyzer.analyzeQuery('mặt giá dấu');
    const typed = new Map(buildQueryTerms(a).map((t) => [t.term, t.weight]));
    expect(isForeign(typed, index, a.accented, () => false, () => false), 'no passage holds them together').toBe(true);
    const seen: string[][] = [];
    expect(isForeign(typed, index, a.accented, () => false, (terms) => (seen.push([...terms]), true))).toBe(false);
    expect(seen[0], 'the content words are asked, not their pairs').toHaveLength(3);
  });
});
