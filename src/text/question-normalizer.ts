/**
 * Question normaliser: turns a message typed the way officials type in chat into the question it asks,
 * before FAQ matching, retrieval and the confidence features see it.
 *
 * "cho e hỏi hs trễ hạn thì phải làm j ạ 🙏🙏" → "hồ sơ trễ hạn thì phải làm gì"
 *
 * Steps (each a named rule, see `chat-spellings.ts`): emoji and markup out, letters repeated for
 * emphasis collapsed ("ạaaa", "khôngggg"), politeness openers and closers removed, pronouns dropped,
 * chat spellings expanded in context. Document numbers, article numbers, list letters ("điểm k") and
 * field abbreviations (left to the glossary) are kept as typed. It never throws and never returns an
 * empty question for a non-empty one that had content: when everything would go, the input stays.
 */
import { foldDiacritics, foldWord, isToneMark, typedWithDiacritics } from './vietnamese.js';
import { ASKER_PRONOUNS, ASKER_UNITS, CHAT_SPELLINGS, CLOSERS, DK_SPELLINGS, NORMALIZER_RULES, OPENERS, PRONOUN_LETTERS } from './chat-spellings.js';
import type { NormalizerRule } from './chat-spellings.js';

export type { NormalizerRule };
export { NORMALIZER_RULES };

/** Result of {@link normalizeQuestion}. */
export interface NormalizedQuestion {
  /** The question as typed. */
  original: string;
  /** The cleaned question: what FAQ matching, retrieval and the confidence features use. */
  text: string;
  /** Filler phrases removed ("cho em hỏi", "ạ"). */
  fillers: string[];
  /** Chat spellings expanded, as [typed, meaning]. */
  expansions: Array<[string, string]>;
  /** A pasted text the question was asked under, cut off before it ({@link questionAfterPaste}). */
  pasted?: string;
}

/** Options of {@link normalizeQuestion}. */
export interface NormalizeOptions {
  /** Rules to leave out (to measure each one). Default: none. */
  disabled?: ReadonlySet<NormalizerRule>;
}

interface Tok {
  raw: string;
  lower: string;
  folded: string;
  accented: boolean;
  start: number;
  end: number;
  /** undefined: keep; null: remove; string: replace. */
  out?: string | null;
}

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu;
const MARKUP = /<\/?[a-z][^<>]*>|&[a-z]+;|&#\d+;/gi;
const ROMAN = /^[ivxlcdm]+$/i;
const WORD = /[\p{L}\p{N}]+/gu;
const LIST_CONTEXT = new Set(['diem', 'khoan', 'muc', 'tiet', 'phu']);
const MAX_CHARS = 2000;

/**
 * Normalises an official's question (see the module comment). `original` is kept; `text` is what to
 * search with.
 *
 * @example normalizeQuestion('cho e hỏi đề án 4599 có mấy nd ạ').text // 'đề án 4599 có mấy nd'
 */
export function normalizeQuestion(input: string, options: NormalizeOptions = {}): NormalizedQuestion {
  const off = options.disabled ?? new Set<NormalizerRule>();
  const on = (r: NormalizerRule) => !off.has(r);
  let text = input.normalize('NFC').slice(0, MAX_CHARS);
  if (on('emoji')) text = text.replace(EMOJI, ' ');
  if (on('markup')) text = text.replace(MARKUP, ' ');
  if (on('repeats')) text = collapseRepeats(text);
  if (on('units')) text = splitUnits(text);
  let pasted: string | undefined;
  if (on('pasted')) {
    const question = questionAfterPaste(text);
    if (question !== text) pasted = text.slice(0, text.length - question.length).trim();
    text = question;
  }
  const toks = tokenize(text);
  const fillers: string[] = [];
  const expansions: Array<[string, string]> = [];
  if (on('openers')) stripOpeners(toks, fillers);
  if (on('closers')) stripClosers(toks, fillers, text);
  if (on('closers')) dropInnerParticles(toks, fillers);
  if (on('pronouns')) dropPronouns(toks, text, fillers);
  expandSpellings(toks, text, on, expansions, typedWithDiacritics(toks.filter((t) => t.out === undefined && !CHAT_SPELLINGS.has(t.lower)).map((t) => t.raw)));
  let out = rebuild(text, toks);
  if (!/[\p{L}\p{N}]/u.test(out) && /[\p{L}\p{N}]/u.test(text)) out = tidy(text);
  if (on('definition-of')) out = meaningAsWhat(definitionAsWhat(out));
  if (on('closers')) out = withoutTrailingExample(out, fillers);
  return { original: input, text: out, fillers, expansions, ...(pasted ? { pasted } : {}) };
}

