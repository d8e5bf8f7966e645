/**
 * Common nouns that head the proper names of the field. "Bộ phận Một cửa" is a unit; "bộ phận" on its own is
 * a part of something ("thủ tục hành chính gồm những bộ phận nào": name, sequence, dossier, time limit …).
 * A decree on the one-stop desk writes "Bộ phận Một cửa" in nearly every clause, so a question about the
 * parts of a procedure found its clauses covering "bộ phận" in full and was answered from them at 0.91.
 *
 * The names come from the glossary: an abbreviation's full form whose words after the first two or more start
 * with a capital ("Bộ phận Một cửa", "Trung tâm Phục vụ hành chính công", "Văn phòng Chính phủ") has those
 * lower-case first words as its head; every glossary phrase that starts with that head and goes on is then a
 * name with it ("bộ phận tiếp nhận và trả kết quả"). A head of one word ("Bộ Nội vụ", "Cổng …") is left out:
 * one syllable means too many things.
 *
 * A question uses a head as a common noun when a count or plural word comes before it ("những bộ phận",
 * "một bộ phận") and no name follows it. A passage holds a head only inside names when it writes the head,
 * and every time as the start of a name: then the passage does not hold what the question's word means, and
 * search counts the word as absent from it.
 *
 * Everything here is on folded words (no diacritics, lower case).
 */
import type { Analyzer } from '../text/analyzer.js';

/** One head and the names it starts. */
export interface NameHead {
  /** The head's words ("bo", "phan"). */
  words: readonly string[];
  /** Each name that starts with the head, as words (head included). */
  names: ReadonlyArray<readonly string[]>;
  /** The head's index terms (exact and folded words and pair), those a question's coverage counts. */
  terms: ReadonlySet<string>;
}

/**
 * Words before a head that make it a common noun: a count or a plural ("những bộ phận", "các bộ phận", "một
 * bộ phận"). Without one, a bare head is as often the name shortened ("nộp ở trung tâm xã mình" is the
 * Trung tâm Phục vụ hành chính công) or a question for the name ("bộ phận nào tiếp nhận hồ sơ").
 */
const QUANTIFIERS = new Set(['nhung', 'cac', 'may', 'mot', 'moi', 'tung', '1']);

/** The heads of the glossary's names; see the module comment. */
export class NameHeads {
  readonly heads: readonly NameHead[];

  /**
   * @param fullForms the glossary abbreviations' full forms as written (case kept)
   * @param phrases every glossary phrase (full forms and synonyms)
   * @param analyzer the index's text analysis
   */
  constructor(fullForms: readonly string[], phrases: readonly string[], analyzer: Analyzer) {
    const words = (text: string) => analyzer.tokenize(text).map((t) => t.folded);
    const heads = new Map<string, { head: string[]; terms: Set<string> }>();
    for (const form of fullForms) {
      const raw = form.normalize('NFC').match(/[\p{L}\p{N}&]+/gu) ?? [];
      const cut = raw.findIndex((w, i) => i > 0 && /^\p{Lu}/u.test(w));
      if (cut < 2) continue;
      const text = raw.slice(0, cut).join(' ').toLowerCase();
      const head = words(text);
      if (head.length < 2) continue;
      const known = heads.get(head.join(' '));
      const terms = known?.terms ?? new Set<string>();
      for (const t of analyzer.indexTerms(text)) terms.add(t);
      heads.set(head.join(' '), { head, terms });
    }
    const phraseWords = [...new Set(phrases.map((p) => words(p).join(' ')))].map((p) => p.split(' '));
    this.heads = [...heads.values()]
      .map(({ head, terms }) => ({
        words: head,
        names: phraseWords.filter((p) => p.length > head.length && head.every((w, i) => p[i] === w)),
        terms,
      }))
      .filter((h) => h.names.length > 0);
  }

  /**
   * The heads the question writes as common nouns (after a count or plural word, not as the start of a
   * name) and never as the start of a name: a question that names the unit too has the passage's name words.
   */
  freeIn(question: readonly string[]): NameHead[] {
    return this.heads.filter((h) => {
      const at = startsOf(question, h.words);
      return at.some((i) => QUANTIFIERS.has(question[i - 1] ?? '')) && !at.some((i) => startsName(question, i, h));
    });
  }

  /** Of `heads`, those the passage writes, and only as the start of a name. */
  boundIn(passage: readonly string[], heads: readonly NameHead[]): NameHead[] {
    return heads.filter((h) => {
      const at = startsOf(passage, h.words);
      return at.length > 0 && at.every((i) => startsName(passage, i, h));
    });
  }
}

/** Positions where `phrase` starts in `words`. */
function startsOf(words: readonly string[], phrase: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + phrase.length <= words.length; i++) if (phrase.every((w, k) => words[i + k] === w)) out.push(i);
  return out;
}

/**
 * Whether a name of `head` starts at `i`: the head and the next word of one of its names ("bộ phận tiếp nhận
 * trả kết quả" is the name even without its "và").
 */
function startsName(words: readonly string[], i: number, head: NameHead): boolean {
  const next = words[i + head.words.length];
  return next !== undefined && head.names.some((n) => n[head.words.length] === next);
}
