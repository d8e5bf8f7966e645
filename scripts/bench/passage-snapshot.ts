/**
 * The snapshot content of a retriever built over benchmark passages (`buildPassageRetriever`), so the scale
 * benchmarks can write it and time loading it like a server's snapshot.
 */
import type { Glossary } from '../../src/text/glossary.js';
import { glossaryToJson, newVersion } from '../../src/search/snapshot.js';
import type { FileRecord, SnapshotContent } from '../../src/search/snapshot.js';
import type { buildPassageRetriever } from '../../src/search/passage-corpus.js';

type PassageParts = ReturnType<typeof buildPassageRetriever>['parts'];

/** One file record per document (no hash: these passages have no source file), the index and passages as built. */
export function passageSnapshot({ chunks, docs, index }: PassageParts, glossary: Glossary): SnapshotContent {
  const files: Record<string, FileRecord> = {};
  for (const [docId, meta] of docs) files[docId] = { hash: '', meta, warnings: [], chunkIds: [] };
  for (const c of chunks) files[c.docId].chunkIds.push(c.id);
  return {
    version: newVersion(),
    createdAt: new Date().toISOString(),
    files,
    failed: [],
    chunks: [...chunks],
    faq: [],
    glossary: glossaryToJson(glossary),
    index: index.toData(),
  };
}
