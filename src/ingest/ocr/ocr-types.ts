/**
 * Data shapes of the OCR step: what recognising one page image gives back, in a form that survives
 * `structuredClone` (worker messages) and JSON (the OCR cache).
 */

/** A box in image pixels (origin top-left). */
export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One recognised word with the engine's confidence (0–100). */
export interface OcrWord {
  text: string;
  confidence: number;
  box: PixelBox;
}

/** One recognised text line, words in reading order. */
export interface OcrTextLine {
  words: OcrWord[];
  box: PixelBox;
  /** Height of the line's row (ascenders to descenders) in pixels, as the engine measured it. */
  rowHeight: number;
  /** Baseline of the line (at its middle) in pixels from the top: steadier than the box bottom. */
  baseline: number;
}

/** The recognition result of one page image. */
export interface OcrPage {
  /** 1-based page number in its file (1 for a single image). */
  page: number;
  /** Image size in pixels. */
  width: number;
  height: number;
  /** Pixels per PDF point (1/72 in) of the rendered image: dpi / 72. */
  pixelsPerPoint: number;
  /** The engine's mean word confidence for the page (0–100); 0 when it found no text. */
  confidence: number;
  lines: OcrTextLine[];
  /** Time spent rendering and recognising the page. */
  ms: number;
}

/** What to recognise: pages of a PDF (rendered first) or one image file (PNG, JPEG, TIFF). */
export type OcrInput =
  | { kind: 'pdf'; bytes: Uint8Array; pages: number[] }
  | { kind: 'image'; bytes: Uint8Array };

/** Per-call options of an {@link OcrEngine}. */
export interface OcrRequestOptions {
  /** Name of the file, for error messages and progress. */
  relPath: string;
  /** Called after each page is recognised (for per-page progress). */
  onPage?: (page: OcrPage, done: number, total: number) => void;
}

/**
 * The OCR port the loaders use: recognises the requested pages of a file, in page order. Engines differ
 * by where the work runs (in-process, worker pool) and whether results are cached.
 *
 * @throws AppError DOCUMENT_UNREADABLE when a page cannot be rendered or recognised, or a time budget runs out.
 */
export interface OcrEngine {
  recognize(input: OcrInput, options: OcrRequestOptions): Promise<OcrPage[]>;
  /** Stops workers; the engine may not be used afterwards. */
  close(): Promise<void>;
}
