/**
 * Reading scans: image-only PDF pages (the hook in `loaders/pdf-loader.ts`) and image files of documents
 * (`.png`, `.jpg`, `.tif`). Pages are recognised by the configured {@link OcrEngine}, then follow the
 * text-PDF path: visual lines → running headers removed → paragraphs → the same cleanup.
 */
import { AppError } from '../../common/errors.js';
import type { LoadedText, OcrSummary, SourceFile } from '../legal-unit.js';
import type { PdfLine } from '../loaders/pdf-layout.js';
import { joinLines } from '../loaders/pdf-paragraphs.js';
import { cleanLines } from '../loaders/text-cleanup.js';
import { ocrPageLines } from './ocr-lines.js';
import { ocrEngine } from './ocr-service.js';
import { fixPointSequence } from './ocr-text-fixes.js';
import type { OcrInput, OcrPage } from './ocr-types.js';

/** A page whose mean word confidence is below this is reported to the admin for checking. */
export const LOW_CONFIDENCE = 80;

/** Lines of the recognised pages, with what the loader reports about them. */
export interface RecognizedPages {
  /** Visual lines per recognised page number. */
  lines: Map<number, PdfLine[]>;
  summary: OcrSummary;
  warnings: string[];
}

/**
 * Recognises the given pages of a PDF (1-based numbers; `lastPage` is the document's last page, where
 * the signature block is cut), or returns undefined when OCR is disabled.
 *
 * @throws AppError DOCUMENT_UNREADABLE when OCR fails or runs out of time.
 */
export async function recognizePdfPages(file: SourceFile, pages: number[], lastPage: number): Promise<RecognizedPages | undefined> {
  return recognize(file, { kind: 'pdf', bytes: file.bytes, pages }, lastPage);
}

/**
 * Loads an image file of a document page (PNG, JPEG or TIFF) through OCR.
 *
 * @throws AppError NO_TEXT_LAYER when OCR is disabled, DOCUMENT_UNREADABLE when it fails.
 */
export async function loadImage(file: SourceFile): Promise<LoadedText> {
  const result = await recognize(file, { kind: 'image', bytes: file.bytes }, 1);
  if (!result) throw new AppError('NO_TEXT_LAYER', `${file.relPath}: an image needs OCR, which is turned off on this server.`);
  const paragraphs = joinLines(fixLines(result.lines.get(1) ?? []));
  return { text: cleanLines(paragraphs).join('\n'), frontMatter: {}, warnings: result.warnings, ocr: result.summary };
}

/** The OCR text fixes that need the sequence of lines (point letters), applied to visual lines. */
export function fixLines(lines: readonly PdfLine[]): PdfLine[] {
  const texts = fixPointSequence(lines.map((l) => l.text));
  return lines.map((l, i) => (texts[i] === l.text ? l : { ...l, text: texts[i] }));
}

async function recognize(file: SourceFile, input: OcrInput, lastPage: number): Promise<RecognizedPages | undefined> {
  const engine = ocrEngine();
  if (!engine) return undefined;
  const pages = await engine.recognize(input, { relPath: file.relPath });
  const lines = new Map<number, PdfLine[]>();
  let dropped = 0;
  for (const page of pages) {
    const result = ocrPageLines(page, page.page === lastPage);
    lines.set(page.page, result.lines);
    dropped += result.dropped;
  }
  const summary = summarize(pages);
  const warnings = [`recognised ${pages.length} scanned page(s) by OCR, mean confidence ${summary.meanConfidence}`];
  if (summary.lowConfidence.length > 0) {
    const list = summary.lowConfidence.map((p) => `page ${p.page}: ${p.confidence}`).join(', ');
    warnings.push(`OCR confidence below ${LOW_CONFIDENCE} (check the text against the scan): ${list}`);
  }
  if (dropped > 0) warnings.push(`dropped ${dropped} OCR line(s) of stamps, handwriting, margins or the signature block`);
  return { lines, summary, warnings };
}

function summarize(pages: readonly OcrPage[]): OcrSummary {
  const withText = pages.filter((p) => p.lines.length > 0);
  const mean = withText.length ? withText.reduce((s, p) => s + p.confidence, 0) / withText.length : 0;
  return {
    pages: pages.map((p) => p.page),
    meanConfidence: Math.round(mean),
    lowConfidence: pages.filter((p) => p.confidence < LOW_CONFIDENCE).map((p) => ({ page: p.page, confidence: Math.round(p.confidence) })),
  };
}
