import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../legal-unit.js';
import { splitFrontMatter } from './front-matter.js';
import { loadMarkdown, loadPlainText, stripMarkdownLine } from './markdown-loader.js';
import { expectLoaderContract } from '../../../test/fixtures/loaders/loader-contract.js';

function file(relPath: string, text: string, format: 'md' | 'txt' = 'md'): SourceFile {
  return { relPath, format, bytes: new TextEncoder().encode(text) };
}

describe('splitFrontMatter', () => {
  it('parses "key: value" lines and stringifies the values', () => {
    const split = splitFrontMatter('---\nso_hieu: "30/2020/NĐ-CP"\nnam: 2020\nhieu_luc: true\nthay_the: [a, b]\n---\nBody');
    expect(split.frontMatter).toEqual({ so_hieu: '30/2020/NĐ-CP', nam: '2020', hieu_luc: 'true', thay_the: 'a, b' });
    expect(split.body).toBe('Body');
    expect(split.warnings).toEqual([]);
  });

  it('keeps dates as written', () => {
    expect(splitFrontMatter('---\nngay_ban_hanh: 2020-03-05\n---\n').frontMatter).toEqual({ ngay_ban_hanh: '2020-03-05' });
  });

  it('leaves a file without front matter untouched', () => {
    expect(splitFrontMatter('Điều 1.\n---\nx: y\n---')).toEqual({
      body: 'Điều 1.\n---\nx: y\n---',
      frontMatter: {},
      warnings: [],
    });
  });

  it('removes an invalid block and warns instead of failing', () => {
    const split = splitFrontMatter('---\ntitle: [unclosed\n---\nBody');
    expect(split.body).toBe('Body');
    expect(split.frontMatter).toEqual({});
    expect(split.warnings[0]).toMatch(/not valid YAML/);
  });
});

describe('stripMarkdownLine', () => {
  it.each([
    ['## Điều 5. Phạm vi điều chỉnh', 'Điều 5. Phạm vi điều chỉnh'],
    ['# Chương I #', 'Chương I'],
    ['**Điều 1.** Phạm vi', 'Điều 1. Phạm vi'],
    ['Theo *Nghị định* số __30__', 'Theo Nghị định số 30'],
    ['> Trích dẫn', 'Trích dẫn'],
    ['- Văn phòng Quốc hội;', 'Văn phòng Quốc hội;'],
    ['* mục', 'mục'],
    ['Xem [Nghị định 30](https://vbpl.vn/x) và ![hình](a.png)', 'Xem Nghị định 30 và hình'],
    ['Mã `abc` và <https://dichvucong.gov.vn>', 'Mã abc và https://dichvucong.gov.vn'],
    ['1. Khoản một', '1. Khoản một'],
    ['a) điểm a', 'a) điểm a'],
    ['diện tích 3 * 4 m2 và tên_biến', 'diện tích 3 * 4 m2 và tên_biến'],
    ['| STT | Tên |', 'STT Tên'],
  ])('%j → %j', (input, expected) => {
    expect(stripMarkdownLine(input)).toBe(expected);
  });
});

describe('loadMarkdown', () => {
  it('strips the front matter into frontMatter and the markup from the text', async () => {
    const markdown = [
      '---',
      'title: Nghị định về công tác văn thư',
      'so_hieu: 30/2020/NĐ-CP',
      '---',
      '',
      '# NGHỊ ĐỊNH',
      '',
      '## Chương I',
      '**QUY ĐỊNH CHUNG**',
      '',
      '### Điều 1. Phạm vi điều chỉnh',
      'Nghị định này quy định về *công tác văn thư*.',
      '',
      '| STT | Nội dung |',
      '|-----|----------|',
      '| 1 | Soạn thảo |',
      '```',
      'mã nguồn',
      '```',
      '***',
    ].join('\n');
    const loaded = await loadMarkdown(file('nd-30.md', markdown));
    expect(loaded.frontMatter).toEqual({ title: 'Nghị định về công tác văn thư', so_hieu: '30/2020/NĐ-CP' });
    expect(loaded.text.split('\n')).toEqual([
      'NGHỊ ĐỊNH',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi điều chỉnh',
      'Nghị định này quy định về công tác văn thư.',
      'STT Nội dung',
      '1 Soạn thảo',
      'mã nguồn',
    ]);
    expectLoaderContract(loaded);
  });

  it('normalises decomposed Vietnamese to NFC', async () => {
    const decomposed = 'Điều 1. Quy định'.normalize('NFD');
    expect((await loadMarkdown(file('nfd.md', decomposed))).text).toBe('Điều 1. Quy định');
  });
});

describe('loadPlainText', () => {
  it('accepts an optional front matter block and keeps one paragraph per line', async () => {
    const loaded = await loadPlainText(file('a.txt', '\uFEFF---\nnguon: vbpl.vn\n---\r\nĐiều 1.\tA\u00A0 b\r\n\r\n1. Khoản\u00AD một  \n', 'txt'));
    expect(loaded.frontMatter).toEqual({ nguon: 'vbpl.vn' });
    expect(loaded.text).toBe('Điều 1. A b\n1. Khoản một');
  });

  it('reads UTF-16 text saved by Notepad', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('Điều 1. Ổn', 'utf16le')]);
    expect((await loadPlainText({ relPath: 'u.txt', format: 'txt', bytes: utf16 })).text).toBe('Điều 1. Ổn');
  });

  it('throws DOCUMENT_UNREADABLE for text in a legacy 8-bit encoding', async () => {
    const tcvn3 = new Uint8Array([0x44, 0xad, 0x69, 0xd2, 0x75]); // "Điều" typed with a TCVN3 font
    await expect(loadPlainText({ relPath: 'old.txt', format: 'txt', bytes: tcvn3 })).rejects.toMatchObject({
      code: 'DOCUMENT_UNREADABLE',
    });
  });
});
