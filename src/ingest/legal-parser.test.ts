import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseLegalText, collectArticles } from './legal-parser.js';
import type { DocumentMeta, LegalUnit } from './legal-unit.js';
import { REPO_ROOT, sharedDir } from '../../test/support/shared.js';

const KNOWLEDGE = join(REPO_ROOT, 'knowledge');

const meta: DocumentMeta = { number: '', title: 'Test', status: 'unknown' };
const parse = (text: string) => parseLegalText(text, { id: 't', meta });

describe('parseLegalText on table cases', () => {
  it('builds Chương > Điều > Khoản > Điểm with headings in capitals on the next line', () => {
    const doc = parse(
      ['Chương I', 'NHỮNG QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi điều chỉnh', 'Nghị định này quy định:', '1. Việc tiếp nhận hồ sơ;', 'a) Trực tiếp;', 'b) Qua dịch vụ bưu chính;', 'đ) sai thứ tự', '2. Việc trả kết quả.'].join('\n'),
    );
    const chapter = doc.units[0];
    expect(chapter).toMatchObject({ kind: 'chapter', number: 'I', heading: 'NHỮNG QUY ĐỊNH CHUNG' });
    const art = chapter.children[0];
    expect(art).toMatchObject({ kind: 'article', number: '1', heading: 'Phạm vi điều chỉnh', text: 'Nghị định này quy định:' });
    expect(art.children.map((c) => c.number)).toEqual(['1', '2']);
    const points = art.children[0].children;
    expect(points.map((p) => p.number), 'a point out of sequence ("đ" after "b") is text, not a point').toEqual(['a', 'b']);
    expect(points[1].text).toContain('sai thứ tự');
  });

  it.each([
    ['Điều 5a. Quy định bổ sung', '5a', 'Quy định bổ sung'],
    ['ĐIỀU 7. HIỆU LỰC THI HÀNH', '7', 'HIỆU LỰC THI HÀNH'],
    ['Điều 12: Trách nhiệm thi hành', '12', 'Trách nhiệm thi hành'],
    ['Điều 3.Giải thích từ ngữ', '3', 'Giải thích từ ngữ'],
  ])('reads the article line "%s"', (line, number, heading) => {
    const [art] = collectArticles(parse(line).units);
    expect(art).toMatchObject({ number, heading });
  });

  it('does not take "Điều 5 của Luật này" in running text as an article', () => {
    const doc = parse('Điều 1. A\nĐiều 5 của Luật này được áp dụng.');
    expect(collectArticles(doc.units)).toHaveLength(1);
  });

  it('does not take a wrapped line starting with a year as a clause', () => {
    const doc = parse('Điều 1. Hiệu lực\n1. Nghị định có hiệu lực từ ngày 01 tháng 7 năm\n2025. Các quy định trước đây hết hiệu lực.\n2. Bộ trưởng chịu trách nhiệm.');
    const [art] = collectArticles(doc.units);
    expect(art.children.map((c) => c.number)).toEqual(['1', '2']);
    expect(art.children[0].text).toContain('2025.');
  });

  it('joins an article heading wrapped onto the next line (PDF extraction)', () => {
    const [art] = collectArticles(parse('Điều 9. Trách nhiệm của cơ quan, tổ chức trong việc\ntiếp nhận hồ sơ\n1. Nội dung.').units);
    expect(art.heading).toBe('Trách nhiệm của cơ quan, tổ chức trong việc tiếp nhận hồ sơ');
  });

  it('warns about repeated articles and about documents with no article', () => {
    expect(parse('Điều 1. A\nĐiều 1. A').warnings.join()).toMatch(/Điều 1 appears more than once/);
    expect(parse('I. MỤC ĐÍCH\n1. Nội dung').warnings.join()).toMatch(/no Điều/);
  });

  it('stops at the signature block ("Nơi nhận:")', () => {
    const [art] = collectArticles(parse('Điều 1. A\nNội dung.\nNơi nhận:\n- Như Điều 3;').units);
    expect(art.text).toBe('Nội dung.');
  });
});

