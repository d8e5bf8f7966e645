/**
 * Official texts take precedence over team summaries of the same document.
 *
 * The shipped knowledge folder holds summaries (front matter `kind: tóm lược`); a province may add the
 * official PDF/DOCX/HTML/TXT of the same document beside them. Both carry the same number, and summaries
 * number their articles as the official text does, so once the official text is indexed the summary adds
 * nothing but a second, paraphrased copy. This module decides, once per index build, which summaries are
 * superseded: their chunks are left out of the index (answers then quote and cite the official article,
 * and curated Q&As resolve to it), and their file record says why, for the admin's document list.
 */
import { canonicalDocNumber } from '../text/doc-number.js';
import type { Chunk } from '../ingest/legal-unit.js';
import type { FileRecord } from './snapshot.js';

/** The result of {@link preferOfficialTexts}. */
export interface OfficialPreference {
  /** Chunks to index: every chunk except those of superseded summaries, in their original order. */
  chunks: Chunk[];
  /** File records, where a superseded summary lists no chunks and carries a warning naming the official file. */
  records: Record<string, FileRecord>;
  /** Superseded summary file → the official file that supersedes it. */
  superseded: Map<string, string>;
}

/**
 * Leaves out the chunks of every summary whose document number is also carried by an indexed official
 * text (a document that is not marked as a summary and has at least one chunk). Records are copied, never
 * mutated, because unchanged ones are shared with the previous snapshot.
 *
 * @example
 * const { chunks, records } = preferOfficialTexts(records, chunks); // before building the keyword index
 */
export function preferOfficialTexts(records: Readonly<Record<string, FileRecord>>, chunks: readonly Chunk[]): OfficialPreference {
  const officialByNumber = new Map<string, string>();
  for (const [file, record] of Object.entries(records)) {
    const key = numberKey(record);
    if (key && record.meta.kind !== 'summary' && record.chunkIds.length && !officialByNumber.has(key)) officialByNumber.set(key, file);
  }
  const superseded = new Map<string, string>();
  const out: Record<string, FileRecord> = {};
  for (const [file, record] of Object.entries(records)) {
    const key = numberKey(record);
    const official = key && record.meta.kind === 'summary' ? officialByNumber.get(key) : undefined;
    if (!official) {
      out[file] = record;
      continue;
    }
    superseded.set(file, official);
    const note = `summary not searched: the official text ${official} of ${record.meta.number} is indexed and answers cite it instead`;
    out[file] = { ...record, chunkIds: [], warnings: [...record.warnings.filter((w) => !w.startsWith('summary not searched')), note] };
  }
  const kept = superseded.size ? chunks.filter((c) => !superseded.has(c.docId)) : [...chunks];
  return { chunks: kept, records: out, superseded };
}

function numberKey(record: FileRecord): string | undefined {
  const n = record.meta.number;
  return n ? (canonicalDocNumber(n) ?? n) : undefined;
}
