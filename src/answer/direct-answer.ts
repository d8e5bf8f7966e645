/**
 * The direct answer of a search answer: the one or two sentences, taken intact from the best clause of the
 * top passages, that best cover the question's content words and state the kind of fact it asks for, plus
 * at most two quotes of whole clauses or points with their numbers. A long single sentence that joins
 * several rules with ";" leads with the run of them that holds what was asked, the whole clause quoted
 * under it ({@link trimLongLead}). Extractive only: every word of the lead and the quotes is the passage's
 * own.
 *
 * Scoring (per sentence, read with its article heading): IDF-weighted coverage of the question's content
 * words (IDF over the candidate
 * sentences, so words every sentence has count little), plus the share of the question's word pairs it
 * contains, plus a bonus when it states the asked kind of fact (see `question-facts.ts`), times a factor
 * for the passage's retrieval score and a mild penalty for very long sentences. Documents in force are
 * preferred to replaced or expired ones.
 */
import type { SearchHit } from '../search/types.js';
import { FOLDED_QUESTION_WORDS, FOLDED_STOPWORDS, QUESTION_WORDS, STOPWORDS } from '../text/stopwords.js';
import { matchesDocNumber, parseDocReference } from '../text/doc-number.js';
import { foldWord, typedWithDiacritics } from '../text/vietnamese.js';
import { levelsAsked, levelsNamed } from '../search/subject-groups.js';
import { askedTerm, contrastedTerms, definesTerm } from '../search/definition-match.js';
import { chunkUnits, unitPath } from './clauses.js';
import type { ChunkUnit } from './clauses.js';
import { appearanceAsked, askedFacts, asksMoney, countedNoun, definitionAskWords, definitionHead, foldText, statedFacts, statesCountOf, statesMoney } from '../text/question-facts.js';
import type { FactKind } from '../text/question-facts.js';

/** A quote of a clause or point, and where it is. */
export interface QuotePick {
  hit: SearchHit;
  /** "Khoản 2 Điều 17", or the chunk's own path when the text carries no clause number. */
  path: string;
  /** The clause or point with its number ("2. …", "3. …\na) …"); sentences are whole. */
  text: string;
  /** False when the quote says nothing more than the lead (it is then only cited). */
  shown: boolean;
}

/** The direct answer and its quotes. */
export interface DirectAnswer {
  hit: SearchHit;
  path: string;
  /** One or two sentences, intact, without the clause number. */
  sentences: string[];
  /**
   * Shown before {@link sentences} when they are a point of a list: the clause's opening line and the point's
   * letter ("Nghị định không áp dụng cho: b)"). The checks of the lead read {@link sentences} alone.
   */
  intro?: string;
  /** The lead's own clause first, then at most one more. */
  quotes: QuotePick[];
}

/** Options for {@link directAnswer}. */
export interface DirectAnswerOptions {
  /** Longest quote, characters (whole sentences are dropped to fit). Default 700. */
  quoteChars?: number;
  /** A second sentence is added to the lead only if both fit in this many characters. Default 450. */
  leadChars?: number;
  /** A second quote is shown only when its score is at least this share of the lead's. Default 0.6. */
  secondQuote?: number;
}

export interface Candidate {
  hitIndex: number;
  unit: ChunkUnit;
  units: ChunkUnit[];
  sentence: number;
  text: string;
  /** The article heading without "Điều N." (its words count for every sentence of the article). */
  titleText: string;
  /** Folded words of the article heading, "|", then of the sentence, in order. */
  folded: string[];
  words: Set<string>;
  score: number;
}

const WORDS = /[\p{L}\p{N}]+/gu;
/** Words that only shape a question ("bao nhiêu", "bao lâu") and are not stopwords already. */
const SHAPING = new Set(['bao', 'nhieu', 'lau', 'ko', 'k', 'khong', 'j', 'ntn', 'the']);

/** What the scorer knows of a question: its content words, its word pairs and all its words (folded). */
export interface QuestionTerms {
  words: string[];
  pairs: string[];
  all: ReadonlySet<string>;
  /**
   * Folded words the question typed with tone marks, with the forms typed ("ky" → {"ký"}): such a word is
   * matched as typed, so "ký" does not pick a sentence about "kỹ năng" (see {@link scoreCandidates}).
   */
  marked?: ReadonlyMap<string, ReadonlySet<string>>;
  /** What a quantity question counts, first word folded ("nhiem" of "bao nhiêu nhiệm vụ"; `countedNoun`). */
  counted?: string;
  /** The noun a list question asks for ("loai" of "gồm những loại nào"), folded. */
  listed?: string;
  /** Whether the question asks an amount of money ("phạt tiền đến bao nhiêu"; `asksMoney`). */
  money?: boolean;
  /** Whether "khi nào" / "lúc nào" / "trường hợp nào" asks on which occasion, not only on which date. */
  occasion?: boolean;
}

function foldedWords(text: string): string[] {
  return (text.toLowerCase().match(WORDS) ?? []).map(foldWord);
}

/**
 * Function words that fold onto content syllables ("có" / "cơ", "bị" / "bí", "mấy" / "máy"), so the folded
 * stopword list cannot hold them. Read from the question as typed, when it has diacritics. Deliberately not
 * all of `STOPWORDS`: "lại", "được", "về" and the like carry the point in "nộp lại", "dùng lại" (the whole
 * list moved 12 leads of the official set, 3 for the worse; bench/results.md, round 7).
 */
const ACCENTED_FUNCTION = new Set('có bị mấy của thì cho để'.split(' '));

/**
 * Folded forms that the question uses only as function words: typed with diacritics, "bị" in "công chức bị
 * kỷ luật", unless another of its words folds the same way ("cơ quan có" keeps "co"); typed without them,
 * those of {@link UNACCENTED_FUNCTION} away from the neighbours that make them content words.
 */
export function functionFolds(question: string): Set<string> {
  const typed = question.toLowerCase().normalize('NFC').match(WORDS) ?? [];
  if (!typed.some((w) => w !== foldWord(w))) return unaccentedFunctions(typed);
  const fn = new Set<string>();
  const content = new Set<string>();
  for (const w of typed) (ACCENTED_FUNCTION.has(w) ? fn : content).add(foldWord(w));
  return new Set([...fn].filter((f) => !content.has(f)));
}

/**
 * Function words of a question typed without diacritics, with the neighbours that make the same folded
 * syllable a content word instead: "thi" is "thì" but for "kỳ thi", "thi tuyển", "thi hành"; "co" is "có" but
 * for "cơ quan", "cơ sở", "cơ chế"; "de" is "để" but for "đề án", "đề nghị", "dễ hiểu".
 */
