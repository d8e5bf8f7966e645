/**
 * Offline OCR of scanned documents (issue 14): image-only PDF pages and image files are rendered,
 * recognised with tesseract.js and its packaged Vietnamese model, and fed to the text-PDF paragraph
 * builder. See README.md in this folder.
 */
export { loadImage, recognizePdfPages, fixLines, LOW_CONFIDENCE } from './ocr-loader.js';
export type { RecognizedPages } from './ocr-loader.js';
export { setOcrEngine, ocrEngine, closeOcrEngine, configureOcr } from './ocr-service.js';
export type { OcrServiceOptions } from './ocr-service.js';
export { WorkerPoolOcrEngine } from './worker-pool-engine.js';
export type { WorkerPoolOptions } from './worker-pool-engine.js';
export { CachingOcrEngine } from './ocr-cache.js';
export type { OcrCacheOptions } from './ocr-cache.js';
export { InProcessOcrEngine } from './in-process-engine.js';
export type { OcrEngineOptions } from './in-process-engine.js';
export { DEFAULT_OCR_DPI } from './page-renderer.js';
export type { OcrEngine, OcrInput, OcrPage, OcrRequestOptions, OcrTextLine, OcrWord } from './ocr-types.js';
