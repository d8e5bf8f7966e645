import { randomBytes } from 'node:crypto';
import type { Course } from '../ingest/course-file.js';
import { mkdir, readFile, rename, rm, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';
import type { LimitKind } from '../ingest/loaders/index.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { Glossary } from '../text/glossary.js';
import type { KeywordIndexData } from './keyword-index.js';
import type { FaqEntry } from './types.js';

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
 */
export const SNAPSHOT_FORMAT = 2;

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
  sections: Record<string, Section>;
}

/** One chunk without its text, as stored in passages.bin: id, docId, headings, citationPath, title, hash, officialRef. */
type ChunkRow = [string, string, Chunk['headings'], string, string, string, string | null];

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
      ['offsets', bytesOf(index.offsets)],
      ['postings', bytesOf(index.postings)],
      ['weights', bytesOf(index.weights)],
      ['idf', bytesOf(index.idf)],
    ]);
    const textOffsets = new Uint32Array(chunks.length + 1);
    for (let i = 0; i < chunks.length; i++) textOffsets[i + 1] = textOffsets[i] + Buffer.byteLength(chunks[i].text);
    const text = Buffer.allocUnsafe(textOffsets[chunks.length]);
    for (let i = 0; i < chunks.length; i++) text.write(chunks[i].text, textOffsets[i]);
    const rows: ChunkRow[] = chunks.map((c) => [c.id, c.docId, c.headings, c.citationPath, c.title, c.hash, c.officialRef ?? null]);
    const passageParts = layout(sections, [
      ['terms', Buffer.from(index.terms.join('\n'))],
      ['textOffsets', bytesOf(textOffsets)],
      ['text', text],
      ['chunks', Buffer.from(JSON.stringify(rows))],
    ]);
    await writeFile(join(dir, 'index.bin'), indexParts);
    await writeFile(join(dir, 'passages.bin'), passageParts);
    const meta: SnapshotMeta = { format: SNAPSHOT_FORMAT, ...rest, size: index.size, chunkCount: chunks.length, sections };
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
      const { format: _format, size, chunkCount, sections, ...rest } = meta;
      const [indexBuf, passageBuf] = await Promise.all([readFile(join(dir, 'index.bin')), readFile(join(dir, 'passages.bin'))]);
      const textOffsets = view(passageBuf, sections.textOffsets, Uint32Array);
      if (textOffsets.length !== chunkCount + 1) throw new Error('passages.bin: text offsets do not match the chunk count');
      const text = slice(passageBuf, sections.text);
      const rows = JSON.parse(slice(passageBuf, sections.chunks).toString('utf8')) as ChunkRow[];
      if (rows.length !== chunkCount) throw new Error('passages.bin: chunk rows do not match the chunk count');
      const chunks: Chunk[] = rows.map(([id, docId, headings, citationPath, title, hash, officialRef], i) => {
        const chunk: Chunk = { id, docId, headings, citationPath, title, text: text.toString('utf8', textOffsets[i], textOffsets[i + 1]), hash };
        if (officialRef !== null) chunk.officialRef = officialRef;
        return chunk;
      });
      const terms = slice(passageBuf, sections.terms).toString('utf8');
      return {
        ...rest,
        chunks,
        index: {
          terms: terms ? terms.split('\n') : [],
          size,
          offsets: view(indexBuf, sections.offsets, Int32Array),
          postings: view(indexBuf, sections.postings, Int32Array),
          weights: view(indexBuf, sections.weights, Float32Array),
          idf: view(indexBuf, sections.idf, Float32Array),
        },
      };
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

/** New snapshot version name, sortable by time. */
export function newVersion(now = new Date()): string {
  return `v${now.toISOString().replace(/[-:.TZ]/g, '')}-${Math.random().toString(36).slice(2, 6)}`;
}

type NumArray = Int32Array | Uint32Array | Float32Array;
type NumArrayType<T extends NumArray> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number };

function bytesOf(a: NumArray): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Places parts one after another at 8-byte boundaries, records them in `sections`, and returns the file's bytes. */
function layout(sections: Record<string, Section>, parts: Array<[string, Buffer]>): Buffer {
  const chunks: Buffer[] = [];
  let pos = 0;
  for (const [name, bytes] of parts) {
    const pad = (8 - (pos % 8)) % 8;
    if (pad) chunks.push(Buffer.alloc(pad));
    pos += pad;
    sections[name] = { offset: pos, length: bytes.length };
    chunks.push(bytes);
    pos += bytes.length;
  }
  return Buffer.concat(chunks, pos);
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
