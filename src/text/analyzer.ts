import { toneKey, recoverTypedSyllable } from './syllable-normalizer.js';
import { foldDiacritics, typedWithDiacritics } from './vietnamese.js';
import { FormCache, scanWords } from './form-cache.js';
import { STOPWORDS, QUESTION_WORDS, FOLDED_STOPWORDS, FOLDED_QUESTION_WORDS } from './stopwords.js';

/** One word token with its offsets in the original text, so citations can quote exact wording. */
export interface Token {
  /** The token as written (original case). */
  raw: string;
  start: number;
  end: number;
  /** Lower-case, tone-canonical key ("hòa"/"hoà" → "hoa2"). */
  exact: string;
  /** Lower-case, all diacritics removed, đ → d. */
  folded: string;
}

/** Information about one lower-cased surface form, memoised because analysis runs over megabytes. */
export interface FormInfo {
  exact: string;
  folded: string;
  /** Small integer standing for `exact` (same key, same code), so bigrams can be keyed by numbers. */
  exactCode: number;
  /** Small integer standing for `folded`. */
  foldedCode: number;
  stop: boolean;
  foldedStop: boolean;
  question: boolean;
  foldedQuestion: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Most surface forms whose analysis is kept (each cache). */
const FORM_CACHE_LIMIT = 500_000;

/** Prefix that puts folded terms in their own term space ("~thu tuc"). */
export const FOLDED_PREFIX = '~';

/**
 * Analyzer: the Vietnamese text pipeline shared by indexing and querying.
 *
 * Steps: NFC → lowercase → word tokens with offsets → per token a tone-canonical key (old/new tone
 * placement unified) and a folded key (no diacritics, đ→d) → stopword-free unigrams plus syllable bigrams
 * (most Vietnamese words are two syllables, so "thủ tục" as a unit is far more telling than "thủ" and
 * "tục" apart). Exact and folded terms live in separate term spaces; the ranker weights them so that an
 * exact-diacritic match ranks above a folded one, and text typed without diacritics still matches.
 *
 * It does not expand abbreviations: the glossary expansion sits in search/ where the glossary is known.
 */
export class Analyzer {
  private readonly cache = new Map<string, FormInfo>();
  private readonly exactCodes = new Map<string, number>();
  private readonly foldedCodes = new Map<string, number>();

  /** Splits text into tokens with offsets into the original string. Never throws. */
  tokenize(text: string): Token[] {
    const src = text.normalize('NFC');
    const tokens: Token[] = [];
    for (const m of src.matchAll(WORD)) {
      const raw = m[0];
      const info = this.info(raw.toLowerCase());
      tokens.push({ raw, start: m.index ?? 0, end: (m.index ?? 0) + raw.length, exact: info.exact, folded: info.folded });
    }
    return tokens;
  }

  /**
   * Index terms of a text: exact and folded unigrams (minus stopwords) and exact and folded bigrams.
   * Pushes into `out` to avoid allocating per call.
   */
  indexTerms(text: string, out: string[] = []): string[] {
    this.emit(text, {
      unigram: (info, folded) => out.push(folded ? FOLDED_PREFIX + info.folded : info.exact),
      bigram: (a, b, folded) => out.push(folded ? `${FOLDED_PREFIX}${a.folded} ${b.folded}` : `${a.exact} ${b.exact}`),
    });
    return out;
  }

  /**
   * Walks the index terms of `text` without building strings: the sink receives the forms of each
   * unigram and bigram term. {@link indexTerms} and the index builder share these rules through it.
   */
  emit(text: string, sink: TermSink): void {
    this.lower = text.normalize('NFC').toLowerCase();
    this.sink = sink;
    this.prev = null;
    scanWords(this.lower, this.visitWord);
    this.sink = null;
  }

  /**
   * The term rules over forms already analysed, in text order (what {@link emit} does with the words of a
   * text, and {@link analyzeQuery} with a query's repaired words).
   */
  emitForms(forms: readonly FormInfo[], sink: TermSink): void {
    let prev: FormInfo | null = null;
    for (const info of forms) {
      emitTerms(info, prev, sink);
      prev = info;
    }
  }

  /** State of the {@link emit} in progress (its word visitor is one function made once). */
  private lower = '';
  private sink: TermSink | null = null;
  private prev: FormInfo | null = null;
  private readonly forms = new FormCache<FormInfo>(FORM_CACHE_LIMIT);
  private readonly visitWord = (start: number, end: number, hash: number): void => {
    const lower = this.lower;
    let info = this.forms.find(lower, start, end, hash);
    if (!info) {
      info = this.info(lower.slice(start, end));
      this.forms.add(lower, start, end, hash, info);
    }
    emitTerms(info, this.prev, this.sink as TermSink);
    this.prev = info;
  };

