import { parseBareDocNumbers, parseDocReference } from '../text/doc-number.js';
import type { DocReference } from '../text/doc-number.js';
import type { Analyzer, QueryAnalysis } from '../text/analyzer.js';
import type { FaqEntry, FaqMatch } from './types.js';
import { normalizeQuestion } from '../text/question-normalizer.js';
import { foldDiacritics } from '../text/vietnamese.js';
import type { TimeSlicer } from '../common/time-slice.js';
import { askedFacts } from '../text/question-facts.js';
import type { FactKind } from '../text/question-facts.js';

/** Options for {@link FaqMatcher}. */
export interface FaqMatcherOptions {
  /**
   * Minimum weighted Dice similarity between the query and an entry's question (or a variant) for the
   * entry to be used. High on purpose: a curated answer given to the wrong question is worse than a
   * search result. Default 0.62.
   */
  threshold?: number;
  /** Inverse document frequency of a folded term in the main corpus, so rare words weigh more. */
  idf?: (term: string) => number;
  /**
   * Spells out field abbreviations in a question's folded words ("vtvl" → "vi tri viec lam"), applied to
   * the question and to every phrasing alike, so "UBND" and "ủy ban nhân dân" meet. Default: none.
   */
  spellOut?: (foldedWords: readonly string[]) => string[];
}

interface Phrasing {
  weights: Map<string, number>;
  /** Sum of the weights, precomputed for the Dice denominator. */
  total: number;
}

/** Every phrasing (its entry and weight total) and, per term, the flat pairs (phrasing number, weight). */
interface FaqIndex {
  phrasings: Array<{ entry: FaqEntry; total: number }>;
  postings: Map<string, number[]>;
}

interface Prepared {
  entry: FaqEntry;
  /** One weighted term set per phrasing (question and variants). */
  phrasings: Phrasing[];
}

/**
 * FaqMatcher: high-precision matching of a question against curated question–answer pairs, run before
 * search. Similarity is a weighted Dice coefficient over folded syllables and syllable bigrams (so it
 * works with or without diacritics), weighted by corpus idf. Entries can be added at run time (a staff
 * answer approved as a Q&A enters immediately, no reindex).
 */
export class FaqMatcher {
  private readonly entries: Prepared[] = [];
  private readonly threshold: number;
  private readonly idf: (term: string) => number;
  private readonly spellOut: ((foldedWords: readonly string[]) => string[]) | undefined;
  private index: FaqIndex | undefined;

  constructor(
    private readonly analyzer: Analyzer,
    entries: readonly FaqEntry[],
    options: FaqMatcherOptions = {},
  ) {
    this.threshold = options.threshold ?? 0.62;
    this.idf = options.idf ?? (() => 1);
    this.spellOut = options.spellOut;
    for (const e of entries) this.add(e);
  }

  /**
   * Like the constructor, but analyses the entries in slices that let the event loop in, and builds the
   * inverted index before returning (the server builds a new generation this way during live traffic).
   */
  static async sliced(analyzer: Analyzer, entries: readonly FaqEntry[], options: FaqMatcherOptions, slicer: TimeSlicer): Promise<FaqMatcher> {
    const matcher = new FaqMatcher(analyzer, [], options);
    for (const e of entries) {
      matcher.add(e);
      if (slicer.due()) await slicer.pause();
    }
    matcher.lookup();
    return matcher;
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.length;
  }

  /** All entries, in insertion order. */
  list(): FaqEntry[] {
    return this.entries.map((p) => p.entry);
  }

  /** Adds (or replaces, by id) an entry; takes effect for the next query. */
  add(entry: FaqEntry): void {
    const prepared: Prepared = {
      entry,
      phrasings: [entry.question, ...entry.variants].map((q) => {
        // Phrasings are normalised like questions, so "cho em hỏi … ạ" in a variant weighs nothing either.
        const weights = this.weigh(this.analyzer.analyzeQuery(normalizeQuestion(q).text));
        return { weights, total: sum(weights) };
      }),
    };
    const i = this.entries.findIndex((p) => p.entry.id === entry.id);
    if (i >= 0) this.entries[i] = prepared;
    else this.entries.push(prepared);
    this.index = undefined;
  }

  /** Removes an entry by id; returns whether it existed. */
  remove(id: string): boolean {
    const i = this.entries.findIndex((p) => p.entry.id === id);
    if (i >= 0) this.entries.splice(i, 1);
    this.index = undefined;
    return i >= 0;
  }

  /** The best entry at or above the threshold, or undefined. */
  match(analysis: QueryAnalysis): FaqMatch | undefined {
    const best = this.closest(analysis);
    return best && best.similarity >= this.threshold ? best : undefined;
  }

