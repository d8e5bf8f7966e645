/**
 * Features of one search that tell whether its best passage answers the question, for the calibrated
 * confidence model (`confidence-model.ts`). Each is a share or a ratio, so the same model serves a small
 * knowledge folder and a large statute corpus.
 */
import { FOLDED_PREFIX } from '../text/analyzer.js';
import { FOLDED_STOPWORDS } from '../text/stopwords.js';
import { foldWord } from '../text/vietnamese.js';
import type { KeywordIndex } from './keyword-index.js';

/** The features, by name; see {@link FEATURE_NAMES} for what each measures. */
export interface ConfidenceFeatures {
  /** Share of the question's idf-weighted terms (bigrams included, unseen words at the highest idf) in the top passage. */
  coverage: number;
  /** The same over the question's content words only (fillers, function and question words left out). */
  contentCoverage: number;
  /** Idf-weighted share of the question's content word pairs found as pairs in the top passage. */
  bigramCoverage: number;
  /** Share of the content words found in the top passage's heading (article title and headings above it). */
  titleCoverage: number;
  /** Idf-weighted share of the content words the index has never seen. */
  unseenShare: number;
  /** Lead of the top passage over the second: (s1 − s2) / s1. */
  scoreMargin: number;
  /** Lead of the top passage over the best passage of another document. */
  docMargin: number;
  /** Score-weighted share of the top five passages that come from the top passage's document. */
  agreement: number;
  /** 1 when the question names a document (by number, or a law by title) and the top passage belongs to it. */
  namedDocTop: number;
  /** 1 when the question names a law by title ("Luật Trồng trọt") that the index does not hold. */
  namedMissing: number;
  /** Similarity of the closest curated Q&A (weighted Dice), whether or not it passed the FAQ cut. */
  faqSimilarity: number;
  /** log(1 + number of distinct content words). */
  contentWords: number;
  /** The former hand-made confidence (coverage × margin × length factors), kept as one input. */
  heuristic: number;
  /** Share of the question's two most specific content words (highest idf; unseen ones first) in the top passage. */
  keyCoverage: number;
  /** Best coverage among the top three passages (an answer may sit in the second or third). */
  top3Coverage: number;
  /**
   * log10 of the number of indexed passages: in a large index the best passage matches many words by
   * chance, so the same coverage is weaker evidence than in a small one.
   */
  indexSize: number;
  /**
   * Idf-weighted share of the content words the index has never seen in the form typed: with their tone
   * marks when the question has diacritics (folded, "thai sản" passes for "thải … sân"), folded otherwise.
   */
  unseenTyped: number;
  /** Idf-weighted share of the content words found in some retrieved passage of the top passage's document. */
  docCoverage: number;
  /** Idf of the most specific content word absent from the top document's retrieved passages, over the highest idf (0 when none is absent). */
  missingKey: number;
  /** 1 when the question's words are foreign to the index (`off-topic.ts`): no known pair, mostly unknown words. */
  foreign: number;
  /**
   * 1 when the question asks yes or no (`asksYesNo`) and the top passage is from a team summary. A summary
   * states each rule as one plain sentence in the words officials use, so the summary passage holding most
   * of a yes-or-no question's words is the rule on what it names; a statute's passage holding them is not
   * (fitted on the benchmark's statutes alone, the shape weighs nothing).
   */
  yesNo: number;
  /**
   * 1 when the question asks what a term is ("X là gì", "biệt phái là gì"), or how two terms differ ("bản sao y
   * với bản sao lục khác nhau chỗ nào"), and the top passage has a line that defines X (one of the two) itself
   * (`definesExactly` in `definition-match.ts`: "…; biệt phái là cử công chức …"). A short definition question
   * has few words, so how many of them a passage holds says little; the line defining the very term asked says
   * more.
   */
  definesAsked: number;
}

/** Feature names in model order. */
export const FEATURE_NAMES: ReadonlyArray<keyof ConfidenceFeatures> = [
  'coverage',
  'contentCoverage',
  'bigramCoverage',
  'titleCoverage',
  'unseenShare',
  'scoreMargin',
  'docMargin',
  'agreement',
  'namedDocTop',
  'namedMissing',
  'faqSimilarity',
  'contentWords',
  'heuristic',
  'keyCoverage',
  'top3Coverage',
  'indexSize',
  'unseenTyped',
  'docCoverage',
  'missingKey',
  'foreign',
  'yesNo',
  'definesAsked',
];

