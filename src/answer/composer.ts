import { msg } from '../common/messages-vi.js';
import { canonicalDocNumber, matchesDocNumber, parseBareDocNumbers, parseDocReference } from '../text/doc-number.js';
import type { MessageKey } from '../common/messages-vi.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { FaqMatch, QueryIntent, RecordedLink, SearchHit, SearchResult } from '../search/types.js';
import { statusAnswer, statusGap, statusLead } from './status-answer.js';
import { DEFAULT_CONFIDENCE_MODEL } from '../search/confidence-model.js';
import { excerpt } from './excerpt.js';
import { asLeadSentence, directAnswer, doubtedLead } from './direct-answer.js';
import type { DirectAnswer } from './direct-answer.js';
import { gapAsked, gapNotes } from './gap-note.js';
import type { GapNote } from './gap-note.js';
import { amountMissing, contactMissing, rankMissing, appearanceElsewhere, appearanceMissing, askedFacts, asksMoney, asksPenalty, otherOfficials, powerToFineElsewhere, statesPowerToFine, countMissing, missingMember, quotedMissing, choiceMissing, techFault, dayMissing, durationMissing, formNumberMissing, paymentMissing, placeMissing } from '../text/question-facts.js';
import { typedWithDiacritics } from '../text/vietnamese.js';
import { levelMismatch } from '../search/subject-groups.js';
import { glossaryLacks, leadLacksDefinition, termAsWritten } from '../search/definition-match.js';
import type { OtherSubject } from '../search/subject-groups.js';
import { citationFor, docLabel, isOutdated, numberLabels, sourceLead, statusSuffix, unaskedField, validityNotice } from './citations.js';
import type { Answer, AnswerReply, ChatReason, ChatReply, Citation, Passage } from './types.js';
import type { MergerClause } from '../search/unit-mergers.js';
import { unitPath } from './clauses.js';

/** Options for {@link AnswerComposer}. */
export interface ComposerOptions {
  /**
   * Calibrated confidence at or above which the bot answers; below it abstains. Default: the threshold
   * fitted with the confidence model ({@link DEFAULT_CONFIDENCE_MODEL}).
   */
  threshold?: number;
  /** At most this many passages are considered (and cited); at most two are quoted. Default 3. */
  maxPassages?: number;
  /** A further passage is quoted only when its score is at least this share of the best. Default 0.6. */
  relativeScore?: number;
  /** Longest quote of a clause or point, characters (whole sentences are dropped to fit). Default 600. */
  excerptChars?: number;
  /**
   * An abstention offers its best source as "có thể liên quan" only at or above this confidence; below it
   * the official reads that nothing related was found (staff still get every source on the ticket). On the
   * official dev set 1 of the 19 abstentions below 0.1 pointed to a document that answers the question
   * (3 of 16 between 0.1 and 0.2). Default 0.1.
   */
  pointerConfidence?: number;
  /**
   * A search answer below this confidence says, in one line before its other notices, that it may not be
   * what was asked and that staff can be asked ("🙋 Hỏi cán bộ" is offered with every answer). Fresh
   * questions answered in this band were right about three times in four (leave-documents-out 0.63–0.8:
   * 147 of 198), against 92 % and more above it. Default 0.8; 0 turns it off.
   */
  cautionBelow?: number;
}

/**
 * AnswerComposer: turns a {@link SearchResult} into a platform-neutral {@link Answer}.
 *
 * A curated FAQ match answers with its text and cites its source article. Otherwise, above the
 * confidence threshold it opens with a direct answer — one or two sentences taken intact from the best
 * clause ("Theo Khoản 2 Điều 17 Nghị định 118/2025/NĐ-CP: …", see `direct-answer.ts`) — then at most two
 * quotes of whole clauses or points with their numbers, and the citations (clause paths first, then the
 * other passages close in score; documents in force first). Below it, it abstains with one sentence saying
 * why and the best source ("có thể liên quan"). Every citation points to a chunk that exists in the index;
 * documents no longer in force get a notice. The decision itself is {@link AnswerComposer.wouldAnswer}.
 */
export class AnswerComposer {
  private readonly o: Required<ComposerOptions>;
  /** Direct answers by search result: the decision reads one before the reply is written from it. */
  private readonly directs = new WeakMap<SearchResult, DirectAnswer | undefined>();
  private readonly gaps = new WeakMap<SearchResult, { hit: SearchHit; note: GapNote } | undefined>();