  /**
   * The closest entry whatever its similarity (a confidence feature), or undefined when there is none.
   * Shared weights come from an inverted index (term → phrasings holding it), so only phrasings sharing a
   * term are touched; each phrasing's sum runs over the question's terms in the same order as a
   * term-by-term comparison would, so similarities are exactly those of a phrasing-by-phrasing weighted Dice
   * coefficient (2 × shared weight / (weight of the question + weight of the phrasing)).
   */
  closest(analysis: QueryAnalysis): FaqMatch | undefined {
    const q = this.weigh(analysis);
    if (q.size === 0) return undefined;
    const qTotal = sum(q);
    const { phrasings, postings } = this.lookup();
    if (!phrasings.length) return undefined;
    const common = new Float64Array(phrasings.length);
    for (const [t, w] of q) {
      const list = postings.get(t);
      if (!list) continue;
      for (let k = 0; k < list.length; k += 2) common[list[k]] += Math.min(w, list[k + 1]);
    }
    let best: FaqMatch | undefined;
    for (let i = 0; i < phrasings.length; i++) {
      const { entry, total } = phrasings[i];
      const sim = qTotal + total === 0 ? 0 : (2 * common[i]) / (qTotal + total);
      if (!best || sim > best.similarity) best = { entry, similarity: sim };
    }
    return best;
  }

  /** The inverted index over every phrasing, in entry order; rebuilt after {@link add} or {@link remove}. */
  private lookup(): FaqIndex {
    if (this.index) return this.index;
    const phrasings: FaqIndex['phrasings'] = [];
    const postings = new Map<string, number[]>();
    for (const p of this.entries) {
      for (const ph of p.phrasings) {
        const i = phrasings.push({ entry: p.entry, total: ph.total }) - 1;
        for (const [t, w] of ph.weights) {
          const list = postings.get(t);
          if (list) list.push(i, w);
          else postings.set(t, [i, w]);
        }
      }
    }
    this.index = { phrasings, postings };
    return this.index;
  }

  /** Similarity at or above which {@link match} returns an entry. */
  get cut(): number {
    return this.threshold;
  }

  private weigh(analysis: QueryAnalysis): Map<string, number> {
    const out = new Map<string, number>();
    for (const t of this.terms(analysis)) {
      const w = Math.max(0.5, this.idf(t)) * (t.includes(' ') ? 1 : 0.7);
      out.set(t, w);
    }
    return out;
  }

  /** Folded terms of an analysed question, with abbreviations spelled out when a speller is set. */
  private terms(analysis: QueryAnalysis): string[] {
    if (!this.spellOut) return analysis.foldedTerms;
    const words = this.spellOut(analysis.foldedWords);
    const same = words.length === analysis.foldedWords.length && words.every((w, i) => w === analysis.foldedWords[i]);
    // The spelled-out words are folded already, so analysing them again gives the same folded terms.
    return same ? analysis.foldedTerms : this.analyzer.analyzeQuery(words.join(' ')).foldedTerms;
  }
}

function sum(m: Map<string, number>): number {
  let t = 0;
  for (const w of m.values()) t += w;
  return t;
}

/**
 * Whether a question asks the kind of fact a curated entry answers: false when the question asks for
 * something (who, a time, a quantity, a list, a definition; `question-facts.ts`) and none of the entry's
 * phrasings asks for any of it while some asks for something else. A question that merely contains a
 * phrasing ("bản mô tả công việc và khung năng lực do ai xây dựng", against the variant "bản mô tả công
 * việc và khung năng lực" of "Một vị trí việc làm gồm những nội dung gì?") is similar enough by words,
 * but the curated answer (what a job position consists of) does not say who draws the description up.
 */
export function asksAlike(question: string, entry: Pick<FaqEntry, 'question' | 'variants'>): boolean {
  const asked = askedFacts(question);
  if (!asked.length) return true;
  const own = entryAsks(entry);
  return own.size === 0 || asked.some((k) => own.has(k));
}

/** The kinds of fact an entry's phrasings ask for, read once per entry (search asks on every question). */
const ENTRY_ASKS = new WeakMap<object, ReadonlySet<FactKind>>();

function entryAsks(entry: Pick<FaqEntry, 'question' | 'variants'>): ReadonlySet<FactKind> {
  let own = ENTRY_ASKS.get(entry);
  if (!own) ENTRY_ASKS.set(entry, (own = new Set([entry.question, ...entry.variants].flatMap((p) => askedFacts(p)))));
  return own;
}

/**
 * Whether every document the question names by number is one the entry speaks of (in its phrasings or as
 * its source). A curated answer on Nghị định 367/2025 does not answer "Nghị định 374/2025 sửa đổi những nội
 * dung gì của Nghị định 118": the words are the same but for one number, and the official would read about
 * another decree without being told. A number matches by serial, and by year when both give one ("nđ 61"
 * names 61/2018/NĐ-CP). True when the question names no document.
 */
