/**
 * The admin's view of the knowledge folder: every document file on disk joined with what the live index
 * snapshot knows about it (metadata, chunks, parse warnings, failure), plus indexed documents whose
 * file is gone.
 */
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import { listKnowledgeFiles, SPECIAL_FILES } from '../search/reindex.js';
import { inCoursesDir } from '../search/course-index.js';
import type { SnapshotContent } from '../search/snapshot.js';
import { isSidecarFile, sidecarPathOf } from './sidecar.js';

/**
 * Where a document stands: `indexed` (searchable), `failed` (the last reindex could not read it), `new`
 * (on disk, never indexed) or `removed` (indexed, but the file is gone; the next reindex drops it).
 */
export type DocumentState = 'indexed' | 'failed' | 'new' | 'removed';

/** One knowledge document as the admin console and API list it. */
export interface DocumentInfo {
  /** Path relative to the knowledge folder (forward slashes): the document's id everywhere. */
  id: string;
  /** Lower-case extension without the dot ("pdf"). */
  format: string;
  /** Size in bytes (0 when removed). */
  size: number;
  /** Last change of the file or its sidecar, epoch ms (0 when removed). */
  modifiedAt: number;
  state: DocumentState;
  /** True when the file (or its sidecar) changed after the live snapshot was built: reindex to apply. */
  stale: boolean;
  /** Metadata as the live index knows it; null when the document is not indexed. */
  meta: DocumentMeta | null;
  /** Searchable chunks (articles) in the live index. */
  chunks: number;
  /** Parse problems the last reindex noted (e.g. "no Điều found"). */
  warnings: string[];
  /** Why the last reindex could not read it. */
  failure?: string;
  /** True when a `<file>.meta.yaml` sidecar holds its metadata. */
  hasSidecar: boolean;
}

/** Document files under the knowledge folder: not configuration files, not sidecars, sorted. */
export async function documentFiles(knowledgeDir: string): Promise<string[]> {
  const files = await listKnowledgeFiles(knowledgeDir);
  return files.filter((f) => !SPECIAL_FILES.has(basename(f).toLowerCase()) && !isSidecarFile(f) && !inCoursesDir(f));
}

/** Every document on disk and every indexed one, joined with the snapshot, sorted by id (numbers in names by value). */
export async function listDocuments(knowledgeDir: string, snapshot: SnapshotContent): Promise<DocumentInfo[]> {
  const onDisk = await documentFiles(knowledgeDir);
  const infos = await Promise.all(onDisk.map((id) => describeDocument(knowledgeDir, snapshot, id)));
  const present = new Set(onDisk);
  for (const id of Object.keys(snapshot.files)) {
    if (!present.has(id)) infos.push(fromSnapshot(snapshot, id, 'removed', { size: 0, modifiedAt: 0, hasSidecar: false, stale: true }));
  }
  return infos.filter((d): d is DocumentInfo => d !== null).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** One document on disk joined with the snapshot; null when the file vanished meanwhile. */
export async function describeDocument(knowledgeDir: string, snapshot: SnapshotContent, id: string): Promise<DocumentInfo | null> {
  const file = await statOrNull(join(knowledgeDir, id));
  if (!file) return null;
  const sidecar = await statOrNull(join(knowledgeDir, sidecarPathOf(id)));
  const modifiedAt = Math.max(file.mtimeMs, sidecar?.mtimeMs ?? 0);
  const builtAt = Date.parse(snapshot.createdAt) || 0;
  const disk = { size: file.size, modifiedAt: Math.round(modifiedAt), hasSidecar: sidecar !== null, stale: modifiedAt > builtAt };
  const failed = snapshot.failed.find((f) => f.file === id);
  if (id in snapshot.files) return fromSnapshot(snapshot, id, 'indexed', disk);
  if (failed) return { ...fromSnapshot(snapshot, id, 'failed', disk), failure: failed.reason };
  return { ...fromSnapshot(snapshot, id, 'new', disk), stale: true };
}

function fromSnapshot(
  snapshot: SnapshotContent,
  id: string,
  state: DocumentState,
  disk: { size: number; modifiedAt: number; hasSidecar: boolean; stale: boolean },
): DocumentInfo {
  const record = snapshot.files[id];
  return {
    id,
    format: extname(id).slice(1).toLowerCase(),
    ...disk,
    state,
    meta: record ? { ...record.meta } : null,
    chunks: record ? record.chunkIds.length : 0,
    warnings: record ? [...record.warnings] : [],
  };
}

async function statOrNull(path: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
