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
}

const FORMAT = 1;

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

  /** Writes a snapshot and makes it current. */
  async write(content: SnapshotContent): Promise<void> {
    const dir = join(this.root, content.version);
    await mkdir(dir, { recursive: true });
    const { index, ...rest } = content;
    await writeFile(join(dir, 'snapshot.json'), JSON.stringify({ format: FORMAT, ...rest, terms: index.terms, size: index.size }));
    await writeFile(join(dir, 'postings.bin'), packArrays([index.offsets, index.postings, index.weights, index.idf]));
    const tmp = join(this.root, `CURRENT.${process.pid}.tmp`);
    await writeFile(tmp, content.version);
    await rename(tmp, join(this.root, 'CURRENT'));
    await this.prune(content.version);
  }

  /** Loads the current snapshot, or null when none exists. A damaged snapshot is an INDEX_CORRUPT error. */
  async load(): Promise<SnapshotContent | null> {
    const version = await this.currentVersion();
    if (!version) return null;
    const dir = join(this.root, version);
    try {
      const json = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as Omit<SnapshotContent, 'index'> & {
        format: number;
        terms: string[];
        size: number;
      };
      if (json.format !== FORMAT) throw new Error(`unsupported snapshot format ${json.format}`);
      const [offsets, postings, weights, idf] = unpackArrays(await readFile(join(dir, 'postings.bin')));
      const { terms, size, format: _format, ...rest } = json;
      return {
        ...rest,
        index: {
          terms,
          size,
          offsets: new Int32Array(offsets),
          postings: new Int32Array(postings),
          weights: new Float32Array(weights),
          idf: new Float32Array(idf),
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

type NumArray = Int32Array | Float32Array;

function packArrays(arrays: NumArray[]): Buffer {
  const header = Buffer.alloc(4 + arrays.length * 4);
  header.writeUInt32LE(arrays.length, 0);
  arrays.forEach((a, i) => header.writeUInt32LE(a.length, 4 + i * 4));
  return Buffer.concat([header, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

function unpackArrays(buf: Buffer): ArrayBuffer[] {
  const n = buf.readUInt32LE(0);
  let pos = 4 + n * 4;
  const out: ArrayBuffer[] = [];
  for (let i = 0; i < n; i++) {
    const len = buf.readUInt32LE(4 + i * 4) * 4;
    if (pos + len > buf.length) throw new Error('postings.bin is truncated');
    out.push(buf.buffer.slice(buf.byteOffset + pos, buf.byteOffset + pos + len) as ArrayBuffer);
    pos += len;
  }
  return out;
}