const UNACCENTED_FUNCTION: ReadonlyMap<string, { before: ReadonlySet<string>; after: ReadonlySet<string> }> = new Map(
  (
    [
      ['thi', 'ky cuoc de du bai dot lich hach', 'hanh tuyen nang dua cong xet dau lai'],
      ['co', 'trung nong', 'quan so che cau hoi ban dong the hoc khi'],
      ['bi', '', 'mat thu quyet'],
      ['de', 'chu van', 'an nghi xuat thi ra cap tai muc bai dang hieu'],
      ['cua', 'mot', 'quyen khau so'],
      ['khi', 'co', 'hau'],
    ] as const
  ).map(([w, before, after]) => [w, { before: new Set(before.split(' ').filter(Boolean)), after: new Set(after.split(' ').filter(Boolean)) }]),
);

/**
 * The words of a question typed without diacritics that are only function words there ("ho so tre han thi
 * phai lam gi": "thì" joining a condition to what is asked): every occurrence away from the neighbours that
 * would make it a content word. As content words they favoured any sentence saying "… thì …", "có …".
 */
function unaccentedFunctions(words: readonly string[]): Set<string> {
  const content = new Set<string>();
  const seen = new Set<string>();
  words.forEach((w, i) => {
    const rule = UNACCENTED_FUNCTION.get(w);
    if (!rule) return;
    seen.add(w);
    if (rule.before.has(words[i - 1] ?? '') || rule.after.has(words[i + 1] ?? '')) content.add(w);
  });
  return new Set([...seen].filter((w) => !content.has(w)));
}

/** The question's words typed with tone marks, by folded form. */
export function markedForms(question: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const w of question.toLowerCase().normalize('NFC').match(WORDS) ?? []) {
    const f = foldWord(w);
    if (f === w) continue;
    const forms = out.get(f) ?? new Set<string>();
    forms.add(w);
    out.set(f, forms);
  }
  return out;
}

/**
 * The content words, the word pairs and all the words of a question (folded). `functionWords` are folded
 * forms the question uses only as function words ({@link functionFolds}): they are neither content words
 * nor part of a pair ("chuc bi" would favour any sentence saying "công chức bị …").
 */
export function questionTerms(queryWords: readonly string[], functionWords: ReadonlySet<string> = new Set(), markedContent: ReadonlySet<string> = new Set()): QuestionTerms {
  const copy = (i: number) => copyWord(queryWords, i) || markedContent.has(queryWords[i]);
  const isContent = (w: string, i: number) =>
    w.length > 1 && (!FOLDED_STOPWORDS.has(w) || markedContent.has(w)) && (!FOLDED_QUESTION_WORDS.has(w) || copy(i)) && !SHAPING.has(w) && !functionWords.has(w);
  const isShaping = (w: string, i: number) => (FOLDED_QUESTION_WORDS.has(w) && !copy(i)) || SHAPING.has(w) || w === 'la';
  const words = [...new Set(queryWords.filter(isContent))];
  const pairs: string[] = [];
  for (let i = 1; i < queryWords.length; i++) {
    const [a, b] = [queryWords[i - 1], queryWords[i]];
    // A pair with a question word or the copula ("chính là", "là gì") says how it is asked, not what.
    if ((isContent(a, i - 1) || isContent(b, i)) && !isShaping(a, i - 1) && !isShaping(b, i) && !functionWords.has(a) && !functionWords.has(b)) pairs.push(`${a} ${b}`);
  }
  return { words, pairs: [...new Set(pairs)], all: new Set(queryWords) };
}

/**
 * Folded forms that fold like a function word but were typed with other marks: "biệt phái là gì" asks about
 * "biệt phái", not "biết" or "phải". Only words typed with diacritics tell.
 */
export function markedContentFolds(question: string): Set<string> {
  const out = new Set<string>();
  for (const w of question.toLowerCase().normalize('NFC').match(WORDS) ?? []) {
    const f = foldWord(w);
    if (f === w || !(FOLDED_STOPWORDS.has(f) || FOLDED_QUESTION_WORDS.has(f))) continue;
    if (!STOPWORDS.has(w) && !QUESTION_WORDS.has(w)) out.add(f);
  }
  return out;
}

/**
 * Words the question asks about that fold like function words: those typed with other marks
 * ({@link markedContentFolds}), and the words of a term asked "X là gì" ("biet phai la j": "biet", "phai").
 */
function termContent(question: string): Set<string> {
  const term = askedTerm(question);
  return new Set([...markedContentFolds(question), ...(term && term.length >= 2 && term.length <= 8 ? term : [])]);
}

/**
 * Whether "sao" at `i` is the copy of a document ("bản sao", "sao y", "sao lục", "trích sao"), not "why" or "how"
 * ("tại sao", "làm sao", "sửa sao"): the copy is what "bản sao lục là gì" asks about.
 */
function copyWord(words: readonly string[], i: number): boolean {
  return words[i] === 'sao' && (COPY_BEFORE.has(words[i - 1] ?? '') || COPY_AFTER.has(words[i + 1] ?? ''));
}

const COPY_BEFORE = new Set(['ban', 'trich']);
const COPY_AFTER = new Set(['y', 'luc', 'chup', 'chep', 'luu']);

/**
 * Picks the direct answer from the chosen hits (best first, documents in force first); undefined when no
 * sentence shares a content word with the question (then the caller quotes passages as they are).
 */
export function directAnswer(hits: readonly SearchHit[], question: string, queryWords: readonly string[], options: DirectAnswerOptions = {}): DirectAnswer | undefined {
  const o = { quoteChars: options.quoteChars ?? 700, leadChars: options.leadChars ?? 450, secondQuote: options.secondQuote ?? 0.6 };
  const references = referenceFolds(question, hits[0]?.doc.number);
  const counted = countedNoun(question);
  const listed = listedNoun(question);
  const naming = titleNamingFolds(question, hits[0]?.doc);
  const terms = {
    ...questionTerms(queryWords, new Set([...functionFolds(question), ...references.words, ...definitionAskWords(question), ...naming]), termContent(question)),
    marked: markedForms(question),
    ...(counted ? { counted } : {}),
    ...(listed ? { listed } : {}),
    ...(asksMoney(question) ? { money: true } : {}),
    ...(ASKS_OCCASION.test(foldText(question)) ? { occasion: true } : {}),
  };
  const asked = askedFacts(question);
  const candidates = scoreCandidates(hits, terms, asked);
  preferAskedLevel(candidates, question);
  preferAskedAppearance(candidates, question);
  // "Điều 19 nđ 118 quy định gì": nothing asked but the article itself, which search put first.
  const opening = terms.words.every((w) => ARTICLE_ASK_WORDS.has(w)) ? articleOpening(candidates, hits, references) : undefined;
  if (opening) return answerFrom(opening, candidates, hits, { words: [], pairs: [], all: terms.all }, [], o, question);
  const contrast = contrastedDefinitions(candidates, hits, question, o.quoteChars);
  if (contrast) return contrast;
  const found = detailOf(bestLead(candidates, hits), candidates, hits);
  if (!found || found.score <= 0 || !terms.words.some((w) => found.words.has(w))) return undefined;
  const whole = asked.includes('list') ? articleList(found, hits, terms, o.leadChars) : undefined;
  if (whole) return whole;
  return answerFrom(asked.includes('list') ? listIntro(found, candidates) : valueIntro(found, candidates, asked), candidates, hits, terms, asked, o, question);
}