  constructor(options: ComposerOptions = {}) {
    this.o = {
      threshold: options.threshold ?? DEFAULT_CONFIDENCE_MODEL.threshold,
      maxPassages: options.maxPassages ?? 3,
      relativeScore: options.relativeScore ?? 0.6,
      excerptChars: options.excerptChars ?? 600,
      pointerConfidence: options.pointerConfidence ?? 0.1,
      cautionBelow: options.cautionBelow ?? 0.8,
    };
  }

  /** The confidence threshold used to decide between answering and escalating. */
  get threshold(): number {
    return this.o.threshold;
  }

  /** Whether a search result would be answered (same rule as {@link compose}). */
  wouldAnswer(result: SearchResult): boolean {
    const r = this.route(result);
    return r === 'status' || r === 'recorded' || r === 'merger' || r === 'faq' || r === 'search';
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
      case 'status_gap': {
        // The date asked for is recorded nowhere: say so, with the document cited, and offer staff.
        const intent = result.intent as Extract<QueryIntent, { kind: 'status' }>;
        const notice = validityNotice(intent.doc);
        return {
          kind: 'escalate',
          reason: 'not_in_index',
          message: statusGap(intent) as string,
          passages: [],
          citations: [citationFor(intent.chunk, intent.doc, 1)],
          notices: notice ? [notice] : [],
          confidence: result.confidence,
        };
      }
      case 'recorded':
        return recordedAnswer(result.intent as Extract<QueryIntent, { kind: 'recorded' }>, (t) => excerpt(t, result.queryWords, this.o.excerptChars));
      case 'merger':
        return mergerAnswer((result.intent as Extract<QueryIntent, { kind: 'merger' }>).clauses);
      case 'faq':
        return this.fromFaq(result.faq as FaqMatch, result);
      case 'tech_fault':
        // A passage sharing its words ("trang thiết bị") is no pointer for a fault, nor a source: staff are offered.
        return { kind: 'escalate', reason: 'low_confidence', message: msg('answer.abstain.why.techFault'), passages: [], citations: [], notices: [], confidence: result.confidence };
      default:
        return this.fromSearch(result, route);
    }
  }

  /**
   * The one decision both {@link compose} and {@link wouldAnswer} follow: chat first (junk, social), then
   * an empty question, a status question the metadata answers (or a date it does not record, said so), a
   * document or article not in the index, a curated answer, an ask how to fix a technical fault (declined at
   * any confidence: {@link techFault}), a confident search answer (unless its direct answer leaves out the number
   * asked for); below the threshold, off-topic chat or an abstention.
   */
  private route(result: SearchResult): Route {
    const intent = result.intent;
    if (intent?.kind === 'social' || intent?.kind === 'junk') return intent.kind;
    if (!result.queryWords.length) return 'empty';
    if (intent?.kind === 'status' && statusLead(intent)) return 'status';
    if (intent?.kind === 'status' && statusGap(intent)) return 'status_gap';
    if (intent?.kind === 'not_in_index') return 'not_in_index';
    if (intent?.kind === 'recorded') return 'recorded';
    if (intent?.kind === 'merger') return 'merger';
    if (result.faq) return 'faq';
    // How to fix a technical fault: no rule answers it, however many of its words a passage holds.
    if (result.hits.length && techFault(questionText(result))) return 'tech_fault';
    if (result.hits.length && result.confidence >= this.o.threshold) return this.leavesOutAsked(result) ?? (this.leadLevel(result) ? 'other_level' : 'search');
    return result.offTopic ? 'off_topic' : 'abstain';
  }

  /** The direct answer to a search result, worked out once for the decision and the reply. */
  private direct(result: SearchResult): DirectAnswer | undefined {
    if (!this.directs.has(result)) {
      const chosen = this.choose(result.hits, result.former);
      this.directs.set(result, directAnswer(chosen, questionText(result), result.queryWords, { quoteChars: this.o.excerptChars }));
    }
    return this.directs.get(result);
  }

  /**
   * A confident result whose direct answer gives no count of what the question counts ("hội đồng nhân dân
   * xã có bao nhiêu đại biểu" led by a sentence on what deputies represent), or no span of time for a "bao
   * lâu" ("camera ở bộ phận một cửa phải lưu dữ liệu trong bao lâu" led by a clause on appraisal): the bot says
   * it did not find the figure rather than answer beside it (see {@link countMissing}, {@link amountMissing},
   * {@link formNumberMissing}, {@link durationMissing}); likewise a lead that says no place for an "ở đâu"
   * ({@link placeMissing}: "bộ phận tiếp nhận cấp huyện đặt ở đâu" led by "Mô hình bốn cấp không còn áp dụng …"),
   * a day of the week and who pays when the lead speaks of neither ({@link dayMissing}, {@link paymentMissing}),
   * and a "X là gì" led by a definitions article that defines other terms ({@link glossaryLacks}) or by a sentence
   * that names X only in passing ({@link leadLacksDefinition}). A lead whose own clause the knowledge team marks
   * as possibly amended by a text it has not compared ({@link doubtedLead}: "Theo Nghị định số 48/2013/NĐ-CP,
   * Bộ Tư pháp … Khoản này có thể đã được sửa đổi tiếp bởi Nghị định số 92/2017/NĐ-CP …") is not given either,
   * nor a figure from a document confined to one field ("… trong lĩnh vực lưu trữ") for a question that names
   * neither the field nor the document ({@link unaskedField}; the bot says which field its figure is for), nor
   * a summary passage that does not name what a yes-or-no question asks to be in it ({@link missingMember}).
   * Nor is a passage whose source, the knowledge team notes, does not give what is asked ({@link gapNotes}: "…
   * không liệt kê các nhiệm vụ đó"), an official's power to fine for the fine of an act or for another official
   * ({@link asksPenalty}, {@link powerToFineElsewhere}), a size or colour of something else ({@link
   * appearanceElsewhere}), or a lead without the address or number asked ({@link contactMissing}) or the rank asked
   * ({@link rankMissing}: said as a figure not found), nor one that names neither of two things the official asks
   * to choose between ({@link choiceMissing}: "… đặt ở Quy Nhơn hay Pleiku").
   */
  private leavesOutAsked(result: SearchResult): LeftOut | undefined {
    // A passage found says our source leaves out what is asked ("… không liệt kê các nhiệm vụ đó").
    if (this.gap(result)) return 'not_listed';
    const d = this.direct(result);
    if (!d) return undefined;
    const question = questionText(result);
    const quotes = d.quotes.map((q) => q.text);
    const texts = [...d.sentences, ...quotes];
    if (countMissing(question, d.sentences, quotes) || amountMissing(question, d.sentences, quotes) || formNumberMissing(question, texts)) {
      return 'no_count';
    }
    // The fine for an act asked, and the lead an official's power to fine: "… bị phạt bao nhiêu" against "Chủ tịch Ủy
    // ban nhân dân cấp xã … được phạt … tiền đến 15.000.000 đồng".
    if (asksPenalty(question) && statesPowerToFine(d.sentences)) return 'no_penalty';
    // A power to fine for a question on no sanction, or on another official's power.
    if (powerToFineElsewhere(question, d.sentences)) return 'other_power';
    // A figure that holds in one field ("… xử phạt vi phạm hành chính trong lĩnh vực lưu trữ") is no answer to a
    // question that names no field ("chủ tịch ubnd xã được phạt tối đa bao nhiêu tiền").
    if ((asksMoney(question) || askedFacts(question).includes('quantity')) && unaskedField(d.hit.doc, question) && !namesDocument(question, d.hit.doc)) return 'other_field';
    // "X là gì" led by a definitions article ("Giải thích từ ngữ") that defines other terms, not X.
    if (result.definitionAsked && glossaryLacks(d.hit.chunk.title, d.hit.chunk.text, result.definitionAsked.folded)) return 'no_definition';
    if (result.definitionAsked && leadLacksDefinition(d.sentences, result.definitionAsked.folded, question)) return 'no_definition';
    // The lead's own clause says it may have been amended by a text the knowledge team has not compared.
    if (doubtedLead(d.sentences, quotes[0] ?? '')) return 'unverified';
    // "X có trong Y không" led by a summary passage that does not name X: an abridged text's silence says neither yes nor no.
    if (d.hit.doc.kind === 'summary' && missingMember(question, texts)) return 'no_member';
    // "… của “hướng dẫn”, “công điện” và “biên bản” là gì" led by a clause naming none of the quoted kinds.
    if (quotedMissing(question, texts)) return 'no_quoted';
    // "… đặt ở Quy Nhơn hay Pleiku" led by a clause that names neither: it does not say which.
    if (choiceMissing(question, texts)) return 'no_choice';
    if (durationMissing(question, texts)) return 'no_duration';
    if (dayMissing(question, texts)) return 'no_day';
    if (paymentMissing(question, d.sentences)) return 'no_payment';
    if (appearanceMissing(question, texts) || appearanceElsewhere(question, texts)) return 'no_appearance';
    if (contactMissing(question, texts)) return 'no_contact';
    if (rankMissing(question, texts)) return 'no_count';
    return placeMissing(question, d.sentences) ? 'no_place' : undefined;
  }

  /**
   * A gap the knowledge team recorded in a passage found ({@link gapNotes}) that the question asks into
   * ("10 nhiem vu cu the cua de an 4599 gom nhung nhiem vu nao" against "Năm nội dung này được chia thành 10
   * nhiệm vụ cụ thể; tài liệu nguồn của bản tóm lược không liệt kê các nhiệm vụ đó."), with its passage: the bot
   * says the source does not give it rather than answer with the passage's other content.
   */
  private gap(result: SearchResult): { hit: SearchHit; note: GapNote } | undefined {
    if (!this.gaps.has(result)) {
      const question = questionText(result);
      let found: { hit: SearchHit; note: GapNote } | undefined;
      for (const hit of this.choose(result.hits, result.former)) {
        const note = gapNotes(hit.chunk.text).find((n) => gapAsked(question, n));
        if (note) {
          found = { hit, note };
          break;
        }
      }
      this.gaps.set(result, found);
    }
    return this.gaps.get(result);
  }

  /**
   * The levels of government asked and those the direct answer's lead speaks of instead, when the question
   * names levels and the lead names only others, though the lead prefers sentences on the level asked
   * (`direct-answer.ts`): "từ 1/7/2025 xã có những thay đổi gì về tổ chức bộ máy" led by the huyện's handover
   * in an article that also speaks of the xã. The bot says what it found rather than answer for another
   * level. Search already checks the first passage as a whole.
   */
  private leadLevel(result: SearchResult): OtherSubject | undefined {
    const d = this.direct(result);
    if (!d) return undefined;
    const question = result.normalized ?? result.query;
    return levelMismatch(question, typedWithDiacritics(question.split(/\s+/u)), () => d.sentences);
  }

  private fromSearch(result: SearchResult, route: 'search' | 'abstain' | 'not_in_index' | LeftOut | 'other_level'): Answer {
    const chosen = this.choose(result.hits, result.former);
    if (route !== 'search') return this.abstain(result, route, chosen);
    const direct = this.direct(result);
    const notices = [...(result.confidence < this.o.cautionBelow ? [msg('answer.notice.unsure')] : []), ...uniqueNotices(chosen.map((h) => h.doc))];
    if (!direct) return this.quotedAnswer(result, chosen, notices);
    const citations: Citation[] = [];
    const passages: Passage[] = [];
    for (const q of direct.quotes) {
      const marker = citations.length + 1;
      citations.push(citationAt(q.hit, q.path, marker));
      if (q.shown) passages.push({ marker, text: q.text });
    }
    // Further sources close in score are listed (not quoted): officials may want to read them.
    for (const h of chosen) {
      if (citations.some((c) => c.chunkId === h.chunk.id)) continue;
      citations.push(citationFor(h.chunk, h.doc, citations.length + 1));
    }
    const lead = sourceLead(direct.hit.doc, direct.path, [...(direct.intro ? [direct.intro] : []), ...direct.sentences].join(' '), questionText(result));
    return { kind: 'answer', source: 'search', lead, passages, citations, notices, confidence: result.confidence };
  }

  /**
   * No sentence of the passages shares a content word with the question (it was found through synonyms
   * or the glossary): the lead names the source and the passages are quoted as they are.
   */
  private quotedAnswer(result: SearchResult, chosen: SearchHit[], notices: string[]): Answer {
    const top = chosen[0];
    const citations = chosen.map((h, i) => citationFor(h.chunk, h.doc, i + 1));
    const passages: Passage[] = chosen.slice(0, 2).map((h, i) => ({ marker: i + 1, text: excerpt(h.chunk.text, result.queryWords, this.o.excerptChars) }));
    const lead = msg('answer.lead.high', { path: top.chunk.citationPath, number: `${docLabel(top.doc)}${statusSuffix(top.doc)}` });
    return { kind: 'answer', source: 'search', lead, passages, citations, notices, confidence: result.confidence };
  }

  /**
   * "Tôi chưa tìm thấy định nghĩa “X” …": X as the lead that names it writes it ("lưu trữ lịch sử" for a
   * question typed "lưu trữ lịch sữ"), else as typed when typed with its marks (a reply reads in full
   * Vietnamese); without X otherwise.
   */
  private noDefinition(result: SearchResult, asked: NonNullable<SearchResult['definitionAsked']>): string {
    const lead = this.direct(result)?.sentences ?? [];
    const fromLead = lead.length ? termAsWritten(asked.folded, lead.join(' ')) : undefined;
    const term = fromLead && fromLead !== asked.folded.join(' ') ? fromLead : asked.written;
    return typedWithDiacritics(term.split(' ')) ? msg('answer.abstain.why.noDefinition', { term }) : msg('answer.abstain.why.noDefinitionAsked');
  }

  /**
   * An abstention: a short reason and the single best source, "có thể liên quan" (officials see one source
   * and no quote; staff see every source found, on the ticket). Below the pointer confidence, no source is
   * offered (reason `no_match`).
   */
  private abstain(result: SearchResult, route: 'abstain' | 'not_in_index' | LeftOut | 'other_level', found: SearchHit[]): Answer {
    // A lead declined for what it leaves out is the passage the bot weighed: it comes first, offered as related.
    const lead = route === 'not_listed' ? this.gap(result)?.hit : route !== 'abstain' && route !== 'not_in_index' ? this.direct(result)?.hit : undefined;
    const chosen = lead ? [lead, ...found.filter((h) => h !== lead)] : found;
    const citations = chosen.map((h, i) => citationFor(h.chunk, h.doc, i + 1));
    if (route === 'not_in_index') {
      const intent = result.intent as Extract<QueryIntent, { kind: 'not_in_index' }>;
      const message =
        intent.what === 'article'
          ? msg('answer.notInIndex.article', { article: intent.reference.replace(/^Điều\s+(\S+).*$/u, '$1'), document: intent.docNumber ?? '' })
          : intent.recorded?.length
            ? msg('answer.notInIndex.documentRecorded', { reference: intent.reference, facts: recordedFacts(intent) })
            : msg('answer.notInIndex.document', { reference: intent.reference });
      // The best hit comes from another document than the one asked about: offering it would mislead.
      return { kind: 'escalate', reason: 'not_in_index', message, passages: [], citations: [], notices: [], confidence: result.confidence };
    }
    // Below the pointer confidence the best source is almost never related ("thoi tiet ha noi ngay mai the
    // nao", "lịch âm hôm nay là ngày bao nhiêu"): the official is told nothing related was found, with no
    // pointer; staff still see what was found.
    if (!chosen.length || result.confidence < this.o.pointerConfidence) {
      return { kind: 'escalate', reason: 'no_match', message: msg('answer.abstain.why.noMatch'), passages: [], citations, notices: [], confidence: result.confidence };
    }
    const best = chosen.slice(0, 1);
    const passages: Passage[] = best.map((h) => ({ marker: 1, text: excerpt(h.chunk.text, result.queryWords, ABSTAIN_EXCERPT_CHARS) }));
    const notices = uniqueNotices(best.map((h) => h.doc));
    // The passages speak of other staff than those asked about: say so, it is why the bot does not answer.
    const other = result.otherSubject ?? (route === 'other_level' ? this.leadLevel(result) : undefined);
    const message = other
      ? msg('answer.abstain.why.otherSubject', { asked: other.asked.join(', '), found: other.found.join(', ') })
      : result.absentProcedure
        ? this.noProcedure(result.absentProcedure)
        : this.whyNot(result, route, best[0]);
    return { kind: 'escalate', reason: 'low_confidence', message, passages, citations, notices, confidence: result.confidence };
  }

  /** "Tôi chưa tìm thấy quy định riêng về thủ tục “X”": X as typed when typed with its marks, else without X. */
  private noProcedure(written: string): string {
    // The message says "thủ tục" itself: "thủ tục cấp giấy …" is quoted from "cấp".
    const name = written.replace(/^(?:thủ tục|thu tuc|tthc)\s+/iu, '');
    return typedWithDiacritics(name.split(' ')) ? msg('answer.abstain.why.noProcedure', { procedure: name }) : msg('answer.abstain.why.noProcedureAsked');
  }

  /** Why a search result is not given as the answer, when it speaks of what was asked: what it leaves out, or low confidence. */
  private whyNot(result: SearchResult, route: 'abstain' | LeftOut | 'other_level', best: SearchHit): string {
    if (route === 'no_definition' && result.definitionAsked) return this.noDefinition(result, result.definitionAsked);
    if (route === 'other_field') return this.otherField(result, this.direct(result)?.hit.doc ?? best.doc);
    if (route === 'no_member') return this.noMember(result);
    if (route === 'no_choice') return this.noChoice(result);
    if (route === 'no_quoted') return this.noQuoted(result);
    if (route === 'other_power') {
      const d = this.direct(result);
      const officials = d && otherOfficials(questionText(result), d.sentences);
      if (d && officials?.found.length) {
        const written = (folded: string[], text: string) => folded.map((t) => termAsWritten(t.split(' '), text)).join(', ');
        const found = written(officials.found, d.sentences.join(' '));
        const asked = written(officials.asked, questionText(result));
        // Typed without marks, the official asked is not repeated in folded letters.
        return typedWithDiacritics(asked.split(' ')) ? msg('answer.abstain.why.otherPower', { found, asked }) : msg('answer.abstain.why.otherPowerAsked', { found });
      }
    }
    if (route === 'not_listed') {
      const note = this.gap(result)?.note;
      if (note) return msg('answer.abstain.why.notListed', { verb: note.verb, what: note.what });
    }
    return route in LEFT_OUT_MESSAGES ? msg(LEFT_OUT_MESSAGES[route as keyof typeof LEFT_OUT_MESSAGES]) : msg('answer.abstain.why.lowConfidence');
  }

  /** "Tôi chưa tìm thấy quy định nói “an toàn thông tin” có thuộc điều anh/chị hỏi hay không.": X as the official wrote it. */
  private noMember(result: SearchResult): string {
    const d = this.direct(result);
    const question = questionText(result);
    const member = d && missingMember(question, [...d.sentences, ...d.quotes.map((q) => q.text)]);
    return member ? msg('answer.abstain.why.noMember', { member: termAsWritten(member, question) }) : msg('answer.abstain.why.lowConfidence');
  }

  /**
   * "Tôi chưa tìm thấy quy định nói rõ là “Quy Nhơn” hay “Pleiku”.": the options as the official wrote them; typed
   * without marks, they are not repeated in folded letters.
   */
  private noChoice(result: SearchResult): string {
    const d = this.direct(result);
    const question = questionText(result);
    const options = d && choiceMissing(question, [...d.sentences, ...d.quotes.map((q) => q.text)]);
    if (!options) return msg('answer.abstain.why.lowConfidence');
    const [a, b] = options.map((o) => termAsWritten(o, question));
    return typedWithDiacritics(`${a} ${b}`.split(' ')) ? msg('answer.abstain.why.noChoice', { a, b }) : msg('answer.abstain.why.noChoiceAsked');
  }

  /** "Tôi chưa tìm thấy quy định nói về “hướng dẫn”, “công điện”, “biên bản”.": the quoted phrases as written. */
  private noQuoted(result: SearchResult): string {
    const d = this.direct(result);
    const quoted = d && quotedMissing(questionText(result), [...d.sentences, ...d.quotes.map((q) => q.text)]);
    return quoted ? msg('answer.abstain.why.noQuoted', { quoted: quoted.map((q) => `“${q}”`).join(', ') }) : msg('answer.abstain.why.lowConfidence');
  }

  /** "Tôi chỉ tìm thấy con số quy định trong lĩnh vực lưu trữ (Nghị định 31/2026/NĐ-CP), …": the field and the document. */
  private otherField(result: SearchResult, doc: DocumentMeta): string {
    return msg('answer.abstain.why.otherField', { field: unaskedField(doc, questionText(result)) ?? '', document: docLabel(doc) });
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
  private choose(hits: readonly SearchHit[], former = false): SearchHit[] {
    if (!hits.length) return [];
    const out: SearchHit[] = [hits[0]];
    for (const h of hits.slice(1)) {
      if (out.length >= this.o.maxPassages) break;
      if (h.score < hits[0].score * this.o.relativeScore) break;
      if (out.some((o) => o.chunk.id === h.chunk.id)) continue;
      out.push(h);
    }
    // A passage of an outdated document gives way to one of the document that replaced it, not to any
    // current document: a question about the old decree is still answered from it when its successor
    // was not found (the retrieval order is kept otherwise).
    // A question about former rules ("trước đây…") asks for the outdated document: the order is kept.
    if (former) return out;
    const first = out.findIndex((h) => !isOutdated(h.doc) && out.some((o) => replaces(h.doc, o.doc)));
    if (first <= 0 || !out.slice(0, first).every((h) => replaces(out[first].doc, h.doc))) return out;
    return [out[first], ...out.filter((_, i) => i !== first)];
  }
}

