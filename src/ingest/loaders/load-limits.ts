import { AppError, isAppError } from '../../common/errors.js';

/**
 * Bounds on the work one knowledge file may cause, so a hostile or broken upload (a ZIP bomb disguised as
 * a .docx, a PDF with tens of thousands of pages) is refused with a reason instead of exhausting memory.
 *
 * The compressed size is already capped by the upload limit; these bound what the file expands to.
 */
export interface LoadLimits {
  /** Total uncompressed size of all entries of a DOCX (ZIP), bytes. Default 48 MB. */
  maxUncompressedBytes: number;
  /** Entries in a DOCX (ZIP) central directory. Default 5,000. */
  maxZipEntries: number;
  /** Pages of a PDF. Default 3,000. */
  maxPdfPages: number;
  /** Characters of extracted text, any format. Default 8,000,000 (about 3,000 dense pages). */
  maxTextChars: number;
  /** Wall-clock time to parse one file, ms; enforced by the isolated parser, which stops its process. Default 120 s. */
  timeoutMs: number;
}

/** The defaults of {@link LoadLimits}. */
export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxUncompressedBytes: 48 * 1024 * 1024,
  maxZipEntries: 5_000,
  maxPdfPages: 3_000,
  maxTextChars: 8_000_000,
  timeoutMs: 120_000,
});

/** Which bound a file broke; the admin console shows a Vietnamese explanation per kind. */
export type LimitKind = 'uncompressed' | 'entries' | 'pages' | 'text' | 'time' | 'memory';

/** All {@link LimitKind}s. */
export const LIMIT_KINDS: readonly LimitKind[] = ['uncompressed', 'entries', 'pages', 'text', 'time', 'memory'];

/** The cause attached to a DOCUMENT_TOO_LARGE error: which bound was broken. */
export class LimitBreach extends Error {
  constructor(readonly kind: LimitKind) {
    super(`limit exceeded: ${kind}`);
    this.name = 'LimitBreach';
  }
}

/**
 * The DOCUMENT_TOO_LARGE error for a file that broke `kind`; `detail` says by how much, in English.
 *
 * @example throw limitError('pages', 'a.pdf', 'it has 9000 pages; the limit is 3000')
 */
export function limitError(kind: LimitKind, relPath: string, detail: string): AppError {
  return new AppError('DOCUMENT_TOO_LARGE', `${relPath}: ${detail}`, { cause: new LimitBreach(kind) });
}

/** The bound an error reports as broken, or undefined when it is not a limit error. */
export function limitKindOf(err: unknown): LimitKind | undefined {
  if (!isAppError(err, 'DOCUMENT_TOO_LARGE')) return undefined;
  return err.cause instanceof LimitBreach ? err.cause.kind : undefined;
}

/** `partial` completed with the defaults. */
export function resolveLimits(partial: Partial<LoadLimits> = {}): LoadLimits {
  const out = { ...DEFAULT_LOAD_LIMITS };
  // Only the known keys: a wider object (the config's ingest block) may be passed.
  for (const key of Object.keys(DEFAULT_LOAD_LIMITS) as Array<keyof LoadLimits>) {
    const value = partial[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** "48 MB", "820 KB": sizes for English details. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
