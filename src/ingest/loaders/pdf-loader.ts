import { getDocumentProxy } from 'unpdf';
import { AppError } from '../../common/errors.js';
import type { LoadedText, SourceFile } from '../legal-unit.js';
import { removeRepeatedOutline } from './outline-filter.js';
import { buildLines, runsFromItems, type PdfLine } from './pdf-layout.js';
import { joinLines, removeRunningHeaders, separateFootnotes } from './pdf-paragraphs.js';
import { cleanLines } from './text-cleanup.js';
import { DEFAULT_LOAD_LIMITS, limitError } from './load-limits.js';
import type { LoadLimits } from './load-limits.js';
import { fixLines, recognizePdfPages } from '../ocr/index.js';

/**
 * A page with fewer visible characters than this has no usable text layer: a scan, perhaps with a
 * scanner-added page number.
 */
const MIN_PAGE_CHARS = 5;

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * Loads a text PDF (Công báo issues, Word exports) as paragraphs.
 *
 * Lines are rebuilt from run positions, so letters drawn in separate runs join into words ("Lu ậ t" →
 * "Luật"); running headers, footers and page numbers are dropped; hard-wrapped lines are rejoined into
 * paragraphs that start at structural markers; footnotes are moved to the end. See `pdf-layout.ts` and
 * `pdf-paragraphs.ts`. Pages without a text layer (scans, also inside an otherwise textual PDF) are
 * recognised by OCR (`../ocr/`); with OCR turned off they are skipped with a warning.
 *
 * @throws AppError NO_TEXT_LAYER when no page has text and OCR is turned off.
 * @throws AppError DOCUMENT_UNREADABLE when the PDF is encrypted with a password or corrupt.
 * @throws AppError DOCUMENT_TOO_LARGE when it has more pages or text than `limits` allow.
 */
export async function loadPdf(file: SourceFile, limits: LoadLimits = DEFAULT_LOAD_LIMITS): Promise<LoadedText> {
  const pdf = await openPdf(file);
  try {
    if (pdf.numPages > limits.maxPdfPages) {
      throw limitError('pages', file.relPath, `it has ${pdf.numPages} pages; the limit is ${limits.maxPdfPages}. Split it into several files.`);
    }
    const pages: PdfLine[][] = [];
    let chars = 0;
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const lines = await readPageLines(pdf, number, file);
      chars += lines.reduce((sum, line) => sum + line.text.length + 1, 0);
      if (chars > limits.maxTextChars) {
        throw limitError('text', file.relPath, `its text passes ${limits.maxTextChars} characters by page ${number} of ${pdf.numPages}; split it into several files`);
      }
      pages.push(lines);
    }

    const textless = pages.flatMap((lines, index) => (visibleChars(lines) < MIN_PAGE_CHARS ? [index + 1] : []));
    // Scanned pages are read by OCR (src/ingest/ocr); without it they are skipped, or the file refused.
    const ocr = textless.length > 0 ? await recognizePdfPages(file, textless, pdf.numPages) : undefined;
    if (ocr) for (const number of textless) pages[number - 1] = ocr.lines.get(number) ?? [];
    if (!ocr && textless.length === pages.length) {
      throw new AppError(
        'NO_TEXT_LAYER',
        `${file.relPath}: none of its ${pdf.numPages} page(s) has a text layer; it is a scanned image. ` +
          'Run OCR on it (for example with ocrmypdf or Adobe Acrobat) or provide the DOCX or a text PDF instead.',
      );
    }
    if (ocr && pages.every((lines) => visibleChars(lines) < MIN_PAGE_CHARS)) {
      throw new AppError(
        'NO_TEXT_LAYER',
        `${file.relPath}: none of its ${pdf.numPages} page(s) has a text layer, and OCR found no text on them ` +
          '(blank pages, or a scan too faint or small to read). Scan it again at 300 dpi or provide the DOCX or a text PDF instead.',
      );
    }

    const warnings: string[] = [...(ocr?.warnings ?? [])];
    if (!ocr && textless.length > 0) {
      warnings.push(`page(s) ${textless.join(', ')} of ${pdf.numPages} have no text layer (scanned?) and were skipped`);
    }
    const furniture = removeRunningHeaders(pages);
    if (furniture.removed > 0) warnings.push(`removed ${furniture.removed} running header/footer/page-number lines`);
    const notes = separateFootnotes(furniture.pages);
    const paragraphs = joinLines(ocr ? fixLines(notes.pages.flat()) : notes.pages.flat());
    if (notes.footnotes.length > 0) {
      paragraphs.push(...joinLines(notes.footnotes));
      warnings.push(`moved ${notes.footnotes.length} footnote lines to the end of the text`);
    }
    const outline = removeRepeatedOutline(cleanLines(paragraphs));
    if (outline.removed > 0) {
      warnings.push(`removed a table of contents repeating the headings (${outline.removed} lines)`);
    }
    return { text: outline.lines.join('\n'), frontMatter: {}, warnings, ...(ocr && { ocr: ocr.summary }) };
  } finally {
    await pdf.destroy();
  }
}

async function openPdf(file: SourceFile): Promise<PdfDocument> {
  try {
    // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
    return await getDocumentProxy(new Uint8Array(file.bytes), { isEvalSupported: false, verbosity: 0 });
  } catch (error: unknown) {
    const name = error instanceof Error ? error.name : '';
    const reason = error instanceof Error ? error.message : String(error);
    const detail =
      name === 'PasswordException'
        ? 'the PDF is encrypted with a password. Remove the password (print or save an unprotected copy) and add it again.'
        : `the PDF is damaged or not a PDF (${reason}). Download or export it again.`;
    throw new AppError('DOCUMENT_UNREADABLE', `${file.relPath}: ${detail}`, { cause: error });
  }
}

async function readPageLines(pdf: PdfDocument, number: number, file: SourceFile): Promise<PdfLine[]> {
  try {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    page.cleanup();
    return buildLines(runsFromItems(content.items), number);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('DOCUMENT_UNREADABLE', `${file.relPath}: cannot read page ${number} (${reason}).`, {
      cause: error,
    });
  }
}

function visibleChars(lines: readonly PdfLine[]): number {
  return lines.reduce((sum, line) => sum + line.text.replace(/\s/g, '').length, 0);
}
