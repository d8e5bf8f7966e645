/**
 * Document management for admins: list the knowledge folder with what the live index knows, upload,
 * replace and delete files, edit their metadata, and reindex in the background.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { AppError, describeError } from '../common/errors.js';
import { sha256 } from '../common/hash.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { detectFormat, splitFrontMatter } from '../ingest/loaders/index.js';
import { InProcessParser } from '../search/parse-file.js';
import type { FileParser } from '../search/parse-file.js';
import { writeFileAtomic } from './atomic-file.js';
import { describeDocument, documentFiles, listDocuments } from './document-listing.js';
import type { DocumentInfo } from './document-listing.js';
import { pathInside, safeDocumentName } from './file-names.js';
import { applyPatch, rewriteFrontMatterBlock } from './front-matter-block.js';
import { metaValues, validateMetaPatch } from './meta-fields.js';
import type { MetaPatch, MetaValues } from './meta-fields.js';
import type { AuditEntry, AuditLog, ReindexJobStore } from './ports.js';
import { ReindexJobs } from './reindex-jobs.js';
import type { ManagedKnowledge, ReindexJob } from './reindex-jobs.js';
import { mergeFrontMatter, readSidecar, sidecarPathOf } from './sidecar.js';

/** Default upload cap: 20 MB. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** Options of {@link DocumentService}. */
export interface DocumentServiceOptions {
  /** The knowledge folder (KNOWLEDGE_DIR); every write stays inside it. */
  knowledgeDir: string;
  /** The live index: read for the listing, reindexed in the background. */
  knowledge: ManagedKnowledge;
  /** Where every action is recorded. */
  audit: AuditLog;
  /** Reindex jobs shared by every instance (the database store); default in memory, for one process. */
  jobs?: ReindexJobStore;
  /** Largest accepted file in bytes. Default {@link DEFAULT_MAX_BYTES} (20 MB). */
  maxBytes?: number;
  /** Default: silent. */
  logger?: Logger;
  /** Clock for the audit log and jobs. Default `Date.now`. */
  now?: () => number;
  /**
   * Runs the trial load of an upload. Default: in this thread with the default size limits; the server
   * passes an `IsolatedFileParser` (child process: memory and time limits, event loop free).
   */
  parser?: FileParser;
}

/** A document's editable metadata and where it is stored. */
export interface DocumentMetaView {
  id: string;
  /** The values written in the file's front matter or sidecar ('' when unset). */
  values: MetaValues;
  /** `block`: the file's own `---` front matter (.md/.txt); `sidecar`: `<file>.meta.yaml`. */
  storage: 'block' | 'sidecar';
}

/**
 * DocumentService: the admin's operations on the knowledge folder. Changes reach the index at the next
 * reindex (so several uploads can go live together); a failed reindex leaves the old index serving.
 *
 * Every file is checked before it is written: a safe name ({@link safeDocumentName}), the size cap, the
 * type by content (a .pdf that is really HTML is refused) and a trial load (a scanned PDF or a file in a
 * legacy encoding is refused with the reason). Writes are atomic and serialised, and each action is
 * recorded in the audit log (a failing audit write is logged, not thrown: the action already happened).
 *
 * @example
 * const docs = new DocumentService({ knowledgeDir, knowledge, audit: store, logger });
 * await docs.upload('Nghị định 118.pdf', bytes, 'web:lan'); // stored as nghi-dinh-118.pdf
 * const job = await docs.reindex('web:lan');
 * (await docs.job(job.id))?.state; // 'running' → 'succeeded'
 */