  /** Memoised analysis of one lower-case surface form. */
  info(lower: string): FormInfo {
    let info = this.cache.get(lower);
    if (!info) {
      // "03 tháng" and "3 tháng" are the same number: numbers are keyed without leading zeros.
      const base = /^0\d+$/.test(lower) ? lower.replace(/^0+(?=\d)/, '') : lower;
      const exact = toneKey(base);
      const folded = foldDiacritics(base);
      let exactCode = this.exactCodes.get(exact);
      if (exactCode === undefined) this.exactCodes.set(exact, (exactCode = this.exactCodes.size));
      let foldedCode = this.foldedCodes.get(folded);
      if (foldedCode === undefined) this.foldedCodes.set(folded, (foldedCode = this.foldedCodes.size));
      info = {
        exact,
        folded,
        exactCode,
        foldedCode,
        stop: STOPWORDS.has(lower),
        foldedStop: FOLDED_STOPWORDS.has(folded) && (lower === folded || STOPWORDS.has(lower)),
        question: QUESTION_WORDS.has(lower),
        foldedQuestion: FOLDED_QUESTION_WORDS.has(folded) && (lower === folded || QUESTION_WORDS.has(lower)),
      };
      if (this.cache.size < FORM_CACHE_LIMIT) this.cache.set(lower, info);
    }
    return info;
  }

  /**
   * Analyses a query: like {@link indexTerms} but also repairs leftover Telex/VNI keystrokes ("thur tucj"),
   * and reports whether the query was typed with diacritics (which selects the weighting of exact and
   * folded terms).
   */
  analyzeQuery(text: string): QueryAnalysis {
    const tokens = this.tokenize(text);
    const forms: FormInfo[] = [];
    const accented = typedWithDiacritics(tokens.map((t) => t.raw));
    for (const t of tokens) {
      let lower = t.raw.toLowerCase();
      if (lower === t.folded) {
        const recovered = recoverTypedSyllable(lower);
        if (recovered !== null) lower = recovered;
      }
      forms.push(this.info(lower));
    }
    const exactTerms: string[] = [];
    const foldedTerms: string[] = [];
    const sink: TermSink = {
      unigram: (info, folded) => (folded ? foldedTerms.push(FOLDED_PREFIX + info.folded) : exactTerms.push(info.exact)),
      bigram: (a, b, folded) =>
        folded ? foldedTerms.push(`${FOLDED_PREFIX}${a.folded} ${b.folded}`) : exactTerms.push(`${a.exact} ${b.exact}`),
    };
    this.emitForms(forms, sink);
    return { tokens, accented, exactTerms, foldedTerms, foldedWords: forms.map((f) => f.folded) };
  }
}

/** What a query contains, as the ranker needs it. */
export interface QueryAnalysis {
  tokens: Token[];
  /**
   * True when the query was typed with diacritics ({@link typedWithDiacritics}: a quarter of its syllables
   * carry one): exact terms then lead and folded terms back them up.
   */
  accented: boolean;
  exactTerms: string[];
  /** Folded terms, already prefixed with {@link FOLDED_PREFIX}. */
  foldedTerms: string[];
  /** Folded form of every token in order (after Telex/VNI repair), for phrase lookups such as the glossary. */
  foldedWords: string[];
}

/** Receives the terms of a text as forms; `folded` tells which term space the term belongs to. */
export interface TermSink {
  unigram(info: FormInfo, folded: boolean): void;
  bigram(prev: FormInfo, info: FormInfo, folded: boolean): void;
}

/**
 * The term rules, in one place: unigrams except stopwords, and bigrams except pairs of stopwords and pairs
 * with a question word; each in the exact and the folded term space.
 */
function emitTerms(info: FormInfo, prev: FormInfo | null, sink: TermSink): void {
  if (!info.stop) sink.unigram(info, false);
  if (!info.foldedStop) sink.unigram(info, true);
  if (prev) {
    if (!(prev.stop && info.stop) && !prev.question && !info.question) sink.bigram(prev, info, false);
    if (!(prev.foldedStop && info.foldedStop) && !prev.foldedQuestion && !info.foldedQuestion) sink.bigram(prev, info, true);
  }
}
