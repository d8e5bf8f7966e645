import { repairSpelling } from './spelling-repair.js';
import type { Analyzer } from '../text/analyzer.js';
import { parseBareDocNumbers, parseDocReference, matchesDocNumber, canonicalDocNumber } from '../text/doc-number.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { KeywordIndex } from './keyword-index.js';
import type { QueryExpander } from './query-expander.js';
import { NameHeads } from './name-heads.js';
import type { NameHead } from './name-heads.js';
import { askedTerm, contrastedTerms, definesExactly, definesTerm, termAsWritten } from './definition-match.js';
import { askedFacts, curatedFits, passageMismatch } from './answer-fit.js';
import type { FaqMatcher } from './faq-matcher.js';
import { retrievalConfidence } from './confidence.js';
import { buildQueryTerms, DEFAULT_QUERY_WEIGHTS } from './query-terms.js';
import { FOLDED_STOPWORDS } from '../text/stopwords.js';
import type { FaqMatch, QueryIntent, SearchHit, SearchResult } from './types.js';
import { normalizeQuestion } from '../text/question-normalizer.js';
import { asksAboutFormerRules } from '../text/former-rules.js';
import { asksYesNo } from '../text/question-facts.js';
import { classifyMessage } from '../text/message-kind.js';
import { FOLDED_PREFIX } from '../text/analyzer.js';
import { foldWord } from '../text/vietnamese.js';
import type { QueryAnalysis } from '../text/analyzer.js';
import { IntentDetector, askedClause, statusAsk, subjectPart } from './intent.js';
import { absentProcedure } from './procedure-names.js';
import { TitleMatcher } from './title-reference.js';
import { UnitMergers } from './unit-mergers.js';
import type { TitleMatch } from './title-reference.js';
import { QUESTION_SHAPE, confidenceFeatures } from './confidence-features.js';
import { isForeign } from './off-topic.js';
import { DEFAULT_CONFIDENCE_MODEL } from './confidence-model.js';
import type { ConfidenceModel } from './confidence-model.js';
import type { NormalizedQuestion } from '../text/question-normalizer.js';
import type { TimeSlicer } from '../common/time-slice.js';

/** Tuning of the second ranking stage; global constants, never fitted to single questions. */
export interface RerankOptions {
  /** How many first-stage candidates are re-scored. Default 50. */
  candidates: number;
  /** Strength of the coverage bonus: score × (1 + coverageBoost × coverage). Default 3. */
  coverageBoost: number;
  /** Multiplier for chunks of a document the query names by number ("nghị định 61"). Default 1.6. */
  namedDocBoost: number;
  /** Extra multiplier when the query also names the article ("Điều 5"). Default 1.5. */
  namedArticleBoost: number;
  /** Multiplier for documents no longer in force, so the current text ranks first. Default 0.7. */
  outdatedPenalty: number;
  /** Multiplier for a passage that defines the term a "X là gì" question asks about (`definition-match.ts`). Default 2. */
  definitionBoost: number;
  /**
   * Document support in the order of the hits: a passage is ordered by its score plus this share of the
   * score of the best other passage of its document among the candidates, so of two passages close in
   * score the one whose document also has other strong passages comes first. The confidence features
   * still read the passage ranking (what the model was fitted on). 0 turns it off. Default 0.4.
   */
  documentSupport: number;
  /** Multiplier for a passage whose article title the question contains word for word (three words or more). Default 1.2. */
  titleBoost: number;
}

export const DEFAULT_RERANK: RerankOptions = {
  candidates: 50,
  coverageBoost: 3,
  namedDocBoost: 1.6,
  namedArticleBoost: 1.5,
  outdatedPenalty: 0.7,
  definitionBoost: 2,
  documentSupport: 0.4,
  titleBoost: 1.2,
};

/** Everything a Retriever searches over; one immutable generation of the index. */
export interface RetrieverParts {
  index: KeywordIndex;
  chunks: readonly Chunk[];
  docs: ReadonlyMap<string, DocumentMeta>;
  analyzer: Analyzer;
  expander: QueryExpander;
  faq?: FaqMatcher;
  /** The calibrated confidence model; default {@link DEFAULT_CONFIDENCE_MODEL} (the fitted one). */
  confidence?: ConfidenceModel;
  /** Question normaliser (fillers, chat spellings); default {@link normalizeQuestion}. */
  normalize?: (text: string) => NormalizedQuestion;
}

