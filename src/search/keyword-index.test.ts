import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { KeywordIndex } from './keyword-index.js';
import { buildQueryTerms } from './query-terms.js';

const analyzer = new Analyzer();
const records = [
  { doc: '61/2018/NĐ-CP Nghị định về cơ chế một cửa', heading: 'Điều 3. Giải thích từ ngữ', body: 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ, giải quyết và trả kết quả.' },
  { doc: '30/2020/NĐ-CP Nghị định về công tác văn thư', heading: 'Điều 8. Thể thức văn bản', body: 'Thể thức văn bản hành chính gồm quốc hiệu, tiêu ngữ, số và ký hiệu.' },
  { doc: '42/2022/NĐ-CP Nghị định về dịch vụ công trực tuyến', heading: 'Điều 11. Dịch vụ công trực tuyến', body: 'Dịch vụ công trực tuyến toàn trình và một phần.' },
  { doc: 'Văn bản khác', heading: 'Điều 1. Phạm vi', body: 'Quy định về thuỷ lợi và hoà giải ở cơ sở.' },
];
const index = KeywordIndex.build(records, analyzer);
const top = (q: string) => index.search(buildQueryTerms(analyzer.analyzeQuery(q)), 3).map(([r]) => r);

describe('KeywordIndex', () => {
  it('ranks the record that matches the question first', () => {
    expect(top('cơ chế một cửa là gì')[0]).toBe(0);
    expect(top('thể thức văn bản hành chính')[0]).toBe(1);
  });

  it('finds text typed without diacritics', () => {
    expect(top('co che mot cua')[0]).toBe(0);
    expect(top('dich vu cong truc tuyen toan trinh')[0]).toBe(2);
  });

  it('matches old and new tone placement', () => {
    expect(top('thủy lợi hòa giải')[0]).toBe(3);
  });

  it('ranks an exact-diacritic match above a folded-only one', () => {
    const idx = KeywordIndex.build(
      [
        { doc: '', heading: '', body: 'bàn giao tài liệu' },
        { doc: '', heading: '', body: 'bản giao tài liệu' },
      ],
      analyzer,
    );
    const hits = idx.search(buildQueryTerms(analyzer.analyzeQuery('bản giao')), 2);
    expect(hits[0][0]).toBe(1);
    expect(hits[1][0], 'the folded match is still found').toBe(0);
  });

  it('returns nothing for words it has never seen', () => {
    expect(top('xyzzy qwerty')).toEqual([]);
  });

  it('round-trips through toData/fromData with identical results', () => {
    const copy = KeywordIndex.fromData(index.toData());
    const q = buildQueryTerms(analyzer.analyzeQuery('dịch vụ công'));
    expect(copy.search(q, 4)).toEqual(index.search(q, 4));
  });

  it('reports term statistics', () => {
    expect(index.df('~mot cua')).toBe(1);
    expect(index.df('~dich vu')).toBe(1);
    expect(index.idf('~mot cua')).toBeGreaterThan(0);
    expect(index.termScore('~mot cua', 0)).toBeGreaterThan(0);
    expect(index.termScore('~mot cua', 1)).toBe(0);
  });
});