/** "cho em hỏi", "mn cho hỏi", "xin hỏi", "ad ơi cho mình hỏi" (folded): where an official's own question starts. */
const ASK_CUE = /(?:^|[^\p{L}\p{N}])(?:(?:mn|moi nguoi|anh chi|ac|ad|admin)\s+(?:oi\s+)?)?(?:cho|xin)\s+(?:(?:em|e|minh|toi|t|chau)\s+)?hoi(?![\p{L}\p{N}])/gu;
/** Words a pasted text runs to before the question, at least. */
const PASTE_MIN_WORDS = 15;

/**
 * A question asked under a pasted text ("Kính gửi các đồng chí, thực hiện … Đề nghị … mn cho hỏi sau 1/7 xã
 * mình …"): officials paste the instruction they are asking about, whose words would swamp the question.
 * The text from the last ask cue on is the question, when at least {@link PASTE_MIN_WORDS} words come before
 * the cue and at least three after it; otherwise the text is left as it is.
 */
function questionAfterPaste(text: string): string {
  const folded = foldDiacritics(text.toLowerCase());
  if (folded.length !== text.length) return text;
  const cue = [...folded.matchAll(ASK_CUE)].at(-1);
  if (!cue) return text;
  const start = cue.index + cue[0].search(/[\p{L}\p{N}]/u);
  const before = text.slice(0, start).match(WORD)?.length ?? 0;
  const after = text.slice(cue.index + cue[0].length).match(WORD)?.length ?? 0;
  return before >= PASTE_MIN_WORDS && after >= 3 ? text.slice(start) : text;
}

/**
 * A number typed against its unit, as chat does ("35mm", "4h chiều", "15p", "500k", "5tr"), written as
 * documents write it ("35 mm", "4 giờ", "15 phút", "500 nghìn", "5 triệu"): one token "35mm" matches
 * nothing in a text that says "lề trái 30 – 35 mm". Only these units: a single letter glued to a number
 * otherwise is an article's or a point's ("Điều 10a") and stays, and so does a longer code ("A4",
 * "QĐ-UBND"; "210x297mm" is split at its end only).
 */
const GLUED_MEASURE = /(?<![\p{L}])(\d+(?:[.,]\d+)?)(mm|cm|km|kg|m2|ha|h|p|k|tr)(?![\p{L}\p{N}])/giu;
const MEASURE_WORDS: Readonly<Record<string, string>> = { h: 'giờ', p: 'phút', k: 'nghìn', tr: 'triệu' };

function splitUnits(text: string): string {
  // A question typed without diacritics gets the unit without them too ("4h chieu" → "4 gio chieu").
  const plain = foldDiacritics(text) === text;
  return text.replace(GLUED_MEASURE, (_m, n: string, unit: string) => {
    const word = MEASURE_WORDS[unit.toLowerCase()] ?? unit;
    return `${n} ${plain ? foldDiacritics(word) : word}`;
  });
}

/** "ạaaa" → "ạ", "khôngggg" → "không", "??!!" → "?": chat emphasis, never Vietnamese spelling. */
function collapseRepeats(text: string): string {
  return text
    .replace(/[\p{L}]+/gu, (w) => (ROMAN.test(w) ? w : collapseWord(w)))
    .replace(/([?!.])\1+/g, '$1')
    .replace(/[?!]{2,}/g, '?');
}

/**
 * Inside a word, three or more of one letter become two (no Vietnamese word has three); at its end, a
 * run of the same letter (tone marks aside: "ạaaa") becomes its first letter ("ạaaa" → "ạ", "nhéee" →
 * "nhé"): no Vietnamese word ends in a doubled vowel or consonant, except "ưu" ("lưu", "hưu", "cứu"),
 * whose letters differ by their quality mark, and which is "uu" when typed without marks ("luu tru",
 * "tra cuu"): a final "uu" stays.
 */
function collapseWord(w: string): string {
  if (w.length < 2) return w;
  const base = (ch: string) => stripTone(ch.toLowerCase());
  if (base(w[w.length - 1]) !== base(w[w.length - 2]) && !/(\p{L})\1\1/u.test(w)) return w;
  let end = w.length - 1;
  while (end > 0 && base(w[end - 1]) === base(w[end])) end -= 1;
  const run = w.length - end;
  // Abbreviations end in doubled consonants ("TTPVHCC", "cc"): only vowels, or three letters and more.
  const collapse = run >= 3 || (run === 2 && /[aeioy]/.test(foldWord(base(w[end]))));
  const head = collapse ? w.slice(0, end + 1) : w;
  return head.replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** One letter without its tone mark, vowel-quality marks kept ("ạ" → "a", "ữ" → "ư"). */
function stripTone(ch: string): string {
  return [...ch.normalize('NFD')].filter((c) => !isToneMark(c)).join('').normalize('NFC');
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const lower = raw.toLowerCase();
    const folded = foldWord(lower);
    toks.push({ raw, lower, folded, accented: folded !== lower, start: m.index ?? 0, end: (m.index ?? 0) + raw.length });
  }
  return toks;
}

