import { msg } from '../common/messages-vi.js';
import type { MessageKey } from '../common/messages-vi.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { FaqMatch, SearchHit, SearchResult } from '../search/types.js';
import { excerpt } from './excerpt.js';
import { citationFor, docLabel, validityNotice } from './citations.js';
import type { Answer, Citation, Passage } from './types.js';

/** Options for {@link AnswerComposer}. */
export interface ComposerOptions {
  /** Confidence at or above which the bot answers; below it abstains and escalates. Default 0.38. */
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
      threshold: options.threshold ?? 0.38,
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
    return Boolean(result.faq) || result.confidence >= this.o.threshold;
  }

  compose(result: SearchResult): Answer {
    if (!result.queryWords.length) {
      return { kind: 'escalate', reason: 'empty_query', message: msg('answer.empty'), passages: [], citations: [], notices: [], confidence: 0 };
    }
    if (result.faq) return this.fromFaq(result.faq, result);
    const chosen = this.choose(result.hits);
    const citations = chosen.map((h, i) => citationFor(h.chunk, h.doc, i + 1));
    const passages: Passage[] = chosen.map((h, i) => ({ marker: i + 1, text: excerpt(h.chunk.text, result.queryWords, this.o.excerptChars) }));
    const notices = uniqueNotices(chosen.map((h) => h.doc));
    if (!chosen.length || result.confidence < this.o.threshold) {
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
