import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep, extname, basename } from 'node:path';
import { describeError } from '../common/errors.js';
import { yieldToEventLoop } from '../common/time-slice.js';
import { documentHash, isSidecarFile } from '../admin/sidecar.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { Analyzer } from '../text/analyzer.js';
import { emptyGlossary } from '../text/glossary.js';
import { failureFacts, InProcessParser } from './parse-file.js';
import type { ConfigKind, FileParser, ParsedConfig } from './parse-file.js';
import type { Chunk, DocumentMeta, OcrSummary } from '../ingest/legal-unit.js';
import { KeywordIndex } from './keyword-index.js';
import { chunkToIndexable } from './indexable.js';
import { reviewFaq } from './faq-review.js';
import { preferOfficialTexts } from './official-preference.js';
import type { FaqReviewItem } from './faq-review.js';
import { glossaryToJson, newVersion } from './snapshot.js';
import type { FailedFile, FileRecord, SnapshotContent, SnapshotStore } from './snapshot.js';
import { articleLookup, inCoursesDir, readCourses } from './course-index.js';

/** Files in the knowledge folder that are configuration, not documents. */
export const SPECIAL_FILES = new Set(['faq.yaml', 'faq.yml', 'glossary.yaml', 'glossary.yml', 'units.yaml', 'units.yml', 'readme.md', 'sources.md']);

/** Extensions the reindex treats as documents (others are reported and skipped). */
const DOC_EXTENSIONS = new Set(['.md', '.txt', '.html', '.htm', '.docx', '.pdf', '.doc', '.png', '.jpg', '.jpeg', '.tif', '.tiff']);

/** Options for {@link buildSnapshot}. */
export interface ReindexOptions {
  knowledgeDir: string;
  analyzer: Analyzer;
  /** The previous snapshot: unchanged files (same content hash) are reused instead of parsed again. */
  previous?: SnapshotContent | null;
  onProgress?: (done: number, total: number, file: string) => void;
  logger?: Logger;
  /**
   * Parses each changed file. Default: in this thread with the default size limits; the server passes an
   * `IsolatedFileParser` (child process) so a hostile file cannot stall or kill it.
   */
  parser?: FileParser;
}

/** What a reindex changed, for the CLI, the admin console and the audit log. */
export interface ReindexReport {
  version: string;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  failed: FailedFile[];
  /** Parse problems per document (e.g. "no Điều found"), for the admin. */
  warnings: Record<string, string[]>;
  /** Article-level changes ("nd-61.md#D5"): added, removed, changed text. */
  articles: { added: string[]; removed: string[]; changed: string[] };
  documents: number;
  chunks: number;
  faqEntries: number;
  faqProblems: string[];
  /** Curated Q&As citing a document that changed, was replaced or expired: for staff review. */
  faqReview: FaqReviewItem[];
  glossaryProblems: string[];
  /** Courses served (knowledge/courses/): only those without problems. */
  courses: number;
  /** Problems in course files (missing or unknown citations, answer not among the options, duplicate ids). */
  courseProblems: string[];
  /** Documents read (partly) by OCR in this run, with their mean and low page confidences (issue 14). */
  ocr: Record<string, OcrSummary>;
  ms: number;
}

/** Lists document files under `dir` recursively (forward-slash relative paths, sorted), skipping dot files. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * Builds a new snapshot from the knowledge folder. Files whose content hash is unchanged since `previous`
 * are reused; each file that fails to load is reported with its reason and skipped, and the rest goes on.
 */