/**
 * The answer to what became of an administrative unit: the clauses that merge it (or leave it as it was),
 * word for word, as the lead ("Theo Khoản 11 Điều 1 Nghị quyết 202/2025/QH15: Tỉnh Kon Tum và tỉnh Quảng
 * Ngãi hợp thành tỉnh Quảng Ngãi."). Clauses of the first clause's passage share the lead ("Khoản 11, 12
 * Điều 1"); any other passage's clause is quoted below it with its number.
 */
function mergerAnswer(clauses: readonly MergerClause[]): AnswerReply {
  const first = clauses[0];
  // In the order of the article: "Khoản 11, 12 Điều 1".
  const own = clauses.filter((c) => c.chunk.id === first.chunk.id).sort((a, b) => parseInt(a.clause ?? '0', 10) - parseInt(b.clause ?? '0', 10));
  const hit: SearchHit = { chunk: first.chunk, doc: first.doc, score: 1, coverage: 1 };
  const path = mergedPath(first.chunk, own.map((c) => c.clause));
  const citations: Citation[] = [citationAt(hit, path, 1)];
  const passages: Passage[] = [];
  for (const c of clauses.filter((x) => x.chunk.id !== first.chunk.id)) {
    const marker = citations.length + 1;
    const other: SearchHit = { chunk: c.chunk, doc: c.doc, score: 1, coverage: 1 };
    citations.push(citationAt(other, c.clause ? unitPath(c.chunk, { clause: c.clause }) : c.chunk.citationPath, marker));
    passages.push({ marker, text: `${c.clause ? `${c.clause}. ` : ''}${c.sentence}` });
  }
  const notices = uniqueNotices(clauses.map((c) => c.doc));
  return { kind: 'answer', source: 'search', lead: sourceLead(hit.doc, path, own.map((c) => asLeadSentence(c.sentence)).join(' ')), passages, citations, notices, confidence: 1 };
}