/**
 * A figure or a time asked, and the best sentence an item of a list that states none: the sentence introducing
 * the list states it for every item ("Người nào có một trong các hành vi sau đây, thì bị phạt tù từ 12 năm đến
 * 20 năm …:" over "a) Hoạt động tình báo …" for "… bị phạt tối thiểu bao nhiêu năm tù"), so it leads, with the
 * items when they fit.
 */
function valueIntro(best: Candidate, candidates: readonly Candidate[], asked: FactKind[]): Candidate {
  const values = asked.filter((k) => VALUE_FACTS.has(k));
  if (!values.length || statedFacts(best.text, values).length) return best;
  const intro = listIntro(best, candidates);
  return intro !== best && statedFacts(intro.text, values).length ? intro : best;
}

/** The noun of "những N nào" / "các N nào" ("gồm những loại nào" → "loai"), folded; undefined otherwise. */
function listedNoun(question: string): string | undefined {
  return /(?:^| )(?:nhung|cac) ([a-z]+) nao(?: |$)/u.exec(` ${foldText(question)} `)?.[1];
}

/** The direct answer that leads with `best`: its sentences, its clause quoted, and a second quote when one adds to it. */
function answerFrom(
  best: Candidate,
  candidates: Candidate[],
  hits: readonly SearchHit[],
  terms: QuestionTerms,
  asked: FactKind[],
  o: { quoteChars: number; leadChars: number; secondQuote: number },
  question: string,
): DirectAnswer {
  const hit = hits[best.hitIndex];
  const sentences = definitionPart(trimLongLead(leadSentences(best, terms, asked, o.leadChars), terms, asked, question), question);
  const intro = sentences.length === 1 && sentences[0] === best.text ? pointIntro(best, o.leadChars) : undefined;
  const first: QuotePick = { hit, path: unitPath(hit.chunk, best.unit), text: quoteOf(best.unit, best.units, best.sentence, o.quoteChars), shown: true };
  first.shown = bare(stripNumber(first.text)) !== bare([...(intro ? [intro] : []), ...sentences].join(' '));
  const quotes = [first];
  const second = secondQuote(candidates, best, sentences, terms.words, asked, o.secondQuote);
  if (second) {
    const h = hits[second.hitIndex];
    quotes.push({ hit: h, path: unitPath(h.chunk, second.unit), text: quoteOf(second.unit, second.units, second.sentence, o.quoteChars), shown: true });
  }
  return { hit, path: first.path, sentences: sentences.map(asLeadSentence), ...(intro ? { intro } : {}), quotes };
}

/**
 * A point read on its own drops what its clause says of it ("b) Ba loại thủ tục: …; thanh tra; …" under
 * "2. Nghị định không áp dụng cho:"): the clause's opening line and the point's letter, to show before it when
 * both fit in `maxChars`; undefined for anything but a one-sentence point under a line ending with ":".
 */
function pointIntro(best: Candidate, maxChars: number): string | undefined {
  const u = best.unit;
  if (u.point === undefined || u.parent === undefined || u.sentences.length !== 1) return undefined;
  const parent = best.units[u.parent];
  if (!parent.body.endsWith(':')) return undefined;
  const intro = `${parent.sentences[parent.sentences.length - 1]} ${u.prefix.trim()}`;
  return intro.length + 1 + best.text.length <= maxChars ? intro : undefined;
}

/**
 * A list question answered by an article whose numbered clauses are the list, with no line introducing
 * them ("Điều 15. Cách thức … nộp hồ sơ": 1. trực tiếp; 2. qua bưu chính; 3. trực tuyến): when the best
 * sentence is one of those clauses, the article's title shares a content word with the question and all
 * the clauses fit in the lead, the lead is the clauses with their numbers and the article is cited.
 */
function articleList(best: Candidate, hits: readonly SearchHit[], terms: QuestionTerms, maxChars: number): DirectAnswer | undefined {
  const u = best.unit;
  if (u.clause === undefined || u.point !== undefined || !u.prefix) return undefined;
  if (best.units.some((x) => x.clause === undefined && x.point === undefined && x.index < u.index && x.body.endsWith(':'))) return undefined;
  // A sentence that holds a list itself ("Thành phần … gồm Chủ tịch, …") answers on its own.
  if (/\b(gom|bao gom)\b/u.test(foldText(best.text)) || best.text.endsWith(':')) return undefined;
  const clauses = best.units.filter((x) => x.clause !== undefined && x.point === undefined && x.prefix);
  // Items are short: an article of long clauses is a set of rules, not a list of kinds.
  if (clauses.length < 2 || best.units.some((x) => x.point !== undefined) || clauses.some((x) => x.body.length > LIST_ITEM_CHARS)) return undefined;
  const line = clauses.map((x) => `${x.prefix}${x.body}`).join(' ');
  if (line.length > maxChars) return undefined;
  const hit = hits[best.hitIndex];
  const title = new Set(foldedWords(articleHeading(hit.chunk.title)));
  if (!terms.words.some((w) => title.has(w))) return undefined;
  return { hit, path: hit.chunk.citationPath, sentences: [line], quotes: [{ hit, path: hit.chunk.citationPath, text: line, shown: false }] };
}

/** Longest clause that still reads as an item of a list (characters). */
const LIST_ITEM_CHARS = 200;

/** Words left in a question that asks what a named article says ("nói gì", "quy định về cái gì", "nội dung cụ thể"). */
const ARTICLE_ASK_WORDS: ReadonlySet<string> = new Set(['noi', 'quy', 'dinh', 'dung', 'cu', 'the', 'cai', 've']);

/** Folded words of "điều N", "khoản N", "điểm x" and of document numbers ("nđ 118", "118/2025/NĐ-CP"). */
const REFERENCE =
  /(?<![\p{L}\d/])(?:(?:điều|khoản|điểm|dieu|khoan|diem)\s+(\d{1,3}[a-zđ]?)|(?:nghị định|nghi dinh|nđ|nd|luật|luat|thông tư|thong tu|tt|quyết định|quyet dinh|qđ|qd|nghị quyết|nghi quyet|nq)\s*(?:số\s*|so\s*)?\d+(?:\/\d{4})?(?:\/[\p{L}\d-]+)?|\d+\/\d{4}(?:\/[\p{L}\d-]+)?)(?![\p{L}\d])/giu;

/**
 * What the question's legal references are made of: their folded words (the reference, not the topic:
 * "19" and "nd" of "điều 19 nđ 118" must not pick a sentence that cites "Điều 19"), and the articles named.
 */