/** An unseen syllable pair (two known words never adjacent in the corpus: often an unknown concept such as "thanh lý", sometimes just two words side by side) counts at this share of the highest idf. */
const UNSEEN_BIGRAM_SHARE = 0.5;

/** Weight of an abbreviation as typed, once it is spelled out: an alternative form, like a glossary expansion. */
const ABBREVIATION_WEIGHT = 0.6;
/**
 * Passages read for whom they speak of (`subject-groups.ts`): the first, which the answer leads from. With the
 * top three, "cac hinh thuc ky luat vien chuc" passed because a third passage of another document named
 * viên chức in passing, and got the penalties for công chức at 0.97.
 */
const SUBJECT_HITS = 1;
/**
 * Confidence at most this when the first passage speaks of something else than the question (another group of
 * staff, level of government, side of a contrast; `answer-fit.ts`): below
 * any answering threshold, above the one for pointing to a source ("có thể liên quan"), since the passage
 * found may still help staff or the official.
 */
const OTHER_SUBJECT_CAP = 0.3;

const NO_HEADS: readonly NameHead[] = [];
const NO_WORDS: ReadonlySet<string> = new Set();

/** Folded words and word pairs of heads, for the confidence features' presence checks. */
function headWords(heads: readonly NameHead[]): ReadonlySet<string> {
  if (!heads.length) return NO_WORDS;
  const out = new Set<string>();
  for (const h of heads) {
    h.words.forEach((w, i) => {
      out.add(w);
      if (i > 0) out.add(`${h.words[i - 1]} ${w}`);
    });
  }
  return out;
}

/** Coverage weight of the question's terms that belong to heads a passage holds only inside names. */
function boundCover(heads: readonly NameHead[], typed: ReadonlyMap<string, number>, inPassage: (term: string) => boolean, idf: (term: string) => number): number {
  let lost = 0;
  for (const h of heads) for (const t of h.terms) {
    const w = typed.get(t);
    if (w !== undefined && inPassage(t)) lost += w * idf(t);
  }
  return lost;
}

const ARTICLE_REF = /(?:^|[^\p{L}])(?:điều|dieu)\s*(\d+[a-z]?)(?![\p{L}\d])/giu;

/**
 * Retriever: the search entry point shared by the bot, the CLI and the eval command.
 *
 * Stage 1 ranks chunks with the BM25F keyword index over the analysed, glossary-expanded query. Stage 2
 * re-scores the top candidates by how much of the query each covers (a coordination factor, which favours
 * the article that answers the whole question over one that repeats a single term), boosts documents and
 * articles named in the query, and demotes documents no longer in force. Curated FAQ matching runs first
 * and is reported alongside.
 */
/** Dates ("1/7/2025", "01-7-2025", "tháng 7 năm 2025", "tháng 7/2025"), whose years name no law. */
const DATES = /\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d\b|\b(?:tháng|thang)\s+\d{1,2}\s*(?:\/|\s+(?:năm|nam)\s+)(?:19|20)\d\d\b/giu;

export class Retriever {
  private readonly recordDoc: Int32Array;
  private readonly docList: DocumentMeta[];
  private readonly intents: IntentDetector;
  /** Units merged or left as they were, as the indexed text states them (built on the first question asking). */
  private readonly mergers: UnitMergers;
  private readonly titles: TitleMatcher;
  /**
   * Per passage, its article title as folded words between spaces (null: too short to count), read when the
   * passage is first a candidate (reading every title at load would decode every passage of a large snapshot).
   */
  private readonly titleWords: Array<TitleKey | null | undefined> = [];
  private readonly titleKeys = new Map<string, TitleKey | null>();
  /** Common nouns heading the glossary's proper names ("bộ phận" of "Bộ phận Một cửa"). */
  private readonly names: NameHeads;
  /** Folded words of passages read by {@link passageWords} (bounded). */
  private readonly foldedPassages = new Map<number, readonly string[]>();

