/**
 * Words of the field that exclude one another: a question about one is not answered by a text about the
 * other. Curated answers are matched by how many words a question shares with their phrasings, and these
 * pairs differ by one or two words among many: "Hồ sơ nộp trực tiếp thì bao lâu cán bộ phải thông báo tiếp
 * nhận?" got the curated answer on dossiers filed online, "… tối thiểu bao nhiêu ngày" the one on the
 * maximum, "thời hạn miễn nhiệm" the one on re-appointment.
 *
 * Matched on the text as typed when it has diacritics, folded otherwise (each form below is unambiguous
 * without its marks).
 */
import { foldDiacritics } from '../text/vietnamese.js';

/** Each set: words that exclude one another, as written in the law. */
const CONTRASTS: ReadonlyArray<readonly string[]> = [
  ['trực tuyến', 'trực tiếp'],
  ['tối đa', 'tối thiểu'],
  ['bổ nhiệm', 'miễn nhiệm'],
  ['khen thưởng', 'kỷ luật'],
  ['văn bản đến', 'văn bản đi'],
  ['bản giấy', 'bản điện tử'],
  ['hồ sơ giấy', 'hồ sơ điện tử'],
  // A deputy's duties are those the head assigns, not the head's own.
  ['chủ tịch', 'phó chủ tịch'],
  ['giám đốc', 'phó giám đốc'],
  ['trưởng phòng', 'phó trưởng phòng'],
];

/** How a word reads after "quy định về" in a reply ("quy định về mức tối đa"); the word itself otherwise. */
const LABELS: ReadonlyMap<string, string> = new Map([
  ['trực tuyến', 'hình thức trực tuyến'],
  ['trực tiếp', 'hình thức trực tiếp'],
  ['tối đa', 'mức tối đa'],
  ['tối thiểu', 'mức tối thiểu'],
]);

interface Compiled {
  words: readonly string[];
  /** The words folded, to skip the patterns when a text does not even contain one. */
  foldedWords: readonly string[];
  marked: readonly RegExp[];
  folded: readonly RegExp[];
}

/**
 * A word as a whole word; when its set also holds "phó <word>", not preceded by "phó" ("chủ tịch" is not
 * found in "phó chủ tịch").
 */
function pattern(word: string, set: readonly string[], fold: (s: string) => string): RegExp {
  const deputy = set.includes(`phó ${word}`) ? `(?<!${fold('phó')}\\s)` : '';
  return new RegExp(`${deputy}(?<![\\p{L}\\p{N}])${fold(word)}(?![\\p{L}\\p{N}])`, 'u');
}
const COMPILED: readonly Compiled[] = CONTRASTS.map((words) => ({
  words,
  foldedWords: words.map(foldDiacritics),
  marked: words.map((w) => pattern(w, words, (x) => x)),
  folded: words.map((w) => pattern(w, words, foldDiacritics)),
}));

/** For each set (by index), the words of it a text names; sets it names none of are left out. */
export type ContrastsNamed = ReadonlyMap<number, ReadonlySet<string>>;

/** The contrasting words a text names (see {@link ContrastsNamed}). */
export function contrastsNamed(text: string, accented: boolean): ContrastsNamed {
  return named(text, accented);
}

function named(text: string, accented: boolean): Map<number, Set<string>> {
  const t = text.normalize('NFC').toLowerCase();
  const f = accented ? '' : foldDiacritics(t);
  const out = new Map<number, Set<string>>();
  COMPILED.forEach((c, i) => {
    const found = c.words.filter((w, k) => (accented ? t.includes(w) && c.marked[k].test(t) : f.includes(c.foldedWords[k]) && c.folded[k].test(f)));
    if (found.length) out.set(i, new Set(found));
  });
  return out;
}

/**
 * The word asked and the word found (as a reply reads them: "mức tối thiểu") when a curated entry (its phrasings and answer, always written with
 * diacritics) speaks only of another word of a set the question names ("trực tiếp" asked, "trực tuyến"
 * found); undefined when they agree or either side names none of the set.
 */
export function contrastMismatch(question: string, accented: boolean, entryTexts: readonly string[]): { asked: string; found: string } | undefined {
  const asked = named(question, accented);
  return asked.size ? contrastBetween(asked, named(entryTexts.join('\n'), true)) : undefined;
}

/** {@link contrastMismatch} on contrasts already read from both sides. */
export function contrastBetween(asked: ContrastsNamed, found: ContrastsNamed): { asked: string; found: string } | undefined {
  const label = (w: string) => LABELS.get(w) ?? w;
  for (const [set, words] of asked) {
    const theirs = found.get(set);
    if (theirs && ![...words].some((w) => theirs.has(w))) return { asked: label([...words][0]), found: label([...theirs][0]) };
  }
  return undefined;
}
