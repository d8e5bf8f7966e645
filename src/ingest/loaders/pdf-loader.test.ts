import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../common/errors.js';
import type { LoadedText, SourceFile } from '../legal-unit.js';
import { loadPdf } from './pdf-loader.js';
import { closeOcrEngine, setOcrEngine } from '../ocr/index.js';
import { buildPdf, courierWidth, type PdfRun } from '../../../test/fixtures/loaders/build-pdf.js';
import {
  articleHeadings,
  articleNumbers,
  expectLoaderContract,
  range,
} from '../../../test/fixtures/loaders/loader-contract.js';
import { readCorpus, readSample } from '../../../test/fixtures/loaders/samples.js';

function pdfFile(relPath: string, bytes: Uint8Array): SourceFile {
  return { relPath, format: 'pdf', bytes };
}

async function loadSamplePdf(name: string): Promise<LoadedText> {
  return loadPdf(pdfFile(name, readSample(name)));
}

async function expectAppError(promise: Promise<unknown>, code: string): Promise<string> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(isAppError(error), `expected an AppError ${code}, got ${String(error)}`).toBe(true);
  if (!isAppError(error)) return '';
  expect(error.code).toBe(code);
  return error.detail;
}

/** Runs drawn one after the other on a line, touching: like the Công báo's per-letter font switches. */
function touchingRuns(x: number, y: number, parts: string[]): PdfRun[] {
  let cursor = x;
  return parts.map((text) => {
    const run = { x: cursor, y, text };
    cursor += courierWidth(text);
    return run;
  });
}

/** One page of a gazette-like PDF: running header with page number, then body lines. */
function gazettePage(pageNumber: number, body: PdfRun[]): PdfRun[] {
  return [
    { x: 60, y: 790, text: String(pageNumber) },
    { x: 200, y: 790, text: `CONG BAO/So 12/Ngay ${pageNumber}-7-2023` },
    ...body,
  ];
}

