import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../common/errors.js';
import { sharedDir } from '../../test/support/shared.js';
import { emptyGlossary, findAbbreviationCandidates, glossaryCandidates, parseGlossary } from './glossary.js';

function corpusFiles(): Array<[string, string]> {
  const dir = sharedDir('corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

describe('parseGlossary', () => {
  it('reads the documented format', () => {
    const { glossary, problems } = parseGlossary(
      [
        'abbreviations:',
        '  CCHC: [cải cách hành chính]',
        '  NĐ: [nghị định]',
        '  TTg: ["Thủ tướng Chính phủ", "Thủ tướng"]',
        '  "TN&TKQ": ["tiếp nhận và trả kết quả"]',
        'synonyms:',
        '  - [một cửa, bộ phận một cửa, bộ phận tiếp nhận và trả kết quả]',
        '  - ["cán bộ, công chức", cbcc]',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect([...glossary.abbreviations]).toEqual([
      ['CCHC', ['cải cách hành chính']],
      ['NĐ', ['nghị định']],
      ['TTg', ['Thủ tướng Chính phủ', 'Thủ tướng']],
      ['TN&TKQ', ['tiếp nhận và trả kết quả']],
    ]);
    expect(glossary.synonymGroups).toEqual([
      ['một cửa', 'bộ phận một cửa', 'bộ phận tiếp nhận và trả kết quả'],
      ['cán bộ, công chức', 'cbcc'],
    ]);
  });

  it('normalises to NFC, collapses spaces and drops duplicate phrases', () => {
    const yaml = `abbreviations:\n  UBND: ["${'Ủy ban  nhân dân'.normalize('NFD')}", "ủy ban nhân dân", " Ủy ban nhân dân "]\n`;
    const { glossary } = parseGlossary(yaml);
    expect(glossary.abbreviations.get('UBND')).toEqual(['Ủy ban nhân dân']);
  });

  it.each([
    [''],
    ['# only comments\n'],
    ['abbreviations:\nsynonyms:\n'],
  ])('gives an empty glossary without problems for %j', (yaml) => {
    const { glossary, problems } = parseGlossary(yaml);
    expect(problems).toEqual([]);
    expect(glossary).toEqual(emptyGlossary());
  });

  const bad: Array<[string, string, RegExp, number, number]> = [
    ['an empty expansion list', 'abbreviations:\n  CCHC: []\n  TTHC: [thủ tục hành chính]\n', /abbreviations\.CCHC \(line 2\) needs at least one full form/, 1, 0],
    ['a number as expansion', 'abbreviations:\n  X: [12]\n  TTHC: [thủ tục hành chính]\n', /abbreviations\.X \(line 2\): item 1 is not a non-empty phrase/, 1, 0],
    ['a mapping as expansion', 'abbreviations:\n  X: {a: b}\n  TTHC: [thủ tục hành chính]\n', /abbreviations\.X \(line 2\) must be a list of phrases/, 1, 0],
    ['a null expansion', 'abbreviations:\n  X:\n  TTHC: [thủ tục hành chính]\n', /abbreviations\.X.* must be a list of phrases/, 1, 0],
    ['a one-phrase synonym group', 'synonyms:\n  - [một cửa]\n  - [a, b]\n', /synonyms\[1\] \(line 2\) needs at least two different phrases/, 0, 1],
    ['a synonym group that is a string', 'synonyms:\n  - một cửa, bộ phận một cửa\n  - [a, b]\n', /synonyms\[1\] \(line 2\) needs at least two/, 0, 1],
    ['an unknown top-level key', 'abbreviation:\n  X: [y]\nsynonyms:\n  - [a, b]\n', /unknown top-level key "abbreviation" \(line 1\)/, 0, 1],
    ['synonyms as a mapping', 'synonyms:\n  a: b\nabbreviations:\n  TTHC: [thủ tục hành chính]\n', /"synonyms" \(line 2\) must be a list of groups/, 1, 0],
  ];
  it.each(bad)('reports %s and keeps the good entries', (_name, yaml, message, abbreviations, groups) => {
    const { glossary, problems } = parseGlossary(yaml);
    expect(problems.join('\n')).toMatch(message);
    expect(glossary.abbreviations.size, 'good abbreviations must survive a bad one').toBe(abbreviations);
    expect(glossary.synonymGroups, 'good groups must survive a bad one').toHaveLength(groups);
  });

  it('accepts a lone string as a one-item list', () => {
    const { glossary, problems } = parseGlossary('abbreviations:\n  CCHC: cải cách hành chính\n');
    expect(problems).toEqual([]);
    expect(glossary.abbreviations.get('CCHC')).toEqual(['cải cách hành chính']);
  });

  it('merges an abbreviation listed twice and names both lines', () => {
    const { glossary, problems } = parseGlossary('abbreviations:\n  CT: [chỉ thị]\n  TT: [thông tư]\n  CT: [chủ tịch, chỉ thị]\n');
    expect(glossary.abbreviations.get('CT')).toEqual(['chỉ thị', 'chủ tịch']);
    expect(problems).toEqual(['abbreviations.CT (line 4) repeats the entry (line 2); the full forms were merged']);
  });

  it('reports a root that is not a mapping', () => {
    const { glossary, problems } = parseGlossary('- [a, b]\n');
    expect(glossary).toEqual(emptyGlossary());
    expect(problems[0]).toMatch(/must be a mapping/);
  });

  it.each([
    ['abbreviations:\n  CCHC: [cải cách\n  TTHC: [x]\n', /line \d+, column \d+/],
    ['abbreviations:\n\tCCHC: [a]\n', /line 2, column 1/],
    ['synonyms:\n  - [a, b]\n - [c, d]\n', /line 3/],
  ])('throws INVALID_INPUT with the position on a YAML syntax error (%j)', (yaml, where) => {
    let thrown: unknown;
    try {
      parseGlossary(yaml);
    } catch (err: unknown) {
      thrown = err;
    }
    expect(thrown, 'a syntax error must throw, not be reported as a problem').toBeInstanceOf(AppError);
    const err = thrown as AppError;
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.detail).toMatch(/^glossary YAML syntax error at /);
    expect(err.detail).toMatch(where);
  });
});

describe('findAbbreviationCandidates', () => {
  const table: Array<[string, string, string]> = [
    ['Ủy ban nhân dân (UBND) tỉnh ban hành', 'UBND', 'Ủy ban nhân dân'],
    ['đối với cán bộ, công chức, viên chức (sau đây gọi là CBCCVC) được giao', 'CBCCVC', 'cán bộ, công chức, viên chức'],
    ['Thủ tục hành chính (TTHC) được công bố', 'TTHC', 'Thủ tục hành chính'],
    ['tại Hội đồng nhân dân (HĐND) cấp tỉnh', 'HĐND', 'Hội đồng nhân dân'],
    ['kiện toàn Hội đồng nhân dân (HDND)', 'HDND', 'Hội đồng nhân dân'],
    ['của Bộ Lao động - Thương binh và Xã hội (BLĐTBXH)', 'BLĐTBXH', 'Bộ Lao động - Thương binh và Xã hội'],
    ['ứng dụng công nghệ thông tin (sau đây viết tắt là CNTT)', 'CNTT', 'công nghệ thông tin'],
    ['nộp tại Bộ phận Một cửa (gọi tắt là BPMC)', 'BPMC', 'Bộ phận Một cửa'],
    ['theo Nghị quyết của Uỷ ban nhân dân (UBND)', 'UBND', 'Uỷ ban nhân dân'],
    ['đẩy mạnh cải cách hành chính (CCHC)', 'CCHC', 'cải cách hành chính'],
  ];
  it.each(table)('finds the pair in "%s"', (text, abbreviation, expansion) => {
    expect(findAbbreviationCandidates(text), 'initials must match the shortest run of words before "("').toEqual([
      { abbreviation, expansion, count: 1 },
    ]);
  });

  it.each([
    ['vốn hỗ trợ phát triển chính thức (ODA)'],
    ['dự án xây dựng - chuyển giao (BT)'],
    ['dung lượng từ 05 gigabyte (GB)'],
    ['Phân tích nguy cơ và kiểm soát điểm tới hạn (HACCP)'],
    ['Xã, phường, thị trấn (sau đây gọi chung là cấp xã)'],
    ['Ủy ban nhân dân (Ủy ban)'],
    ['qua Internet (IN)'], // initials do not match
    ['Internet (IN)'], // one word cannot make a two-letter abbreviation
    ['công (ghi chú) hành (CH)'], // "chú hành" would fit, but "(ghi chú)" ends the clause
    ['công. Hành (CH)'], // a full form does not cross a sentence end
  ])('finds nothing in "%s"', (text) => {
    expect(findAbbreviationCandidates(text)).toEqual([]);
  });

  it('counts repeated definitions, keeps the most frequent spelling and sorts by count', () => {
    const text = [
      'Thủ tục hành chính (TTHC) a.',
      'Ủy ban nhân dân (UBND) b.',
      'trình ủy ban nhân dân (UBND) c.',
      'trình Ủy ban nhân dân (UBND) d.',
    ].join('\n');
    expect(findAbbreviationCandidates(text)).toEqual([
      { abbreviation: 'UBND', expansion: 'Ủy ban nhân dân', count: 3 },
      { abbreviation: 'TTHC', expansion: 'Thủ tục hành chính', count: 1 },
    ]);
  });

  it('finds no abbreviation in the real "(sau đây gọi …)" clauses of the corpus', () => {
    let clauses = 0;
    for (const [file, text] of corpusFiles()) {
      clauses += (text.match(/\(sau đây gọi/g) ?? []).length;
      expect(findAbbreviationCandidates(text), `${file}: a "(sau đây gọi chung là cấp xã)" kind of clause was taken for an abbreviation`).toEqual([]);
    }
    expect(clauses, 'the corpus should hold real "(sau đây gọi …)" clauses to test against').toBeGreaterThan(20);
  });

  it('finds definitions added to real corpus sentences, with the real wording as the full form', () => {
    const [, luatTcd] = corpusFiles().find(([f]) => f === '42-2013-QH13.txt') ?? ['', ''];
    const lines = luatTcd.split('\n').filter((l) => /Ủy ban nhân dân /.test(l));
    expect(lines.length, '42-2013-QH13.txt (Luật Tiếp công dân) should mention "Ủy ban nhân dân"').toBeGreaterThan(10);
    const edited = lines.map((l) => l.replace('Ủy ban nhân dân ', 'Ủy ban nhân dân (UBND) ')).join('\n');
    const found = findAbbreviationCandidates(edited);
    expect(found).toEqual([{ abbreviation: 'UBND', expansion: 'Ủy ban nhân dân', count: lines.length }]);
  });
});

describe('glossaryCandidates', () => {
  const text = [
    'Ủy ban nhân dân (UBND) tỉnh.',
    'Thủ tục hành chính (TTHC).',
    'Bộ phận Một cửa (BPMC).',
    'Trung tâm Phục vụ hành chính công (TTPVHCC).',
    'chuyển đổi số (CĐS).',
    'cán bộ, công chức (sau đây gọi là CBCC).',
  ].join('\n');

  it('returns everything for an empty glossary', () => {
    expect(glossaryCandidates(text, emptyGlossary()).map((c) => c.abbreviation)).toEqual(['UBND', 'TTHC', 'BPMC', 'TTPVHCC', 'CĐS', 'CBCC']);
  });

  it('leaves out pairs the glossary holds, comparing folded, and keeps a new meaning of a known abbreviation', () => {
    const { glossary } = parseGlossary(
      [
        'abbreviations:',
        '  UBND: ["Uỷ ban nhân dân"]', // old tone placement still matches "Ủy"
        '  TTHC: ["thủ tục hành chính"]', // case differs
        '  CDS: ["chuyen doi so"]', // typed without diacritics
        '  BPMC: ["bộ phận mua chung"]', // a different meaning: the document's one is new
        'synonyms:',
        '  - ["cán bộ, công chức", "cbcc"]', // pair known through a synonym group
      ].join('\n'),
    );
    expect(glossaryCandidates(text, glossary)).toEqual([
      { abbreviation: 'BPMC', expansion: 'Bộ phận Một cửa', count: 1 },
      { abbreviation: 'TTPVHCC', expansion: 'Trung tâm Phục vụ hành chính công', count: 1 },
    ]);
  });
});