export function namesSameDocuments(question: string, entry: Pick<FaqEntry, 'question' | 'variants' | 'source'>): boolean {
  // Every document number has digits; most questions have none.
  if (!/\d/u.test(question)) return true;
  const written = parseDocReference(question);
  const asked = written.length ? written : parseBareDocNumbers(question);
  if (!asked.length) return true;
  const own = entryDocuments(entry);
  return asked.every((q) => own.some((e) => stripZeros(e.serial) === stripZeros(q.serial) && (!e.year || !q.year || e.year === q.year)));
}

/** The documents an entry speaks of, read once per entry. */
const ENTRY_DOCS = new WeakMap<object, readonly DocReference[]>();

function entryDocuments(entry: Pick<FaqEntry, 'question' | 'variants' | 'source'>): readonly DocReference[] {
  let own = ENTRY_DOCS.get(entry);
  if (!own) {
    const texts = [entry.question, ...entry.variants, entry.source.number];
    const all = texts.flatMap((t) => [...parseDocReference(t), ...parseBareDocNumbers(t)]);
    // "nđ 367" in a short phrasing is the 367/2025 the other phrasings or the source give in full.
    const dated = new Set(all.filter((r) => r.year).map((r) => stripZeros(r.serial)));
    ENTRY_DOCS.set(entry, (own = all.filter((r) => r.year || !dated.has(stripZeros(r.serial)))));
  }
  return own;
}

function stripZeros(serial: string): string {
  return serial.replace(/^0+(?=\d)/, '');
}

/** "không được …" (as typed in chat too: "ko dc", "k đc"), "bị cấm": what may not be done. */
const FORBIDS = /\b(?:(?:khong|ko|k|kh|khg|hok|khum) (?:duoc|dc|dk)|nghiem cam|bi cam)\b/u;
const ASKS_YES_NO = /\b(?:khong|ko|k|chua)$|\bco (?:\S+ )?(?:duoc|dc)\b/u;

/**
 * What a phrasing asks of permission: what may not be done ("không được làm những gì", "hành vi bị cấm"),
 * what may be done ("được làm những gì", "những ai được đăng ký"), or neither (a yes-or-no question about one
 * act, "có được đình công không", a passive "được giải quyết trong bao lâu", a time "được tiếp cận khi nào",
 * and every other question).
 */
export function polarityOf(text: string): 'forbid' | 'allow' | 'neutral' {
  const f = foldDiacritics(text.toLowerCase()).replace(/đ/g, 'd').replace(/[^a-z0-9]+/g, ' ').trim();
  if (FORBIDS.test(f)) return 'forbid';
  if (ASKS_YES_NO.test(f)) return 'neutral';
  // "được … gì / ai" asks for what (who) is allowed; a passive "được giải quyết trong bao lâu" or "được tiếp
  // cận khi nào" does not.
  return /\b(?:duoc|dc)\b/u.test(f) && /\b(?:gi|j|ai)\b/u.test(f) ? 'allow' : 'neutral';
}

/** The polarities an entry's phrasings ask, neutral ones left out, read once per entry. */
const ENTRY_POLARITY = new WeakMap<object, ReadonlySet<string>>();

function entryPolarities(entry: Pick<FaqEntry, 'question' | 'variants'>): ReadonlySet<string> {
  let own = ENTRY_POLARITY.get(entry);
  if (!own) ENTRY_POLARITY.set(entry, (own = new Set([entry.question, ...entry.variants].map(polarityOf).filter((p) => p !== 'neutral'))));
  return own;
}

/**
 * Whether a question asking what may (not) be done asks it the way the entry does. "Cán bộ, công chức được
 * làm những việc gì?" is not answered by the entry on what they may not do: the two differ by "không" alone,
 * a stopword to similarity, and the curated list of prohibitions would be read as what is allowed. An entry
 * whose phrasings ask both ways, or neither, answers either.
 */
export function samePolarity(question: string, entry: Pick<FaqEntry, 'question' | 'variants'>): boolean {
  const asked = polarityOf(question);
  if (asked === 'neutral') return true;
  const own = entryPolarities(entry);
  return own.size === 0 || own.has(asked);
}

/**
 * What the question asks and the top passage's article says when one asks what may be done and the other
 * lists what may not ("Cán bộ, công chức được làm những việc gì?" against "Điều 14. Những việc cán bộ, công
 * chức không được làm"), in the words of the reply that says so; undefined otherwise.
 */
export function polarityMismatch(question: string, articleTitle: string | undefined): { asked: string[]; found: string[] } | undefined {
  const asked = polarityOf(question);
  const found = articleTitle ? polarityOf(articleTitle) : 'neutral';
  if (asked === 'neutral' || found === 'neutral' || asked === found) return undefined;
  const words = { allow: 'những việc được làm', forbid: 'những việc không được làm' } as const;
  return { asked: [words[asked]], found: [words[found]] };
}
