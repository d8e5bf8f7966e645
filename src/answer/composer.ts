import { msg } from '../common/messages-vi.js';
import type { MessageKey } from '../common/messages-vi.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { FaqMatch, QueryIntent, SearchHit, SearchResult } from '../search/types.js';
import { statusAnswer, statusLead } from './status-answer.js';
import { DEFAULT_CONFIDENCE_MODEL } from '../search/confidence-model.js';
import { excerpt } from './excerpt.js';
import { citationFor, docLabel, validityNotice } from './citations.js';
import type { Answer, ChatReason, ChatReply, Citation, Passage } from './types.js';

/** Options for {@link AnswerComposer}. */
export interface ComposerOptions {
  /**
   * Calibrated confidence at or above which the bot answers; below it abstains. Default: the threshold
   * fitted with the confidence model ({@link DEFAULT_CONFIDENCE_MODEL}).
   */
  threshold?: number;
  /** Confidence at or above which the lead states the source plainly. Default 0.7. */
  highConfidence?: number;
  /** At most this many passages are quoted. Default 3. */
  maxPassages?: number;
  /** A further passage is quoted only when its score is at least this share of the best. Default 0.6. */
  relativeScore?: number;
  /** Length of each quoted excerpt, characters. Default 600. */
  excerptChars?: number;
}

/**
 * AnswerComposer: turns a {@link SearchResult} into a platform-neutral {@link Answer}.
 *
 * A curated FAQ match answers with its text and cites its source article. Otherwise, above the
 * confidence threshold it gives a one-line lead, the best 1–3 passages trimmed around the sentences that
 * match, and their citations; below it, it abstains ("no confident answer") with the best partial sources.
 * Every citation points to a chunk that exists in the index; documents no longer in force get a notice.
 */
export class AnswerComposer {
  private readonly o: Required<ComposerOptions>;

  constructor(options: ComposerOptions = {}) {
    this.o = {
      threshold: options.threshold ?? DEFAULT_CONFIDENCE_MODEL.threshold,
      highConfidence: options.highConfidence ?? 0.7,
      maxPassages: options.maxPassages ?? 3,
      relativeScore: options.relativeScore ?? 0.6,
      excerptChars: options.excerptChars ?? 600,
    };
  }

  /** The confidence threshold used to decide between answering and escalating. */
  get threshold(): number {
    return this.o.threshold;
  }

  /** Whether a search result would be answered (same rule as {@link compose}). */
  wouldAnswer(result: SearchResult): boolean {
    const r = this.route(result);
    return r === 'status' || r === 'faq' || r === 'search';
  }

  compose(result: SearchResult): Answer {
    const route = this.route(result);
    switch (route) {
      case 'social':
      case 'junk':
      case 'off_topic':
        return chat(route);
      case 'empty':
        return { kind: 'escalate', reason: 'empty_query', message: msg('answer.empty'), passages: [], citations: [], notices: [], confidence: 0 };
      case 'status':
        return statusAnswer(result.intent as Extract<QueryIntent, { kind: 'status' }>, (t) => excerpt(t, result.queryWords, this.o.excerptChars)) as Answer;
      case 'faq':
        return this.fromFaq(result.faq as FaqMatch, result);
      default:
        return this.fromSearch(result, route);
    }
  }

  /**
   * The one decision both {@link compose} and {@link wouldAnswer} follow: chat first (junk, social), then
   * an empty question, a status question the metadata answers, a document or article not in the index,
   * a curated answer, a confident search answer; below the threshold, off-topic chat or an abstention.
   */
  private route(result: SearchResult): Route {
    const intent = result.intent;
    if (intent?.kind === 'social' || intent?.kind === 'junk') return intent.kind;
    if (!result.queryWords.length) return 'empty';
    if (intent?.kind === 'status' && statusLead(intent)) return 'status';
    if (intent?.kind === 'not_in_index') return 'not_in_index';
    if (result.faq) return 'faq';
    if (result.hits.length && result.confidence >= this.o.threshold) return 'search';
    return result.offTopic ? 'off_topic' : 'abstain';
  }

