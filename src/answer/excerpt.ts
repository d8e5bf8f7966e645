import { foldWord } from '../text/vietnamese.js';
import { FOLDED_STOPWORDS } from '../text/stopwords.js';

const WORDS = /[\p{L}\p{N}]+/gu;

/**
 * Picks the sentences of `text` that best match the query words and trims around them, keeping the
 * original order and marking skipped text with "…". Sentences are split at line breaks and at ". " / "; ".
 */
export function excerpt(text: string, queryWords: readonly string[], maxChars = 600): string {
  if (text.length <= maxChars) return text;
  const words = new Set(queryWords.filter((w) => w.length > 1 && !FOLDED_STOPWORDS.has(w)));
  const pairs = new Set<string>();
  for (let i = 1; i < queryWords.length; i++) pairs.add(`${queryWords[i - 1]} ${queryWords[i]}`);
  const { sentences, folded } = splitSentences(text);
  const scored = sentences.map((sentence, i) => {
    const f = folded[i];
    let score = 0;
    for (let j = 0; j < f.length; j++) {
      if (words.has(f[j])) score += 1;
      if (j && pairs.has(`${f[j - 1]} ${f[j]}`)) score += 2;
    }
    return { i, s: sentence.trim(), score: score / Math.sqrt(4 + f.length) };
  });
  const chosen = new Set<number>();
  let used = 0;
  for (const c of [...scored].sort((a, b) => b.score - a.score || a.i - b.i)) {
    if (c.score <= 0 && chosen.size) break;
    const len = c.s.length + 2;
    if (used + len > maxChars) {
      if (!chosen.size) {
        chosen.add(c.i);
        used = maxChars;
      }
      continue;
    }
    chosen.add(c.i);
    used += len;
  }
  const order = [...chosen].sort((a, b) => a - b);
  const parts: string[] = [];
  order.forEach((idx, k) => {
    if ((k === 0 && idx > 0) || (k > 0 && idx !== order[k - 1] + 1)) parts.push('…');
    const s = sentences[idx].trim();
    parts.push(s.length > maxChars ? `${s.slice(0, maxChars - 1)}…` : s);
  });
  if (order[order.length - 1] < sentences.length - 1) parts.push('…');
  return parts.join('\n');
}

const splitCache = new Map<string, { sentences: string[]; folded: string[][] }>();

/** Sentences of a passage and their folded words, memoised (the same chunks are quoted again and again). */
function splitSentences(text: string): { sentences: string[]; folded: string[][] } {
  let hit = splitCache.get(text);
  if (!hit) {
    const sentences = text.split(/\n|(?<=[.;:])\s+(?=\p{Lu}|\d+\.|[a-zđ]\))/u).filter((s) => s.trim());
    hit = { sentences, folded: sentences.map((s) => (s.toLowerCase().match(WORDS) ?? []).map(foldWord)) };
    if (splitCache.size > 5000) splitCache.clear();
    splitCache.set(text, hit);
  }
  return hit;
}