  constructor(
    readonly parts: RetrieverParts,
    private readonly rerank: RerankOptions = DEFAULT_RERANK,
  ) {
    const docIndex = new Map<string, number>();
    this.docList = [];
    this.recordDoc = new Int32Array(parts.chunks.length);
    parts.chunks.forEach((c, i) => {
      let d = docIndex.get(c.docId);
      if (d === undefined) {
        d = this.docList.length;
        docIndex.set(c.docId, d);
        this.docList.push(parts.docs.get(c.docId) ?? { number: '', title: c.docId, status: 'unknown' });
      }
      this.recordDoc[i] = d;
    });
    this.intents = new IntentDetector(parts.chunks, parts.docs);
    this.mergers = new UnitMergers(parts.chunks, (i) => this.docList[this.recordDoc[i]]);
    this.titles = new TitleMatcher(this.docList);
    const { fullForms, phrases } = parts.expander.glossaryPhrases();
    this.names = new NameHeads(fullForms, phrases, parts.analyzer);
  }

  /**
   * Builds now, in slices that let the event loop in, the tables a first question would otherwise build
   * on the request path (the intent detector reads every passage): the server calls it before it swaps a
   * new generation in.
   */
  async prepare(slicer: TimeSlicer): Promise<void> {
    await this.intents.prepareSliced(slicer);
  }

  /** True once {@link prepare} (or a first question naming a document) has built those tables. */
  get prepared(): boolean {
    return this.intents.prepared;
  }

  /** Number of searchable chunks. */
  get size(): number {
    return this.parts.chunks.length;
  }

  /**
   * Searches for `query` and returns up to `k` hits with a confidence score. Never throws on odd input.
   * Junk and social messages are recognised from their text and not searched; a status question about a
   * named document, or a document or article the index lacks, is reported as the result's intent.
   */
  search(query: string, k = 10): SearchResult {
    const started = performance.now();
    const text = query.slice(0, 2000);
    // Chat typing normalised, then misspelt syllables repaired where the index shows what was meant.
    const norm = (this.parts.normalize ?? normalizeQuestion)(text);
    const normalized = repairSpelling(norm.text, this.parts.analyzer, this.parts.index);
    const kind = this.messageKind(text);
    if (kind) return { query, normalized, hits: [], confidence: 0, intent: { kind }, queryWords: [], ms: performance.now() - started };
    const analysis = this.parts.analyzer.analyzeQuery(normalized);
    // Abbreviations with one meaning written out: a law named as "luật cbcc 2025" is named by its title. One with
    // several meanings is written out in the one meaning that names an indexed law the text did not name yet
    // ("luật GDĐT 2023": giao dịch điện tử, not giáo dục và đào tạo), else left as typed.
    const spelled = this.parts.expander.spellOutText(normalized, analysis.accented, (readings, current) => {
      const before = this.titles.match(current).found.size;
      const naming = readings.flatMap((r, i) => (this.titles.match(r).found.size > before ? [i] : []));
      return naming.length === 1 ? naming[0] : undefined;
    });
    const { named, missing, titled } = this.namedDocs(spelled);
    const former = asksAboutFormerRules(subjectPart(normalized));
    // A definition asked ("X là gì") or a difference of two terms: the terms, read once for ranking, the features
    // and the answer's check that the definition it leads with is of that term.
    const term = askedTerm(spelled);
    const contrast = contrastedTerms(spelled);
    const { hits, heuristic, typed, ranked, boundOf } = this.rank(analysis, normalized, spelled, named, k, former, { term, contrast });
    const closest = this.parts.faq?.closest(analysis);
    const asked = askedFacts({ normalized, spelled, accented: analysis.accented });
    // A curated answer is used only when it speaks of what was asked (`answer-fit.ts`), not only of its words.
    const faq = closest && this.parts.faq && closest.similarity >= this.parts.faq.cut && curatedFits(asked, closest.entry) ? this.resolveFaq(closest) : undefined;
    // Abbreviations spelled out as the top passage writes them: for the features and for picking sentences.
    const words = this.featureWords(analysis.foldedWords, ranked[0]?.r);
    const offTopic = isForeign(typed, this.parts.index, analysis.accented, (w) => this.parts.expander.isAbbreviation(w), (terms) => {
      const top = ranked[0]?.r;
      return top !== undefined && terms.every((t) => this.parts.index.termScore(t, top) > 0);
    });
    const defined = [...(term ? [term] : []), ...(contrast ?? [])];
    const features = confidenceFeatures({
      index: this.parts.index,
      foldedWords: words,
      ranked,
      docOf: (r) => this.recordDoc[r],
      headingOf: (r) => headingText(this.parts.chunks[r]),
      namedDocs: named,
      namedMissing: missing,
      faqSimilarity: closest?.similarity ?? 0,
      heuristic,
      // Glossary abbreviations are words of the domain (spelled out in `featureWords`), not unseen ones.
      typedTerms: typedContentTerms(analysis).filter((t) => !this.parts.expander.isAbbreviation(t.startsWith(FOLDED_PREFIX) ? t.slice(FOLDED_PREFIX.length) : t)),
      foreign: offTopic,
      yesNo: asksYesNo(normalized),
      isSummary: (r) => this.docList[this.recordDoc[r]].kind === 'summary',
      ...(defined.length ? { definesAsked: (r: number) => defined.some((t) => definesExactly(this.parts.chunks[r].text, t)) } : {}),
      absentIn: (r) => headWords(boundOf(r)),
    });
    // A first passage about other staff, another level of government, what may not be done or the other side
    // of a contrast answers for something else: the search is not confident, and the reply says what it found.
    const topTexts = () => hits.slice(0, SUBJECT_HITS).map((h) => `${h.doc.title}\n${h.chunk.title}\n${h.chunk.text}`).join('\n');
    const otherSubject = passageMismatch(asked, topTexts, hits[0]?.chunk.title);
    // The particulars of a procedure the index does not hold ("cấp giấy phép xây dựng nhà ở riêng lẻ … bao nhiêu
    // ngày"): the general clauses found are no answer; the reply says the procedure was not found.
    const seen = (t: string) => this.parts.index.df(FOLDED_PREFIX + t) > 0;
    const procedure = absentProcedure(normalized, (a, b) => seen(`${a} ${b}`), seen);
    const modelled = hits.length ? (this.parts.confidence ?? DEFAULT_CONFIDENCE_MODEL).probability(features) : 0;
    const confidence = otherSubject || procedure ? Math.min(modelled, OTHER_SUBJECT_CAP) : modelled;
    const definitionAsked = term ? { folded: term, written: termAsWritten(term, normalized, spelled) } : undefined;
    const intent = this.intentOf(normalized, spelled, titled);
    return {
      query,
      normalized,
      hits,
      confidence,
      features,
      faq,
      intent,
      offTopic,
      ...(former ? { former } : {}),
      ...(otherSubject ? { otherSubject } : {}),
      ...(procedure ? { absentProcedure: procedure.written } : {}),
      ...(definitionAsked ? { definitionAsked } : {}),
      ...(norm.pasted ? { pasted: true as const } : {}),
      queryWords: words,
      ms: performance.now() - started,
    };
  }

