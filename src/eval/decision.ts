/**
 * One measured answer-or-abstain decision, and the answer path that makes it (the same search, compose
 * and multi-part calls as the conversation core and `ask --json`).
 */
import { answerByParts } from '../answer/index.js';
import type { Answer } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';

/** The bot's answer path: search, then compose; `wouldAnswer` must agree with `compose`. */
export interface AnswerPath {
  search(text: string): SearchResult;
  compose(result: SearchResult): Answer;
  wouldAnswer(result: SearchResult): boolean;
}

/**
 * Groups of measured messages. `covered`: its answer is in the index; `removed`: its documents were left
 * out (leave-documents-out); `uncovered`: labelled as not covered by `knowledge/`; the rest are not
 * questions about reform. Only `covered` should be answered.
 */
export type EvalGroup = 'covered' | 'removed' | 'uncovered' | 'social' | 'off_topic' | 'junk';

/** The groups that must not be answered. */
export const UNANSWERABLE_GROUPS: readonly EvalGroup[] = ['removed', 'uncovered', 'social', 'off_topic', 'junk'];

/** One message run through the answer path, with what was decided and whether it was right. */
export interface DecisionRow {
  id: string;
  group: EvalGroup;
  /** Leave-documents-out seed, when the row comes from that measurement. */
  seed?: number;
  /** What was searched (for a follow-up: previous question + this one, as the conversation core does). */
  text: string;
  answered: boolean;
  /** Answer kind and its source or reason ("search", "faq", "status", "low_confidence", "social"…). */
  kind: Answer['kind'];
  detail: string;
  confidence: number;
  /**
   * Whether the bot's best source is right: a labelled document (knowledge dev set: the FAQ source or
   * top hit, or the first citation of an answer) or a labelled passage in the top 5 (passage corpus).
   * Always false for groups that must not be answered.
   */
  right: boolean;
  /** Whether an answer's first citation carries the labelled article (knowledge dev set; undefined when no article label). */
  articleRight?: boolean;
  /** Confidence features as reported by search (for fitting the calibration), when present. */
  features?: Record<string, number>;
  styles: string[];
  /** False when `wouldAnswer` disagreed with `compose` (a bug; counted in the summary). */
  consistent: boolean;
  ms: number;
}

/**
 * Runs one message through the path and fills the decision fields of a row. The answer is the one the
 * conversation core gives: a question in several parts goes through {@link answerByParts}, which may answer
 * the parts its own search answers when the whole question is not (or name the parts left unanswered).
 * `consistent` compares `wouldAnswer` with the composer's answer to the whole question.
 */
export async function decide(path: AnswerPath, text: string): Promise<{ result: SearchResult; answer: Answer; consistent: boolean; ms: number }> {
  const t = performance.now();
  const result = path.search(text);
  const consistent = path.wouldAnswer(result) === (path.compose(result).kind === 'answer');
  const answer = await answerByParts(text, result, path);
  const ms = performance.now() - t;
  return { result, answer, consistent, ms };
}

/** The source or reason of an answer, as one word for tables. */
export function answerDetail(answer: Answer): string {
  return answer.kind === 'answer' ? answer.source : answer.reason;
}

/** Numeric confidence features of a result, if search reported any. */
export function featuresOf(result: SearchResult): Record<string, number> | undefined {
  const f = (result as { features?: unknown }).features;
  return f && typeof f === 'object' ? { ...(f as Record<string, number>) } : undefined;
}
