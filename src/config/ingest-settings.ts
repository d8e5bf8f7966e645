/**
 * Parsing limits (issue 11): what one knowledge file may expand to, how long it may take to parse and how
 * much memory the parse worker may use. Kept apart from `config.ts` so that file's other blocks can change
 * independently.
 */
import { availableParallelism } from 'node:os';

/** The parsing part of {@link import('./config.js').Config}. */
export interface IngestConfig {
  ingest: {
    /** `INGEST_MAX_UNCOMPRESSED_MB` (default 48): total uncompressed size of a DOCX, bytes. */
    maxUncompressedBytes: number;
    /** `INGEST_MAX_ZIP_ENTRIES` (default 5000): entries in a DOCX archive. */
    maxZipEntries: number;
    /** `INGEST_MAX_PDF_PAGES` (default 3000). */
    maxPdfPages: number;
    /** `INGEST_MAX_TEXT_CHARS` (default 8,000,000): extracted text of one file. */
    maxTextChars: number;
    /** `INGEST_FILE_TIMEOUT_SECONDS` (default 120), as ms: one file's parse; the parse process is stopped after it. */
    timeoutMs: number;
    /** `INGEST_WORKER_MEMORY_MB` (default 1024): heap limit of the parse child process. */
    workerMemoryMb: number;
  };
  /**
   * `INDEX_BUILD_WORKERS`: worker threads that analyse the passages for the keyword index in a reindex
   * (issue 17). Default: the number of CPU cores less one (at least 1): the server's own thread merges
   * their batches and lays out the index between answers. 0 builds it on the server's own thread (which
   * then stops answering meanwhile).
   */
  indexBuildWorkers: number;
}

type Int = (name: string, def: number, min: number, max: number) => number;

/** Reads the parsing limits with `loadConfig`'s validator. */
export function ingestSettings(int: Int, cores = availableParallelism()): IngestConfig {
  return {
    ingest: {
      maxUncompressedBytes: int('INGEST_MAX_UNCOMPRESSED_MB', 48, 1, 2048) * 1024 * 1024,
      maxZipEntries: int('INGEST_MAX_ZIP_ENTRIES', 5000, 10, 100_000),
      maxPdfPages: int('INGEST_MAX_PDF_PAGES', 3000, 1, 100_000),
      maxTextChars: int('INGEST_MAX_TEXT_CHARS', 8_000_000, 10_000, 200_000_000),
      timeoutMs: int('INGEST_FILE_TIMEOUT_SECONDS', 120, 1, 3600) * 1000,
      workerMemoryMb: int('INGEST_WORKER_MEMORY_MB', 1024, 64, 16_384),
    },
    indexBuildWorkers: int('INDEX_BUILD_WORKERS', Math.max(1, cores - 1), 0, 64),
  };
}