/**
 * Folded words that shape a question or a moment ("bao nhiêu", "thế nào", "bao lâu", "bây giờ", "hôm
 * nay"): they say nothing about the topic, so content features leave them out.
 */
export const QUESTION_SHAPE: ReadonlySet<string> = new Set(['nhieu', 'nao', 'gi', 'sao', 'lau', 'gio', 'khong', 'chua', 'phai', 'hom', 'mai']);

/** What the feature computation needs from one search. */
export interface FeatureInput {
  index: KeywordIndex;
  /** Folded words of the (normalised) question, in order. */
  foldedWords: readonly string[];
  /** Re-scored candidates, best first: record id, score, coverage. */
  ranked: ReadonlyArray<{ r: number; s: number; cov: number }>;
  /** Document of a record (small integer). */
  docOf: (record: number) => number;
  /** Heading text of a record (headings and article title). */
  headingOf: (record: number) => string;
  /** Documents named in the question that the index holds. */
  namedDocs: ReadonlySet<number>;
  /** Whether the question names a law by title that the index does not hold. */
  namedMissing: boolean;
  faqSimilarity: number;
  heuristic: number;
  /**
   * Content words as typed, each with its index term: the exact (tone-marked) term when the question was
   * typed with diacritics, else the folded one. Default: the folded words.
   */
  typedTerms?: readonly string[];
  /** Whether the question's words are foreign to the index (`isForeign` in `off-topic.ts`). Default false. */
  foreign?: boolean;
  /** Whether the question asks yes or no (`asksYesNo` in `text/question-facts.ts`). Default false. */
  yesNo?: boolean;
  /** Whether a record is from a team summary (front matter `kind: tóm lược`). Default: none is. */
  isSummary?: (record: number) => boolean;
  /** Whether a record defines the term a definition question asks about. Default: the question asks none. */
  definesAsked?: (record: number) => boolean;
  /**
   * Folded words and pairs of the question that a record holds only inside a name (`name-heads.ts`): they
   * count as absent from it. Default: none.
   */
  absentIn?: (record: number) => ReadonlySet<string>;
}

