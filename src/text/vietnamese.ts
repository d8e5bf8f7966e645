/**
 * Low-level Vietnamese character facts used by the normalisers.
 *
 * Vietnamese letters carry at most two marks: a vowel-quality mark (ă â ê ô ơ ư, and đ) and one of five
 * tone marks (sắc ´, huyền `, hỏi ̉, ngã ˜, nặng ̣). We split them apart with NFD so that tone placement
 * ("hoà" vs "hòa") and missing diacritics ("thu tuc") can be handled uniformly.
 */

/** Combining tone marks, in the order of Telex/VNI tone numbers 1–5: sắc, huyền, hỏi, ngã, nặng. */
export const TONE_MARKS = ['\u0301', '\u0300', '\u0309', '\u0303', '\u0323'] as const;

/** Telex tone keys in the same order as {@link TONE_MARKS}. */
export const TELEX_TONE_KEYS = ['s', 'f', 'r', 'x', 'j'] as const;

const TONE_SET = new Set<string>(TONE_MARKS);

/** True when the character is a combining tone mark. */
export function isToneMark(ch: string): boolean {
  return TONE_SET.has(ch);
}

/** Basic vowels after removing every mark (used to find a syllable's vowel nucleus). */
export const PLAIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Matches any combining mark (U+0300–U+036F). */
export const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Removes every diacritic, including đ → d: the lossy "folded" form used to match text typed without
 * diacritics ("thu tuc hanh chinh" finds "thủ tục hành chính").
 */
export function foldDiacritics(s: string): string {
  if (ASCII.test(s)) return s;
  // Character by character through a table: the same result as folding the NFD of the whole string (a
  // character decomposes on its own, and every combining mark is dropped), without normalising it.
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    let f = charFolds.get(ch);
    if (f === undefined) {
      f = ch.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
      if (charFolds.size < MAX_CHAR_FOLDS) charFolds.set(ch, f);
    }
    out += f;
  }
  return out;
}

/** A string with nothing to fold. */
const ASCII = /^[\x00-\x7f]*$/;
/** Folded form of each non-ASCII character met so far (bounded: text in any script may pass through). */
const charFolds = new Map<string, string>();
const MAX_CHAR_FOLDS = 20_000;

/** True when the string contains any Vietnamese diacritic (tone, vowel-quality mark or đ). */
export function hasDiacritics(s: string): boolean {
  return s !== foldDiacritics(s);
}

const foldCache = new Map<string, string>();

/**
 * {@link foldDiacritics} for one lower-case word, memoised: answer excerpts and phrase lookups fold the
 * same few thousand words over and over, and NFD normalisation is the expensive part.
 */
export function foldWord(word: string): string {
  let f = foldCache.get(word);
  if (f === undefined) {
    f = foldDiacritics(word);
    if (foldCache.size > 100_000) foldCache.clear();
    foldCache.set(word, f);
  }
  return f;
}

/** Share of a question's syllables that must carry a diacritic for it to count as typed with diacritics. */
export const ACCENTED_SHARE = 0.25;

/**
 * Whether a question was typed with diacritics: at least a quarter of its syllables carry one. Numbers
 * and words in capitals (CCHC, NĐ) do not count. A lone "đc" or "đ" in a message typed without
 * diacritics does not make it accented: chat often keeps đ and nothing else. (Written Vietnamese has a
 * diacritic on most syllables, so accented text is far above the bar.)
 */
export function typedWithDiacritics(words: readonly string[]): boolean {
  let letters = 0;
  let accented = 0;
  for (const w of words) {
    if (!/\p{L}/u.test(w) || (w.length > 1 && w === w.toUpperCase())) continue;
    letters += 1;
    if (hasDiacritics(w.toLowerCase().replace(/đ/g, 'd'))) accented += 1;
  }
  return letters > 0 && accented / letters >= ACCENTED_SHARE;
}
