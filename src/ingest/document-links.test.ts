import { describe, it, expect } from 'vitest';
import { formatLinks, parseDocumentKind, parseDocumentLinks } from './document-links.js';
import { parseFrontMatter } from './front-matter.js';

const NO_FALLBACK = { relPath: 'x.md', firstLines: [] };

describe('parseDocumentKind', () => {
  it.each([
    ['tóm lược', 'summary'],
    ['Tom luoc', 'summary'],
    ['bản tóm tắt', 'summary'],
    ['summary', 'summary'],
    ['văn bản gốc', 'official'],
    ['toàn văn', 'official'],
    ['official', 'official'],
  ] as const)('reads "%s" as %s', (text, kind) => {
    expect(parseDocumentKind(text)).toBe(kind);
  });

  it('returns undefined for anything else', () => {
    expect(parseDocumentKind('hướng dẫn')).toBeUndefined();
  });
});

describe('parseDocumentLinks', () => {
  it('reads numbers in any common spelling with the provisions in parentheses', () => {
    const problems: string[] = [];
    const links = parseDocumentLinks('48/2013/ND-CP (Điều 1); Nghị định 92/2017/NĐ-CP; 118/2025/NĐ-CP (Khoản 5  Điều 40)', 'amended_by', problems);
    expect(links).toEqual([
      { number: '48/2013/NĐ-CP', articles: 'Điều 1' },
      { number: '92/2017/NĐ-CP' },
      { number: '118/2025/NĐ-CP', articles: 'Khoản 5 Điều 40' },
    ]);
    expect(problems).toEqual([]);
    expect(formatLinks(links)).toBe('48/2013/NĐ-CP (Điều 1), 92/2017/NĐ-CP, 118/2025/NĐ-CP (Khoản 5 Điều 40)');
  });

  it('keeps an entry without a recognisable number as written and reports it', () => {
    const problems: string[] = [];
    expect(parseDocumentLinks('luật mới (Điều 2)', 'replaces', problems)).toEqual([{ number: 'luật mới', articles: 'Điều 2' }]);
    expect(problems.join()).toMatch(/replaces entry "luật mới \(Điều 2\)" does not start with a recognisable document number/);
  });
});

describe('parseFrontMatter with kind, links and caution', () => {
  it('fills DocumentMeta from English and Vietnamese keys', () => {
    const { meta, problems } = parseFrontMatter(
      {
        number: '118/2025/NĐ-CP',
        title: 'Nghị định về một cửa',
        'loại bản': 'tóm lược',
        'sửa đổi bởi': '367/2025/NĐ-CP (Điều 1)',
        'thay thế': '61/2018/NĐ-CP; 107/2021/NĐ-CP',
        amends: '45/2020/NĐ-CP (Khoản 8 Điều 40)',
        'lưu ý': '  Đã cập nhật   sửa đổi. ',
      },
      NO_FALLBACK,
    );
    expect(problems).toEqual([]);
    expect(meta).toMatchObject({
      kind: 'summary',
      amendedBy: [{ number: '367/2025/NĐ-CP', articles: 'Điều 1' }],
      replaces: [{ number: '61/2018/NĐ-CP' }, { number: '107/2021/NĐ-CP' }],
      amends: [{ number: '45/2020/NĐ-CP', articles: 'Khoản 8 Điều 40' }],
      caution: 'Đã cập nhật sửa đổi.',
    });
  });

  it('keeps the amendments a summary already includes, and reports one that amended_by does not list', () => {
    const { meta, problems } = parseFrontMatter(
      { number: '63/2010/NĐ-CP', title: 'Nghị định về kiểm soát thủ tục hành chính', amended_by: '48/2013/NĐ-CP (Điều 1); 92/2017/NĐ-CP; 118/2025/NĐ-CP (Khoản 5 Điều 40)', 'đã cập nhật': '48/2013/ND-CP; Nghị định 118/2025/NĐ-CP' },
      NO_FALLBACK,
    );
    expect(problems).toEqual([]);
    expect(meta.consolidated).toEqual(['48/2013/NĐ-CP', '118/2025/NĐ-CP']);
    const stray = parseFrontMatter({ number: '118/2025/NĐ-CP', amended_by: '367/2025/NĐ-CP (Điều 1)', consolidated: '367/2025/NĐ-CP; 999/2026/NĐ-CP' }, NO_FALLBACK);
    expect(stray.meta.consolidated).toEqual(['367/2025/NĐ-CP']);
    expect(stray.problems.join('\n')).toMatch(/consolidated names 999\/2026\/NĐ-CP, which amended_by does not list/u);
  });

  it('reports a kind it does not understand and a document that names itself', () => {
    const { meta, problems } = parseFrontMatter({ number: '1/2025/NĐ-CP', kind: 'nháp', replaces: '1/2025/NĐ-CP' }, NO_FALLBACK);
    expect(meta.kind).toBeUndefined();
    expect(problems.join('\n')).toMatch(/kind "nháp" not understood/);
    expect(problems.join('\n')).toMatch(/names itself/);
  });

  it('leaves the new fields absent when the front matter does not set them (official text by default)', () => {
    const { meta } = parseFrontMatter({ number: '30/2020/NĐ-CP' }, NO_FALLBACK);
    expect(meta.kind).toBeUndefined();
    expect(meta.amendedBy).toBeUndefined();
  });
});
