/**
 * Parsing one knowledge file into chunks: the CPU- and memory-heavy step of a reindex, behind a small
 * port ({@link FileParser}) so it can run in this thread (CLI, tests) or in a child process with its own
 * memory limit and a time limit (the server: `isolated-file-parser.ts`).
 */
import { isAppError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';
import { withSidecar } from '../admin/sidecar.js';
import { detectFormat, limitKindOf, loadSource, resolveLimits } from '../ingest/loaders/index.js';
import type { LimitKind, LoadLimits } from '../ingest/loaders/index.js';
import { parseFrontMatter } from '../ingest/front-matter.js';
import { parseLegalText } from '../ingest/legal-parser.js';
import { chunkDocument } from '../ingest/chunker.js';
import type { Chunk, DocumentMeta, OcrSummary } from '../ingest/legal-unit.js';
import { parseFaqFile } from '../ingest/faq-file.js';
import { parseGlossary } from '../text/glossary.js';

/** One file to parse: its bytes and where it lives (its metadata sidecar is read from the folder). */
export interface ParseRequest {
  knowledgeDir: string;
  relPath: string;
  bytes: Uint8Array;
}

/** The chunks of one document with its metadata and non-fatal warnings. */
export interface ParsedFile {
  meta: DocumentMeta;
  warnings: string[];
  chunks: Chunk[];
  /** Set when pages were read by OCR (a scan): their confidences, for the reindex report. */
  ocr?: OcrSummary;
}

/** What a trial load (before an upload is accepted) learns of a file. */
export interface TrialLoad {
  textChars: number;
  warnings: string[];
}

/** Parsers of the knowledge folder's configuration files (YAML: slow to parse when long). */
const CONFIG_PARSERS = { faq: parseFaqFile, glossary: parseGlossary };

/** Which configuration file: `faq.yaml` or `glossary.yaml`. */
export type ConfigKind = keyof typeof CONFIG_PARSERS;

/** What parsing a configuration file of kind `K` gives (entries or glossary, and problems). */
export type ParsedConfig<K extends ConfigKind> = ReturnType<(typeof CONFIG_PARSERS)[K]>;

/** Parses a configuration file's text in the calling thread. */
export function parseConfigFile<K extends ConfigKind>(kind: K, text: string): ParsedConfig<K> {
  return CONFIG_PARSERS[kind](text) as ParsedConfig<K>;
}

/**
 * Turns knowledge files into chunks. Implementations: {@link InProcessParser} (this thread) and
 * `IsolatedFileParser` (a child process with memory and time limits).
 */
export interface FileParser {
  /** Loads, parses and chunks one file. Throws AppError for a file that cannot be indexed. */
  parse(req: ParseRequest): Promise<ParsedFile>;
  /** Loads one file without parsing its structure, to refuse an unreadable upload with its reason. */
  trialLoad(relPath: string, bytes: Uint8Array): Promise<TrialLoad>;
  /** Parses a configuration file (`relPath`, for messages) of the knowledge folder. */
  parseConfig<K extends ConfigKind>(kind: K, relPath: string, text: string): Promise<ParsedConfig<K>>;
}

/**
 * Parses one file in the calling thread, with the size limits of `limits` (no time limit: a thread
 * cannot stop its own synchronous work; use `IsolatedFileParser` for that).
 */
export async function parseKnowledgeFile(req: ParseRequest, limits: LoadLimits): Promise<ParsedFile> {
  const { knowledgeDir, relPath: rel, bytes } = req;
  const loaded = await withSidecar(knowledgeDir, rel, await loadSource({ relPath: rel, format: detectFormat(rel, bytes), bytes }, limits));
  const firstLines = loaded.text.split('\n', 40);
  const { meta, problems } = parseFrontMatter(loaded.frontMatter, { relPath: rel, firstLines });
  if (loaded.ocr) meta.scanned = true; // answers quoting it carry the scan notice
  const doc = parseLegalText(loaded.text, { id: rel, meta });
  const chunks = chunkDocument(doc);
  if (chunks.length === 0) throw new Error('no text found in the document');
  const parsed: ParsedFile = { meta, warnings: [...loaded.warnings, ...problems, ...doc.warnings], chunks };
  if (loaded.ocr) parsed.ocr = loaded.ocr;
  return parsed;
}

/** Loads one file in the calling thread (see {@link FileParser.trialLoad}). */
export async function trialLoadFile(relPath: string, bytes: Uint8Array, limits: LoadLimits): Promise<TrialLoad> {
  const loaded = await loadSource({ relPath, format: detectFormat(relPath, bytes), bytes }, limits);
  return { textChars: loaded.text.trim().length, warnings: loaded.warnings };
}

/** {@link FileParser} in the calling thread: for the CLI and tests, where a stall harms nobody else. */
export class InProcessParser implements FileParser {
  readonly limits: LoadLimits;

  /** @param limits Size limits; defaults: `DEFAULT_LOAD_LIMITS`. */
  constructor(limits: Partial<LoadLimits> = {}) {
    this.limits = resolveLimits(limits);
  }

  parse(req: ParseRequest): Promise<ParsedFile> {
    return parseKnowledgeFile(req, this.limits);
  }

  trialLoad(relPath: string, bytes: Uint8Array): Promise<TrialLoad> {
    return trialLoadFile(relPath, bytes, this.limits);
  }

  async parseConfig<K extends ConfigKind>(kind: K, _relPath: string, text: string): Promise<ParsedConfig<K>> {
    return parseConfigFile(kind, text);
  }
}

/** The code and broken limit of a parse error, for the reindex report (the console explains them in Vietnamese). */
export function failureFacts(err: unknown): { code?: ErrorCode; limit?: LimitKind } {
  if (!isAppError(err)) return {};
  const limit = limitKindOf(err);
  return limit ? { code: err.code, limit } : { code: err.code };
}