export function referenceFolds(question: string, docNumber?: string): { words: Set<string>; articles: Set<string>; clauses: Set<string> } {
  const words = new Set<string>();
  const articles = new Set<string>();
  const clauses = new Set<string>();
  const matches = [...question.toLowerCase().normalize('NFC').matchAll(REFERENCE)];
  // A reference to another document is what the question asks about ("luật 65/2025 còn hiệu lực không",
  // answered by the clause of Luật 72/2025 that names it): its words stay, and so do the articles named.
  const ofAnswer = (text: string) => parseDocReference(text).every((ref) => docNumber !== undefined && matchesDocNumber(ref, docNumber));
  const docRefs = matches.filter((m) => !m[1]);
  if (!docRefs.every((m) => ofAnswer(m[0]))) return { words, articles, clauses };
  for (const m of matches) {
    for (const w of m[0].match(WORDS) ?? []) words.add(foldWord(w));
    if (m[1] && /^(điều|dieu)/u.test(m[0])) articles.add(m[1]);
    if (m[1] && /^(khoản|khoan)/u.test(m[0])) clauses.add(m[1]);
  }
  // Without an article named, the document's type words stay content words: "quyết định 4599 còn hiệu lực
  // không" is answered by the part on the decision's validity, "theo luật 80 …" by a sentence on the law.
  if (!articles.size) for (const w of DOC_TYPE_WORDS) words.delete(w);
  return { words, articles, clauses };
}

/**
 * Words that name the answer's document by its title right after its number ("NĐ 63/2010 về kiểm soát TTHC",
 * "nd 118 ve mot cua"): they say which document, not what is asked of it, so they do not pick the sentence
 * ("… về kiểm soát TTHC có áp dụng cho thủ tục thanh tra không" is answered by the clause on thanh tra, not by
 * the one restating that the decree is on kiểm soát thủ tục hành chính). The words after "về" are taken while
 * each is a word of the title, or an abbreviation of consecutive title words ("tthc"); a word the question
 * also uses outside such a phrase ("thủ tục" in "thủ tục thanh tra …") stays a content word. Folded forms,
 * with the spelled-out words of an abbreviation.
 */
export function titleNamingFolds(question: string, doc?: { number?: string; title?: string }): Set<string> {
  const out = new Set<string>();
  if (!doc?.number || !doc.title) return out;
  const title = (doc.title.toLowerCase().normalize('NFC').match(WORDS) ?? []).map(foldWord);
  const titleSet = new Set(title);
  const text = question.toLowerCase().normalize('NFC');
  const named: string[] = [];
  const inPhrase = new Set<number>();
  const words = [...text.matchAll(WORDS)].map((m) => ({ w: foldWord(m[0]), at: m.index ?? 0 }));
  for (const m of text.matchAll(REFERENCE)) {
    if (m[1] || !parseDocReference(m[0]).some((ref) => matchesDocNumber(ref, doc.number as string))) continue;
    const end = (m.index ?? 0) + m[0].length;
    let i = words.findIndex((x) => x.at >= end);
    if (i < 0 || words[i].w !== 've') continue;
    inPhrase.add(i);
    for (i++; i < words.length; i++) {
      const w = words[i].w;
      const spelled = titleSet.has(w) ? [w] : initialsIn(w, title);
      if (!spelled) break;
      inPhrase.add(i);
      named.push(w, ...spelled);
    }
  }
  if (!named.length) return out;
  const elsewhere = new Set(words.filter((_, k) => !inPhrase.has(k)).map((x) => x.w));
  for (const w of named) if (!elsewhere.has(w)) out.add(w);
  return out;
}

/** The consecutive title words whose initials a folded word is ("tthc": thu tuc hanh chinh), or undefined. */
function initialsIn(word: string, title: readonly string[]): string[] | undefined {
  if (word.length < 2 || word.length > 6 || /[aeiouy]/u.test(word)) return undefined;
  for (let i = 0; i + word.length <= title.length; i++) {
    const run = title.slice(i, i + word.length);
    if (run.every((t, k) => t[0] === word[k])) return run;
  }
  return undefined;
}

/** Folded words of document types as a reference writes them ("nghị định", "luật", "quyết định"…). */
const DOC_TYPE_WORDS = ['nghi', 'dinh', 'luat', 'thong', 'tu', 'quyet', 'so'];

/**
 * The opening sentence of the article the question names (of its clause, when one is named too), when
 * search put it first: what "Điều N … quy định gì" asks for. Undefined when the first hit is another article.
 */
function articleOpening(candidates: readonly Candidate[], hits: readonly SearchHit[], named: { articles: ReadonlySet<string>; clauses: ReadonlySet<string> }): Candidate | undefined {
  const first = hits[0];
  const article = first ? /^Điều\s+(\d+[a-zđ]?)/iu.exec(first.chunk.title)?.[1]?.toLowerCase() : undefined;
  if (!article || !named.articles.has(article)) return undefined;
  const own = candidates.filter((c) => c.hitIndex === 0);
  // "Khoản 6 Điều 19": the clause's first sentence.
  return own.find((c) => c.unit.clause !== undefined && named.clauses.has(c.unit.clause.toLowerCase()) && c.unit.point === undefined) ?? own[0];
}

/**
 * The lead sentence: the best-scoring one from the first hit's document. The confidence is the estimated
 * probability that this best source answers the question, so the lead rests on it; a sentence of another
 * document that merely shares more words with the question (a heading, a list of duties) is quoted second
 * at most. Other documents are only used when no sentence of the first one shares a content word.
 */
function bestLead(candidates: readonly Candidate[], hits: readonly SearchHit[]): Candidate | undefined {
  const pick = (keep: (c: Candidate) => boolean) =>
    candidates.reduce<Candidate | undefined>((b, c) => (keep(c) && c.score > 0 && (!b || c.score > b.score) ? c : b), undefined);
  const docId = hits[0]?.chunk.docId;
  return pick((c) => hits[c.hitIndex].chunk.docId === docId) ?? pick(() => true);
}

/**
 * A lead that only names a step or an item which another chosen article details under that very heading
 * ("2. Cấp số, thời gian ban hành văn bản." in the article listing the steps for outgoing documents, when
 * "Điều 15. Cấp số, thời gian ban hành văn bản" was found too) says nothing itself: the best sentence of
 * the detailing article leads instead.
 */
function detailOf(lead: Candidate | undefined, candidates: readonly Candidate[], hits: readonly SearchHit[]): Candidate | undefined {
  if (!lead) return lead;
  const name = bareWords(lead.text);
  if (!name) return lead;
  const detailed = hits.findIndex((h, i) => i !== lead.hitIndex && bareWords(articleHeading(h.chunk.title)) === name);
  if (detailed < 0) return lead;
  return candidates.reduce<Candidate | undefined>((b, c) => (c.hitIndex === detailed && c.score > 0 && (!b || c.score > b.score) ? c : b), undefined) ?? lead;
}

/** Weight of a sentence that speaks only of other levels of government than the question names. */
const OTHER_LEVEL_WEIGHT = 0.5;

/**
 * A question about one level of government ("trung tâm phục vụ hcc của xã …") is led by a sentence on that
 * level, not by one on the province that shares more of its words ("Trung tâm … cấp tỉnh có một Giám đốc,
 * ngang cấp …" against "Trung tâm … cấp xã do Giám đốc tương đương Trưởng phòng … đứng đầu"): a sentence that
 * names only other levels weighs half. Sentences naming no level are left as they are.
 */
