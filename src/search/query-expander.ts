import type { Analyzer, QueryAnalysis } from '../text/analyzer.js';
import type { Glossary } from '../text/glossary.js';
import { foldDiacritics } from '../text/vietnamese.js';
import type { WeightedTerm } from './keyword-index.js';
import { buildQueryTerms } from './query-terms.js';

/** Weight of terms added from the glossary, relative to the words the official typed. */
const EXPANSION_WEIGHT = 0.6;
const SYNONYM_WEIGHT = 0.45;

interface Phrase {
  words: string[];
  text: string;
}

/**
 * QueryExpander adds glossary terms to a query, both ways: an abbreviation typed by the official
 * ("CCHC", "nđ 61") brings in its full form, and a full form ("ủy ban nhân dân") brings in the
 * abbreviation documents may use; a phrase from a synonym group brings in the other phrases of the group.
 * Matching is on folded words, so it works for text typed without diacritics too.
 */
export class QueryExpander {
  private readonly abbreviations = new Map<string, string[]>();
  private readonly fullForms: Array<{ phrase: Phrase; abbreviation: string }> = [];
  private readonly synonyms: Phrase[][] = [];
  /** The synonym groups, each with its phrases longest first (for {@link writeAs}). */
  private readonly longestFirst: Phrase[][] = [];

  constructor(
    private readonly analyzer: Analyzer,
    glossary: Glossary,
  ) {
    for (const [abbr, expansions] of glossary.abbreviations) {
      const key = abbreviationKey(abbr);
      if (!key) continue;
      this.abbreviations.set(key, [...(this.abbreviations.get(key) ?? []), ...expansions]);
      for (const e of expansions) this.fullForms.push({ phrase: this.phrase(e), abbreviation: abbr });
    }
    for (const group of glossary.synonymGroups) this.synonyms.push(group.map((p) => this.phrase(p)));
    for (const group of this.synonyms) this.longestFirst.push([...group].filter((p) => p.words.length).sort((a, b) => b.words.length - a.words.length));
  }

  /**
   * Query terms for `analysis`, plus glossary expansions at a lower weight. `terms` are the query's own
   * terms when the caller has already built them (`buildQueryTerms(analysis)`).
   */
  expand(analysis: QueryAnalysis, terms: WeightedTerm[] = buildQueryTerms(analysis)): WeightedTerm[] {
    const words = analysis.foldedWords;
    const extra: string[] = [];
    const extraSyn: string[] = [];
    for (const w of words) {
      const full = this.abbreviations.get(w);
      if (full) extra.push(...full);
    }
    for (const { phrase, abbreviation } of this.fullForms) {
      if (phrase.words.length > 1 && containsPhrase(words, phrase.words)) extra.push(abbreviation);
    }
    for (const group of this.synonyms) {
      const hit = group.find((p) => containsPhrase(words, p.words));
      if (hit) for (const p of group) if (p !== hit) extraSyn.push(p.text);
    }
    const merged = new Map(terms.map((t) => [t.term, t.weight]));
    const add = (texts: string[], weight: number): void => {
      for (const text of texts) {
        for (const t of buildQueryTerms(this.analyzer.analyzeQuery(text), undefined, weight)) {
          if ((merged.get(t.term) ?? 0) < t.weight) merged.set(t.term, t.weight);
        }
      }
    };
    add(extra, EXPANSION_WEIGHT);
    add(extraSyn, SYNONYM_WEIGHT);
    return [...merged].map(([term, weight]) => ({ term, weight }));
  }

  /**
   * The question with each abbreviation that has a single meaning in the glossary written out in full
   * ("tthc là gì" → "thủ tục hành chính là gì"), for ranking and coverage: the official meant the full
   * form, so a passage that writes it in full answers the typed word. Written without diacritics when the
   * question has none (so an unaccented question stays unaccented), and without the expansion's commas.
   * Abbreviations with several meanings ("CT": chỉ thị, chủ tịch) stay as typed (the glossary expansion
   * adds their meanings at a lower weight), unless `choose` picks one: it gets the text with that one
   * abbreviation written out each way (and the text as it stands) and returns the index of the reading to keep,
   * or undefined.
   */
  spellOutText(text: string, accented: boolean, choose?: (readings: string[], current: string) => number | undefined): string {
    const written = (full: string): string => {
      const plain = full.replace(/[,;]/gu, '').toLowerCase();
      return accented ? plain : foldDiacritics(plain);
    };
    let out = text.replace(/[\p{L}\p{N}&]+/gu, (word) => {
      const full = this.abbreviations.get(abbreviationKey(word));
      return full?.length === 1 ? written(full[0]) : word;
    });
    if (!choose) return out;
    for (const m of [...out.matchAll(/[\p{L}\p{N}&]+/gu)].reverse()) {
      const full = this.abbreviations.get(abbreviationKey(m[0]));
      if (!full || full.length < 2) continue;
      const at = m.index ?? 0;
      const readings = full.map((f) => out.slice(0, at) + written(f) + out.slice(at + m[0].length));
      const kept = choose(readings, out);
      if (kept !== undefined) out = readings[kept];
    }
    return out;
  }

