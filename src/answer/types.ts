import type { ValidityStatus } from '../ingest/legal-unit.js';

/** One cited source, as data; channels decide how to show it (link, footnote, plain text). */
export interface Citation {
  /** 1-based marker used by passages ("[1]"). */
  marker: number;
  chunkId: string;
  docId: string;
  /** Số hiệu, e.g. "118/2025/NĐ-CP" (may be empty for documents without a number). */
  docNumber: string;
  docTitle: string;
  /** "Khoản 2 Điều 5", "Điều 5". */
  path: string;
  /** "Điều 5. Nguyên tắc thực hiện". */
  articleTitle: string;
  status: ValidityStatus;
  /** Vietnamese label of the status ("còn hiệu lực", "đã bị thay thế"). */
  statusLabel: string;
  /** True when the document is in force (fully or partly). */
  current: boolean;
  replacedBy?: string;
  url?: string;
}

/** A quoted excerpt of a cited chunk. */
export interface Passage {
  marker: number;
  text: string;
}

/** Why the bot did not answer. */
export type AbstainReason = 'empty_query' | 'no_match' | 'low_confidence';

/** A confident answer: a lead line, 1–3 quoted passages, citations and validity notices. */
export interface AnswerReply {
  kind: 'answer';
  /** `faq` for a curated or staff Q&A, `search` for an extractive answer from documents. */
  source: 'faq' | 'search';
  lead: string;
  passages: Passage[];
  citations: Citation[];
  /** Validity warnings ("… đã bị thay thế bởi …"), shown prominently. */
  notices: string[];
  confidence: number;
  /** Id of the FAQ entry used, when source is `faq`. */
  faqId?: string;
  /** Origin of the FAQ entry: curated file or staff answer. */
  faqOrigin?: 'curated' | 'staff';
  /** True when the lead was written by the optional LLM layer (answer/llm) from the cited passages. */
  generated?: boolean;
}

/** No confident answer: say so, show the best partial sources if any, and let the caller escalate. */
export interface AbstainReply {
  kind: 'escalate';
  reason: AbstainReason;
  message: string;
  /** Best partial sources, for the official and for the staff member who takes the question. */
  passages: Passage[];
  citations: Citation[];
  notices: string[];
  confidence: number;
}

/** The platform-neutral result of answering one question. */
export type Answer = AnswerReply | AbstainReply;
