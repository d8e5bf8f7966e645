import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { FaqEntry } from '../ingest/faq-file.js';

export type { FaqEntry };

/** One ranked chunk with the metadata of its document (what the answer composer cites). */
export interface SearchHit {
  chunk: Chunk;
  doc: DocumentMeta;
  score: number;
  /** Share of the query's weighted terms that this chunk contains, in [0, 1]. */
  coverage: number;
}

/** A FAQ entry that matched the query above the high-precision threshold. */
export interface FaqMatch {
  entry: FaqEntry;
  similarity: number;
  /** Chunk that the entry's source points to, when it exists in the index. */
  sourceChunk?: Chunk;
  sourceDoc?: DocumentMeta;
}

/** Everything the answer layer needs about one query. */
export interface SearchResult {
  /** The message as the official typed it. */
  query: string;
  /** The question after normalisation (fillers out, chat spellings expanded): what was searched. */
  normalized?: string;
  hits: SearchHit[];
  /** Retrieval confidence in [0, 1]; the answer layer answers above its threshold, else abstains. */
  confidence: number;
  faq?: FaqMatch;
  /** Folded query words (after Telex/VNI repair), used to pick the sentences to quote. */
  queryWords: string[];
  /** Time spent, milliseconds. */
  ms: number;
}