  private fromSearch(result: SearchResult, route: 'search' | 'abstain' | 'not_in_index'): Answer {
    const chosen = this.choose(result.hits);
    const citations = chosen.map((h, i) => citationFor(h.chunk, h.doc, i + 1));
    const passages: Passage[] = chosen.map((h, i) => ({ marker: i + 1, text: excerpt(h.chunk.text, result.queryWords, this.o.excerptChars) }));
    const notices = uniqueNotices(chosen.map((h) => h.doc));
    if (route === 'not_in_index') {
      const intent = result.intent as Extract<QueryIntent, { kind: 'not_in_index' }>;
      const message =
        intent.what === 'article'
          ? msg('answer.notInIndex.article', { article: intent.reference.replace(/^Điều\s+(\S+).*$/u, '$1'), document: intent.docNumber ?? '' })
          : msg('answer.notInIndex.document', { reference: intent.reference });
      return { kind: 'escalate', reason: 'not_in_index', message, passages: passages.slice(0, 1), citations: citations.slice(0, 1), notices: notices.slice(0, 1), confidence: result.confidence };
    }
    if (route === 'abstain') {
      const reason = chosen.length ? 'low_confidence' : 'no_match';
      const message = chosen.length ? `${msg('answer.abstain')}\n${msg('answer.abstain.partial')}` : msg('answer.abstain');
      return { kind: 'escalate', reason, message, passages, citations, notices, confidence: result.confidence };
    }
    const top = chosen[0];
    const leadKey = result.confidence >= this.o.highConfidence ? 'answer.lead.high' : 'answer.lead.medium';
    const status = isOutdated(top.doc) ? ` (${msg(`status.${top.doc.status}` as MessageKey)})` : '';
    const lead = msg(leadKey, { path: top.chunk.citationPath, number: `${docLabel(top.doc)}${status}` });
    return { kind: 'answer', source: 'search', lead, passages, citations, notices, confidence: result.confidence };
  }

  private fromFaq(faq: FaqMatch, result: SearchResult): Answer {
    const citations: Citation[] = [];
    const passages: Passage[] = [];
    const notices: string[] = [];
    if (faq.sourceChunk && faq.sourceDoc) {
      citations.push(citationFor(faq.sourceChunk, faq.sourceDoc, 1));
      passages.push({ marker: 1, text: excerpt(faq.sourceChunk.text, result.queryWords, this.o.excerptChars) });
      const n = validityNotice(faq.sourceDoc);
      if (n) notices.push(n);
    }
    return {
      kind: 'answer',
      source: 'faq',
      lead: faq.entry.answer,
      passages,
      citations,
      notices,
      confidence: Math.max(result.confidence, faq.similarity),
      faqId: faq.entry.id,
      faqOrigin: faq.entry.origin,
    };
  }

  /**
   * Top hit plus further hits close to it in score, one per chunk, at most `maxPassages`; documents in force
   * come before replaced or expired ones, so the lead never rests on an outdated text when a current one
   * also answers.
   */
  private choose(hits: readonly SearchHit[]): SearchHit[] {
    if (!hits.length) return [];
    const out: SearchHit[] = [hits[0]];
    for (const h of hits.slice(1)) {
      if (out.length >= this.o.maxPassages) break;
      if (h.score < hits[0].score * this.o.relativeScore) break;
      if (out.some((o) => o.chunk.id === h.chunk.id)) continue;
      out.push(h);
    }
    const rank = (h: SearchHit) => (isOutdated(h.doc) ? 1 : 0);
    return out.map((h, i) => ({ h, i })).sort((a, b) => rank(a.h) - rank(b.h) || a.i - b.i).map((x) => x.h);
  }
}

/** How a result is answered; see {@link AnswerComposer.route}. */
type Route = ChatReason | 'empty' | 'status' | 'not_in_index' | 'faq' | 'search' | 'abstain';

const CHAT_MESSAGES: Record<ChatReason, MessageKey> = { social: 'chat.social', junk: 'chat.junk', off_topic: 'chat.offTopic' };

/** A short reply to a message that is not a question about reform; never a ticket. */
function chat(reason: ChatReason): ChatReply {
  return { kind: 'chat', reason, message: msg(CHAT_MESSAGES[reason]), passages: [], citations: [], notices: [], confidence: 0 };
}

function isOutdated(doc: DocumentMeta): boolean {
  return doc.status === 'replaced' || doc.status === 'expired';
}

function uniqueNotices(docs: DocumentMeta[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    const n = validityNotice(d);
    if (n) out.add(n);
  }
  return [...out];
}