/** One word of a filler phrase, with its folded form computed once. */
interface PatternWord {
  exact: string;
  folded: string;
}

/** A pattern word matches a token typed with its diacritics, or typed without any (unless strict). */
function wordMatches(pattern: PatternWord, t: Tok, strict = false): boolean {
  if (t.lower === pattern.exact) return true;
  return !strict && !t.accented && pattern.folded === t.folded;
}

const patternWords = (phrase: string): PatternWord[] => phrase.split(' ').map((w) => ({ exact: w, folded: foldDiacritics(w) }));
const OPENER_WORDS = OPENERS.map(patternWords).sort((a, b) => b.length - a.length);
const CLOSER_WORDS = CLOSERS.map((c) => ({ words: patternWords(c.phrase), strict: Boolean(c.strict) })).sort((a, b) => b.words.length - a.words.length);

function live(toks: Tok[]): number[] {
  return toks.flatMap((t, i) => (t.out === null ? [] : [i]));
}

function stripOpeners(toks: Tok[], fillers: string[]): void {
  for (let guard = 0; guard < 6; guard++) {
    const idx = live(toks);
    const hit = OPENER_WORDS.find((w) => w.length < idx.length && w.every((p, k) => wordMatches(p, toks[idx[k]])));
    if (!hit) return;
    fillers.push(idx.slice(0, hit.length).map((i) => toks[i].raw).join(' '));
    for (const i of idx.slice(0, hit.length)) toks[i].out = null;
  }
}

function stripClosers(toks: Tok[], fillers: string[], text: string): void {
  for (let guard = 0; guard < 8; guard++) {
    const idx = live(toks);
    const hit = CLOSER_WORDS.find((c) => {
      if (c.words.length >= idx.length) return false;
      const tail = idx.slice(idx.length - c.words.length);
      if (!c.words.every((p, k) => wordMatches(p, toks[tail[k]], c.strict))) return false;
      // A closing single letter may be a list letter ("điểm a", "khoản 2 điểm v").
      return !(c.words.length === 1 && toks[tail[0]].lower.length === 1 && isListLetter(toks, tail[0], text));
    });
    if (!hit) return;
    const tail = idx.slice(idx.length - hit.words.length);
    fillers.push(tail.map((i) => toks[i].raw).join(' '));
    for (const i of tail) toks[i].out = null;
  }
}

/** "ạ" typed in the middle ("… ạ, còn …") is a particle wherever it stands. */
function dropInnerParticles(toks: Tok[], fillers: string[]): void {
  for (const t of toks) {
    if (t.out === undefined && t.lower === 'ạ') {
      t.out = null;
      fillers.push(t.raw);
    }
  }
}

/** "định nghĩa (của / về) X", "khái niệm (của / về) X" as a whole question, over folded lower-case text. */
const DEFINITION_OPENING = /^(?:dinh nghia|khai niem)(?:\s+(?:cua|ve))?\s+(.+?)[\s?.!]*$/du;
/** Words of a term that already carries its own question ("… là gì", "… thế nào", "ai …"). */
const OTHER_ASK = /(?:^|\s)(?:la gi|la j|the nao|nhu the nao|ai|nao|bao nhieu|gom|khong|ko)(?:\s|$)/u;

/**
 * "định nghĩa của X", "khái niệm X" → "X là gì": the same question in the form definition matching reads.
 * Searched as typed, "định nghĩa" / "khái niệm" are words to match, and passages that say "định nghĩa này đã
 * được sửa đổi" outranked the one that defines X ("khái niệm thủ tục hành chính" was not answered, "định
 * nghĩa thủ tục hành chính" quoted the definition of another term). Only a whole question of up to 12 words
 * after the cue that asks nothing else; "là gì" is typed without marks when the term is.
 */
function definitionAsWhat(text: string): string {
  const t = text.trim();
  if (!/^[dđk]/iu.test(t)) return text; // neither "định nghĩa" nor "khái niệm": no folding needed
  const folded = foldDiacritics(t.toLowerCase());
  if (folded.length !== t.length) return text;
  const m = DEFINITION_OPENING.exec(folded);
  if (!m?.indices?.[1] || OTHER_ASK.test(m[1]) || (m[1].match(WORD)?.length ?? 0) > 12) return text;
  const term = t.slice(m.indices[1][0], m.indices[1][1]);
  return `${term} ${typedWithDiacritics(term.split(/\s+/u)) ? 'là gì' : 'la gi'}`;
}