function preferAskedLevel(candidates: Candidate[], question: string): void {
  const asked = levelsAsked(question, typedWithDiacritics(question.split(/\s+/u)));
  if (!asked.length) return;
  for (const c of candidates) {
    const named = levelsNamed(c.text, true);
    if (named.length && !named.some((l) => asked.includes(l))) c.score *= OTHER_LEVEL_WEIGHT;
  }
}

/** Weight of a sentence for each of the colour and size asked that it does not name. */
const NO_APPEARANCE_WEIGHT = 0.25;

/**
 * "Đóng dấu thì mực màu gì mới đúng": the point stating "mực dấu màu đỏ" leads before the point of the same
 * article on who decides how seals are used; "in giấy gì, chữ màu gì, cỡ mấy": the sentence naming both the colour
 * and the sizes before the one listing what layout covers ({@link appearanceAsked}).
 */
function preferAskedAppearance(candidates: Candidate[], question: string): void {
  const misses = appearanceAsked(question);
  if (!misses) return;
  for (const c of candidates) c.score *= NO_APPEARANCE_WEIGHT ** misses(c.text);
}

/** An article title without its "Điều N." or "Tóm lược:" ("Cấp số, thời gian ban hành văn bản"). */
function articleHeading(title: string): string {
  return title.replace(/^(Điều\s+\S+|Tóm lược:)\s*/u, '');
}

/** Folded words of a short text joined by spaces ("" for a text of more than 12 words: no heading). */
function bareWords(text: string): string {
  const words = foldedWords(text);
  return words.length <= 12 ? words.join(' ') : '';
}

export function scoreCandidates(hits: readonly SearchHit[], terms: QuestionTerms, asked: FactKind[]): Candidate[] {
  const out: Candidate[] = [];
  hits.forEach((hit, hitIndex) => {
    const units = chunkUnits(hit.chunk.text);
    // A sentence is read under its article's heading ("Mục tiêu của Đề án"): the heading's words count too.
    const titleText = articleHeading(hit.chunk.title);
    const title = foldedWords(titleText);
    for (const unit of units) {
      unit.sentences.forEach((text, sentence) => {
        const own = foldedWords(text);
        out.push({ hitIndex, unit, units, sentence, text, titleText, folded: [...title, '|', ...own], words: new Set([...title, ...own]), score: 0 });
      });
    }
  });
  if (!out.length) return out;
  const texts = out.map((c) => ` ${c.folded.join(' ')} `);
  const { hasWord, hasPair } = matchers(out, texts, terms);
  const wordWeight = idf(terms.words, out.length, hasWord);
  const pairWeight = idf(terms.pairs, out.length, hasPair);
  const top = hits[0].score || 1;
  const anyCurrent = hits.some((h) => !isOutdatedStatus(h.doc.status));
  // "Thế nào gọi là công chức": the sentence that defines the very term asked answers it, even when another
  // sentence of the clause shares more words ("Định nghĩa áp dụng chung … theo luật cũ …"). Other kinds of
  // fact weigh less: a figure or a deadline is often stated by several sentences, the definition by one.
  const factWeight = asked.includes('definition') ? 0.8 : 0.4;
  const counted = asked.includes('quantity') && terms.counted ? terms.counted : asked.includes('list') ? terms.listed : undefined;
  out.forEach((c, i) => {
    const hit = hits[c.hitIndex];
    const words = share(wordWeight, (w) => hasWord(w, i));
    const pairs = pairWeight.size ? share(pairWeight, (p) => hasPair(p, i)) : words;
    const fact = asked.length ? asked.reduce((sum, k) => sum + factStrength(k, c, asked, terms), 0) / asked.length : 0;
    const rank = 0.6 + 0.4 * Math.min(1, hit.score / top);
    const outdated = anyCurrent && isOutdatedStatus(hit.doc.status) ? 0.8 : 1;
    // A sentence that counts what the question counts or lists ("có mấy loại", "gồm những loại nào": "gồm 29
    // loại: …") is not long-winded: its list is the detail.
    const counts = counted !== undefined && statesCountOf(c.text, counted);
    const length = counts ? 1 : 1 / (1 + Math.max(0, c.text.length - 300) / 600);
    c.score = words > 0 && !editorial(c.text) ? (0.4 * words + 0.6 * pairs + factWeight * fact) * rank * outdated * length : 0;
  });
  return out;
}

/**
 * Whether the knowledge team speaks of its own work in this sentence ("Khoản này có thể đã được sửa đổi tiếp
 * bởi … mà nhóm dự án chưa đối chiếu được", "Lưu ý khi tra cứu: …"): such a sentence states no rule, so it
 * never leads an answer. A note in brackets ("(ghi chú của nhóm dự án: …)") or after a semicolon ("… được ký
 * ngày 23/4/2018; ngày có hiệu lực chưa được nhóm dự án đối chiếu") leaves the sentence's own statement standing.
 */
export function editorial(sentence: string): boolean {
  const main = sentence.replace(/\([^)]*\)/gu, '').split(';')[0];
  return /nhóm dự án/iu.test(main) || /^\s*Lưu ý khi tra cứu\b/iu.test(main);
}

/**
 * Whether a lead carries the knowledge team's doubt about its currency: "Khoản này có thể đã được sửa đổi tiếp
 * bởi Nghị định số 92/2017/NĐ-CP mà nhóm dự án chưa đối chiếu được", "… khoản này cũng có thể đã được Nghị định
 * số 92/2017/NĐ-CP sửa đổi", "nội dung hiện hành cần đối chiếu với Nghị định …" in its clause, or "(… nội dung có
 * thể đã được … thay đổi)" in its own sentences (a note in brackets in another sentence of the clause speaks of
 * that sentence only). Such a lead may state a rule that no longer holds, so it is not given as the answer (the
 * official is told why and shown it as related).
 */
export function doubtedLead(lead: readonly string[], clause: string): boolean {
  return DOUBTED.test(lead.join(' ')) || DOUBTED.test(clause.replace(/\([^)]*\)/gu, ''));
}

const DOUBTED = /(?:có thể đã được|cần đối chiếu với)[^.;()]{0,80}?(?:Nghị định|Luật|Thông tư|Quyết định|Nghị quyết|văn bản)/iu;

/**
 * Whether candidate `i` has a question word or pair. A word the question typed with tone marks is matched
 * as typed when some candidate writes it so ("ký" is not "kỹ", "cơ" not "có"); when none does, it is
 * likely a slip of the keyboard and the folded form is matched. Words typed without marks match folded.
 */
