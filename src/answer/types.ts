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
  /**
   * True when the cited text is a team-written summary (tóm lược) of the document, not its official text;
   * channels say so next to the citation.
   */
  summary?: boolean;
  /**
   * For a summary passage: the official article(s) it stands for, as the official text numbers them
   * ("Điều 17, Điều 18"); empty for official texts.
   */
  officialRef?: string;
}

/** A quoted excerpt of a cited chunk. */
export interface Passage {
  marker: number;
  text: string;
}

/**
 * Why the bot did not answer: nothing typed, nothing found, not confident enough, or the question names a
 * document or article that is not in the index (said plainly, staff offered).
 */
export type AbstainReason = 'empty_query' | 'no_match' | 'low_confidence' | 'not_in_index';

/** Messages that are not questions about reform: they get a short reply and never become tickets. */
export type ChatReason = 'social' | 'off_topic' | 'junk';

/**
 * A confident answer: the direct answer first (`lead`: one or two sentences taken intact from the best
 * clause, or the curated answer), then at most two quotes with their Khoản/Điểm numbers, short citations
 * and validity notices.
 */
export interface AnswerReply {
  kind: 'answer';
  /**
   * `faq` for a curated or staff Q&A, `search` for an extractive answer from documents, `status` for a
   * validity question ("NĐ 61 còn hiệu lực không?") answered from the document's metadata.
   */
  source: 'faq' | 'search' | 'status';
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
  /** Parts of a multi-part question that the documents do not cover, as the official typed them. */
  uncoveredParts?: string[];
}

/**
 * No confident answer: say so briefly (≤ 80 words) and why, show the best source as "có thể liên quan",
 * and let the official choose to pass the question to staff (the conversation core offers the choice).
 */
export interface AbstainReply {
  kind: 'escalate';
  reason: AbstainReason;
  message: string;
  /** Best partial sources (at most one is shown to officials; staff see all). */
  passages: Passage[];
  citations: Citation[];
  notices: string[];
  confidence: number;
}

/**
 * Not a question about reform: a greeting or thanks (`social`), something outside what the bot covers
 * (`off_topic`), or junk (one character, digits or markup only). A short reply, no sources, never a ticket.
 * The empty arrays keep the three kinds uniform for renderers.
 */
export interface ChatReply {
  kind: 'chat';
  reason: ChatReason;
  message: string;
  passages: Passage[];
  citations: Citation[];
  notices: string[];
  confidence: number;
}

/** The platform-neutral result of answering one question. */
export type Answer = AnswerReply | AbstainReply | ChatReply;