/**
 * "X (có) nghĩa là gì / là sao / là thế nào", "X hiểu đơn giản là cái gì", "X nói nôm na là gì", "X là cái gì" →
 * "X là gì": "nghĩa", "hiểu đơn giản", "cái" ask, they are no words of the subject, and searched as typed they
 * weighed as words the passage lacks ("dvc toàn trình nghĩa là gì" was declined at 0.48, "… là gì" answered at
 * 0.80). "Ý nghĩa là gì" (the significance of something) is left as typed.
 */
const MEANING_ASK = new RegExp(
  [
    String.raw`(?<![\p{L}])(?<!(?:ý|y)\s)(?:(?:có|co)\s+)?(nghĩa|nghia)\s+(?:là|la)\s+(?:cái\s+|cai\s+)?(?:gì|gi|j|sao|thế nào|the nao|như thế nào|nhu the nao|ntn)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:(hiểu|hieu|nói|noi)\s+(?:(?:một|mot)\s+(?:cách|cach)\s+)?(?:đơn giản|don gian|nôm na|nom na|ngắn gọn|ngan gon|dễ hiểu|de hieu)\s+)?(là|la)\s+(?:cái|cai)\s+(?:gì|gi|j)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(hiểu|hieu|nói|noi)\s+(?:(?:một|mot)\s+(?:cách|cach)\s+)?(?:đơn giản|don gian|nôm na|nom na|ngắn gọn|ngan gon|dễ hiểu|de hieu)\s+(?:là|la)\s+(?:gì|gi|j)(?![\p{L}])`,
  ].join('|'),
  'giu',
);

function meaningAsWhat(text: string): string {
  // Typed without marks, "là gì" is written without them too.
  return text.replace(MEANING_ASK, (m: string) => (foldDiacritics(m) === m ? 'la gi' : 'là gì'));
}

/**
 * A short example after the question ("ký hiệu văn bản hành chính ghi ntn, vd qd-ubnd", "… (ví dụ: UBND xã)"):
 * its words are no part of what is asked and swamp a short question ("… ghi ntn" is answered at 0.96, with
 * ", vd qd-ubnd" it was declined at 0.17). Only at the end, after a comma or bracket, up to six words, and only
 * when at least four words of question come before it.
 */
const TRAILING_EXAMPLE = /\s*[,;(]\s*(?:vd|ví dụ|vi du|chẳng hạn|chang han)(?![\p{L}])\s*:?\s*([^,;.?!()]{1,80})\)?\s*[?.!]*\s*$/iu;

function withoutTrailingExample(text: string, fillers: string[]): string {
  const m = TRAILING_EXAMPLE.exec(text);
  if (!m || (m[1].match(WORD)?.length ?? 0) > 6 || (text.slice(0, m.index).match(WORD)?.length ?? 0) < 4) return text;
  fillers.push(m[0].trim());
  return text.slice(0, m.index);
}

/** Pronouns: "e" anywhere it is not a list letter; "a"/"c" only first in the message or before "ơi". */
function dropPronouns(toks: Tok[], text: string, fillers: string[]): void {
  const idx = live(toks);
  idx.forEach((i, k) => {
    const t = toks[i];
    if (ASKER_PRONOUNS.has(t.lower) && k + 1 < idx.length) {
      const prev = k > 0 ? toks[idx[k - 1]] : undefined;
      const prev2 = k > 1 ? toks[idx[k - 2]] : undefined;
      const afterUnit = prev !== undefined && (ASKER_UNITS.has(prev.folded) || (prev2 !== undefined && ASKER_UNITS.has(`${prev2.folded} ${prev.folded}`)));
      if (k === 0 || afterUnit) {
        t.out = null;
        fillers.push(t.raw);
      }
      return;
    }
    if (!PRONOUN_LETTERS.has(t.lower) || isListLetter(toks, i, text)) return;
    const next = idx[k + 1] !== undefined ? toks[idx[k + 1]] : undefined;
    const beforeVerb = next !== undefined && /^(muon|hoi|can|thay|dang|co|xin|chua|da|lam|duoc|khong|nop)$/.test(next.folded);
    if (t.lower === 'e' || k === 0 || beforeVerb) {
      t.out = null;
      fillers.push(t.raw);
    }
  });
}