describe('parseLegalText on the summary markers of team summaries', () => {
  it('stores a "Tương ứng văn bản gốc:" line right after an article heading as its official reference', () => {
    const [art] = collectArticles(parse('Điều 12. Trách nhiệm\nTương ứng văn bản gốc: Khoản 1, 3, 5 Điều 12.\nNội dung tóm lược.').units);
    expect(art.officialRef).toBe('Khoản 1, 3, 5 Điều 12');
    expect(art.text, 'the reference line is not part of the quoted text').toBe('Nội dung tóm lược.');
  });

  it('keeps a reference line that does not follow the heading as ordinary text', () => {
    const [art] = collectArticles(parse('Điều 12. Trách nhiệm\nNội dung.\nTương ứng văn bản gốc: Điều 12.').units);
    expect(art.officialRef).toBeUndefined();
    expect(art.text).toContain('Tương ứng văn bản gốc');
  });

  it('reads "Tóm lược: <title>" as an unnumbered section, numbered t1, t2 in order', () => {
    const doc = parse('Tóm lược: Phạm vi áp dụng\nĐoạn một.\nTóm lược: Hồ sơ điện tử\nTương ứng văn bản gốc: Khoản 1 Điều 16.\nĐoạn hai.');
    const arts = collectArticles(doc.units);
    expect(arts.map((a) => [a.number, a.heading, a.topic])).toEqual([
      ['t1', 'Phạm vi áp dụng', true],
      ['t2', 'Hồ sơ điện tử', true],
    ]);
    expect(arts[1]).toMatchObject({ officialRef: 'Khoản 1 Điều 16', text: 'Đoạn hai.' });
    expect(doc.warnings).toEqual([]);
  });

  it('parses every shipped summary without warnings and without a stray reference line', () => {
    for (const file of readdirSync(KNOWLEDGE).filter((f) => f.endsWith('.md') && !['README.md', 'SOURCES.md'].includes(f))) {
      const body = readFileSync(join(KNOWLEDGE, file), 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
      const doc = parse(body);
      expect(doc.warnings, file).toEqual([]);
      for (const a of collectArticles(doc.units)) {
        expect(JSON.stringify(a), `${file} Điều ${a.number}: "Tương ứng văn bản gốc" must come right after the heading`).not.toContain('Tương ứng văn bản gốc');
      }
    }
  });
});

describe('parseLegalText on the real statutes in shared/corpus', () => {
  const dir = sharedDir('corpus');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));

  it.each(files)('%s: finds every "Điều N." heading line, in order, once', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const expected = [...text.matchAll(/^Điều (\d+[a-z]?)\./gmu)].map((m) => m[1]);
    const doc = parse(text);
    const got = collectArticles(doc.units).map((a) => a.number);
    expect(got, 'help: the article regex or the trailer detection probably broke').toEqual(expected);
    expect(doc.warnings).toEqual([]);
  });

  it('reads Phần / Chương / Mục in the Luật Xử lý vi phạm hành chính (Chương restarts in each Phần)', () => {
    const doc = parse(readFileSync(join(dir, '15-2012-QH13.txt'), 'utf8'));
    const parts = doc.units.filter((u) => u.kind === 'part');
    expect(parts.length).toBeGreaterThanOrEqual(5);
    const firstChapters = parts.map((p) => p.children.find((c) => c.kind === 'chapter')?.number);
    expect(firstChapters.filter((n) => n === 'I').length, 'each Phần starts again at Chương I').toBeGreaterThanOrEqual(3);
    const sections = parts.flatMap((p) => p.children.flatMap((c) => c.children)).filter((u) => u.kind === 'section');
    expect(sections.length).toBeGreaterThan(0);
  });

  it('finds clauses and points of Luật Cán bộ, công chức Điều 4', () => {
    const doc = parse(readFileSync(join(dir, '22-2008-QH12.txt'), 'utf8'));
    const art4 = collectArticles(doc.units).find((a) => a.number === '4') as LegalUnit;
    expect(art4.heading).toBe('Cán bộ, công chức');
    expect(art4.children.map((c) => c.number)).toEqual(['1', '2', '3']);
  });
});