/** "Khoản 11 Điều 1", or "Khoản 11, 12 Điều 1" for several clauses of one article; the passage's path without clause numbers. */
function mergedPath(chunk: Chunk, clauses: ReadonlyArray<string | undefined>): string {
  const numbers = clauses.filter((c): c is string => c !== undefined);
  if (!numbers.length) return chunk.citationPath;
  const one = unitPath(chunk, { clause: numbers[0] });
  return numbers.length === 1 || one === chunk.citationPath ? one : one.replace(/^Khoản \S+/u, `Khoản ${numbers.join(', ')}`);
}

/** How a result is answered; see {@link AnswerComposer.route}. */
type Route = ChatReason | 'empty' | 'status' | 'status_gap' | 'recorded' | 'not_in_index' | 'merger' | 'faq' | 'tech_fault' | 'search' | LeftOut | 'other_level' | 'abstain';

/** Whether the question names the document by its number ("nđ 31/2026 …", "nghị định 31"). */
function namesDocument(question: string, doc: DocumentMeta): boolean {
  const written = parseDocReference(question);
  return (written.length ? written : parseBareDocNumbers(question)).some((r) => matchesDocNumber(r, doc.number));
}

/** A confident search result whose lead leaves out what was asked ({@link AnswerComposer.leavesOutAsked}). */
type LeftOut = 'no_count' | 'no_duration' | 'no_place' | 'no_day' | 'no_payment' | 'no_appearance' | 'no_definition' | 'unverified' | 'other_field' | 'no_member' | 'not_listed' | 'no_penalty' | 'other_power' | 'no_contact' | 'no_choice' | 'no_quoted';