  /**
   * Junk or social from the text alone ({@link classifyMessage}), except that a single word the text
   * analysis would call keyboard mash is searched when the index holds it: a system or form name typed on
   * its own ("igate", "vneid", a code from a document) is a question about that name.
   */
  private messageKind(text: string): ReturnType<typeof classifyMessage> {
    const kind = classifyMessage(text);
    if (kind !== 'junk') return kind;
    const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length !== 1 || words[0].length < 3) return kind;
    const folded = this.parts.analyzer.analyzeQuery(words[0]).foldedWords;
    return folded.length === 1 && this.parts.index.df(FOLDED_PREFIX + folded[0]) > 0 ? undefined : kind;
  }

  /** Both ranking stages and the retrieval confidence of an analysed query. */
  private rank(
    analysis: QueryAnalysis,
    normalized: string,
    spelled: string,
    named: ReadonlySet<number>,
    k: number,
    former: boolean,
    { term, contrast }: { term: string[] | undefined; contrast: [string[], string[]] | undefined },
  ): {
    hits: SearchHit[];
    heuristic: number;
    typed: Map<string, number>;
    ranked: Array<{ r: number; s: number; cov: number }>;
    boundOf: (r: number) => readonly NameHead[];
  } {
    const { index, expander } = this.parts;
    // Coverage is measured on what the official typed, not on glossary expansions (which are alternatives).
    // Words the index has never seen count at the highest idf: an off-topic question is mostly such words,
    // and leaving them out would make its few common syllables look like full coverage. (An unseen
    // bigram is usually just two words side by side, so it is left out.)
    // An abbreviation with one meaning counts as its full form, typed: ranking and coverage weigh the
    // spelled-out words as the official's own; the abbreviation itself is still searched (no coverage).
    const full = spelled === normalized ? analysis : this.parts.analyzer.analyzeQuery(spelled);
    const own = [...buildQueryTerms(full), ...[term, ...(contrast ?? [])].flatMap((t) => this.termPairs(full, t))];
    const typed = new Map(own.map((t) => [t.term, t.weight]));
    const asTyped = spelled === normalized ? [] : buildQueryTerms(analysis, undefined, ABBREVIATION_WEIGHT).filter((t) => !typed.has(t.term));
    const unseenIdf = Math.log(1 + index.size);
    let total = 0;
    for (const [term, weight] of typed) total += weight * (index.idf(term) || (term.includes(' ') ? UNSEEN_BIGRAM_SHARE * unseenIdf : unseenIdf));
    const terms = expander.expand(full, [...own, ...asTyped]).map((t) => {
      const w = typed.get(t.term);
      return w === undefined ? t : { ...t, cover: w * index.idf(t.term) };
    });
    const first = index.searchReduced(terms, Math.max(k, this.rerank.candidates), this.boostFor(normalized, named, former), this.maxBoost(named));
    const defines = (r: number) => (term !== undefined && definesTerm(this.parts.chunks[r].text, term)) || (contrast?.some((t) => definesTerm(this.parts.chunks[r].text, t)) ?? false);
    // A word the question uses freely that a passage writes only as the head of a name ("những bộ phận nào"
    // against "Bộ phận Một cửa") is not in that passage: its share of the coverage is taken back.
    const free = this.names.freeIn(full.foldedWords);
    const boundOf = (r: number): readonly NameHead[] => (free.length ? this.names.boundIn(this.passageWords(r), free) : NO_HEADS);
    const scored = first.map(([r, s]) => {
      const lost = boundCover(boundOf(r), typed, (t) => index.termScore(t, r) > 0, (t) => index.idf(t));
      const cov = total > 0 ? Math.max(0, index.coverageOf(r) - lost) / total : 0;
      return { r, s: s * (1 + this.rerank.coverageBoost * cov) * (defines(r) ? this.rerank.definitionBoost : 1), cov };
    });
    // Abbreviations written out: "trách nhiệm của ubnd xã" holds "Trách nhiệm của Ủy ban nhân dân xã".
    this.boostTitles(scored, full.foldedWords, k);
    const rescored = scored.sort((a, b) => b.s - a.s || a.r - b.r);
    const hits: SearchHit[] = this.withDocumentSupport(rescored).slice(0, k).map(({ r, s, cov }) => ({
      chunk: this.parts.chunks[r],
      doc: this.docList[this.recordDoc[r]],
      score: s,
      coverage: cov,
    }));
    const contentTerms = new Set(analysis.foldedWords.filter((w) => !FOLDED_STOPWORDS.has(w))).size;
    const bigrams = [...typed.keys()].filter((t) => t.includes(' '));
    const phraseMatched = !bigrams.length || (rescored.length > 0 && bigrams.some((t) => index.termScore(t, rescored[0].r) > 0));
    const heuristic = hits.length
      ? retrievalConfidence(rescored[0].cov, rescored[0].s, rescored[1]?.s ?? 0, contentTerms, phraseMatched)
      : 0;
    return { hits, heuristic, typed, ranked: rescored, boundOf };
  }

  /**
   * The folded word pairs of a term asked "X là gì" (or of one of two terms whose difference is asked) that the
   * query's own terms leave out and the index holds: typed without marks, "biet phai la j" folds to question
   * words ("biết", "phải") whose pairs are never searched, yet asks about "biệt phái". The term is what is
   * asked, so its pairs are searched as typed.
   */
  private termPairs(full: QueryAnalysis, term: readonly string[] | undefined): Array<{ term: string; weight: number }> {
    if (!term || full.accented || term.length < 2) return [];
    const have = new Set(full.foldedTerms);
    const out: Array<{ term: string; weight: number }> = [];
    for (let i = 1; i < term.length; i++) {
      const key = `${FOLDED_PREFIX}${term[i - 1]} ${term[i]}`;
      if (!have.has(key) && this.parts.index.df(key) > 0) out.push({ term: key, weight: DEFAULT_QUERY_WEIGHTS.folded * DEFAULT_QUERY_WEIGHTS.bigram });
    }
    return out;
  }

  /** Folded words of a passage as the index reads it (document title, headings, text), read on first use. */
  private passageWords(r: number): readonly string[] {
    let words = this.foldedPassages.get(r);
    if (!words) {
      const c = this.parts.chunks[r];
      words = this.parts.analyzer.tokenize(`${this.docList[this.recordDoc[r]].title}\n${c.title}\n${c.text}`).map((t) => t.folded);
      if (this.foldedPassages.size > 5_000) this.foldedPassages.clear();
      this.foldedPassages.set(r, words);
    }
    return words;
  }

  /**
   * The candidates ordered by score plus {@link RerankOptions.documentSupport} times the score of the best
   * other candidate of the same document (see there); `ranked` itself is left as it is.
   */
  private withDocumentSupport<T extends { r: number; s: number }>(ranked: readonly T[]): T[] {
    const share = this.rerank.documentSupport;
    if (!(share > 0) || ranked.length < 2) return [...ranked];
    const best = new Map<number, number>();
    const second = new Map<number, number>();
    for (const c of ranked) {
      const d = this.recordDoc[c.r];
      if (!best.has(d)) best.set(d, c.s);
      else if (!second.has(d)) second.set(d, c.s);
    }
    const support = (c: T) => {
      const d = this.recordDoc[c.r];
      // The best passage of a document is supported by the second; every other passage by the best.
      return c.s >= (best.get(d) ?? 0) ? (second.get(d) ?? 0) : (best.get(d) ?? 0);
    };
    return ranked
      .map((c) => ({ c, key: c.s + share * support(c) }))
      .sort((a, b) => b.key - a.key || a.c.r - b.c.r)
      .map((x) => x.c);
  }

  /**
   * The question's folded words for the confidence features, abbreviations spelled out: an abbreviation
   * the top passage contains as typed stays; otherwise the expansion with most words in the top passage
   * (the first one on a tie) replaces it, since the passage or the index may write it only in full. A
   * glossary synonym the top passage lacks is then written as the passage writes it ("trễ hạn" → "quá hạn",
   * {@link QueryExpander.writeAs}).
   */
  private featureWords(words: readonly string[], top: number | undefined): string[] {
    const { index, expander } = this.parts;
    const inTop = (w: string) => top !== undefined && index.termScore(FOLDED_PREFIX + w, top) > 0;
    const spelled = expander.spellOut(words, (abbreviation, options) => {
      if (inTop(abbreviation)) return undefined;
      let best = options[0];
      let bestCount = -1;
      for (const o of options) {
        const n = o.filter(inTop).length;
        if (n > bestCount) [best, bestCount] = [o, n];
      }
      return best;
    });
    return top === undefined ? spelled : expander.writeAs(spelled, inTop, (a, b) => inTop(`${a} ${b}`));
  }

  /** Attaches the chunk an FAQ entry cites, when that document and article are indexed. */
  private resolveFaq(match: FaqMatch | undefined): FaqMatch | undefined {
    if (!match) return undefined;
    const wanted = canonicalDocNumber(match.entry.source.number) ?? match.entry.source.number;
    const article = /Điều\s+(\d+[a-zđ]?)/iu.exec(match.entry.source.article)?.[1]?.toLowerCase();
    const d = this.docList.findIndex((doc) => doc.number && (canonicalDocNumber(doc.number) ?? doc.number) === wanted);
    if (d < 0) return match;
    const chunkIndex = this.parts.chunks.findIndex((c, i) => this.recordDoc[i] === d && (!article || articleOf(c) === article));
    if (chunkIndex < 0) return { ...match, sourceDoc: this.docList[d] };
    return { ...match, sourceChunk: this.parts.chunks[chunkIndex], sourceDoc: this.docList[d] };
  }

  /**
   * Multiplies by {@link RerankOptions.titleBoost} the score of each candidate whose article title the
   * question contains. Only candidates that the boost could bring into the first `k` are read: a score
   * below the k-th best divided by the boost stays below it, so the first `k` by score come out as if
   * every candidate had been read, at the cost of a handful of titles per question.
   */
  private boostTitles(scored: Array<{ r: number; s: number }>, foldedWords: readonly string[], k: number): void {
    const boost = this.rerank.titleBoost;
    if (boost === 1 || !scored.length) return;
    const sorted = scored.map((c) => c.s).sort((a, b) => b - a);
    const bar = sorted[Math.min(k, sorted.length) - 1] / boost;
    const asked = ` ${foldedWords.join(' ')} `;
    for (const c of scored) if (c.s >= bar && this.titleInQuestion(c.r, asked)) c.s *= boost;
  }

  /** Whether the question (folded words between spaces) contains the passage's article title word for word. */
  private titleInQuestion(r: number, asked: string): boolean {
    let title = this.titleWords[r];
    if (title === undefined) {
      // Passages of one article share its title: each distinct title is folded once.
      const raw = this.parts.chunks[r].title;
      title = this.titleKeys.get(raw);
      if (title === undefined) this.titleKeys.set(raw, (title = titleKey(raw)));
      this.titleWords[r] = title;
    }
    return title !== null && title.some((phrases) => phrases.every((p) => asked.includes(p)));
  }

  /**
   * Documents (small integers) the question names, by number or by a law's title, that the index holds;
   * `missing` when it names a law by title that the index does not hold; `titled`, the laws it names by title.
   */
  private namedDocs(query: string): { named: Set<number>; missing: boolean; titled: TitleMatch } {
    const written = parseDocReference(query);
    // A bare "107/2021" names only an indexed document with that number (below); it is never "missing".
    const refs = written.length ? written : parseBareDocNumbers(query);
    const titled = this.titles.match(query);
    const named = new Set(titled.found);
    const { missing } = titled;
    if (refs.length) {
      this.docList.forEach((doc, d) => {
        if (doc.number && refs.some((ref) => matchesDocNumber(ref, doc.number))) named.add(d);
      });
    }
    return { named, missing, titled };
  }

  /**
   * The intent of a question (`IntentDetector.detect`), knowing the law it names by title: the one indexed
   * law with that name ("luật cán bộ, công chức 2025 thay thế luật nào"), or a law named with its year that
   * the index lacks ("luật lưu trữ 2024 quy định …": not in the index, as a document named by number).
   * `whole`: the titles the whole question names.
   */
  private intentOf(normalized: string, spelled: string, whole: TitleMatch): QueryIntent | undefined {
    // "Luật CBCC 2008 hết hiệu lực rồi, vậy Luật Viên chức 2010 có bị thay luôn không": the status is asked of the
    // document the clause after "vậy" names; the clause before it is what the official already knows.
    const asked = askedClause(spelled);
    const askedNormalized = askedClause(normalized);
    if (asked && askedNormalized && statusAsk(asked)) {
      const titles = this.titles.match(asked);
      if (parseDocReference(asked).length || titles.found.size || titles.missingName) {
        const intent = this.intentOfSubject(askedNormalized, asked, titles);
        if (intent) return intent;
      }
    }
    return this.intentOfSubject(normalized, spelled, whole);
  }

  private intentOfSubject(normalized: string, spelled: string, whole: TitleMatch): QueryIntent | undefined {
    const subject = subjectPart(spelled);
    // A short question is its own subject: the titles it names are those already matched.
    const titled = subject === spelled ? whole : this.titles.match(subject);
    const detected = this.intents.detect(normalized, this.lawNamedByTitle(subject, titled.found));
    if (detected) return detected;
    // "kon tum cũ giờ nhập vào đâu": the clause that merges the unit named, not a search for its words.
    const merged = this.mergers.lookup(subject);
    if (merged) return { kind: 'merger', clauses: merged };
    if (!titled.missingName || titled.found.size || parseDocReference(subject).length) return detected;
    return { kind: 'not_in_index', what: 'document', reference: titled.missingName };
  }

  /**
   * The number of the one indexed law among those the question names by title (`found`); when the title
   * fits several (a law and the one it replaced), the one whose year the question writes. A year that is
   * not the law's own names another law: undefined.
   */
  private lawNamedByTitle(subject: string, found: ReadonlySet<number>): string | undefined {
    let docs = [...found].map((d) => this.docList[d]).filter((d) => d.number);
    // A year written with the name must be the law's own: "luật cán bộ, công chức 2008" is not Luật 80/2025.
    // A date names a day, not a law's year: "… có bị thay luôn từ 1/7/2025 không" names no law of 2025.
    const years = subject.replace(DATES, ' ').match(/\b(?:19|20)\d\d\b/gu) ?? [];
    if (years.length || docs.length > 1) docs = docs.filter((d) => years.some((y) => d.number.includes(`/${y}/`)));
    return docs.length === 1 ? docs[0].number : undefined;
  }

  /** Upper bound of {@link boostFor}'s multipliers, which lets the keyword index skip records that cannot win. */
  private maxBoost(named: ReadonlySet<number>): number {
    const { namedDocBoost, namedArticleBoost, outdatedPenalty } = this.rerank;
    return Math.max(1, outdatedPenalty, ...(named.size ? [namedDocBoost, namedDocBoost * namedArticleBoost] : []));
  }

  /**
   * Per-record multiplier: named document/article boosts and the outdated-document penalty. For a
   * question about former rules (`former`) the penalty falls on the documents in force instead.
   */
  private boostFor(query: string, named: ReadonlySet<number>, former = false): ((record: number) => number) | undefined {
    const articles = new Set<string>();
    if (named.size) for (const m of query.matchAll(ARTICLE_REF)) articles.add(m[1].toLowerCase());
    const anyNamed = named.size > 0;
    const penalised = this.docList.some((d) => isOutdated(d));
    if (!anyNamed && !penalised) return undefined;
    const { chunks } = this.parts;
    return (r: number): number => {
      const d = this.recordDoc[r];
      let m = 1;
      if (named.has(d)) {
        m *= this.rerank.namedDocBoost;
        if (articles.size && articles.has(articleOf(chunks[r]))) m *= this.rerank.namedArticleBoost;
      } else if (isOutdated(this.docList[d]) !== former) {
        m *= this.rerank.outdatedPenalty;
      }
      return m;
    };
  }
}

