import { randomBytes } from 'node:crypto';
import type { Course } from '../ingest/course-file.js';
import { mkdir, open, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';
import type { LimitKind } from '../ingest/loaders/index.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { Glossary } from '../text/glossary.js';
import type { KeywordIndexData } from './keyword-index.js';
import type { FaqEntry } from './types.js';
import { PassageStore } from './passage-store.js';
import { TimeSlicer } from '../common/time-slice.js';

/** Per-file record kept in a snapshot so the next reindex can skip unchanged files. */
export interface FileRecord {
  hash: string;
  meta: DocumentMeta;
  warnings: string[];
  chunkIds: string[];
}

/** A file that failed to load, with the reason an admin can act on. */
export interface FailedFile {
  file: string;
  /** English, for logs and the technical detail. */
  reason: string;
  /** The error code, when known: the admin console explains it in Vietnamese. */
  code?: ErrorCode;
  /** Which limit a file that was too large broke (code DOCUMENT_TOO_LARGE). */
  limit?: LimitKind;
}

/** What a snapshot holds: everything needed to answer questions without reading `knowledge/` again. */
export interface SnapshotContent {
  version: string;
  createdAt: string;
  files: Record<string, FileRecord>;
  failed: FailedFile[];
  chunks: Chunk[];
  faq: FaqEntry[];
  glossary: { abbreviations: Array<[string, string[]]>; synonymGroups: string[][] };
  index: KeywordIndexData;
  /** Valid courses (knowledge/courses/); absent in snapshots written before courses existed. */
  courses?: Course[];
}

/**
 * Layout version of the files in a snapshot folder. A snapshot of another version is not read (load()
 * returns null) so the caller rebuilds it from the knowledge folder instead of misreading it.
 *
 * - 1: snapshot.json with everything but the index arrays (chunks and terms as JSON), postings.bin.
 * - 2: snapshot.json (metadata only: files, FAQ, glossary, section table), index.bin (the index's typed
 *   arrays, loaded as views on one read, no per-posting parsing) and passages.bin (terms joined by "\n",
 *   chunk text as one UTF-8 buffer with byte offsets, chunk metadata as one JSON array of rows).
 * - 3: the same three files, with nothing parsed per term, posting or passage: index.bin holds every array
 *   of {@link KeywordIndexData} (the term table with its hash slots, postings, one-byte factor codes,
 *   per-record factors, idf, MaxScore bounds); passages.bin holds the {@link PassageStore} columns (all
 *   chunk fields as UTF-8 in one buffer with offsets), decoded only when a chunk is read.
 */
export const SNAPSHOT_FORMAT = 3;

/** Where a section lies in its file: byte offset (8-aligned) and byte length. */
interface Section {
  offset: number;
  length: number;
}

/** The metadata file of a format-2 snapshot. */
interface SnapshotMeta extends Omit<SnapshotContent, 'index' | 'chunks'> {
  format: number;
  size: number;
  chunkCount: number;
  codeBits: CodeBits;
  /** Distinct document ids of the passage store (its `docOf` column indexes them). */
  docIds: string[];
  sections: Record<string, Section>;
}

/** Width of the per-posting factor codes in index.bin. */
type CodeBits = 8 | 16;

/** Converts the glossary's maps to the JSON-friendly shape stored in a snapshot. */
export function glossaryToJson(g: Glossary): SnapshotContent['glossary'] {
  return { abbreviations: [...g.abbreviations], synonymGroups: g.synonymGroups };
}

/** Inverse of {@link glossaryToJson}. */
export function glossaryFromJson(j: SnapshotContent['glossary']): Glossary {
  return { abbreviations: new Map(j.abbreviations), synonymGroups: j.synonymGroups };
}

/**
 * SnapshotStore: versioned index snapshots under `<dataDir>/index/`, swapped atomically.
 *
 * Each snapshot is written in full to its own folder (`v<time>-<rand>/`), then the `CURRENT` pointer file is
 * replaced with a rename, which is atomic on POSIX file systems: a reader sees the old or the new snapshot,
 * never a half-written one. Older versions beyond `keep` are removed afterwards.
 */
export class SnapshotStore {
  readonly root: string;

  constructor(
    dataDir: string,
    private readonly keep = 2,
  ) {
    this.root = join(dataDir, 'index');
  }

  /** Version named by the CURRENT pointer, or null when there is no snapshot yet. */
  async currentVersion(): Promise<string | null> {
    try {
      return (await readFile(join(this.root, 'CURRENT'), 'utf8')).trim() || null;
    } catch (err: unknown) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError('INDEX_CORRUPT', `cannot read ${this.root}/CURRENT`, { cause: err });
    }
  }

  /**
   * Writes a snapshot and makes it current. When a file cannot be written (a full disk, most likely), the
   * partial folder and pointer are removed so the space comes back to the database in the same folder, the
   * current snapshot stays in use, and the error says so (STORAGE_UNAVAILABLE, the cause kept).
   */
  async write(content: SnapshotContent): Promise<void> {
    const dir = join(this.root, content.version);
    const tmp = join(this.root, `CURRENT.${randomBytes(8).toString('hex')}.tmp`);
    try {
      await this.writeFiles(dir, tmp, content);
    } catch (err: unknown) {
      await Promise.all([rm(dir, { recursive: true, force: true }), rm(tmp, { force: true })]).catch(() => undefined);
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOSPC' ? 'no space left on the device' : code === 'EDQUOT' ? 'disk quota exceeded' : (err as Error).message;
      throw new AppError('STORAGE_UNAVAILABLE', `index snapshot ${content.version} not written in ${this.root}: ${why}; the previous snapshot stays in use`, { cause: err });
    }
    await this.prune(content.version);
  }

  private async writeFiles(dir: string, tmp: string, content: SnapshotContent): Promise<void> {
    await mkdir(dir, { recursive: true });
    const { index, chunks, ...rest } = content;
    const sections: Record<string, Section> = {};
    const indexParts = layout(sections, [
      ['termChars', bytesOf(index.terms.chars)],
      ['termStarts', bytesOf(index.terms.starts)],
      ['termSlots', bytesOf(index.terms.slots)],
      ['offsets', bytesOf(index.offsets)],
      ['postings', bytesOf(index.postings)],
      ['codes', bytesOf(index.codes)],
      ['factorStart', bytesOf(index.factorStart)],
      ['factors', bytesOf(index.factors)],
      ['idf', bytesOf(index.idf)],
      ['maxWeight', bytesOf(index.maxWeight)],
    ]);
    // Sliced: a server writes snapshots while it answers (the chunks' fields are decoded one by one here).
    const store = await PassageStore.sliced(chunks, new TimeSlicer());
    const passageParts = layout(sections, [
      ['passageStarts', bytesOf(store.data.starts)],
      ['passageDocs', bytesOf(store.data.docOf)],
      ['passageBytes', store.data.pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))],
    ]);
    await writeParts(join(dir, 'index.bin'), indexParts);
    await writeParts(join(dir, 'passages.bin'), passageParts);
    const codeBits: CodeBits = index.codes instanceof Uint16Array ? 16 : 8;
    const meta: SnapshotMeta = { format: SNAPSHOT_FORMAT, ...rest, size: index.size, chunkCount: chunks.length, codeBits, docIds: store.data.docIds, sections };
    await writeFile(join(dir, 'snapshot.json'), JSON.stringify(meta));
    // `tmp` is random, not the pid: instances in containers all run as pid 1 and may share this folder.
    await writeFile(tmp, content.version);
    await rename(tmp, join(this.root, 'CURRENT'));
  }

  /**
   * Loads the current snapshot, or null when none exists or it was written in another layout version
   * ({@link SNAPSHOT_FORMAT}; the caller then rebuilds). A damaged snapshot is an INDEX_CORRUPT error.
   */
  async load(): Promise<SnapshotContent | null> {
    const version = await this.currentVersion();
    if (!version) return null;
    const dir = join(this.root, version);
    try {
      const meta = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as SnapshotMeta;
      if (meta.format !== SNAPSHOT_FORMAT) return null;
      const { format: _format, size, chunkCount, codeBits, docIds, sections, ...rest } = meta;
      const [indexBuf, passageBuf] = await Promise.all([readFile(join(dir, 'index.bin')), readFile(join(dir, 'passages.bin'))]);
      const store = new PassageStore({
        starts: view(passageBuf, sections.passageStarts, Uint32Array),
        pieces: [slice(passageBuf, sections.passageBytes)],
        docOf: view(passageBuf, sections.passageDocs, Int32Array),
        docIds,
      });
      if (store.size !== chunkCount) throw new Error('passages.bin: rows do not match the chunk count');
      const index: KeywordIndexData = {
        terms: {
          chars: view(indexBuf, sections.termChars, Uint16Array),
          starts: view(indexBuf, sections.termStarts, Int32Array),
          slots: view(indexBuf, sections.termSlots, Int32Array),
        },
        size,
        offsets: view(indexBuf, sections.offsets, Int32Array),
        postings: view(indexBuf, sections.postings, Int32Array),
        codes: codeBits === 16 ? view(indexBuf, sections.codes, Uint16Array) : view(indexBuf, sections.codes, Uint8Array),
        factorStart: view(indexBuf, sections.factorStart, Int32Array),
        factors: view(indexBuf, sections.factors, Float32Array),
        idf: view(indexBuf, sections.idf, Float32Array),
        maxWeight: view(indexBuf, sections.maxWeight, Float32Array),
      };
      checkIndex(index);
      return { ...rest, chunks: store.chunks(), index };
    } catch (err: unknown) {
      throw new AppError('INDEX_CORRUPT', `snapshot ${version} cannot be loaded; run "npm run cchc -- reindex --full"`, {
        cause: err,
      });
    }
  }

  private async prune(current: string): Promise<void> {
    const entries = (await readdir(this.root, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && e.name.startsWith('v'))
      .map((e) => e.name)
      .sort();
    const old = entries.filter((n) => n !== current).slice(0, Math.max(0, entries.length - this.keep));
    await Promise.all(old.map((n) => rm(join(this.root, n), { recursive: true, force: true })));
  }
}