/** What the official reads when the lead leaves out what was asked (a definition says which term: `noDefinition`). */
const LEFT_OUT_MESSAGES: Record<Exclude<LeftOut, 'no_definition' | 'other_field' | 'no_member' | 'not_listed' | 'no_choice' | 'no_quoted'>, MessageKey> = {
  no_count: 'answer.abstain.why.noCount',
  no_duration: 'answer.abstain.why.noDuration',
  no_place: 'answer.abstain.why.noPlace',
  no_day: 'answer.abstain.why.noDay',
  no_payment: 'answer.abstain.why.noPayment',
  no_appearance: 'answer.abstain.why.noAppearance',
  unverified: 'answer.abstain.why.unverified',
  no_penalty: 'answer.abstain.why.noPenalty',
  other_power: 'answer.abstain.why.lowConfidence',
  no_contact: 'answer.abstain.why.noContact',
};

const CHAT_MESSAGES: Record<ChatReason, MessageKey> = { social: 'chat.social', junk: 'chat.junk', off_topic: 'chat.offTopic' };

/** A short reply to a message that is not a question about reform; never a ticket. */
function chat(reason: ChatReason): ChatReply {
  return { kind: 'chat', reason, message: msg(CHAT_MESSAGES[reason]), passages: [], citations: [], notices: [], confidence: 0 };
}