function matchers(out: readonly Candidate[], texts: readonly string[], terms: QuestionTerms) {
  const marked = new Map<string, ReadonlySet<string>>();
  // The words as written are read only for questions with marked content words, once per candidate.
  const cache: Array<{ set: Set<string>; seq: string[] }> = [];
  const exact = (i: number) => (cache[i] ??= exactWords(out[i]));
  const asked = new Set([...terms.words, ...terms.pairs.flatMap((p) => p.split(' '))]);
  for (const [f, forms] of terms.marked ?? []) {
    if (asked.has(f) && out.some((_, i) => [...forms].some((t) => exact(i).set.has(t)))) marked.set(f, forms);
  }
  const at = (w: string, i: number, k: number) => {
    const forms = marked.get(w);
    return forms ? forms.has(exact(i).seq[k]) : out[i].folded[k] === w;
  };
  const hasWord = (w: string, i: number) => {
    const forms = marked.get(w);
    return forms ? [...forms].some((t) => exact(i).set.has(t)) : out[i].words.has(w);
  };
  const padded = new Map(terms.pairs.map((p) => [p, ` ${p} `]));
  const hasPair = (p: string, i: number) => {
    // The folded pair is there whenever the pair as typed is: most candidates are ruled out by it.
    if (!texts[i].includes(padded.get(p) ?? ` ${p} `)) return false;
    const [a, b] = p.split(' ');
    if (!marked.has(a) && !marked.has(b)) return true;
    const f = out[i].folded;
    for (let k = 0; k + 1 < f.length; k++) if (at(a, i, k) && at(b, i, k + 1)) return true;
    return false;
  };
  return { hasWord, hasPair };
}

/** A candidate's words as written (lower case), aligned with its folded words. */
function exactWords(c: Candidate): { set: Set<string>; seq: string[] } {
  const title = c.titleText.toLowerCase().match(WORDS) ?? [];
  const own = c.text.toLowerCase().match(WORDS) ?? [];
  const seq = [...title, '|', ...own];
  return { set: new Set(seq), seq };
}

/** IDF of each term over the candidates (terms no candidate has are left out). */
function idf(terms: readonly string[], n: number, has: (term: string, i: number) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of terms) {
    let df = 0;
    for (let i = 0; i < n; i++) if (has(t, i)) df++;
    if (df) out.set(t, Math.log(1 + n / df));
  }
  return out;
}

/** Weighted share of the terms that a candidate has. */
function share(weights: Map<string, number>, has: (term: string) => boolean): number {
  let total = 0;
  let got = 0;
  for (const [t, w] of weights) {
    total += w;
    if (has(t)) got += w;
  }
  return total ? got / total : 0;
}

/**
 * How well a sentence states an asked kind of fact, in [0, 1]. A definition counts by how much of the
 * defined term (the words before "là") the question names, so "“Bộ phận Một cửa” là …" beats a definition
 * of another term that merely shares a word.
 * A quantity counts fully when the sentence counts what is asked ("10 nhiệm vụ" for "bao nhiêu nhiệm vụ")
 * or states the sum of money asked, a quarter when it only holds some figure.
 */
function factStrength(kind: FactKind, c: Candidate, asked: FactKind[], terms: QuestionTerms): number {
  // "Khi nào thì công chức được xếp ngạch …": "… khi được tuyển dụng, khi được bổ nhiệm …" names the occasions,
  // as a date would name the day (a little less: a date answers "khi nào" outright).
  if (!statedFacts(c.text, asked).includes(kind)) return kind === 'time' && terms.occasion && OCCASION.test(foldText(c.text)) ? 0.75 : 0;
  if (kind === 'definition') return definedTermShare(c.text, terms.all);
  // "Có bao nhiêu nhiệm vụ": a count of that very thing ("10 nhiệm vụ") over any figure ("100% số người").
  if (kind === 'quantity' && terms.counted) return statesCountOf(c.text, terms.counted) ? 1 : 0.25;
  // "Phạt tiền đến bao nhiêu": a sum ("từ 5.000.000 đồng đến 50.000.000 đồng") over a prison term.
  if (kind === 'quantity' && terms.money) return statesMoney(c.text) ? 1 : 0.25;
  // "Gồm những loại nào": a list that counts that very thing ("gồm 29 loại: …") over any enumeration.
  if (kind === 'list' && terms.listed) return statesCountOf(c.text, terms.listed) ? 1 : 0.5;
  return 1;
}

/** "Khi nào", "lúc nào", "trường hợp nào" (folded): asked on which occasion. */
const ASKS_OCCASION = /\b(?:khi nao|luc nao|truong hop nao)\b/u;
/** A sentence naming occasions: "khi" before what happens ("khi được tuyển dụng", "khi có yêu cầu"), folded. */
const OCCASION = /\bkhi (?:duoc|bi|co|can|nhan|thay|phat|xay|chua|da|[a-z]+ (?:duoc|bi))\b/u;

/** Share of the words a definition defines that the question names (0 when it is no definition). */
function definedTermShare(sentence: string, questionWords: ReadonlySet<string>): number {
  const head = definitionHead(sentence);
  return head.length ? head.filter((w) => questionWords.has(w)).length / head.length : 0;
}

/**
 * The lines a unit introduces when it ends with ":": a clause's points, or, for the article's unnumbered
 * lead-in ("… được tổ chức thành ba cấp:"), the numbered clauses after it. Empty otherwise.
 */
function listItems(unit: ChunkUnit, units: readonly ChunkUnit[]): ChunkUnit[] {
  if (!unit.body.endsWith(':')) return [];
  if (unit.clause !== undefined) return units.filter((u) => u.parent === unit.index && u.point !== undefined);
  const out: ChunkUnit[] = [];
  for (const u of units.slice(unit.index + 1)) {
    if (u.clause === undefined) break;
    if (u.prefix && u.point === undefined) out.push(u);
  }
  return out;
}

/**
 * A question that asks for a list ("gồm những gì", "có mấy cấp") is answered by the whole list, not by the
 * one item that shares most words with it: when the best sentence is an item (a point, or a clause under
 * the article's lead-in), the sentence that introduces the list takes its place.
 */
function listIntro(best: Candidate, candidates: readonly Candidate[]): Candidate {
  const introOf = (index: number | undefined) => {
    if (index === undefined) return undefined;
    const unit = best.units[index];
    if (!listItems(unit, best.units).some((u) => u.index === best.unit.index)) return undefined;
    return candidates.find((c) => c.hitIndex === best.hitIndex && c.unit.index === index && c.sentence === unit.sentences.length - 1);
  };
  if (best.unit.point !== undefined) return introOf(best.unit.parent) ?? best;
  if (best.unit.clause === undefined || best.unit.parent !== undefined) return best;
  const leadIn = best.units.find((u) => u.clause === undefined && u.parent === undefined && u.index < best.unit.index && u.body.endsWith(':'));
  return introOf(leadIn?.index) ?? best;
}

/**
 * The best sentence, and the next one of the same unit when it adds asked content and both fit. A sentence
 * that introduces a list ("… một trong các hình thức:") takes its items along, in one line, when they fit:
 * the items are the answer.
 */