/** Computes the features; all zero when nothing was found. */
export function confidenceFeatures(x: FeatureInput): ConfidenceFeatures {
  const { index, ranked } = x;
  const maxIdf = Math.log(1 + index.size);
  const topical = dropQuestionPhrases(x.foldedWords);
  const words = [...new Set(topical.filter(isContentWord))];
  const pairs = [...new Set(contentPairs(topical))];
  const idf = (t: string, unseen: number) => index.idf(FOLDED_PREFIX + t) || unseen;
  const wordMass = sum(words.map((w) => idf(w, maxIdf)));
  const unseenMass = sum(words.filter((w) => index.idf(FOLDED_PREFIX + w) === 0).map(() => maxIdf));
  const typedTerms = [...new Set(x.typedTerms ?? words.map((w) => FOLDED_PREFIX + w))];
  const typedMass = sum(typedTerms.map((t) => index.idf(t) || maxIdf));
  const unseenTyped = typedMass > 0 ? sum(typedTerms.filter((t) => index.idf(t) === 0).map(() => maxIdf)) / typedMass : 0;
  const base = {
    unseenTyped,
    foreign: x.foreign ? 1 : 0,
    yesNo: x.yesNo && ranked.length && x.isSummary?.(ranked[0].r) ? 1 : 0,
    definesAsked: ranked.length && x.definesAsked?.(ranked[0].r) ? 1 : 0,
    unseenShare: wordMass > 0 ? unseenMass / wordMass : 0,
    faqSimilarity: x.faqSimilarity,
    contentWords: Math.log(1 + words.length),
    heuristic: x.heuristic,
    indexSize: Math.log10(Math.max(1, index.size)),
    namedMissing: x.namedMissing ? 1 : 0,
  };
  if (!ranked.length) {
    return { coverage: 0, contentCoverage: 0, bigramCoverage: 0, titleCoverage: 0, scoreMargin: 0, docMargin: 0, agreement: 0, namedDocTop: 0, keyCoverage: 0, top3Coverage: 0, docCoverage: 0, missingKey: words.length ? 1 : 0, ...base };
  }
  const top = ranked[0];
  const absent = (t: string, r: number) => x.absentIn?.(r).has(t) ?? false;
  const inTop = (t: string) => index.termScore(FOLDED_PREFIX + t, top.r) > 0 && !absent(t, top.r);
  const contentCoverage = wordMass > 0 ? sum(words.filter(inTop).map((w) => idf(w, maxIdf))) / wordMass : 0;
  const pairMass = sum(pairs.map((p) => idf(p, 0.5 * maxIdf)));
  const bigramCoverage = pairMass > 0 ? sum(pairs.filter(inTop).map((p) => idf(p, 0.5 * maxIdf))) / pairMass : contentCoverage;
  const heading = new Set((x.headingOf(top.r).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(foldWord));
  const titleCoverage = words.length ? words.filter((w) => heading.has(w)).length / words.length : 0;
  const topDoc = x.docOf(top.r);
  const second = ranked[1]?.s ?? 0;
  const otherDoc = ranked.find((c) => x.docOf(c.r) !== topDoc)?.s ?? 0;
  const five = ranked.slice(0, 5);
  const agreement = sum(five.filter((c) => x.docOf(c.r) === topDoc).map((c) => c.s)) / Math.max(1e-9, sum(five.map((c) => c.s)));
  const key = [...words].sort((a, b) => idf(b, maxIdf) - idf(a, maxIdf)).slice(0, 2);
  const docRecords = ranked.filter((c) => x.docOf(c.r) === topDoc).map((c) => c.r);
  const inDoc = (t: string) => docRecords.some((r) => index.termScore(FOLDED_PREFIX + t, r) > 0 && !absent(t, r));
  const docWords = words.filter(inDoc);
  const missing = words.filter((w) => !docWords.includes(w)).map((w) => idf(w, maxIdf));
  return {
    coverage: top.cov,
    keyCoverage: key.length ? key.filter(inTop).length / key.length : 0,
    top3Coverage: Math.max(...ranked.slice(0, 3).map((c) => c.cov)),
    contentCoverage,
    bigramCoverage,
    titleCoverage,
    scoreMargin: top.s > 0 ? (top.s - second) / top.s : 0,
    docMargin: top.s > 0 ? (top.s - otherDoc) / top.s : 0,
    agreement,
    namedDocTop: x.namedDocs.has(topDoc) ? 1 : 0,
    docCoverage: wordMass > 0 ? sum(docWords.map((w) => idf(w, maxIdf))) / wordMass : 0,
    missingKey: missing.length && maxIdf > 0 ? Math.max(...missing) / maxIdf : 0,
    ...base,
  };
}

/** A folded word that carries topic: not a function word, not a question-shape word, not a bare number. */
export function isContentWord(w: string): boolean {
  return w.length > 0 && !FOLDED_STOPWORDS.has(w) && !QUESTION_SHAPE.has(w) && !/^\d+$/.test(w);
}

/** Question phrases whose words are also content syllables when folded ("bao lâu", "như thế nào", "bây giờ"). */
const QUESTION_PHRASES: ReadonlyArray<readonly string[]> = [
  ['nhu', 'the', 'nao'],
  ['the', 'nao'],
  ['bao', 'nhieu'],
  ['bao', 'lau'],
  ['bao', 'gio'],
  ['ra', 'sao'],
  ['tai', 'sao'],
  ['vi', 'sao'],
  ['khi', 'nao'],
  ['o', 'dau'],
  // "bây giờ", "hiện nay": when the question is asked, not what it is about.
  ['bay', 'gio'],
  ['hien', 'nay'],
];

/**
 * First words of what a count question counts ("mấy ngày", "mấy cấp", "mấy nội dung"): before one of them a
 * folded "may" is the question word "mấy", not "máy" (a machine).
 */
const COUNTED = new Set('ngay thang nam gio tuan lan cap muc loai buoc nhom noi hinh phan diem nguoi thanh linh truong tieu nhiem ban ky trang to bo'.split(' '));

/** The words with question phrases (and a counting "mấy") replaced by a gap (so no pair is formed across them). */
function dropQuestionPhrases(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const p = QUESTION_PHRASES.find((ph) => ph.every((w, k) => words[i + k] === w));
    if (p) {
      out.push('');
      i += p.length;
    } else if (words[i] === 'may' && COUNTED.has(words[i + 1] ?? '')) {
      out.push('');
      i++;
    } else out.push(words[i++]);
  }
  return out;
}

/** Adjacent pairs of content words, as "a b". */
function contentPairs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) if (isContentWord(words[i - 1]) && isContentWord(words[i])) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

function sum(xs: readonly number[]): number {
  let t = 0;
  for (const v of xs) t += v;
  return t;
}