/**
 * Whether `current` took the place of `old` (and `old` is no longer in force): `current` is named in
 * `old`'s replaced-by list, or it replaced a document named there (a chain: Luật 77/2015 was replaced by
 * Luật 65/2025, itself replaced by Luật 72/2025, and only 72/2025 is indexed).
 */
function replaces(current: DocumentMeta, old: DocumentMeta): boolean {
  if (!isOutdated(old) || !old.replacedBy) return false;
  const key = (n: string) => canonicalDocNumber(n.trim()) ?? n.trim();
  const successors = new Set(old.replacedBy.split(',').map(key));
  return successors.has(key(current.number)) || (current.replaces ?? []).some((l) => successors.has(key(l.number)));
}

function uniqueNotices(docs: DocumentMeta[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    const n = validityNotice(d);
    if (n) out.add(n);
  }
  return [...out];
}

/** Length of the one passage kept with an abstention (for staff and the grounded composer), characters. */
const ABSTAIN_EXCERPT_CHARS = 300;

/**
 * The question as typed and as normalised (as normalised only, under a pasted text), which the direct answer
 * reads for what is asked, kept apart by a full stop: run together, "… phạt tối đa bao nhiêu" followed by its
 * normalised copy read as "bao nhiêu nđ", a count of "nđ" that no answer gives.
 */
