import { TONE_MARKS, isToneMark } from './vietnamese.js';

/**
 * SyllableNormalizer turns one lower-case Vietnamese syllable into its tone-canonical key: the letters with
 * their vowel-quality marks but without the tone mark, followed by a tone digit ("hòa" and "hoà" both give
 * "hoa2"; "qúy" and "quý" give "quy1"; "thuỷ"/"thủy" give "thuy3"). This is lossless for matching and makes
 * old and new tone placement (Quyết định 240/1984 vs. the "kiểu mới" placement) compare equal.
 *
 * Use it on tokens that are already lower-cased and NFC. Tokens with no tone mark are returned unchanged.
 */
export function toneKey(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  let tone = -1;
  let base = '';
  for (const ch of decomposed) {
    if (isToneMark(ch)) {
      tone = TONE_MARKS.indexOf(ch as (typeof TONE_MARKS)[number]);
    } else {
      base += ch;
    }
  }
  if (tone < 0) return syllable;
  return base.normalize('NFC') + String(tone + 1);
}

const TELEX_QUALITY: Array<[RegExp, string]> = [
  [/dd/g, 'đ'],
  [/aa/g, 'â'],
  [/aw/g, 'ă'],
  [/ee/g, 'ê'],
  [/oo/g, 'ô'],
  [/ow/g, 'ơ'],
  [/uw/g, 'ư'],
];

const VALID_FINALS = /(?:ch|nh|ng|c|m|n|p|t)?$/;
const SYLLABLE_SHAPE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?[aăâeêioôơuưy]{1,3}(?:ch|nh|ng|c|m|n|p|t)?$/;

/**
 * Recovers the folded form of a syllable typed with leftover Telex or VNI keystrokes, when the IME did not
 * convert them: "thur" → "thu", "tucj" → "tuc", "thu4" → "thu", "tu5c" → "tuc", "dduwowcj" → "duoc".
 * Returns null when the token does not look like such a leftover (so ordinary words are never changed).
 *
 * Vietnamese syllables never end in s, f, r, x, j nor contain digits, so a trailing Telex tone key or a VNI
 * digit inside an otherwise valid syllable is a reliable sign.
 */
export function recoverTypedSyllable(token: string): string | null {
  if (!/^[a-zđ0-9]+$/.test(token) || token.length < 2) return null;
  let t = token;
  let changed = false;
  if (/[0-9]/.test(t)) {
    if (!/^[a-zđ]+[1-9][a-z]*[1-9]?[a-z]*$/.test(t)) return null;
    t = t.replace(/[1-9]/g, '');
    changed = true;
  } else {
    const last = t[t.length - 1];
    if ('sfrxj'.includes(last) && t.length > 2) {
      t = t.slice(0, -1);
      changed = true;
    }
    // Telex quality keys: "uwow" → "ươ"; a lone trailing "w" after u/o/a.
    for (const [re, rep] of TELEX_QUALITY) {
      if (re.test(t)) {
        t = t.replace(re, rep);
        changed = true;
      }
    }
    if (/[uoa]w/.test(t)) {
      t = t.replace(/uw?ow?/g, 'ươ').replace(/([uoa])w/g, (_m, v: string) => ({ u: 'ư', o: 'ơ', a: 'ă' })[v] ?? v);
      changed = true;
    }
  }
  if (!changed) return null;
  // A lone initial "p" (not "ph") begins only a few loanwords ("pin"): "par", "pas" are foreign words, not Telex.
  if (/^p(?!h)/.test(t)) return null;
  const plain = t.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd');
  const check = t.replace(/đ/g, 'd');
  if (!SYLLABLE_SHAPE.test(check.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) || !VALID_FINALS.test(plain)) {
    return null;
  }
  return plain;
}
