/**
 * Top topics and top unanswered questions ("gaps") for the reports: simple, deterministic counting, no
 * language model. Ties are always broken by text, so the same rows give the same report.
 */
import { STOPWORDS } from '../text/stopwords.js';
import { foldDiacritics } from '../text/vietnamese.js';
import type { ReportQuestionRow } from './ports.js';
import type { GapRow, TopicRow } from './report-types.js';

/** A phrase must come from at least this many questions to be listed as a topic (one is noise). */
export const MIN_PHRASE_QUESTIONS = 2;

/**
 * The key unanswered questions are grouped by: NFC, lower case, diacritics folded (đ → d), anything but
 * letters and digits turned into spaces, spaces collapsed. "Hồ sơ một cửa?" and "ho so mot cua" group.
 */
export function questionKey(text: string): string {
  return foldDiacritics(text.normalize('NFC').toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The meaningful two-syllable phrases of a question, each once: adjacent syllables within one clause
 * (punctuation breaks clauses) where neither syllable is a function word (`text/stopwords.ts`) and both
 * contain a letter. Vietnamese words are mostly two syllables ("hồ sơ", "giấy phép"), so syllable
 * bigrams name topics far better than single syllables. It does not segment words properly; a phrase
 * that spans two words ("sơ cấp") can appear, but rarely in more than one question.
 */
export function topicPhrases(text: string): string[] {
  const phrases = new Set<string>();
  for (const clause of text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}\s]+/u)) {
    const syllables = clause.split(/\s+/).filter((s) => s !== '');
    for (let i = 0; i + 1 < syllables.length; i++) {
      const [a, b] = [syllables[i], syllables[i + 1]];
      if (STOPWORDS.has(a) || STOPWORDS.has(b) || !/\p{L}/u.test(a) || !/\p{L}/u.test(b)) continue;
      phrases.add(`${a} ${b}`);
    }
  }
  return [...phrases];
}

/** Code-point order, independent of the locale data of the machine. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The most frequent topics: each question counts the documents it cites (once each); a question citing
 * nothing counts its {@link topicPhrases} instead (phrases need {@link MIN_PHRASE_QUESTIONS} questions).
 * Sorted by count, documents before phrases on a tie, then by label.
 */
export function topTopics(questions: readonly ReportQuestionRow[], limit: number): TopicRow[] {
  const docs = new Map<string, { label: string; count: number }>();
  const words = new Map<string, number>();
  for (const q of questions) {
    if (q.citedDocs.length > 0) {
      const seen = new Set<string>();
      for (const d of q.citedDocs) {
        const key = d.number || d.id;
        if (seen.has(key)) continue;
        seen.add(key);
        const label = d.number && d.title ? `${d.number} — ${d.title}` : d.number || d.title || d.id;
        const entry = docs.get(key) ?? { label, count: 0 };
        entry.count++;
        docs.set(key, entry);
      }
    } else {
      for (const p of topicPhrases(q.text)) words.set(p, (words.get(p) ?? 0) + 1);
    }
  }
  const rows: TopicRow[] = [
    ...[...docs.values()].map((d) => ({ kind: 'document' as const, label: d.label, count: d.count })),
    ...[...words].filter(([, n]) => n >= MIN_PHRASE_QUESTIONS).map(([label, count]) => ({ kind: 'word' as const, label, count })),
  ];
  rows.sort((a, b) => b.count - a.count || (a.kind === b.kind ? 0 : a.kind === 'document' ? -1 : 1) || byText(a.label, b.label));
  return rows.slice(0, limit);
}

/**
 * The most frequent unanswered questions (the bot did not answer them), grouped by {@link questionKey}.
 * Sorted by count, then the most recently asked, then by key.
 */
export function topGaps(questions: readonly ReportQuestionRow[], limit: number): GapRow[] {
  const groups = new Map<string, { wordings: Map<string, number>; count: number; lastAskedAt: number }>();
  for (const q of [...questions].sort((a, b) => a.createdAt - b.createdAt || byText(a.id, b.id))) {
    if (q.answered) continue;
    const key = questionKey(q.text);
    if (key === '') continue;
    const g = groups.get(key) ?? { wordings: new Map<string, number>(), count: 0, lastAskedAt: q.createdAt };
    const wording = q.text.normalize('NFC').replace(/\s+/g, ' ').trim();
    g.wordings.set(wording, (g.wordings.get(wording) ?? 0) + 1);
    g.count++;
    g.lastAskedAt = Math.max(g.lastAskedAt, q.createdAt);
    groups.set(key, g);
  }
  const rows: GapRow[] = [...groups].map(([key, g]) => {
    // Map keeps insertion order (earliest first), so `>` keeps the earliest wording on a tie.
    let text = '';
    let best = 0;
    for (const [w, n] of g.wordings) if (n > best) [text, best] = [w, n];
    return { key, text, count: g.count, lastAskedAt: g.lastAskedAt };
  });
  rows.sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt || byText(a.key, b.key));
  return rows.slice(0, limit);
}
