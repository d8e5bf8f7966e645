/**
 * OCR settings (issue 14): how many worker threads read scanned documents, and how long a page and a
 * file may take. Kept apart from `config.ts` so that file's other blocks can change independently.
 */
import { availableParallelism } from 'node:os';

/** The OCR part of {@link import('./config.js').Config}. */
export interface OcrConfig {
  /**
   * `OCR_WORKERS`: worker threads that render and recognise scanned pages. Default: half the CPU cores,
   * at least 1 (1 on a 2-core server, so the other core keeps answering). 0 turns OCR off: scanned PDFs
   * are refused with "no text layer" as before, and images are refused.
   */
  workers: number;
  /** `OCR_PAGE_TIMEOUT_S` (default 120): longest one page may take; the worker is stopped after it. */
  pageTimeoutMs: number;
  /** `OCR_FILE_TIMEOUT_S` (default 1800): longest all the scanned pages of one file may take. */
  fileTimeoutMs: number;
}

type Int = (name: string, def: number, min: number, max: number) => number;

/** Reads the OCR settings with `loadConfig`'s validators. */
export function ocrSettings(int: Int, cores = availableParallelism()): OcrConfig {
  return {
    workers: int('OCR_WORKERS', Math.max(1, Math.floor(cores / 2)), 0, 64),
    pageTimeoutMs: int('OCR_PAGE_TIMEOUT_S', 120, 5, 3600) * 1000,
    fileTimeoutMs: int('OCR_FILE_TIMEOUT_S', 1800, 10, 86_400) * 1000,
  };
}
