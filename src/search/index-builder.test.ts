import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { buildIndexData, CollectedPostings } from './index-builder.js';
import { DEFAULT_BM25 } from './keyword-index.js';
import { TermTable } from './term-table.js';

const analyzer = new Analyzer();
const weightOf = (data: ReturnType<typeof buildIndexData>, term: string, record: number): number => {
  const t = new TermTable(data.terms).get(term);
  for (let i = data.offsets[t]; i < data.offsets[t + 1]; i++) if (data.postings[i] === record) return data.factors[data.factorStart[record] + data.codes[i]];
  return 0;
};

describe('buildIndexData', () => {
  it('lays out postings by term in record order with BM25F factors that grow with the term frequency', () => {
    const data = buildIndexData(
      [
        { doc: 'Nghị định', heading: 'Điều 1', body: 'hồ sơ' },
        { doc: 'Nghị định', heading: 'Điều 2', body: 'hồ sơ hồ sơ hồ sơ' },
        { doc: '', heading: 'hồ sơ', body: 'khác' },
      ],
      analyzer,
      DEFAULT_BM25,
    );
    const t = new TermTable(data.terms).get('~ho');
    expect([...data.postings.subarray(data.offsets[t], data.offsets[t + 1])]).toEqual([0, 1, 2]);
    expect(weightOf(data, '~ho', 1), 'three occurrences weigh more than one').toBeGreaterThan(weightOf(data, '~ho', 0));
    expect(weightOf(data, '~ho', 2), 'a heading occurrence (weight 2.5) outweighs a body one').toBeGreaterThan(weightOf(data, '~ho', 0));
  });

  it('counts each field separately, so a heading term does not leak into the body count', () => {
    const one = buildIndexData([{ doc: '', heading: 'thủ tục', body: 'thủ tục' }], analyzer, DEFAULT_BM25);
    const bodyOnly = buildIndexData([{ doc: '', heading: '', body: 'thủ tục thủ tục' }], analyzer, DEFAULT_BM25);
    expect(weightOf(one, '~thu', 0)).not.toBeCloseTo(weightOf(bodyOnly, '~thu', 0), 5);
  });

  it('saturates a heading count at 255 occurrences instead of overflowing into the next field', () => {
    const many = (n: number) => Array.from({ length: n }, () => 'mẫu').join(' ');
    const at255 = buildIndexData([{ doc: '', heading: many(255), body: 'x' }], analyzer, DEFAULT_BM25);
    const at300 = buildIndexData([{ doc: '', heading: many(300), body: 'x' }], analyzer, DEFAULT_BM25);
    const ids = (d: typeof at255) => [...new TermTable(d.terms).terms()].filter((t) => t !== 'x' && !t.includes('x'));
    expect(ids(at300)).toEqual(ids(at255));
    // One record: every field is of average length, so only the (saturated) count sets the factor.
    expect(weightOf(at300, '~mau', 0), 'the count wrapped into the document-title bits').toBe(weightOf(at255, '~mau', 0));
  });

  it('keeps every factor right when a record has more than 256 distinct term frequencies (two-byte codes)', () => {
    // Word x<i> occurs i times: 300 distinct frequencies in one record.
    const body = Array.from({ length: 300 }, (_, i) => Array.from({ length: i + 1 }, () => `x${i + 1}`).join(' ')).join(' ');
    const data = buildIndexData([{ doc: '', heading: '', body }, { doc: '', heading: '', body: 'x1 x300' }], analyzer, DEFAULT_BM25);
    expect(data.codes, 'codes above 255 need two bytes').toBeInstanceOf(Uint16Array);
    const w = Array.from({ length: 300 }, (_, i) => weightOf(data, `x${i + 1}`, 0));
    for (let i = 1; i < 300; i++) expect(w[i], `x${i + 1} occurs more often than x${i}`).toBeGreaterThan(w[i - 1]);
    expect(weightOf(data, 'x300', 1)).toBe(weightOf(data, 'x1', 1));
  });

  it('keeps every record\'s field lengths when its arrays grow (thousands of records)', () => {
    const same = Array.from({ length: 5000 }, () => ({ doc: 'Nghị định', heading: 'Điều 1', body: 'hồ sơ thủ tục hồ sơ' }));
    const data = buildIndexData(same, analyzer, DEFAULT_BM25);
    const t = new TermTable(data.terms).get('~ho');
    const weights = new Set<number>();
    for (let i = data.offsets[t]; i < data.offsets[t + 1]; i++) weights.add(data.factors[data.factorStart[data.postings[i]] + data.codes[i]]);
    expect(data.offsets[t + 1] - data.offsets[t]).toBe(5000);
    expect([...weights], 'identical records must get identical factors (a lost field length changes the norm)').toHaveLength(1);
  });

  it('gives the same index when records straddle the chunks of the collected postings (read in place or not)', () => {
    const records = Array.from({ length: 60 }, (_, i) => ({ doc: `Nghị định ${i % 5}`, heading: `Điều ${i}`, body: `hồ sơ thủ tục số ${i} cấp xã ${i % 3} lệ phí ${'giấy tờ '.repeat(i % 9)}` }));
    const normal = buildIndexData(records, analyzer, DEFAULT_BM25);
    // Chunks of 16 postings: most records cross a chunk boundary; with 2 inline bits, the side map as well.
    for (const lowTermBits of [24, 2]) {
      const small = buildIndexData(records, analyzer, DEFAULT_BM25, lowTermBits, 6);
      for (const k of ['offsets', 'postings', 'codes', 'factorStart', 'factors', 'idf', 'maxWeight'] as const) expect([...small[k]], `${k} (${lowTermBits} inline bits)`).toEqual([...normal[k]]);
    }
  });

  it('appends a worker batch\'s postings with their term ids mapped and counted, across chunk boundaries', () => {
    const out = new CollectedPostings(24, 4); // chunks of 4 postings
    const src = Uint32Array.from([0, 1, 2, 0, 1, 2, 3], (t, i) => (t << 8) | (i % 3));
    const map = Int32Array.from([7, 3, 9, 0]);
    const counts = new Int32Array(10);
    out.beginRecord();
    out.addPosting(5, 1);
    out.appendMapped(src, 1, 7, map, counts); // six postings from the second on
    out.close();
    expect(Array.from({ length: 7 }, (_, i) => out.termAt(i))).toEqual([5, 3, 9, 7, 3, 9, 0]);
    expect(Array.from({ length: 7 }, (_, i) => out.codeAt(i))).toEqual([1, 1, 2, 0, 1, 2, 0]);
    expect([...counts]).toEqual([1, 0, 0, 2, 0, 0, 0, 1, 0, 2]);
    expect(out.stream.chunks).toHaveLength(2);
  });

  it('gives the same index when term ids do not fit the collected postings inline (high bits kept aside)', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ doc: `Quyết định ${i % 7}`, heading: `Điều ${i}`, body: `hồ sơ thủ tục số ${i} cấp xã ${i % 3} lệ phí` }));
    const normal = buildIndexData(records, analyzer, DEFAULT_BM25);
    // 2 inline bits: every term id from 4 on keeps its high bits in the side map.
    const split = buildIndexData(records, analyzer, DEFAULT_BM25, 2);
    expect(normal.offsets.length, 'enough terms to need the side map').toBeGreaterThan(20);
    expect([...split.offsets]).toEqual([...normal.offsets]);
    expect([...split.postings]).toEqual([...normal.postings]);
    expect([...split.codes]).toEqual([...normal.codes]);
    expect([...split.maxWeight]).toEqual([...normal.maxWeight]);
  });
});
