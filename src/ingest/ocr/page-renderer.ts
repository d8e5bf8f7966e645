/**
 * Renders PDF pages to PNG images for OCR with pdf.js (through `unpdf`) drawing on `@napi-rs/canvas`
 * (a prebuilt native canvas shipped in the npm package; nothing is downloaded).
 */
import { getDocumentProxy, renderPageAsImage } from 'unpdf';
import { AppError } from '../../common/errors.js';

/** Resolution OCR pages are rendered at unless told otherwise (see bench/results.md, "OCR (issue 14)"). */
export const DEFAULT_OCR_DPI = 200;

/** One rendered page. */
export interface RenderedPage {
  page: number;
  png: Uint8Array;
  width: number;
  height: number;
  pixelsPerPoint: number;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/**
 * Opens a PDF for rendering. Call `destroy()` on the result when done.
 *
 * @throws AppError DOCUMENT_UNREADABLE when pdf.js cannot open it.
 */
export async function openPdfForRendering(bytes: Uint8Array, relPath: string): Promise<PdfDocument> {
  try {
    // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
    return await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  } catch (error: unknown) {
    throw new AppError('DOCUMENT_UNREADABLE', `${relPath}: cannot open the PDF to render it for OCR (${String(error)}).`, { cause: error });
  }
}

/**
 * Renders one page at `dpi` dots per inch (a PDF point is 1/72 inch).
 *
 * @throws AppError DOCUMENT_UNREADABLE when the page cannot be drawn.
 */
export async function renderPdfPage(pdf: PdfDocument, page: number, dpi: number, relPath: string): Promise<RenderedPage> {
  const pixelsPerPoint = dpi / 72;
  try {
    const viewport = (await pdf.getPage(page)).getViewport({ scale: pixelsPerPoint });
    const png = await renderPageAsImage(pdf, page, { canvasImport: () => import('@napi-rs/canvas'), scale: pixelsPerPoint });
    return { page, png: new Uint8Array(png), width: Math.round(viewport.width), height: Math.round(viewport.height), pixelsPerPoint };
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('DOCUMENT_UNREADABLE', `${relPath}: cannot render page ${page} for OCR (${reason}).`, { cause: error });
  }
}
