import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../test/support/shared.js';
import {
  canonicalDocNumber,
  DOC_TYPES,
  docTypeByName,
  findDocNumbers,
  foldVietnamese,
  matchesDocNumber,
  parseDocNumber,
  parseBareDocNumbers,
  parseDocReference,
  type DocReference,
} from './doc-number.js';

function corpusText(file: string): string {
  return readFileSync(join(sharedDir('corpus'), file), 'utf8');
}

/** The line of a corpus file that contains `needle`; fails loudly when the corpus changed. */
function corpusLine(file: string, needle: string): string {
  const line = corpusText(file)
    .split('\n')
    .find((l) => l.includes(needle));
  if (!line) throw new Error(`no line with "${needle}" in ${file}. help: the shared corpus changed; pick another line`);
  return line;
}

describe('DOC_TYPES', () => {
  it('lists every type the brief names, each with a folded alias for its name', () => {
    const codes = DOC_TYPES.map((t) => t.code);
    expect(codes).toEqual(['HP', 'BL', 'QH', 'PL', 'NĐ', 'NQ', 'QĐ', 'TT', 'CT', 'CV', 'KH', 'TB', 'VBHN']);
    for (const t of DOC_TYPES) {
      expect(t.aliases, `${t.nameVi}: its folded name must be an alias`).toContain(foldVietnamese(t.nameVi));
      for (const a of t.aliases) expect(a, `${t.code}: aliases must be folded`).toBe(foldVietnamese(a));
    }
  });

  it.each([
    ['Nghị định', 'NĐ'],
    ['nghi dinh', 'NĐ'],
    ['NĐ', 'NĐ'],
    ['Luật', 'QH'],
    ['LUẬT', 'QH'],
    ['Thông tư liên tịch', 'TT'],
    ['Văn bản hợp nhất', 'VBHN'],
  ])('docTypeByName("%s") is %s', (name, code) => {
    expect(docTypeByName(name)?.code).toBe(code);
  });

  it('docTypeByName returns undefined for an unknown type', () => {
    expect(docTypeByName('Tờ trình')).toBeUndefined();
    expect(docTypeByName('Đề án'), 'a scheme is cited by its decision in questions, but is no document type').toBeUndefined();
  });
});

describe('canonicalDocNumber', () => {
  it.each([
    ['61/2018/NĐ-CP', '61/2018/NĐ-CP'],
    ['61/2018/ND-CP', '61/2018/NĐ-CP'],
    ['61 / 2018 / nd - cp', '61/2018/NĐ-CP'],
    ['61/2018/nđ-cp', '61/2018/NĐ-CP'],
    ['61/2018/NÐ-CP', '61/2018/NĐ-CP'], // U+00D0 (Icelandic eth) from legacy fonts
    ['4599/QD-UBND', '4599/QĐ-UBND'],
    ['4599/QĐ – UBND', '4599/QĐ-UBND'],
    ['12/2020/NQ-HDND', '12/2020/NQ-HĐND'],
    ['76/NQ-CP', '76/NQ-CP'],
    ['15/2012/QH13', '15/2012/QH13'],
    ['02/2021/TT-BTC', '02/2021/TT-BTC'],
    ['Số: 02/2021/TT-BTC', '02/2021/TT-BTC'],
    ['  30/2020/NĐ-CP. ', '30/2020/NĐ-CP'],
    ['34/2001/PL-UBTVQH10', '34/2001/PL-UBTVQH10'],
    ['04/2008/UBTVQH12', '04/2008/UBTVQH12'],
    ['123/QĐ-TTG', '123/QĐ-TTg'],
    ['01/VBHN-VPQH', '01/VBHN-VPQH'],
    ['1234/bnv-cchc', '1234/BNV-CCHC'],
    ['03/2015/TTLT-BNV-BTC', '03/2015/TTLT-BNV-BTC'],
    ['12/HD-BNV', '12/HD-BNV'], // HD = Hướng dẫn, not Hợp đồng (HĐ): left alone
  ])('canonicalises "%s" to "%s"', (raw, canonical) => {
    expect(canonicalDocNumber(raw), 'probably broke: Đ/D unification, spacing or the "Số:" prefix').toBe(canonical);
  });

  it.each([
    ['Nghị định 61'],
    ['61/2018'],
    ['61/2018/NĐ'], // type code without an issuer
    ['30/4/2018'],
    ['61/2018/NĐ-CP ngày 23/4/2018'],
    ['Luật CBCC 2008'],
    [''],
    ['1/2 mức lương'],
  ])('returns null for "%s"', (raw) => {
    expect(canonicalDocNumber(raw)).toBeNull();
  });

  it('is idempotent on its own output', () => {
    for (const raw of ['61/2018/nd-cp', '4599/qd-ubnd', '123/QĐ-TTG', '12/2020/NQ-HDND']) {
      const once = canonicalDocNumber(raw)!;
      expect(canonicalDocNumber(once)).toBe(once);
    }
  });
});

