import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import type { LoadedText, SourceFile } from '../legal-unit.js';
import { loadDocx } from './docx-loader.js';
import { buildDocx, fieldParagraph, paragraph, tableRow } from '../../../test/fixtures/loaders/build-docx.js';
import { articleNumbers, expectLoaderContract, range } from '../../../test/fixtures/loaders/loader-contract.js';
import { readSample } from '../../../test/fixtures/loaders/samples.js';

function docxFile(relPath: string, bytes: Uint8Array): SourceFile {
  return { relPath, format: 'docx', bytes };
}

/** Article numbers, also of WPS headings written "Điều 10 Thanh tra" or "Điều 24:Nguyên tắc". */
const LOOSE_ARTICLE = /^Điều (\d+)[.:]? ?\p{Lu}/u;

describe('loadDocx on a generated document', () => {
  let loaded: LoadedText;
  beforeAll(async () => {
    const body = [
      tableRow(paragraph('CHÍNH PHỦ\n_______'), paragraph('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc')),
      paragraph('NGHỊ ĐỊNH'),
      paragraph('__________'),
      paragraph('Chương I'),
      paragraph('QUY ĐỊNH CHUNG'),
      paragraph('Điều 1.\u00A0', 'Phạm vi điều chỉnh\t'),
      fieldParagraph('Xem trang ', ' PAGE \\* MERGEFORMAT ', '3', ' của Phụ lục.'),
      paragraph('a) Đ', 'iều', ' kiện chung;'),
    ].join('');
    loaded = await loadDocx(docxFile('tiny.docx', await buildDocx(body)));
  });

  it('turns in-paragraph <w:br/> breaks and table cells into separate lines', () => {
    expect(loaded.text.split('\n').slice(0, 3)).toEqual([
      'CHÍNH PHỦ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
    ]);
  });

  it('drops underscore separators, shows field results and joins runs inside words', () => {
    expect(loaded.text.split('\n').slice(3)).toEqual([
      'NGHỊ ĐỊNH',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi điều chỉnh',
      'Xem trang 3 của Phụ lục.',
      'a) Điều kiện chung;',
    ]);
    expectLoaderContract(loaded);
  });

  it('throws DOCUMENT_UNREADABLE for a ZIP that is not a Word document', async () => {
    const error = await loadDocx(docxFile('not-word.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).catch(
      (thrown: unknown) => thrown,
    );
    expect(isAppError(error, 'DOCUMENT_UNREADABLE'), String(error)).toBe(true);
  });
});

describe('loadDocx on Nghị định 30/2020/NĐ-CP (saved by Word)', () => {
  let loaded: LoadedText;
  beforeAll(async () => {
    loaded = await loadDocx(docxFile('nd-30-2020.docx', readSample('nd-30-2020-cong-tac-van-thu.docx')));
  });

  it('has Điều 1 to Điều 38, each exactly once', () => {
    expect(articleNumbers(loaded.text)).toEqual(range(38));
  });

  it('puts the header table cells and the chapter headings on their own lines', () => {
    const lines = loaded.text.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'CHÍNH PHỦ',
      'Số: 30/2020/NĐ-CP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
    ]);
    expect(lines).toContain('Chương I');
    expect(lines).toContain('QUY ĐỊNH CHUNG');
    expect(lines).toContain('Điều 1. Phạm vi điều chỉnh');
    expectLoaderContract(loaded);
  });
});

describe('loadDocx on Luật Công nghệ thông tin 67/2006/QH11 (saved by WPS Office)', () => {
  let loaded: LoadedText;
  beforeAll(async () => {
    loaded = await loadDocx(docxFile('luat-67-2006.docx', readSample('luat-67-2006-qh11-cong-nghe-thong-tin.docx')));
  });

  it('has the 79 articles, each once', () => {
    expect(articleNumbers(loaded.text, LOOSE_ARTICLE)).toEqual(range(79));
  });

  it('splits the header words joined by <w:br/> onto separate lines', () => {
    const lines = loaded.text.split('\n');
    expect(lines).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(lines).toContain('QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines).toContain('Khóa XI, kỳ họp thứ 9');
    expect(loaded.text).not.toMatch(/VIỆT NAMĐộc lập|VIỆT NAMKhóa/);
  });

  it('shows hyperlink fields as their text and fixes "Điều 2.Đối"', () => {
    expect(loaded.text).not.toMatch(/HYPERLINK|thuvienphapluat/);
    expect(loaded.text).toContain('Căn cứ vào Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992');
    expect(loaded.text.split('\n')).toContain('Điều 2. Đối tượng áp dụng');
    expectLoaderContract(loaded);
  });
});