function leadSentences(best: Candidate, terms: { words: string[] }, asked: FactKind[], maxChars: number): string[] {
  const items = best.sentence === best.unit.sentences.length - 1 ? listItems(best.unit, best.units) : [];
  if (items.length) {
    const line = [best.text, ...items.map((u) => `${u.prefix}${u.body}`)].join(' ');
    if (line.length <= maxChars) return [line];
  }
  const out = [best.text];
  const next = best.unit.sentences[best.sentence + 1];
  if (!next || best.text.length + next.length + 1 > maxChars || editorial(next)) return out;
  const covered = new Set(terms.words.filter((w) => best.words.has(w)));
  const nextWords = new Set((next.toLowerCase().match(WORDS) ?? []).map(foldWord));
  const addsWords = terms.words.some((w) => !covered.has(w) && nextWords.has(w));
  const stated = new Set(statedFacts(best.text, asked));
  // A time limit or a figure asked for, after a short sentence that states one: a step of a procedure
  // whose next step carries the other limit ("trong vòng 02 giờ hệ thống báo …" then "… không muộn hơn
  // 08 giờ làm việc"). A long sentence with its figure is a whole provision and stands alone.
  const short = best.text.length < SHORT_VALUE_SENTENCE;
  const addsFact = statedFacts(next, asked).some((k) => !stated.has(k) || (short && VALUE_FACTS.has(k)));
  if (addsWords || addsFact || best.text.length < 60) out.push(next);
  return out;
}

/** A lead sentence longer than this (characters) may be cut to the part of it that answers. */
const LONG_LEAD = 280;
/** Words that open a part of a sentence continuing the one before it: such a part cannot stand alone. */
const CONTINUES = new Set(['và', 'hoặc', 'nhưng', 'đồng', 'còn', 'trừ', 'kể', 'riêng', 'nếu', 'thì', 'do', 'nay', 'với', 'cho', 'được', 'phải', 'không', 'có', 'là']);
/** Words pointing back to what the part before named ("từ ngày đó", "cơ quan này"). */
const POINTS_BACK = new Set(['đó', 'này', 'ấy', 'trên', 'đây']);
/** Words by which a later part points back to an earlier one (not "này", which mostly names the document). */
const REFERS_BACK = new Set(['đó', 'ấy']);
/** "… gì", "… j": an open question whose answer may be every part of an enumeration. */
const ASKS_WHAT = /\b(gi|j)\b/u;

/**
 * A long single-sentence lead whose parts (split at top-level ";") hold the question's content words and
 * asked facts in fewer parts than all: the lead becomes the shortest run of parts that holds every one of
 * them, and every part that holds as many of them as the best one (parallel rules, "… của bộ …; … của
 * tỉnh …", are alternatives the question did not choose between), so the answer opens with what was asked
 * ("người đứng đầu có chịu trách nhiệm về kết quả CCHC không": "Người đứng đầu chịu trách nhiệm về kết
 * quả cải cách hành chính …", was a 90-word sentence on what each ministry leads). The whole clause is
 * still quoted under the lead. Left whole: a sentence that introduces a list (":" before its parts), a
 * list or "… gì" question (the parts may all be the answer), and a run that opens with a word continuing
 * the part before it or points back to it ("từ ngày đó").
 */
function trimLongLead(sentences: string[], terms: { words: string[] }, asked: FactKind[], question: string): string[] {
  if (sentences.length !== 1 || sentences[0].length <= LONG_LEAD) return sentences;
  if (asked.includes('list') || ASKS_WHAT.test(foldText(question))) return sentences;
  const parts = topLevelParts(sentences[0]);
  if (parts.length < 2 || parts[0].includes(':')) return sentences;
  const held = parts.map((p) => {
    const words = new Set((p.toLowerCase().match(WORDS) ?? []).map(foldWord));
    return new Set([...terms.words.filter((w) => words.has(w)), ...statedFacts(p, asked).map((k) => `#${k}`)]);
  });
  const all = new Set(held.flatMap((h) => [...h]));
  if (!all.size) return sentences;
  const most = Math.max(...held.map((h) => h.size));
  const tops = held.flatMap((h, i) => (h.size === most ? [i] : []));
  let best: [number, number] | undefined;
  for (let a = 0; a <= tops[0]; a++) {
    const got = new Set<string>();
    for (let b = a; b < parts.length; b++) {
      for (const x of held[b]) got.add(x);
      if (got.size < all.size || b < tops[tops.length - 1]) continue;
      if (!best || b - a < best[1] - best[0]) best = [a, b];
      break;
    }
  }
  if (!best) return sentences;
  // A later part that points back ("… chậm nhất 05 ngày làm việc trước ngày đó") goes with the run.
  while (best[1] + 1 < parts.length && (parts[best[1] + 1].toLowerCase().match(WORDS) ?? []).some((w) => REFERS_BACK.has(w))) best[1]++;
  if (best[1] - best[0] + 1 === parts.length) return sentences;
  const opening = (parts[best[0]].toLowerCase().match(WORDS) ?? []).slice(0, 4);
  if (CONTINUES.has(opening[0] ?? '') || opening.some((w) => POINTS_BACK.has(w))) return sentences;
  const run = parts.slice(best[0], best[1] + 1).join('; ').replace(/[;,]\s*$/u, '');
  return [`${run.charAt(0).toUpperCase()}${run.slice(1)}`];
}

/**
 * A difference asked between two terms, and passages found that define both ("bản sao y với bản trích sao
 * khác nhau thế nào": "Bản sao y là …" and "Bản trích sao là …", Khoản 10 and 12 Điều 3): the two definitions
 * lead, each quoted with its clause, since what tells the two apart is what each is. Undefined unless both
 * are defined.
 */
function contrastedDefinitions(candidates: readonly Candidate[], hits: readonly SearchHit[], question: string, quoteChars: number): DirectAnswer | undefined {
  const terms = contrastedTerms(question);
  if (!terms) return undefined;
  const picks = terms.map((term) => {
    for (const c of candidates) {
      const part = topLevelParts(c.text).find((p) => definesTerm(p, term));
      if (part) return { c, part: part.replace(/[;,.]\s*$/u, '') };
    }
    return undefined;
  });
  if (!picks[0] || !picks[1] || picks[0].part === picks[1].part) return undefined;
  const quotes: QuotePick[] = [];
  for (const { c } of picks as Array<{ c: Candidate; part: string }>) {
    const hit = hits[c.hitIndex];
    const path = unitPath(hit.chunk, c.unit);
    if (!quotes.some((q) => q.hit.chunk.id === hit.chunk.id && q.path === path)) quotes.push({ hit, path, text: quoteOf(c.unit, c.units, c.sentence, quoteChars), shown: true });
  }
  const sentences = (picks as Array<{ c: Candidate; part: string }>).map(({ part }) => asLeadSentence(`${part.charAt(0).toUpperCase()}${part.slice(1)}.`));
  // Two clauses of one article lead together: "Khoản 10, 12 Điều 3".
  const [a, b] = quotes.map((q) => /^Khoản (\S+) (Điều .+)$/u.exec(q.path));
  const path = quotes.length === 2 && quotes[0].hit.chunk.id === quotes[1].hit.chunk.id && a && b && a[2] === b[2] ? `Khoản ${a[1]}, ${b[1]} ${a[2]}` : quotes[0].path;
  return { hit: quotes[0].hit, path, sentences, quotes };
}

