/**
 * Off-topic questions: words foreign to the index. Only consulted when a question is not answered, to
 * choose between the one-sentence "what I cover" reply and an abstention that offers staff.
 */
import { FOLDED_PREFIX } from '../text/analyzer.js';
import { FOLDED_STOPWORDS, STOPWORDS } from '../text/stopwords.js';
import { foldWord } from '../text/vietnamese.js';
import type { KeywordIndex } from './keyword-index.js';
import { QUESTION_SHAPE } from './confidence-features.js';

/**
 * Whether a question's words are foreign to the index. It has content words, none of its content word
 * pairs occurs in the indexed text, and either the words the index knows carry less than half of its
 * idf-weighted content (an unseen word weighs the highest idf), or it has two content pairs or more and
 * the index holds none of them (every word known, every phrase new: "tỷ giá đô la", "cà phê muối").
 * A question near the domain shares at least a pair ("thủ tục", "hồ sơ") and is left for staff instead.
 *
 * A question typed with diacritics is judged on its words and pairs as typed (tone marks included):
 * folded, "giá vàng" (gold price) would pass for "giá … vắng" (absent) and "trời có" for "trợ cổ…",
 * which the index knows. Weighting by idf keeps a common syllable ("giá", "làm") from making a question
 * look known.
 *
 * A word the glossary spells out ("tthc", "cchc") belongs to the domain even when the passages only write
 * it in full: it counts as known.
 *
 * @param typed the question's own index terms (exact and folded, unigrams and bigrams)
 * @param accented whether the question was typed with diacritics
 * @param known words the domain knows besides the index (glossary abbreviations)
 * @param together whether the first passage found holds all these index terms (the question's content words)
 */
export function isForeign(
  typed: ReadonlyMap<string, number>,
  index: KeywordIndex,
  accented = false,
  known: (word: string) => boolean = () => false,
  together: (terms: readonly string[]) => boolean = () => false,
): boolean {
  const exactMode = accented && [...typed.keys()].some((t) => !t.startsWith(FOLDED_PREFIX));
  const terms = [...typed.keys()].filter((t) => t.startsWith(FOLDED_PREFIX) !== exactMode);
  const bare = (t: string) => (exactMode ? t : t.slice(FOLDED_PREFIX.length));
  const topical = (w: string) =>
    !(exactMode ? STOPWORDS.has(w) : false) && !FOLDED_STOPWORDS.has(foldWord(w)) && !QUESTION_SHAPE.has(foldWord(w)) && !/^\d+$/.test(w);
  const words = terms.filter((t) => !t.includes(' ') && topical(bare(t)));
  if (!words.length) return false;
  const pairs = terms.filter((t) => t.includes(' ') && bare(t).split(' ').every(topical));
  if (pairs.some((p) => index.idf(p) > 0)) return false;
  // Every phrase new, but one passage holds every word: a short question put in other words ("mực ký màu gì"
  // beside "Chữ ký … dùng mực màu xanh"), not chatter whose words the index knows one by one.
  if (pairs.length >= 2 && !together(words)) return true;
  const maxIdf = Math.log(1 + index.size);
  let seen = 0;
  let total = 0;
  for (const w of words) {
    if (known(bare(w))) {
      seen += maxIdf;
      total += maxIdf;
      continue;
    }
    const idf = index.idf(w);
    seen += idf;
    total += idf > 0 ? idf : maxIdf;
  }
  return seen / total < 0.5;
}
