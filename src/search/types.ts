import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { MergerClause } from './unit-mergers.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import type { ConfidenceFeatures } from './confidence-features.js';
import type { OtherSubject } from './subject-groups.js';

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

/**
 * What a validity question asks about a named document: whether it is in force, since when, when it was
 * issued, who issued it, what replaced or amended it, or what it replaces or amends.
 */
export type StatusAsk = 'validity' | 'effective' | 'issued' | 'issuer' | 'replaced_by' | 'amended_by' | 'replaces' | 'amends';

/**
 * What a message is, when that decides the reply without retrieval guesswork: chat (junk, social), a
 * status question about a named document (answered from its metadata), or a document or article that
 * the index does not hold. Absent for an ordinary question.
 */
export type QueryIntent =
  | { kind: 'social' | 'junk' }
  | {
      kind: 'status';
      ask: StatusAsk;
      docId: string;
      doc: DocumentMeta;
      /** The chunk cited with the status answer (the article on entry into force, else the first). */
      chunk: Chunk;
      /** Documents the asked relation points to (the replacing ones, or those replaced or amended). */
      related: DocumentMeta[];
      /**
       * For "what amended / replaced it": the provision of the amending or replacing document that says so
       * (cited first, since the document's own text cannot say what changed it later).
       */
      statedIn?: { chunk: Chunk; doc: DocumentMeta };
      /**
       * "What does it replace / amend, what amended it" with no linked document, when the document's own
       * text names one all the same: the sentence that does (its passage is `statedIn`).
       */
      linkSentence?: string;
      /**
       * A replaced document whose replacement the index does not hold but an indexed document records as
       * replaced in turn (Luật 77/2015 → Luật 65/2025 → Luật 72/2025): the links that say so, so the answer
       * names the text in force, not only the next one.
       */
      onward?: RecordedLink[];
    }
  | {
      kind: 'not_in_index';
      what: 'document' | 'article';
      reference: string;
      docNumber?: string;
      /**
       * A status question about a document the index does not hold but whose indexed documents name it in
       * their front matter ("nđ 92/2017 còn hiệu lực không"): what they record about it, each as "`doc`
       * `relation` the document asked about" ("Nghị định 63/2010/NĐ-CP" amended_by …), with the provisions.
       */
      recorded?: RecordedLink[];
    }
  /**
   * What became of an administrative unit the question names ("kon tum cũ giờ nhập vào đâu"): the clauses
   * of the indexed text that merge it or leave it as it was (`unit-mergers.ts`), in the order named.
   */
  | { kind: 'merger'; clauses: MergerClause[] }
  /**
   * A status question about a document the index does not hold, answered by what indexed documents record
   * about it ("luật 65/2025 còn hiệu lực không": Luật 72/2025/QH15 replaces it, Khoản 2 Điều 51): the links
   * that answer, each with the provision of the recording document to cite.
   */
  | { kind: 'recorded'; ask: StatusAsk; reference: string; links: RecordedLink[] };

/** What an indexed document's front matter records about another document: `doc` `relation` that one. */
export interface RecordedLink {
  doc: DocumentMeta;
  /** The document asked about, numbered as the recording front matter writes it ("51/2005/QH11"). */
  target: string;
  relation: 'replaces' | 'amends' | 'amended_by' | 'replaced_by';
  /** The provisions concerned, as the front matter writes them ("Khoản 6 Điều 40"). */
  articles?: string;
  /** The recording document's passage to cite: the article its link names, else its article on entry into force. */
  chunk: Chunk;
}

/** Everything the answer layer needs about one query. */
export interface SearchResult {
  /** The message as the official typed it. */
  query: string;
  /** The question after normalisation (fillers out, chat spellings expanded): what was searched. */
  normalized?: string;
  /** The message opened with a pasted text (a notice, an instruction) cut off before the question: `normalized` is the question alone. */
  pasted?: true;
  hits: SearchHit[];
  /**
   * Calibrated confidence in [0, 1]: the estimated probability that the best source answers the question
   * (see `confidence-model.ts`); the answer layer answers at or above its threshold, else abstains.
   */
  confidence: number;
  /** The inputs of the confidence model, for the eval, logs and the staff console. */
  features?: ConfidenceFeatures;
  faq?: FaqMatch;
  /** Set when the message is chat, a status question or names something not indexed (see {@link QueryIntent}). */
  intent?: QueryIntent;
  /**
   * True when the question's words are foreign to the index (no content word pair of it occurs, few of
   * its words do): if it is not answered, it is off-topic rather than a question for staff.
   */
  offTopic?: boolean;
  /**
   * True when the question asks about rules no longer in force ("trước đây…", "theo luật cũ…"): documents
   * no longer in force were not ranked down, and the answer keeps them first (`text/former-rules.ts`).
   */
  former?: boolean;
  /**
   * Set when the question names whom it is about (công chức, viên chức, người lao động) and the top
   * passages speak only of another of these groups (`subject-groups.ts`): who was asked about, who was
   * found. The confidence is then capped.
   */
  otherSubject?: OtherSubject;
  /**
   * A procedure whose particulars the question asks ("cấp giấy phép xây dựng nhà ở riêng lẻ … bao nhiêu ngày") and
   * the index does not hold (`procedure-names.ts`), as typed. The confidence is then capped.
   */
  absentProcedure?: string;
  /** The term a definition question asks about ("X là gì"): folded words (abbreviations spelled out) and as written. */
  definitionAsked?: { folded: string[]; written: string };
  /** Folded query words (after Telex/VNI repair; glossary abbreviations spelled out as the top passage writes them), used to pick the sentences to quote. */
  queryWords: string[];
  /** Time spent, milliseconds. */
  ms: number;
}