export class DocumentService {
  readonly knowledgeDir: string;
  readonly maxBytes: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly jobs: ReindexJobs;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: DocumentServiceOptions) {
    this.knowledgeDir = o.knowledgeDir;
    this.maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
    this.logger = o.logger ?? silentLogger;
    this.now = o.now ?? Date.now;
    this.jobs = new ReindexJobs({ knowledge: o.knowledge, audit: o.audit, logger: this.logger, now: this.now, store: o.jobs });
  }

  /** Every document on disk (and every indexed one whose file is gone), with its index state, sorted by id. */
  list(): Promise<DocumentInfo[]> {
    return listDocuments(this.knowledgeDir, this.o.knowledge.snapshot);
  }

  /** Version and build time (ISO) of the live index snapshot. */
  snapshotInfo(): { version: string; createdAt: string } {
    const { version, createdAt } = this.o.knowledge.snapshot;
    return { version, createdAt };
  }

  /** One document; NOT_FOUND when there is no such file. */
  async get(id: string): Promise<DocumentInfo> {
    const info = await describeDocument(this.knowledgeDir, this.o.knowledge.snapshot, await this.existing(id));
    if (!info) throw new AppError('NOT_FOUND', `no document ${id}`);
    return info;
  }

  /**
   * Stores a new document under its safe name. CONFLICT when that name exists (use {@link replace}).
   *
   * @throws AppError INVALID_INPUT (name, empty file), PAYLOAD_TOO_LARGE, UNSUPPORTED_FORMAT (415, the
   *   content is not what the extension says), NO_TEXT_LAYER / DOCUMENT_UNREADABLE (422), CONFLICT.
   */
  async upload(name: string, bytes: Uint8Array, actor: string): Promise<DocumentInfo> {
    const id = safeDocumentName(name);
    return this.exclusive(async () => {
      await this.checkContent(id, bytes);
      await writeFileAtomic(pathInside(this.knowledgeDir, id), bytes, { exclusive: true });
      // A sidecar left behind by a deleted namesake would otherwise describe the new file.
      await rm(pathInside(this.knowledgeDir, sidecarPathOf(id)), { force: true });
      await this.record(actor, 'document.upload', id, { name: name.slice(0, 200), bytes: bytes.length, sha256: sha256(bytes) });
      return this.get(id);
    });
  }

  /** Replaces a document's file (same name and format; metadata sidecar kept). NOT_FOUND when unknown. */
  async replace(id: string, bytes: Uint8Array, actor: string): Promise<DocumentInfo> {
    return this.exclusive(async () => {
      const rel = await this.existing(id);
      await this.checkContent(rel, bytes);
      const path = pathInside(this.knowledgeDir, rel);
      const previous = await readFile(path).then((b) => b.length, () => 0);
      await writeFileAtomic(path, bytes);
      await this.record(actor, 'document.replace', rel, { bytes: bytes.length, previousBytes: previous, sha256: sha256(bytes) });
      return this.get(rel);
    });
  }

  /** Deletes a document and its sidecar. It stays searchable until the next reindex. NOT_FOUND when unknown. */
  async remove(id: string, actor: string): Promise<void> {
    await this.exclusive(async () => {
      const rel = await this.existing(id);
      await rm(pathInside(this.knowledgeDir, rel));
      await rm(pathInside(this.knowledgeDir, sidecarPathOf(rel)), { force: true });
      await this.record(actor, 'document.delete', rel, {});
    });
  }

  /** The metadata written for a document (not what the index derived from its header). */
  async readMeta(id: string): Promise<DocumentMetaView> {
    const rel = await this.existing(id);
    const storage = await this.metaStorage(rel);
    const sidecar = await readSidecar(this.knowledgeDir, rel);
    let own: Record<string, string> = {};
    if (isTextFormat(rel)) {
      const text = utf8OrNull(await readFile(pathInside(this.knowledgeDir, rel)));
      if (text !== null) own = splitFrontMatter(text).frontMatter;
    }
    const raw = sidecar ? mergeFrontMatter(own, sidecar.frontMatter) : own;
    return { id: rel, values: metaValues(raw), storage };
  }

  /**
   * Edits a document's metadata: `.md`/`.txt` files get their `---` block rewritten; other formats (and
   * text files with a sidecar already, or not in UTF-8) get `<file>.meta.yaml`. Given fields are set, an
   * empty string removes one. Takes effect at the next reindex.
   *
   * @throws AppError INVALID_INPUT (unknown key), FRONT_MATTER_INVALID (bad date, status, URL; or an
   *   existing block that is not YAML), NOT_FOUND.
   */
  async updateMeta(id: string, meta: unknown, actor: string): Promise<DocumentMetaView> {
    const patch = validateMetaPatch(meta);
    return this.exclusive(async () => {
      const rel = await this.existing(id);
      const storage = await this.metaStorage(rel);
      if (storage === 'block') {
        const path = pathInside(this.knowledgeDir, rel);
        const bytes = await readFile(path);
        const text = utf8OrNull(bytes) ?? '';
        await writeFileAtomic(path, Buffer.from(rewriteFrontMatterBlock(text, patch), 'utf8'));
      } else {
        await this.writeSidecar(rel, patch);
      }
      await this.record(actor, 'document.meta', rel, { storage, fields: Object.keys(patch), values: patch });
      return this.readMeta(rel);
    });
  }

  /** Starts a reindex in the background (or joins the running one) and returns its job. */
  reindex(actor: string): Promise<ReindexJob> {
    return this.jobs.start(actor);
  }

  /** A reindex job by id, or undefined when unknown. */
  job(id: string): Promise<ReindexJob | undefined> {
    return this.jobs.get(id);
  }

  /** Recent reindex jobs, newest first. */
  recentJobs(): Promise<ReindexJob[]> {
    return this.jobs.list();
  }

  /** The id of an existing document file; NOT_FOUND for anything else (configuration files and sidecars included). */
  private async existing(id: string): Promise<string> {
    if (typeof id !== 'string' || id === '' || id.length > 1024) throw new AppError('NOT_FOUND', 'no such document');
    pathInside(this.knowledgeDir, id);
    const files = await documentFiles(this.knowledgeDir);
    if (!files.includes(id)) throw new AppError('NOT_FOUND', `no document ${id.slice(0, 200)}`);
    return id;
  }

  /** Size cap, type by content, and a trial load so an unreadable file is refused with its reason. */
  private async checkContent(id: string, bytes: Uint8Array): Promise<void> {
    if (bytes.length > this.maxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `the file is ${bytes.length} bytes; the limit is ${this.maxBytes}`);
    }
    if (bytes.length === 0) throw new AppError('INVALID_INPUT', 'the file is empty');
    detectFormat(id, bytes);
    const loaded = await (this.o.parser ?? new InProcessParser()).trialLoad(id, bytes);
    if (loaded.textChars === 0) throw new AppError('DOCUMENT_UNREADABLE', `${id}: no text found in the document`);
  }

  private async metaStorage(rel: string): Promise<'block' | 'sidecar'> {
    if (!isTextFormat(rel)) return 'sidecar';
    if (await readSidecar(this.knowledgeDir, rel)) return 'sidecar';
    return utf8OrNull(await readFile(pathInside(this.knowledgeDir, rel))) === null ? 'sidecar' : 'block';
  }

  private async writeSidecar(rel: string, patch: MetaPatch): Promise<void> {
    const path = pathInside(this.knowledgeDir, sidecarPathOf(rel));
    const existing = await readFile(path, 'utf8').catch((err: unknown) => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw err;
    });
    const doc = parseDocument(existing);
    if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
      // It was ignored by the reindex too (with a warning); the admin's edit starts it afresh.
      this.logger.warn({ file: sidecarPathOf(rel) }, 'metadata sidecar unreadable; rewriting it');
      doc.contents = null;
    }
    applyPatch(doc, patch);
    const text = doc.toString({ lineWidth: 0 });
    if (text.trim() === '' || text.trim() === '{}') await rm(path, { force: true });
    else await writeFileAtomic(path, Buffer.from(text, 'utf8'));
  }

  /** Runs mutations one at a time (a replace never interleaves with a delete of the same file). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async record(actor: string, action: string, target: string, details: Record<string, unknown>): Promise<void> {
    const entry: AuditEntry = { id: `a-${randomBytes(8).toString('hex')}`, at: this.now(), actor, action, target, details };
    try {
      await this.o.audit.recordAudit(entry);
    } catch (err: unknown) {
      this.logger.error({ action, target, actor, err: describeError(err) }, 'audit log write failed');
    }
  }
}

function isTextFormat(rel: string): boolean {
  const ext = extname(rel).toLowerCase();
  return ext === '.md' || ext === '.txt';
}

/** The bytes as UTF-8 text (BOM kept for the block rewriter), or null when they are not valid UTF-8. */
function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