describe('loadPdf on generated PDFs', () => {
  it('extracts an ASCII text layer as one paragraph per line', async () => {
    const bytes = buildPdf([[
      { x: 72, y: 760, text: 'Dieu 1. Pham vi dieu chinh' },
      { x: 72, y: 740, text: '1. Luat nay quy dinh ve giao dich.' },
    ]]);
    const loaded = await loadPdf(pdfFile('tiny.pdf', bytes));
    expect(loaded.text).toBe('Dieu 1. Pham vi dieu chinh\n1. Luat nay quy dinh ve giao dich.');
    expectLoaderContract(loaded);
  });

  it('joins touching runs into one word and keeps real gaps as spaces', async () => {
    const line = touchingRuns(72, 760, ['Lu', 'a', 't so', ': 20/2023.']);
    const spaced = [
      { x: 72, y: 740, text: '1. giao' },
      { x: 72 + courierWidth('1. giao '), y: 740, text: 'dich' },
    ];
    const loaded = await loadPdf(pdfFile('runs.pdf', buildPdf([[...line, ...spaced]])));
    expect(loaded.text.split('\n')).toEqual(['Luat so: 20/2023.', '1. giao dich']);
  });

  it('drops running headers and page numbers and rejoins a paragraph across lines and pages', async () => {
    const wrapped = 'Co quan, to chuc, ca nhan phai tuan thu quy dinh cua phap luat ve';
    const pages = [
      gazettePage(4, [
        { x: 72, y: 740, text: 'Dieu 5. Bao dam an toan thong tin' },
        { x: 72, y: 720, text: `1. ${wrapped}` },
        { x: 72, y: 706, text: 'giao dich dien tu khi thuc hien giao dich.' },
        { x: 72, y: 686, text: `2. ${wrapped}` },
      ]),
      gazettePage(5, [{ x: 72, y: 740, text: 'bi mat nha nuoc.' }, { x: 72, y: 720, text: 'Dieu 6. Hanh vi bi cam' }]),
      gazettePage(6, [{ x: 72, y: 740, text: 'Dieu 7. Hinh thuc' }]),
    ];
    const loaded = await loadPdf(pdfFile('gazette.pdf', buildPdf(pages)));
    expect(loaded.text.split('\n')).toEqual([
      'Dieu 5. Bao dam an toan thong tin',
      `1. ${wrapped} giao dich dien tu khi thuc hien giao dich.`,
      `2. ${wrapped} bi mat nha nuoc.`,
      'Dieu 6. Hanh vi bi cam',
      'Dieu 7. Hinh thuc',
    ]);
    expect(loaded.warnings.join(' ')).toMatch(/running header/);
  });

  it('reads a page whose text is drawn rotated by 90°, ignoring a stray upright stamp', async () => {
    const bytes = buildPdf([[
      { x: 100, y: 100, text: 'Phu luc II', rotated: true },
      { x: 114, y: 100, text: 'BIEU MAU', rotated: true },
      { x: 128, y: 100, text: 'So', rotated: true },
      { x: 128, y: 100 + courierWidth('So'), text: 'ng 1.', rotated: true },
      { x: 400, y: 60, text: 'X' },
    ]]);
    expect((await loadPdf(pdfFile('landscape.pdf', bytes))).text).toBe('Phu luc II\nBIEU MAU\nSong 1.');
  });

  it('moves footnotes to the end so a paragraph running on to the next page stays whole', async () => {
    const first = 'Co quan, to chuc, ca nhan phai tuan thu quy dinh cua phap luat ve';
    const pages = [
      [
        { x: 72, y: 760, text: 'Dieu 1. Pham vi' },
        { x: 72, y: 740, text: `1. ${first}` },
        { x: 72, y: 60, text: '1 Dieu nay duoc sua doi boi Luat so 1/2024.', size: 8 },
        { x: 72, y: 50, text: 'tu ngay 1/1/2025.', size: 8 },
      ],
      [{ x: 72, y: 760, text: 'giao dich dien tu.' }, { x: 72, y: 740, text: 'Dieu 2. Doi tuong' }],
    ];
    const loaded = await loadPdf(pdfFile('notes.pdf', buildPdf(pages)));
    expect(loaded.text.split('\n')).toEqual([
      'Dieu 1. Pham vi',
      `1. ${first} giao dich dien tu.`,
      'Dieu 2. Doi tuong',
      '1 Dieu nay duoc sua doi boi Luat so 1/2024. tu ngay 1/1/2025.',
    ]);
    expect(loaded.warnings.join(' ')).toMatch(/footnote/);
  });

  it('throws NO_TEXT_LAYER naming the page count when no page has text and OCR is off', async () => {
    setOcrEngine(null);
    const detail = await expectAppError(loadPdf(pdfFile('blank.pdf', buildPdf([[], []]))), 'NO_TEXT_LAYER');
    expect(detail).toMatch(/2 page/);
    expect(detail).toMatch(/OCR/);
    await closeOcrEngine();
  });

  it('throws DOCUMENT_UNREADABLE for a corrupt PDF', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4\nthis is not really a pdf\n%%EOF');
    const detail = await expectAppError(loadPdf(pdfFile('broken.pdf', bytes)), 'DOCUMENT_UNREADABLE');
    expect(detail).toMatch(/broken\.pdf/);
  });

  it('throws DOCUMENT_UNREADABLE mentioning the password for an encrypted PDF', async () => {
    const bytes = buildPdf([[{ x: 72, y: 760, text: 'secret' }]], { encrypted: true });
    const detail = await expectAppError(loadPdf(pdfFile('locked.pdf', bytes)), 'DOCUMENT_UNREADABLE');
    expect(detail).toMatch(/password/);
  });
});

describe('loadPdf on the Công báo PDF of Luật Giao dịch điện tử 20/2023/QH15', () => {
  let loaded: LoadedText;
  beforeAll(async () => {
    loaded = await loadSamplePdf('luat-20-2023-qh15-giao-dich-dien-tu-congbao.pdf');
  });

  it('rebuilds words split across font runs', () => {
    expect(loaded.text).toContain('Điều 1. Phạm vi điều chỉnh');
    expect(loaded.text).toContain('Quốc hội ban hành Luật Giao dịch điện tử.');
    expect(loaded.text, 'letters of the second font were split off (help: check SPACE_GAP_EM)').not.toMatch(
      /Lu ậ t|Đ i ề u|đ i ệ n|giao d ị ch/,
    );
  });

  it('has the 53 articles, each heading once and in order', () => {
    expect(articleNumbers(loaded.text)).toEqual(range(53));
    expect(loaded.text).toContain('Điều 53. Quy định chuyển tiếp');
  });

  it('keeps headings, clauses and points on their own lines', () => {
    const lines = loaded.text.split('\n');
    expect(lines).toContain('Chương I');
    expect(lines).toContain('NHỮNG QUY ĐỊNH CHUNG');
    expect(lines).toContain('Mục 1');
    expect(lines).toContain('1. Giao dịch điện tử là giao dịch được thực hiện bằng phương tiện điện tử.');
    expect(lines.filter((line) => /^[a-zđ]\) /u.test(line)).length).toBeGreaterThan(20);
  });

  it('removes the running header and the page numbers', () => {
    expect(loaded.text).not.toMatch(/CÔNG BÁO/);
    expect(loaded.text.split('\n').filter((line) => /^\d+$/.test(line))).toEqual([]);
    expectLoaderContract(loaded);
  });
});