/**
 * The question's content words as index terms in the form typed: exact (tone-marked) terms when it was
 * typed with diacritics, folded ones otherwise. Words typed without marks inside an accented question
 * ("cchc", "nd") are exact terms too, as the index holds them.
 */
function typedContentTerms(analysis: QueryAnalysis): string[] {
  const topical = (w: string) => !FOLDED_STOPWORDS.has(foldWord(w)) && !QUESTION_SHAPE.has(foldWord(w)) && !/^\d+$/.test(w);
  if (analysis.accented) return analysis.exactTerms.filter((t) => !t.includes(' ') && topical(t));
  return analysis.foldedTerms.filter((t) => !t.includes(' ') && topical(t.slice(FOLDED_PREFIX.length)));
}

/**
 * An article title as the question would contain it: folded words between spaces, without "Điều N." or
 * "Tóm lược:"; null when fewer than three words are left (too short to say the question names it). A title
 * "A, B của X" (X of two words or more) is also named by X together with A, or with B.
 */
function titleKey(title: string): TitleKey | null {
  const bare = title.replace(/^\s*(Điều\s+\d+[a-zđ]?\s*[.:]?|Tóm lược\s*:)\s*/iu, '');
  const whole = foldedPhrase(bare);
  if (whole.split(' ').length < 5) return null;
  const out: TitleKey = [[whole]];
  // "Nhiệm vụ, quyền hạn của Bộ phận Một cửa": the question names it when it holds the owner and one of
  // the things listed before "của", in any order ("Bộ phận Một cửa có nhiệm vụ gì").
  const at = bare.search(/\s+của\s+/iu);
  if (at > 0) {
    const owner = foldedPhrase(bare.slice(at).replace(/^\s+của\s+/iu, ''));
    const heads = bare.slice(0, at).split(/[,;]|\s+và\s+/u).map(foldedPhrase).filter((h) => h.trim());
    if (owner.split(' ').length >= 4) for (const h of heads) out.push([h, owner]);
  }
  return out;
}

/**
 * Phrases (folded words between spaces) a question must hold for it to name an article title: the
 * whole title, or one of the alternatives ({@link titleKey}).
 */
type TitleKey = string[][];

/** Folded words between spaces, padded: " nhiem vu ". Word by word through the memoised fold. */
function foldedPhrase(text: string): string {
  const words = (text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map(foldWord);
  return ` ${words.join(' ')} `;
}

/** Headings above a chunk and its article title, as one line (for the title-coverage feature). */
function headingText(chunk: Chunk): string {
  return [...chunk.headings.map((h) => h.heading), chunk.title].join(' ');
}

function isOutdated(doc: DocumentMeta): boolean {
  return doc.status === 'expired' || doc.status === 'replaced';
}

function articleOf(chunk: Chunk): string {
  const a = chunk.headings.find((h) => h.kind === 'article');
  return a ? a.number.toLowerCase() : '';
}