/**
 * Expands chat spellings in place. In a question typed without diacritics the meaning goes in without
 * them too ("ko" → "khong"), so the question keeps one typing style for the analyser.
 */
function expandSpellings(toks: Tok[], text: string, on: (r: NormalizerRule) => boolean, expansions: Array<[string, string]>, accented: boolean): void {
  const idx = live(toks);
  idx.forEach((i, k) => {
    const t = toks[i];
    if (t.out !== undefined) return;
    const prev = k > 0 ? toks[idx[k - 1]] : undefined;
    const next = k + 1 < idx.length ? toks[idx[k + 1]] : undefined;
    const found = spellingFor(t, prev, next, toks, i, text, on);
    const meaning = found === undefined || accented ? found : foldDiacritics(found);
    if (meaning !== undefined) {
      t.out = meaning;
      expansions.push([t.raw, meaning]);
    }
  });
}

function spellingFor(t: Tok, prev: Tok | undefined, next: Tok | undefined, toks: Tok[], i: number, text: string, on: (r: NormalizerRule) => boolean): string | undefined {
  if (t.lower.length === 1 && isListLetter(toks, i, text)) return undefined;
  if (DK_SPELLINGS.has(t.lower) && on('duoc')) {
    const nearYesNo = (x: Tok | undefined) => x !== undefined && /^(co|khong|ko|k|duoc|chua|da)$/.test(x.folded);
    return nearYesNo(prev) || next === undefined ? 'được' : 'điều kiện';
  }
  if (on('mot-cua') && t.lower === '1' && next !== undefined && next.folded === 'cua') return 'một';
  if (on('dieu-khoan')) {
    const unit = gluedLegalUnit(t, toks);
    if (unit !== undefined) return unit;
  }
  if (on('nhu-the-nao') && t.folded === 'nhu' && next?.folded === 'nao') return 'như thế';
  const s = CHAT_SPELLINGS.get(t.lower);
  if (!s || !on(s.rule)) return undefined;
  // Upper-case short forms are abbreviations of names ("TP" in a unit name is still "thành phố", but
  // "BN" or "NG" written in capitals are not chat); keep capitals for the glossary.
  if (t.raw.length > 1 && t.raw === t.raw.toUpperCase() && s.rule !== 'thanh-pho') return undefined;
  return s.meaning;
}

/** "đ19", "k6", "nđ118": an article, clause or decree letter glued to its number. */
const GLUED_UNIT = /^(đ|d|k|nđ|nd)(\d{1,3}[a-zđ]?)$/u;
const UNIT_WORDS: Record<string, string> = { đ: 'điều', d: 'điều', k: 'khoản' };

/**
 * "đ19 nđ118 k6" → "điều 19 nđ 118 khoản 6": a letter glued to a number is an article ("đ"), a clause
 * ("k") or a decree ("nđ") only in a message with another such reference (another glued one, or the
 * words "điều", "khoản", "nđ", "nghị định", "luật"), so "k2" alone or a code such as "d2" stays.
 */
function gluedLegalUnit(t: Tok, toks: readonly Tok[]): string | undefined {
  const m = GLUED_UNIT.exec(t.lower);
  if (!m) return undefined;
  const legal = (x: Tok) => x !== t && (GLUED_UNIT.test(x.lower) || /^(dieu|khoan|nd|luat|nghi)$/.test(x.folded));
  if (!toks.some(legal)) return undefined;
  const word = UNIT_WORDS[m[1]];
  return word ? `${word} ${m[2]}` : `${t.raw.slice(0, m[1].length)} ${m[2]}`;
}

/** A single letter right after "điểm"/"khoản"/"mục", or followed by ")" or ".", is a list letter. */
function isListLetter(toks: Tok[], i: number, text: string): boolean {
  const t = toks[i];
  if (t.lower.length !== 1) return false;
  const prev = toks[i - 1];
  if (prev && LIST_CONTEXT.has(prev.folded)) return true;
  return /^\s*[).]/.test(text.slice(t.end, t.end + 3)) && !/^\s*\.\s*$/.test(text.slice(t.end));
}

function rebuild(text: string, toks: Tok[]): string {
  let out = '';
  let pos = 0;
  for (const t of toks) {
    out += text.slice(pos, t.start);
    if (t.out === undefined) out += t.raw;
    else if (t.out !== null) out += t.out;
    pos = t.end;
  }
  out += text.slice(pos);
  return tidy(out);
}

/** Whitespace and punctuation left behind by removals. */
function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:?!)])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/^[\s,.;:!)-]+/, '')
    .replace(/[\s,;:-]+([?.!]?)$/, '$1')
    .trim();
}