function questionText(result: Pick<SearchResult, 'query' | 'normalized' | 'pasted'>): string {
  const { query, normalized } = result;
  // Under a pasted notice, only the question asks: "… báo cáo kết quả trước ngày 30/6/2025. Cho em hỏi dvc toàn
  // trình nghĩa là thế nào" asks no date, and the notice's words must not choose the lead.
  if (result.pasted && normalized) return normalized;
  return normalized && normalized !== query ? `${query} . ${normalized}` : query;
}

/**
 * The citation of a clause or point of a hit: the chunk's citation with the clause path. A summary's
 * clause numbers are the official ones (knowledge/README.md), so its official reference becomes the clause.
 */
function citationAt(hit: SearchHit, path: string, marker: number): Citation {
  const c = citationFor(hit.chunk, hit.doc, marker);
  if (path === hit.chunk.citationPath) return c;
  return { ...c, path, ...(c.summary && { officialRef: path }) };
}

const RECORDED_KEYS: Record<RecordedLink['relation'], MessageKey> = {
  replaces: 'answer.recorded.replaces',
  amends: 'answer.recorded.amends',
  amended_by: 'answer.recorded.amendedBy',
  replaced_by: 'answer.recorded.replacedBy',
};

/**
 * What indexed documents record about a document the index does not hold, one sentence each: "Nghị định
 * 118/2025/NĐ-CP (Khoản 6 Điều 40) sửa đổi, bổ sung Nghị định 92/2017/NĐ-CP." The provisions are the
 * recording document's own, except after "được sửa đổi bởi", where they are the other document's.
 */