describe('loadPdf on Luật Xử lý vi phạm hành chính 15/2012/QH13', () => {
  let lines: string[];
  let corpusLines: string[];
  /** Whitespace differences are not extraction errors: "PL-UBTVQH10 ," in the corpus is "PL-UBTVQH10,". */
  const normalise = (line: string): string => line.replace(/\s+/g, ' ').replace(/ ([,.;:])/g, '$1').trim();
  beforeAll(async () => {
    lines = (await loadSamplePdf('luat-15-2012-qh13-xu-ly-vi-pham-hanh-chinh.pdf')).text.split('\n').map(normalise);
    corpusLines = readCorpus('15-2012-QH13.txt').split('\n').map(normalise);
  });

  it('has the same 142 article headings as the plain-text corpus', () => {
    const expected = articleHeadings(corpusLines.join('\n'));
    expect(expected).toHaveLength(142);
    expect(articleHeadings(lines.join('\n'))).toEqual(expected);
  });

  it('rejoins hard-wrapped paragraphs exactly as in the corpus', () => {
    const produced = new Set(lines);
    const longParagraphs = corpusLines.filter((line) => line.length > 400);
    expect(longParagraphs.length).toBeGreaterThan(30);
    const missing = longParagraphs.filter((line) => !produced.has(line));
    expect(missing, 'wrapped lines were not rejoined (help: see startsParagraph)').toEqual([]);
    const found = corpusLines.filter((line) => produced.has(line)).length;
    expect(found / corpusLines.length).toBeGreaterThan(0.99);
  });

  it('keeps Phần and Chương headings on their own lines', () => {
    expect(lines).toContain('Phần thứ nhất');
    expect(lines).toContain('NHỮNG QUY ĐỊNH CHUNG');
    expect(lines.filter((line) => /^Chương [IVX]+$/.test(line)).length).toBeGreaterThan(10);
  });
});

describe('loadPdf on Thông tư 02/2021/TT-BTC', () => {
  let loaded: LoadedText;
  beforeAll(async () => {
    loaded = await loadSamplePdf('tt-02-2021-tt-btc-phi-kiem-dinh-pccc.pdf');
  });

  it('has Điều 1 to Điều 7 with their clauses on separate lines', () => {
    expect(articleNumbers(loaded.text)).toEqual(range(7));
    const lines = loaded.text.split('\n');
    expect(lines).toContain('Điều 2. Người nộp phí');
    expect(lines).toContain(
      '1. Thông tư này quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí kiểm định phương tiện phòng cháy và chữa cháy.',
    );
    expect(loaded.text).toMatch(/^4\. Trong quá trình thực hiện, nếu có vướng mắc.*bổ sung\.\/\.$/m);
    // The Thông tư has no lettered points of its own; it only cites "điểm a và điểm b khoản 11 Điều 38".
    expect(loaded.text).toContain('quy định tại điểm a và điểm b khoản 11 Điều 38 Nghị định số 136/2020/NĐ-CP');
    expectLoaderContract(loaded);
  });

  it('keeps each fee table row on its own line', () => {
    expect(loaded.text.split('\n')).toContain('2 Máy bơm chữa cháy Cái 40.000');
  });
});

describe('loadPdf on the scanned Luật 40/2013/QH13 with OCR turned off', () => {
  // OCR of this scan is tested in src/ingest/ocr/ocr-scan.test.ts.
  beforeAll(() => setOcrEngine(null));
  afterAll(() => closeOcrEngine());

  it('throws NO_TEXT_LAYER naming its 11 pages and the remedies', async () => {
    const detail = await expectAppError(loadSamplePdf('luat-40-2013-qh13-sua-doi-pccc-scan.pdf'), 'NO_TEXT_LAYER');
    expect(detail).toMatch(/11 page/);
    expect(detail).toMatch(/OCR/);
    expect(detail).toMatch(/DOCX/);
  });
});