  /** Whether the glossary spells out `word` ("tthc", "CCHC", "vtvl"): a word of the domain, not a foreign one. */
  isAbbreviation(word: string): boolean {
    return this.abbreviations.has(abbreviationKey(word));
  }

  /**
   * The folded words of a question with each glossary abbreviation spelled out ("vtvl" → "vi tri viec
   * lam"), for the confidence features: an abbreviation the passages write in full is covered, not an
   * unseen word. `pick` chooses among an abbreviation's expansions (folded words each) and may return
   * undefined to keep the abbreviation as typed. Retrieval itself uses {@link expand}.
   */
  spellOut(words: readonly string[], pick: (abbreviation: string, options: string[][]) => string[] | undefined): string[] {
    const out: string[] = [];
    for (const w of words) {
      const full = this.abbreviations.get(w);
      const chosen = full ? pick(w, full.map((f) => this.phrase(f).words)) : undefined;
      if (chosen) out.push(...chosen);
      else out.push(w);
    }
    return out;
  }

  /**
   * The folded words of a question with each synonym-group phrase that a passage lacks replaced by the
   * group's phrase that passage writes ("hồ sơ trễ hạn" → "ho so qua han" when the passage says "quá
   * hạn"), for the confidence features: the glossary says the two mean the same, so the passage covers
   * the official's word. A phrase is replaced only when one of its words is missing from the passage and
   * another phrase of its group is there in full (the longest such); the first occurrence is replaced, and
   * a word already replaced is not read again. Retrieval itself uses {@link expand}.
   *
   * @param has whether the passage holds a folded word
   * @param pair whether the passage writes two folded words side by side: a phrase whose words stand together
   *   there is preferred to a longer one whose words are only scattered over it ("quá hạn" written, against "chậm
   *   nhất … trả … kết quả" for "chậm trả kết quả"); without it, or when no phrase stands together, each word alone
   *   is enough
   */
  writeAs(words: readonly string[], has: (word: string) => boolean, pair?: (a: string, b: string) => boolean): string[] {
    const together = (p: Phrase) => p.words.every(has) && (!pair || p.words.every((w, i) => i === 0 || pair(p.words[i - 1], w)));
    let out = [...words];
    const replaced = new Array<boolean>(out.length).fill(false);
    for (const group of this.longestFirst) {
      let at = -1;
      const typed = group.find((p) => (at = phraseAt(out, p.words)) >= 0);
      if (!typed || typed.words.every(has)) continue;
      if (replaced.slice(at, at + typed.words.length).some(Boolean)) continue;
      // Longest first: the first phrase the passage holds in full is the longest.
      const best = group.find((p) => p !== typed && together(p)) ?? group.find((p) => p !== typed && p.words.every(has));
      if (!best) continue;
      out = [...out.slice(0, at), ...best.words, ...out.slice(at + typed.words.length)];
      replaced.splice(at, typed.words.length, ...best.words.map(() => true));
    }
    return out;
  }

  /** The glossary's phrases: the abbreviations' full forms as written, and every phrase (full forms and synonyms). */
  glossaryPhrases(): { fullForms: string[]; phrases: string[] } {
    const fullForms = this.fullForms.map((f) => f.phrase.text);
    return { fullForms, phrases: [...fullForms, ...this.synonyms.flat().map((p) => p.text)] };
  }

  private phrase(text: string): Phrase {
    return { text, words: this.analyzer.tokenize(text).map((t) => t.folded) };
  }
}

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  return phraseAt(words, phrase) >= 0;
}

/** Where `phrase` first occurs in `words`, or -1. */
function phraseAt(words: readonly string[], phrase: readonly string[]): number {
  if (!phrase.length || phrase.length > words.length) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

/** The glossary key of an abbreviation as typed: folded, lower case, letters and digits only ("TN&TKQ" → "tntkq"). */
function abbreviationKey(word: string): string {
  return foldDiacritics(word.toLowerCase()).replace(/[^a-z0-9]/g, '');
}