export async function buildSnapshot(opts: ReindexOptions): Promise<{ content: SnapshotContent; report: ReindexReport }> {
  const started = performance.now();
  const log = opts.logger ?? silentLogger;
  const prev = opts.previous ?? null;
  const files = await listKnowledgeFiles(opts.knowledgeDir);
  const docFiles = files.filter((f) => !SPECIAL_FILES.has(basename(f).toLowerCase()) && !isSidecarFile(f) && !inCoursesDir(f));
  const failed: FailedFile[] = [];
  let records: Record<string, FileRecord> = {};
  let chunks: Chunk[] = [];
  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;
  const prevChunks = groupChunks(prev?.chunks ?? []);
  const ocr: Record<string, OcrSummary> = {};
  let done = 0;
  const parser = opts.parser ?? new InProcessParser();
  for (const rel of docFiles) {
    opts.onProgress?.(done, docFiles.length, rel);
    done += 1;
    if (!DOC_EXTENSIONS.has(extname(rel).toLowerCase())) {
      failed.push({ file: rel, reason: `unsupported file type "${extname(rel) || '(none)'}"; supported: .md .txt .html .docx .pdf, and scans as .pdf .png .jpg .tif` });
      continue;
    }
    try {
      const bytes = await readFile(join(opts.knowledgeDir, rel));
      const hash = await documentHash(opts.knowledgeDir, rel, bytes);
      const before = prev?.files[rel];
      if (before && before.hash === hash && prevChunks.has(rel)) {
        records[rel] = before;
        chunks.push(...(prevChunks.get(rel) ?? []));
        unchanged += 1;
        continue;
      }
      const { meta, warnings, chunks: docChunks, ocr: read } = await parser.parse({ knowledgeDir: opts.knowledgeDir, relPath: rel, bytes });
      if (read) ocr[rel] = read; // meta.scanned is set by the parser: answers quoting it carry the scan notice
      records[rel] = { hash, meta, warnings, chunkIds: docChunks.map((c) => c.id) };
      chunks.push(...docChunks);
      // A summary left out of the last index (official text present) is parsed again though unchanged.
      if (!before) added.push(rel);
      else if (before.hash !== hash) changed.push(rel);
      else unchanged += 1;
    } catch (err: unknown) {
      failed.push({ file: rel, reason: describeError(err), ...failureFacts(err) });
      log.warn({ file: rel, err: describeError(err) }, 'knowledge file skipped');
    }
  }
  opts.onProgress?.(done, docFiles.length, '');
  ({ chunks, records } = preferOfficialTexts(records, chunks));
  const removed = Object.keys(prev?.files ?? {}).filter((f) => !(f in records) && !failed.some((x) => x.file === f));
  const { glossary, problems: glossaryProblems } = await readConfigFile(opts.knowledgeDir, files, parser, 'glossary', (problems) => ({ glossary: emptyGlossary(), problems }));
  const { entries: faq, problems: faqProblems } = await readConfigFile(opts.knowledgeDir, files, parser, 'faq', (problems) => ({ entries: [], problems }));
  const docs = new Map(Object.entries(records).map(([k, r]) => [k, r.meta] as [string, DocumentMeta]));
  const indexable = chunks.map((c) => chunkToIndexable(c, docs.get(c.docId)));
  const index = await KeywordIndex.buildAsync(indexable, opts.analyzer).catch((err: unknown) => {
    // A worker that cannot start, dies or stalls must not fail the reindex: build here instead (slower,
    // and the server answers nothing meanwhile, but the new documents are served).
    log.warn({ err: describeError(err) }, 'index build in worker threads failed; building on this thread');
    return KeywordIndex.build(indexable, opts.analyzer);
  });
  const { courses, problems: courseProblems } = await readCourses(opts.knowledgeDir, files, articleLookup(docs, chunks));
  for (const p of courseProblems) log.warn({ problem: p }, 'course problem');
  const content: SnapshotContent = {
    version: newVersion(),
    createdAt: new Date().toISOString(),
    files: records,
    failed,
    chunks,
    faq,
    glossary: glossaryToJson(glossary),
    index: index.toData(),
    courses,
  };
  const articles = articleChanges(prev?.chunks ?? [], chunks);
  const warnings = Object.fromEntries(Object.entries(records).filter(([, r]) => r.warnings.length).map(([k, r]) => [k, r.warnings]));
  const report: ReindexReport = {
    version: content.version,
    added,
    changed,
    removed,
    unchanged,
    failed,
    warnings,
    articles,
    faqReview: reviewFaq(faq, docs, chunks, new Set(articles.changed)),
    documents: Object.keys(records).length,
    chunks: chunks.length,
    faqEntries: faq.length,
    faqProblems,
    glossaryProblems,
    courses: courses.length,
    courseProblems,
    ocr,
    ms: Math.round(performance.now() - started),
  };
  return { content, report };
}

/**
 * Builds a snapshot and makes it current in `store`. Incremental unless `full`: from `previous` when
 * given (a server passes the snapshot it serves, already in memory), else from the one `store` loads.
 */
export async function reindex(store: SnapshotStore, opts: Omit<ReindexOptions, 'previous'> & { full?: boolean; previous?: SnapshotContent }) {
  let previous: SnapshotContent | null = opts.full ? null : (opts.previous ?? null);
  if (!opts.full && !previous) {
    try {
      previous = await store.load();
    } catch (err: unknown) {
      opts.logger?.warn({ err: describeError(err) }, 'previous snapshot unreadable; doing a full reindex');
    }
  }
  const result = await buildSnapshot({ ...opts, previous });
  await store.write(result.content);
  return result;
}

function groupChunks(chunks: readonly Chunk[]): Map<string, Chunk[]> {
  const m = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const list = m.get(c.docId);
    if (list) list.push(c);
    else m.set(c.docId, [c]);
  }
  return m;
}

function articleChanges(before: readonly Chunk[], after: readonly Chunk[]): ReindexReport['articles'] {
  const a = new Map(before.map((c) => [c.id, c.hash]));
  const b = new Map(after.map((c) => [c.id, c.hash]));
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
    changed: [...b].filter(([k, h]) => a.has(k) && a.get(k) !== h).map(([k]) => k),
  };
}

/** Names of the configuration files of the knowledge folder. */
const CONFIG_NAMES: Record<ConfigKind, RegExp> = { faq: /^faq\.ya?ml$/i, glossary: /^glossary\.ya?ml$/i };

/**
 * Parses the knowledge folder's configuration file of `kind` with `parser` (the server's parses in its
 * parse process, so a long FAQ neither stalls nor endangers it). None: `empty([])`; unreadable or
 * invalid: `empty` with the problem. What follows starts in a new turn of the event loop.
 */
async function readConfigFile<K extends ConfigKind>(dir: string, files: string[], parser: FileParser, kind: K, empty: (problems: string[]) => ParsedConfig<K>): Promise<ParsedConfig<K>> {
  const f = files.find((x) => CONFIG_NAMES[kind].test(x));
  if (!f) return empty([]);
  let out: ParsedConfig<K>;
  try {
    out = await parser.parseConfig(kind, f, await readFile(join(dir, f), 'utf8'));
  } catch (err: unknown) {
    out = empty([`${f}: ${describeError(err)}`]);
  }
  await yieldToEventLoop();
  return out;
}
