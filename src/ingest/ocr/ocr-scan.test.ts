/**
 * OCR of the real scan in shared/samples (Luật 40/2013/QH13, 11 pages of 1-bit scanner images) and of
 * page images. Slow (real recognition): only the pages that carry the structure are recognised — page 1
 * (header, stamp, Điều 1), page 2 (quoted amended articles, a running page number), pages 10–11 (Điều 2,
 * Điều 3, signature block and seal) — and the other pages come back empty from the test engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectArticles, parseLegalText } from '../legal-parser.js';
import { parseFrontMatter } from '../front-matter.js';
import type { LegalDocument, LegalUnit, LoadedText } from '../legal-unit.js';
import { isAppError } from '../../common/errors.js';
import { buildPdf } from '../../../test/fixtures/loaders/build-pdf.js';
import { detectFormat, loadSource } from '../loaders/index.js';
import { readSample } from '../../../test/fixtures/loaders/samples.js';
import { encodeCrop, greyCrop, greyTiff } from '../../../test/support/ocr-images.js';
import { InProcessOcrEngine } from './in-process-engine.js';
import { WorkerPoolOcrEngine } from './worker-pool-engine.js';
import { setOcrEngine, closeOcrEngine } from './ocr-service.js';
import type { OcrEngine, OcrInput, OcrPage, OcrRequestOptions } from './ocr-types.js';
import { openPdfForRendering, renderPdfPage } from './page-renderer.js';

const SCAN = 'luat-40-2013-qh13-sua-doi-pccc-scan.pdf';
const KEEP = new Set([1, 2, 10, 11]);

/** Recognises only the pages in KEEP; the others come back as blank pages. */
class PageSubsetEngine implements OcrEngine {
  readonly requested: number[][] = [];
  constructor(private readonly inner: OcrEngine) {}
  async recognize(input: OcrInput, options: OcrRequestOptions): Promise<OcrPage[]> {
    if (input.kind === 'image') return this.inner.recognize(input, options);
    this.requested.push(input.pages);
    const real = await this.inner.recognize({ ...input, pages: input.pages.filter((p) => KEEP.has(p)) }, options);
    return input.pages.map((page) => real.find((p) => p.page === page) ?? { page, width: 0, height: 0, pixelsPerPoint: 1, confidence: 0, lines: [], ms: 0 });
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const engine = new PageSubsetEngine(new InProcessOcrEngine());
let loaded: LoadedText;
let doc: LegalDocument;

beforeAll(async () => {
  setOcrEngine(engine);
  const bytes = readSample(SCAN);
  loaded = await loadSource({ relPath: SCAN, format: detectFormat(SCAN, bytes), bytes });
  const { meta } = parseFrontMatter(loaded.frontMatter, { relPath: SCAN, firstLines: loaded.text.split('\n', 40) });
  doc = parseLegalText(loaded.text, { id: SCAN, meta });
}, 300_000);

afterAll(async () => {
  setOcrEngine(null);
  await closeOcrEngine();
});

const articles = (): LegalUnit[] => collectArticles(doc.units);
const article = (n: string): LegalUnit => {
  const found = articles().find((a) => a.number === n);
  if (!found) throw new Error(`Điều ${n} not found; help: look at loaded.text around "Điều ${n}"`);
  return found;
};
const childNumbers = (unit: LegalUnit): string[] => unit.children.map((c) => c.number);
/** All text of a unit and its descendants. */
const fullText = (unit: LegalUnit): string => [unit.heading, unit.text, ...unit.children.map(fullText)].join('\n');

describe('loadSource on the scanned Luật 40/2013/QH13 (OCR)', () => {
  it('asks OCR for every page of the image-only PDF, once', () => {
    expect(engine.requested).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]);
  });

  it('finds Điều 1, 2 and 3 in order, and no quoted amended article ("“Điều 8. …") as an article', () => {
    expect(articles().map((a) => a.number)).toEqual(['1', '2', '3']);
    expect(fullText(article('1'))).toContain('“Điều 8. Ban hành và áp dụng tiêu chuẩn, quy chuẩn kỹ thuật');
  });

  it('reads the numbered amendments of Điều 1 as clauses, and the points of the quoted clause in sequence', () => {
    expect(childNumbers(article('1')).slice(0, 4)).toEqual(['1', '2', '3', '4']);
    const clause2 = article('1').children[1];
    // OCR reads the "c)" of page 1 as "e)": the point-sequence fix puts it back.
    expect(childNumbers(clause2)).toEqual(['a', 'b', 'c', 'd', 'đ']);
    expect(clause2.children[2].text).toMatch(/^Tổ chức thực hiện, ki[ểế]m tra, giám sát/u);
  });

  it('reads Điều 3 with its two clauses, the date of effect intact', () => {
    expect(childNumbers(article('3'))).toEqual(['1', '2']);
    expect(article('3').children[0].text).toBe('Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2014.');
  });

  it('keeps the header block in the preamble and finds the number there', () => {
    expect(doc.preamble).toContain('Luật số: 40/2013/QH13');
    expect(doc.preamble).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(doc.meta.number).toBe('40/2013/QH13');
    for (const a of articles()) expect(fullText(a)).not.toMatch(/Độc lập - Tự do|CỘNG HÒA XÃ HỘI/u);
  });

  it('leaves the signer, seal and signature and the receipt stamp out of the text', () => {
    expect(loaded.text).not.toMatch(/CHỦ TỊCH|Sinh Hùng|Sinh Hù/u);
    expect(loaded.text).not.toMatch(/CÔNG VĂN ĐẾN|CÔNG VĂN ĐỀN/u);
    expect(loaded.text.split('\n').at(-1)).toMatch(/^Luật này đã được Quốc hội .* thông qua ngày 22 tháng/u);
  });

  it('drops the running page numbers and the margin marks of the scanner', () => {
    const lines = loaded.text.split('\n');
    expect(lines.filter((l) => /^\d{1,2}$/u.test(l))).toEqual([]);
    expect(lines.filter((l) => /^[|Ññ]/u.test(l))).toEqual([]);
    expect(lines).toContain('3a. Chủ hộ gia đình có trách nhiệm:');
  });

  it('reports the OCR pages and their confidence', () => {
    expect(loaded.ocr?.pages).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(loaded.ocr?.meanConfidence).toBeGreaterThan(80);
    // The test engine returns pages 3–9 blank: they are reported with confidence 0.
    expect(loaded.ocr?.lowConfidence.map((p) => p.page)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(loaded.warnings.join('\n')).toMatch(/recognised 11 scanned page\(s\) by OCR, mean confidence \d+/u);
    expect(loaded.warnings.join('\n')).toMatch(/OCR confidence below 80 .*page 3: 0/u);
  });
});

describe('loadSource on images of a document page (OCR)', () => {
  let page2: Uint8Array;
  // The upper part of page 2: "3a. Chủ hộ gia đình có trách nhiệm:" and its points a)–c).
  const crop = { x: 0, y: 100, width: 1650, height: 800 };
  beforeAll(async () => {
    const pdf = await openPdfForRendering(readSample(SCAN), SCAN);
    page2 = (await renderPdfPage(pdf, 2, 200, SCAN)).png;
    await pdf.destroy();
  });

  const expectPage2 = (text: string): void => {
    const lines = text.split('\n');
    expect(lines).toContain('3a. Chủ hộ gia đình có trách nhiệm:');
    expect(lines.some((l) => l.startsWith('a) Đôn đốc, nhắc nhở thành viên trong gia đình'))).toBe(true);
  };

  it('reads a PNG', async () => {
    const bytes = await encodeCrop(page2, crop, 'image/png');
    expect(detectFormat('trang-2.png', bytes)).toBe('image');
    const result = await loadSource({ relPath: 'trang-2.png', format: 'image', bytes });
    expectPage2(result.text);
    expect(result.ocr?.pages).toEqual([1]);
  }, 60_000);

  it('reads a JPEG', async () => {
    const bytes = await encodeCrop(page2, crop, 'image/jpeg');
    expectPage2((await loadSource({ relPath: 'trang-2.jpg', format: detectFormat('trang-2.jpg', bytes), bytes })).text);
  }, 60_000);

  it('reads a TIFF', async () => {
    const { width, height, grey } = await greyCrop(page2, crop);
    const bytes = greyTiff(width, height, grey);
    expectPage2((await loadSource({ relPath: 'trang-2.tif', format: detectFormat('trang-2.tif', bytes), bytes })).text);
  }, 60_000);

  it('reads the same image in a pool worker thread (the compiled ocr-worker.js)', async () => {
    const pool = new WorkerPoolOcrEngine({ workers: 1 });
    try {
      const bytes = await encodeCrop(page2, crop, 'image/png');
      const [page] = await pool.recognize({ kind: 'image', bytes }, { relPath: 'trang-2.png' });
      const text = page.lines.map((l) => l.words.map((w) => w.text).join(' ')).join('\n');
      expect(text).toContain('3a. Chủ hộ gia đình có trách nhiệm:');
      expect(page.confidence).toBeGreaterThan(80);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('refuses a PDF of blank pages with NO_TEXT_LAYER saying OCR found nothing', async () => {
    const error = await loadSource({ relPath: 'blank.pdf', format: 'pdf', bytes: buildPdf([[], []]) }).catch((e: unknown) => e);
    expect(isAppError(error, 'NO_TEXT_LAYER')).toBe(true);
    expect(String((error as Error).message)).toMatch(/OCR found no text/u);
  }, 60_000);
});