/**
 * A definition asked, and a one-sentence lead that defines several terms one after another ("Điều động là …;
 * luân chuyển là …; biệt phái là …"): the lead is the part that defines the asked term ("biệt phái là gì":
 * "Biệt phái là cử công chức …"). The whole clause is still quoted under it.
 */
function definitionPart(sentences: string[], question: string): string[] {
  const term = askedTerm(question);
  if (!term || sentences.length !== 1) return sentences;
  const parts = topLevelParts(sentences[0]);
  if (parts.length < 2 || parts.filter((p) => definitionHead(p).length).length < 2) return sentences;
  const own = parts.filter((p) => definesTerm(p, term));
  if (own.length !== 1) return sentences;
  const part = own[0].replace(/[;,.]\s*$/u, '');
  return [`${part.charAt(0).toUpperCase()}${part.slice(1)}.`];
}

/** The parts of a sentence between ";" outside parentheses and quotes, trimmed. */
function topLevelParts(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i];
    if (ch === '(' || ch === '“') depth++;
    else if ((ch === ')' || ch === '”') && depth > 0) depth--;
    else if (ch === ';' && depth === 0) {
      out.push(sentence.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(sentence.slice(start).trim());
  return out.filter((p) => p.length > 0);
}

/** Kinds of fact that are values (a time limit, a figure, a share): two of them can answer one question. */
const VALUE_FACTS: ReadonlySet<FactKind> = new Set(['time', 'quantity', 'percent']);
/** A lead sentence shorter than this that states a value takes the next sentence's value along. */
const SHORT_VALUE_SENTENCE = 200;

/**
 * The second quote: the best-scoring other clause or point (any chosen hit) whose score is at least
 * `share` of the lead's, which the first quote does not already hold, and which adds something to the
 * lead: a content word of the question or an asked kind of fact that the lead lacks.
 */
function secondQuote(candidates: Candidate[], best: Candidate, lead: string[], words: readonly string[], asked: FactKind[], share: number): Candidate | undefined {
  const items = new Set(listItems(best.unit, best.units).map((u) => u.index));
  const inFirst = (c: Candidate) =>
    c.hitIndex === best.hitIndex &&
    (c.unit.index === best.unit.index || c.unit.parent === best.unit.index || items.has(c.unit.index) || (best.unit.parent !== undefined && c.unit.index === best.unit.parent && c.unit.body.endsWith(':')));
  const leadWords = new Set(lead.flatMap((s) => (s.toLowerCase().match(WORDS) ?? []).map(foldWord)));
  const leadFacts = new Set(lead.flatMap((s) => statedFacts(s, asked)));
  const adds = (c: Candidate) => words.some((w) => !leadWords.has(w) && c.words.has(w)) || statedFacts(c.text, asked).some((k) => !leadFacts.has(k));
  // A step's bare name that the lead's own article details says nothing more ("1. Cấp số, thời gian ban
  // hành văn bản." under a lead of "Điều 15. Cấp số, thời gian ban hành văn bản").
  const leadTitle = bareWords(best.titleText);
  let pick: Candidate | undefined;
  for (const c of candidates) {
    if (inFirst(c) || c.score < best.score * share || !adds(c) || (leadTitle !== '' && bareWords(c.text) === leadTitle)) continue;
    if (!pick || c.score > pick.score) pick = c;
  }
  return pick;
}

/**
 * A whole clause or point with its number, trimmed at sentence boundaries around the answering sentence to
 * fit `maxChars`. A point comes with the lead-in of its clause ("3. Khi tiếp nhận hồ sơ:\na) …"); a clause
 * that introduces points ("… gồm:") comes with as many of them as fit.
 */
export function quoteOf(unit: ChunkUnit, units: readonly ChunkUnit[], sentence: number, maxChars: number): string {
  const own = `${unit.prefix}${window(unit.sentences, sentence, maxChars - unit.prefix.length)}`;
  const lines: string[] = [];
  const parent = unit.parent !== undefined ? units[unit.parent] : undefined;
  if (parent && unit.point) {
    const intro = parent.sentences[parent.sentences.length - 1] ?? '';
    const cut = parent.sentences.length > 1 ? '… ' : '';
    if (intro && own.length + intro.length + parent.prefix.length + 3 <= maxChars) lines.push(`${parent.prefix}${cut}${intro}`);
  }
  lines.push(own);
  if (unit.body.endsWith(':') && sentence === unit.sentences.length - 1) {
    let used = own.length;
    // A clause comes with its points (and unnumbered continuation lines); a lead-in with its clauses.
    const children = unit.clause !== undefined ? units.filter((u) => u.parent === unit.index) : listItems(unit, units);
    for (const child of children) {
      const line = `${child.prefix}${child.body}`;
      if (used + line.length + 1 > maxChars) {
        lines.push('…');
        break;
      }
      lines.push(line);
      used += line.length + 1;
    }
  }
  return lines.join('\n');
}

/** Contiguous sentences around `center` that fit in `maxChars`, with "…" where the text was cut. */
function window(sentences: readonly string[], center: number, maxChars: number): string {
  let from = center;
  let to = center;
  let used = sentences[center].length;
  for (;;) {
    const forward = to + 1 < sentences.length && used + sentences[to + 1].length + 1 <= maxChars;
    if (forward) {
      to += 1;
      used += sentences[to].length + 1;
      continue;
    }
    const backward = from > 0 && used + sentences[from - 1].length + 1 <= maxChars;
    if (!backward) break;
    from -= 1;
    used += sentences[from].length + 1;
  }
  const body = sentences.slice(from, to + 1).join(' ');
  return `${from > 0 ? '… ' : ''}${body}${to < sentences.length - 1 ? ' …' : ''}`;
}

/** Text without ellipses, punctuation at the end or repeated spaces, to compare a quote with the lead. */
function bare(text: string): string {
  return text.replace(/…/gu, ' ').replace(/\s+/gu, ' ').trim().replace(/[.;:,]$/u, '');
}

/** A quote without its clause or point number, to compare with the lead. */
function stripNumber(text: string): string {
  return text.replace(/^(\d{1,3}[a-zđ]?\.|[a-zđ]\))\s+/u, '').trim();
}

/** A sentence ready to follow "Theo …:": a list item's ";" or trailing "," becomes "."; ":" stays. */
export function asLeadSentence(s: string): string {
  const t = s.trim().replace(/[;,]\s*(và|hoặc)?$/u, '.');
  return /[.:?!…”")]$/u.test(t) ? t : `${t}.`;
}

function isOutdatedStatus(status: string): boolean {
  return status === 'replaced' || status === 'expired';
}
