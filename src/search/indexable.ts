import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import { headingLine } from '../ingest/chunker.js';
import type { IndexableText } from './keyword-index.js';

/** Maps a chunk and its document to the three fields the keyword index ranks on. */
export function chunkToIndexable(chunk: Chunk, meta: DocumentMeta | undefined): IndexableText {
  const doc = meta ? `${meta.number} ${meta.title}` : '';
  const parents = chunk.headings.filter((h) => h.kind !== 'article').map(headingLine);
  return { doc, heading: [...parents, chunk.title].join('\n'), body: chunk.text };
}
