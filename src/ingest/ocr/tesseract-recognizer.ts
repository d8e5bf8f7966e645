/**
 * Offline Vietnamese text recognition with tesseract.js: the engine (WebAssembly, from the
 * `tesseract.js-core` package) and the Vietnamese model (`@tesseract.js-data/vie`) are both read from
 * node_modules; nothing is downloaded (`langPath` is a local folder and `cacheMethod: 'none'` keeps
 * tesseract.js from writing its own cache). tesseract.js runs the engine in its own worker thread.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, PSM, type Worker as TesseractWorker } from 'tesseract.js';
import type { OcrTextLine, PixelBox } from './ocr-types.js';

/** Which packaged Vietnamese model to load: the standard one or the smaller "best_int" LSTM model. */
export type VietnameseModel = 'standard' | 'best_int';

/** Options for {@link TesseractRecognizer}. */
export interface TesseractRecognizerOptions {
  /** Model folder of `@tesseract.js-data/vie`; default 'standard' (the package's own default, 4.0.0). */
  model?: VietnameseModel;
}

/** What one image gives: lines with word boxes and confidences, and the page mean confidence. */
export interface RecognizedImage {
  width: number;
  height: number;
  confidence: number;
  lines: OcrTextLine[];
}

const require = createRequire(import.meta.url);

/** The folder holding `vie.traineddata.gz` for a model, inside the installed package. */
export function vietnameseModelDir(model: VietnameseModel = 'standard'): string {
  const root = dirname(require.resolve('@tesseract.js-data/vie/package.json'));
  return join(root, model === 'best_int' ? '4.0.0_best_int' : '4.0.0');
}

/**
 * One tesseract.js worker loaded with the Vietnamese model. Create once, recognise many images, then
 * {@link TesseractRecognizer.close}. Not safe for concurrent calls: use one per pool worker.
 *
 * @example
 * const r = await TesseractRecognizer.create();
 * const { lines, confidence } = await r.recognize(pngBytes);
 * await r.close();
 */
export class TesseractRecognizer {
  private constructor(private readonly worker: TesseractWorker) {}

  /** Starts the engine and loads the model (about 2 s). */
  static async create(options: TesseractRecognizerOptions = {}): Promise<TesseractRecognizer> {
    const worker = await createWorker('vie', OEM.LSTM_ONLY, {
      langPath: vietnameseModelDir(options.model),
      cacheMethod: 'none',
      gzip: true,
    });
    // Whole-page automatic layout: a document page has a header in two columns, body text and a
    // signature block; single-block modes merge the columns.
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '0' });
    return new TesseractRecognizer(worker);
  }

  /** Recognises one image (PNG, JPEG, BMP, TIFF bytes). */
  async recognize(image: Uint8Array): Promise<RecognizedImage> {
    const result = await this.worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { text: false, blocks: true });
    const data = result.data;
    const lines: OcrTextLine[] = [];
    for (const block of data.blocks ?? []) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          const words = line.words
            .filter((w) => w.text.trim() !== '')
            .map((w) => ({ text: w.text.trim().normalize('NFC'), confidence: w.confidence, box: box(w.bbox) }));
          if (words.length === 0) continue;
          const descenders = line.rowAttributes?.descenders ?? 0;
          const baseline = line.baseline ? (line.baseline.y0 + line.baseline.y1) / 2 : line.bbox.y1 - descenders;
          lines.push({ words, box: box(line.bbox), rowHeight: line.rowAttributes?.rowHeight ?? line.bbox.y1 - line.bbox.y0, baseline });
        }
      }
    }
    const size = imageSize(data.imageColor, lines);
    return { ...size, confidence: lines.length ? data.confidence : 0, lines };
  }

  /** Stops the engine's worker thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

function box(b: { x0: number; y0: number; x1: number; y1: number }): PixelBox {
  return { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 };
}

/** tesseract.js reports no image size unless asked for the image; the lines' extent is enough. */
function imageSize(_image: unknown, lines: OcrTextLine[]): { width: number; height: number } {
  let width = 0;
  let height = 0;
  for (const l of lines) {
    width = Math.max(width, l.box.x1);
    height = Math.max(height, l.box.y1);
  }
  return { width, height };
}
