import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedText, SourceFile } from '../legal-unit.js';
import { loadHtml } from './html-loader.js';
import { htmlToLines, parseHtml, removeNonContent } from './html-text.js';
import { removeRepeatedOutline } from './outline-filter.js';
import { cleanLines } from './text-cleanup.js';
import { articleNumbers, expectLoaderContract, range } from '../../../test/fixtures/loaders/loader-contract.js';
import { readSample } from '../../../test/fixtures/loaders/samples.js';

const VBPL_SAMPLE = 'nd-297-2025-lien-thong-dien-tu-tthc-vbpl.html';

function htmlFile(html: string, relPath = 'page.html'): SourceFile {
  return { relPath, format: 'html', bytes: new TextEncoder().encode(html) };
}

async function textOf(html: string): Promise<string> {
  return (await loadHtml(htmlFile(html))).text;
}

describe('loadHtml', () => {
  it('joins inline elements without adding spaces inside words', async () => {
    const html = '<p><b>Điều </b><b>6</b><b>. Tiếp nhận</b> <span>hồ s</span><span>ơ</span></p><p><font>Đ</font>i<i>ều</i> 7.</p>';
    expect(await textOf(html)).toBe('Điều 6. Tiếp nhận hồ sơ\nĐiều 7.');
  });

  it('turns block elements, <br> and table rows into lines and decodes entities', async () => {
    const html = [
      '<table><tr><td>CHÍNH PHỦ<br>-------</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc</td></tr></table>',
      '<div>Điều&nbsp;1.&#32;Phạm vi &amp; đối tượng</div>',
      '<ul><li>a) thứ nhất;</li><li>b) thứ hai.</li></ul>',
      '<h2>Chương   II</h2>',
    ].join('\n');
    expect((await textOf(html)).split('\n')).toEqual([
      'CHÍNH PHỦ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Điều 1. Phạm vi & đối tượng',
      'a) thứ nhất;',
      'b) thứ hai.',
      'Chương II',
    ]);
  });

  it('drops scripts, styles, navigation and hidden elements and reads the <title>', async () => {
    const html =
      '<html><head><title> Nghị định 1/2025 </title><style>p{color:red}</style></head><body>' +
      '<nav><a>TRANG CHỦ</a></nav><script>var x = "Điều 9.";</script>' +
      '<p hidden>ẩn</p><p aria-hidden="true">ẩn</p><p style="display: none">ẩn</p><p>Điều 1. Có</p></body></html>';
    const loaded = await loadHtml(htmlFile(html));
    expect(loaded.text).toBe('Điều 1. Có');
    expect(loaded.frontMatter).toEqual({ title: 'Nghị định 1/2025' });
  });

  it('keeps only the main content block of a page with site chrome', async () => {
    const body = Array.from(
      { length: 6 },
      (_, index) => `<p>Điều ${index + 1}. Nội dung của điều ${index + 1} đủ dài để là văn bản.</p>`,
    ).join('');
    const html =
      '<body><div class="menu"><div>Trang chủ</div><div>Giới thiệu</div></div>' +
      `<div class="content">${body}</div><div class="footer"><p>Đơn vị chủ quản: Bộ Tư pháp</p></div></body>`;
    const loaded = await loadHtml(htmlFile(html));
    expect(articleNumbers(loaded.text)).toEqual(range(6));
    expect(loaded.text).not.toMatch(/Trang chủ|Bộ Tư pháp/);
    expect(loaded.warnings.join(' ')).toMatch(/main content/);
  });

  it('refuses bytes that are not UTF-8 and declare no usable charset', async () => {
    const bytes = new Uint8Array([0x3c, 0x70, 0x3e, 0xc0, 0xc1, 0xff, 0x3c, 0x2f, 0x70, 0x3e]);
    await expect(loadHtml({ relPath: 'x.html', format: 'html', bytes })).rejects.toMatchObject({
      code: 'DOCUMENT_UNREADABLE',
    });
  });
});

describe('loadHtml on the vbpl.vn page of Nghị định 297/2025/NĐ-CP', () => {
  let loaded: LoadedText;
  beforeAll(async () => {
    loaded = await loadHtml(htmlFile(new TextDecoder().decode(readSample(VBPL_SAMPLE)), VBPL_SAMPLE));
  });

  it('keeps each of the 16 article headings exactly once', () => {
    expect(articleNumbers(loaded.text)).toEqual(range(16));
    expect(loaded.text.split('\n')).toContain('Điều 12. Trách nhiệm của Bộ Tài chính');
  });

  it('keeps the body, the header table and the signature', () => {
    const lines = loaded.text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['CHÍNH PHỦ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(lines).toContain('Chương IV');
    expect(lines).toContain('Nghị định này có hiệu lực thi hành từ ngày 17 tháng 11 năm 2025.');
    expect(lines.at(-1)).toBe('Phạm Thị Thanh Trà');
    expectLoaderContract(loaded);
  });

  it('drops the site menus, footer and the "Mục lục" outline', () => {
    expect(loaded.text).not.toMatch(/TRANG CHỦ|Mục lục|Đơn vị chủ quản|Hiển thị chi tiết|^Khoản \d+$/m);
  });

  it('also drops the outline by the generic repeated-heading rule alone', () => {
    const root = parseHtml(new TextDecoder().decode(readSample(VBPL_SAMPLE)));
    removeNonContent(root);
    const lines = cleanLines(htmlToLines(root.querySelector('body') ?? root));
    expect(articleNumbers(lines.join('\n'))).toHaveLength(32);
    const filtered = removeRepeatedOutline(lines);
    expect(articleNumbers(filtered.lines.join('\n'))).toEqual(range(16));
  });
});