/** Cheap consistency checks of a loaded index (array lengths agree), so a damaged file fails at load, not mid-query. */
function checkIndex(d: KeywordIndexData): void {
  const nTerms = d.terms.starts.length - 1;
  const ok =
    d.offsets.length === nTerms + 1 &&
    d.idf.length === nTerms &&
    d.maxWeight.length === nTerms &&
    d.terms.starts[nTerms] === d.terms.chars.length &&
    (d.terms.slots.length & (d.terms.slots.length - 1)) === 0 &&
    d.terms.slots.length >= nTerms &&
    d.offsets[nTerms] === d.postings.length &&
    d.codes.length === d.postings.length &&
    d.factorStart.length === d.size + 1 &&
    d.factorStart[d.size] === d.factors.length;
  if (!ok) throw new Error('index.bin: array lengths do not agree');
}

/** New snapshot version name, sortable by time. */
export function newVersion(now = new Date()): string {
  return `v${now.toISOString().replace(/[-:.TZ]/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
}

type NumArray = Int32Array | Uint32Array | Float32Array | Uint16Array | Uint8Array;
type NumArrayType<T extends NumArray> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number };

function bytesOf(a: NumArray): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Writes `parts` one after another to a new file, without joining them in memory (the index is hundreds of MB at scale). */
async function writeParts(path: string, parts: Buffer[]): Promise<void> {
  const fh = await open(path, 'w');
  try {
    for (const p of parts) {
      for (let at = 0; at < p.length; ) at += (await fh.write(p, at, Math.min(p.length - at, 1 << 26))).bytesWritten;
    }
  } finally {
    await fh.close();
  }
}

/** Places parts one after another at 8-byte boundaries, records them in `sections`, and returns the file's pieces. */
function layout(sections: Record<string, Section>, parts: Array<[string, Buffer | Buffer[]]>): Buffer[] {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (const [name, part] of parts) {
    const pad = (8 - (pos % 8)) % 8;
    if (pad) chunks.push(Buffer.alloc(pad));
    pos += pad;
    const pieces = Array.isArray(part) ? part : [part];
    const length = pieces.reduce((s, p) => s + p.length, 0);
    sections[name] = { offset: pos, length };
    chunks.push(...pieces);
    pos += length;
  }
  return chunks;
}

function slice(buf: Buffer, s: Section | undefined): Buffer {
  if (!s || s.offset + s.length > buf.length) throw new Error('snapshot file is truncated or lacks a section');
  return buf.subarray(s.offset, s.offset + s.length);
}

/** A typed array over a section: a view without copying when aligned (the usual case), else a copy. */
function view<T extends NumArray>(buf: Buffer, s: Section | undefined, Type: NumArrayType<T>): T {
  const bytes = slice(buf, s);
  if (bytes.length % Type.BYTES_PER_ELEMENT) throw new Error('snapshot section has a partial element');
  const n = bytes.length / Type.BYTES_PER_ELEMENT;
  if (bytes.byteOffset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes.buffer, bytes.byteOffset, n);
  const out = new Type(n);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