describe('parseDocNumber', () => {
  it.each([
    ['61/2018/NĐ-CP', { serial: '61', year: '2018', typeCode: 'NĐ', issuer: 'CP' }],
    ['4599/QĐ-UBND', { serial: '4599', year: undefined, typeCode: 'QĐ', issuer: 'UBND' }],
    ['22/2008/QH12', { serial: '22', year: '2008', typeCode: undefined, issuer: 'QH12' }],
    ['34/2001/PL-UBTVQH10', { serial: '34', year: '2001', typeCode: 'PL', issuer: 'UBTVQH10' }],
    ['03/2015/TTLT-BNV-BTC', { serial: '03', year: '2015', typeCode: 'TT', issuer: 'BNV-BTC' }],
    ['1234/BNV-CCHC', { serial: '1234', year: undefined, typeCode: undefined, issuer: 'BNV-CCHC' }],
  ])('takes "%s" apart', (raw, parts) => {
    expect(parseDocNumber(raw)).toMatchObject(parts);
  });
});

describe('findDocNumbers', () => {
  it.each([
    ['Nghị định số 61/2018/NĐ-CP ngày 23/4/2018', '61/2018/NĐ-CP', 'NĐ', 'CP', 'Nghị định số 61/2018/NĐ-CP'],
    ['theo 61/2018/NĐ-CP.', '61/2018/NĐ-CP', 'NĐ', 'CP', '61/2018/NĐ-CP'],
    ['Quyết định số 4599/QĐ-UBND của Chủ tịch', '4599/QĐ-UBND', 'QĐ', 'UBND', 'Quyết định số 4599/QĐ-UBND'],
    ['Luật số 22/2008/QH12', '22/2008/QH12', 'QH', 'QH12', 'Luật số 22/2008/QH12'],
    ['Nghị quyết số 76/NQ-CP ngày 15/7/2021', '76/NQ-CP', 'NQ', 'CP', 'Nghị quyết số 76/NQ-CP'],
    ['Thông tư 02/2021/TT-BTC quy định', '02/2021/TT-BTC', 'TT', 'BTC', 'Thông tư 02/2021/TT-BTC'],
    ['Nghị định 61/2018/NĐ-CP - Điều 5', '61/2018/NĐ-CP', 'NĐ', 'CP', 'Nghị định 61/2018/NĐ-CP'],
    ['văn bản số 1234/BNV-CCHC gửi các tỉnh', '1234/BNV-CCHC', undefined, 'BNV-CCHC', '1234/BNV-CCHC'],
  ])('finds the number in "%s"', (text, canonical, typeCode, issuer, phrase) => {
    const found = findDocNumbers(text);
    expect(found, 'exactly one number expected').toHaveLength(1);
    const m = found[0];
    expect(m.canonical).toBe(canonical);
    expect(m.typeCode).toBe(typeCode);
    expect(m.issuer).toBe(issuer);
    expect(text.slice(m.start, m.end), 'start/end must cover the number as written').toBe(m.text);
    expect(text.slice(m.phraseStart, m.end), 'phraseStart must include a type name right before').toBe(phrase);
  });

  it.each([
    ['Điều 61. Phạm vi điều chỉnh'],
    ['khoản 2 Điều 5, năm 2018, trong 30 ngày'],
    ['đạt 85%, hotline 0912 345 678, giai đoạn 2022–2030'],
    ['ngày 30/4/2018 và 1/2 mức lương'],
    ['tỷ lệ 5/năm, 3/ngày'],
    ['Nghị định 61 của Chính phủ'],
  ])('finds nothing in "%s"', (text) => {
    expect(findDocNumbers(text)).toEqual([]);
  });

  it('reads the header and the repeal clause of Luật Ban hành VBQPPL (80/2015/QH13)', () => {
    const file = '80-2015-QH13.txt';
    expect(findDocNumbers(corpusLine(file, 'Luật số:')).map((m) => [m.canonical, m.typeCode])).toEqual([['80/2015/QH13', 'QH']]);
    const repeal = corpusLine(file, 'số 17/2008/QH12');
    expect(findDocNumbers(repeal).map((m) => [m.canonical, m.typeCode])).toEqual([
      ['17/2008/QH12', 'QH'],
      ['31/2004/QH11', 'QH'],
    ]);
  });

  it('reads Pháp lệnh numbers with and without a type code (15/2012/QH13, Điều 141)', () => {
    const line = corpusLine('15-2012-QH13.txt', '44/2002/PL-UBTVQH10');
    expect(findDocNumbers(line).map((m) => [m.canonical, m.typeCode, m.issuer])).toEqual([
      ['44/2002/PL-UBTVQH10', 'PL', 'UBTVQH10'],
      ['31/2007/PL-UBTVQH11', 'PL', 'UBTVQH11'],
      ['04/2008/UBTVQH12', 'PL', 'UBTVQH12'],
    ]);
  });

  it('types a QH number from the name before it: Nghị quyết of the QH vs Luật (77/2015/QH13)', () => {
    const line = corpusLine('77-2015-QH13.txt', 'Nghị quyết số 26/2008/QH12');
    const found = findDocNumbers(line);
    expect(found.map((m) => [m.canonical, m.typeCode])).toEqual([
      ['26/2008/QH12', 'NQ'],
      ['724/2009/UBTVQH12', 'NQ'],
      ['11/2003/QH11', 'QH'], // "Luật tổ chức Hội đồng nhân dân và Ủy ban nhân dân số 11/2003/QH11"
      ['26/2008/QH12', 'NQ'],
      ['725/2009/UBTVQH12', 'NQ'],
    ]);
  });

  it('finds every number cited in the corpus, each with offsets that point back at it', () => {
    for (const file of ['01-2011-QH13.txt', '02-2011-QH13.txt', '25-2018-QH14.txt', '42-2013-QH13.txt', '76-2015-QH13.txt']) {
      const text = corpusText(file);
      const expected = [...text.matchAll(/\d+\/\d{4}\/(?:PL-)?(?:UBTV)?QH\d+/g)].map((m) => m[0]);
      const found = findDocNumbers(text);
      expect(found.map((m) => m.canonical), `${file}: grep and findDocNumbers disagree`).toEqual(expected);
      for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });
});

describe('parseDocReference', () => {
  const cases: Array<[string, Partial<DocReference>]> = [
    ['61/2018/NĐ-CP', { serial: '61', year: '2018', typeCode: 'NĐ', canonical: '61/2018/NĐ-CP' }],
    ['nghị định 61', { serial: '61', typeCode: 'NĐ' }],
    ['nghi dinh 61', { serial: '61', typeCode: 'NĐ' }],
    ['NGHỊ ĐỊNH SỐ 61', { serial: '61', typeCode: 'NĐ' }],
    ['NĐ61/2018', { serial: '61', year: '2018', typeCode: 'NĐ' }],
    ['ND 61/2018', { serial: '61', year: '2018', typeCode: 'NĐ' }],
    ['nd 61 2018', { serial: '61', year: '2018', typeCode: 'NĐ' }],
    ['nd 61-2018', { serial: '61', year: '2018', typeCode: 'NĐ' }],
    ['Nghị định 61 năm 2018', { serial: '61', year: '2018', typeCode: 'NĐ' }],
    ['nđ61', { serial: '61', typeCode: 'NĐ' }],
    ['Quyết định 4599', { serial: '4599', typeCode: 'QĐ' }],
    ['qd 4599', { serial: '4599', typeCode: 'QĐ' }],
    ['QĐ 4599/QĐ-UBND', { serial: '4599', typeCode: 'QĐ', canonical: '4599/QĐ-UBND' }],
    ['thông tư 02/2021', { serial: '02', year: '2021', typeCode: 'TT' }],
    ['thong tu 02/2021/tt-btc', { serial: '02', year: '2021', typeCode: 'TT', canonical: '02/2021/TT-BTC' }],
    ['luật 22/2008', { serial: '22', year: '2008', typeCode: 'QH' }],
    ['luat so 22/2008/QH12', { serial: '22', year: '2008', typeCode: 'QH', canonical: '22/2008/QH12' }],
    ['bộ luật 91/2015', { serial: '91', year: '2015', typeCode: 'BL' }],
    ['NQ 76', { serial: '76', typeCode: 'NQ' }],
    ['nghị quyết 76/NQ-CP', { serial: '76', typeCode: 'NQ', canonical: '76/NQ-CP' }],
    ['nghị quyết 51/2001/QH10', { serial: '51', year: '2001', typeCode: 'NQ', canonical: '51/2001/QH10' }],
    ['4599/qd-ubnd', { serial: '4599', typeCode: 'QĐ', canonical: '4599/QĐ-UBND' }],
    ['Quyết định số 2020', { serial: '2020', typeCode: 'QĐ' }],
    ['đề án 4599 áp dụng cho ai', { serial: '4599', typeCode: 'QĐ' }],
    ['de an 4599 co bao nhieu noi dung', { serial: '4599', typeCode: 'QĐ' }],
  ];
  it.each(cases)('reads "%s"', (query, expected) => {
    const refs = parseDocReference(query);
    expect(refs, 'exactly one reference expected').toHaveLength(1);
    expect(refs[0]).toMatchObject(expected);
    if (!expected.year) expect(refs[0].year, 'no year was written').toBeUndefined();
    if (!expected.canonical) expect(refs[0].canonical, 'a partial reference has no canonical form').toBeUndefined();
  });

  it('gives offsets that cover the whole reference in the query as typed', () => {
    const query = 'Cho hỏi Nghị định 61/2018 quy định gì về một cửa?';
    const [ref] = parseDocReference(query);
    expect(query.slice(ref.start, ref.end)).toBe('Nghị định 61/2018');
    const nfd = 'Theo nghị định 61 thì sao'.normalize('NFD');
    const [r2] = parseDocReference(nfd);
    expect(nfd.slice(r2.start, r2.end).normalize('NFC'), 'offsets must map back through decomposed text').toBe('nghị định 61');
  });

  it('finds several references in one query, in order', () => {
    const refs = parseDocReference('NĐ 107/2021 sửa đổi nghị định 61/2018/NĐ-CP thế nào, còn QĐ 4599?');
    expect(refs.map((r) => [r.serial, r.typeCode, r.canonical])).toEqual([
      ['107', 'NĐ', undefined],
      ['61', 'NĐ', '61/2018/NĐ-CP'],
      ['4599', 'QĐ', undefined],
    ]);
  });

  it.each([
    ['Luật CBCC 2008'],
    ['Luật Cán bộ, công chức năm 2008'],
    ['luật 2008 quy định gì'],
    ['Hiến pháp 2013'],
    ['Điều 61 khoản 2'],
    ['năm 2018 có bao nhiêu thủ tục'],
    ['trong 30 ngày'],
    ['đạt 85% trở lên'],
    ['gọi 0912345678 hoặc 024 3825 1234'],
    ['giai đoạn 2022–2030'],
    ['kế hoạch 2022-2030'],
    ['tháng 12/2018 và 61/2018'],
    ['phụ lục PL 1'],
    ['UBND 5 xã'],
    ['nd 85%'],
  ])('finds nothing in "%s"', (query) => {
    expect(parseDocReference(query)).toEqual([]);
  });
});

describe('parseBareDocNumbers', () => {
  it('reads "serial/year" written alone as a number, with its offsets', () => {
    expect(parseBareDocNumbers('107/2021 het hieu luc chua')).toEqual([{ serial: '107', year: '2021', start: 0, end: 8 }]);
    expect(parseBareDocNumbers('cho hỏi 61 / 2018 còn dùng không').map((r) => [r.serial, r.year])).toEqual([['61', '2018']]);
  });

  it('leaves out what may be a month, a date, a full number or a longer token', () => {
    for (const q of ['tháng 12/2025 có gì mới', 'từ 1/7/2025', 'ngày 23/4/2018', '61/2018/NĐ-CP', 'mã 107/2021-abc', 'x107/2021', '107/1890', '107/20215']) {
      expect(parseBareDocNumbers(q), q).toEqual([]);
    }
  });
});

describe('matchesDocNumber', () => {
  const cases: Array<[Omit<DocReference, 'start' | 'end'>, string, boolean]> = [
    [{ serial: '61', typeCode: 'NĐ' }, '61/2018/NĐ-CP', true],
    [{ serial: '61', year: '2018' }, '61/2018/NĐ-CP', true],
    [{ serial: '61', year: '2019' }, '61/2018/NĐ-CP', false],
    [{ serial: '61', typeCode: 'QĐ' }, '61/2018/NĐ-CP', false],
    [{ serial: '62', typeCode: 'NĐ' }, '61/2018/NĐ-CP', false],
    [{ serial: '2', year: '2021', typeCode: 'TT' }, '02/2021/TT-BTC', true],
    [{ serial: '02', typeCode: 'TT' }, '03/2015/TTLT-BNV-BTC', false],
    [{ serial: '03', typeCode: 'TT' }, '03/2015/TTLT-BNV-BTC', true],
    [{ serial: '4599', typeCode: 'QĐ' }, '4599/QĐ-UBND', true],
    [{ serial: '4599', year: '2022', typeCode: 'QĐ' }, '4599/QĐ-UBND', true],
    [{ serial: '76', typeCode: 'NQ' }, '76/NQ-CP', true],
    [{ serial: '22', year: '2008', typeCode: 'QH' }, '22/2008/QH12', true],
    [{ serial: '51', typeCode: 'NQ' }, '51/2001/QH10', true],
    [{ serial: '22', typeCode: 'NĐ' }, '22/2008/QH12', false],
    [{ serial: '04', typeCode: 'PL' }, '04/2008/UBTVQH12', true],
    [{ serial: '1234', typeCode: 'CV' }, '1234/BNV-CCHC', true],
    [{ serial: '1234', typeCode: 'QĐ' }, '1234/BNV-CCHC', false],
    [{ serial: '4599', canonical: '4599/QĐ-UBND' }, '4599/QĐ-UBND', true],
    [{ serial: '4599', canonical: '4599/QĐ-TTg' }, '4599/QĐ-UBND', false],
    [{ serial: '61', typeCode: 'NĐ' }, 'not a number', false],
  ];
  it.each(cases)('%j vs "%s" → %s', (ref, number, expected) => {
    expect(matchesDocNumber({ ...ref, start: 0, end: 0 }, number)).toBe(expected);
  });

  it('matches what parseDocReference reads from real query wordings', () => {
    const docs = ['61/2018/NĐ-CP', '107/2021/NĐ-CP', '4599/QĐ-UBND', '76/NQ-CP', '22/2008/QH12', '02/2021/TT-BTC'];
    const table: Array<[string, string[]]> = [
      ['nghi dinh 61 quy dinh gi', ['61/2018/NĐ-CP']],
      ['nd 107/2021 sửa gì', ['107/2021/NĐ-CP']],
      ['qd 4599 de an', ['4599/QĐ-UBND']],
      ['NQ 76', ['76/NQ-CP']],
      ['luật 22/2008', ['22/2008/QH12']],
      ['thông tư 02', ['02/2021/TT-BTC']],
      ['nghị định 22', []],
    ];
    for (const [query, expected] of table) {
      const refs = parseDocReference(query);
      const hit = docs.filter((d) => refs.some((r) => matchesDocNumber(r, d)));
      expect(hit, `query "${query}"`).toEqual(expected);
    }
  });
});
