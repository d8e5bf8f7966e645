/**
 * Offline OCR of scanned documents (issue 14): image-only PDF pages and image files are rendered,
 * recognised with tesseract.js and its packaged Vietnamese model, and fed to the text-PDF paragraph
 * builder. See README.md in this folder.
 */
export { loadImage, recognizePdfPages, fixLines, LOW_CONFIDENCE } from './ocr-loader.js';
export type { RecognizedPages } from './ocr-loader.js';
export { setOcrEngine, ocrEngine, closeOcrEngine } from './ocr-service.js';
export { InProcessOcrEngine } from './in-process-engine.js';
export type { OcrEngineOptions } from './in-process-engine.js';
export { DEFAULT_OCR_DPI } from './page-renderer.js';
export type { OcrEngine, OcrInput, OcrPage, OcrRequestOptions, OcrTextLine, OcrWord } from './ocr-types.js';