function recordedFacts(intent: Extract<QueryIntent, { kind: 'not_in_index' }>): string {
  return (intent.recorded ?? [])
    .map((r) => msg(RECORDED_KEYS[r.relation], { label: docLabel(r.doc), other: targetLabel(r), articles: r.articles ? ` (${r.articles})` : '' }))
    .join(' ');
}

/** The document asked about as the recording front matter numbers it: "Luật 51/2005/QH11". */
function targetLabel(r: RecordedLink): string {
  return numberLabels([{ number: r.target }]);
}

/**
 * The answer to a status question about a document the index does not hold, from the links indexed
 * documents record about it: "Luật 65/2025 không còn là quy định hiện hành: Luật 72/2025/QH15 (Khoản 2 Điều
 * 51) thay thế Luật 65/2025.", citing and quoting the recording document's provision.
 */
function recordedAnswer(intent: Extract<QueryIntent, { kind: 'recorded' }>, excerptOf: (text: string) => string): Answer {
  const validity = intent.ask === 'validity';
  const lead = intent.links
    .map((r) => msg(validity && r.relation === 'replaces' ? 'answer.recorded.noLongerInForce' : RECORDED_KEYS[r.relation], { label: docLabel(r.doc), other: targetLabel(r), articles: r.articles ? ` (${r.articles})` : '' }))
    .join(' ');
  const cited = intent.links.filter((r, i, all) => all.findIndex((x) => x.chunk.id === r.chunk.id) === i);
  return {
    kind: 'answer',
    source: 'status',
    lead,
    passages: [{ marker: 1, text: excerptOf(cited[0].chunk.text) }],
    citations: cited.map((r, i) => citationFor(r.chunk, r.doc, i + 1)),
    notices: uniqueNotices(cited.map((r) => r.doc)),
    confidence: 1,
  };
}
