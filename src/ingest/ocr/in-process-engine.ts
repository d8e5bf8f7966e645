/**
 * The simplest {@link OcrEngine}: renders pages on the calling thread and recognises them with one
 * tesseract.js worker (whose engine already runs in its own thread). Used inside pool workers, by tests
 * and by the benchmark; the server uses {@link WorkerPoolOcrEngine} so rendering never blocks requests.
 */
import { AppError } from '../../common/errors.js';
import type { OcrEngine, OcrInput, OcrPage, OcrRequestOptions } from './ocr-types.js';
import { DEFAULT_OCR_DPI, openPdfForRendering, renderPdfPage } from './page-renderer.js';
import { TesseractRecognizer, type VietnameseModel } from './tesseract-recognizer.js';
import { prepareForOcr } from './preprocess.js';

/** Options shared by the OCR engines. */
export interface OcrEngineOptions {
  /** Rendering resolution of PDF pages; default {@link DEFAULT_OCR_DPI}. */
  dpi?: number;
  /** Vietnamese model; default 'standard'. */
  model?: VietnameseModel;
  /** Red-ink removal and deskew before recognition ({@link prepareForOcr}); default true. */
  cleanup?: boolean;
}

/** Resolution assumed for image files, whose own DPI tag is not read: typical office scans. */
const IMAGE_DPI = 300;

/** See the module comment. */
export class InProcessOcrEngine implements OcrEngine {
  private readonly dpi: number;
  private readonly model: VietnameseModel;
  private readonly cleanup: boolean;
  private recognizer: Promise<TesseractRecognizer> | null = null;

  constructor(options: OcrEngineOptions = {}) {
    this.dpi = options.dpi ?? DEFAULT_OCR_DPI;
    this.model = options.model ?? 'standard';
    this.cleanup = options.cleanup ?? true;
  }

  async recognize(input: OcrInput, options: OcrRequestOptions): Promise<OcrPage[]> {
    const recognizer = await this.engine();
    if (input.kind === 'image') {
      const started = performance.now();
      const result = await this.run(options.relPath, 1, async () => recognizer.recognize(await this.prepare(input.bytes)));
      const page: OcrPage = { page: 1, ...result, pixelsPerPoint: IMAGE_DPI / 72, ms: Math.round(performance.now() - started) };
      options.onPage?.(page, 1, 1);
      return [page];
    }
    const pdf = await openPdfForRendering(input.bytes, options.relPath);
    try {
      const pages: OcrPage[] = [];
      for (const number of input.pages) {
        const started = performance.now();
        const rendered = await renderPdfPage(pdf, number, this.dpi, options.relPath);
        const result = await this.run(options.relPath, number, async () => recognizer.recognize(await this.prepare(rendered.png)));
        const page: OcrPage = {
          page: number,
          width: rendered.width,
          height: rendered.height,
          pixelsPerPoint: rendered.pixelsPerPoint,
          confidence: result.confidence,
          lines: result.lines,
          ms: Math.round(performance.now() - started),
        };
        pages.push(page);
        options.onPage?.(page, pages.length, input.pages.length);
      }
      return pages;
    } finally {
      await pdf.destroy();
    }
  }

  async close(): Promise<void> {
    const pending = this.recognizer;
    this.recognizer = null;
    if (pending) await (await pending).close();
  }

  private async prepare(image: Uint8Array): Promise<Uint8Array> {
    return this.cleanup ? (await prepareForOcr(image)).image : image;
  }

  private engine(): Promise<TesseractRecognizer> {
    this.recognizer ??= TesseractRecognizer.create({ model: this.model });
    return this.recognizer;
  }

  private async run<T>(relPath: string, page: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('DOCUMENT_UNREADABLE', `${relPath}: OCR of page ${page} failed (${reason}).`, { cause: error });
    }
  }
}
