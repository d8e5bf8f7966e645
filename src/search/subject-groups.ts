/**
 * Whom a question is about, against whom the passages found speak of. Vietnamese public-service law keeps
 * separate regimes for cán bộ and công chức (Luật Cán bộ, công chức), viên chức (Luật Viên chức) and người
 * lao động (Bộ luật Lao động); "các hình thức kỷ luật viên chức" answered from the clause on công chức
 * (Khoản 1 Điều 36 Luật 80/2025) names the wrong penalties with full confidence. When the question names
 * one of these groups and none of the top passages names any group it names, while they do name another,
 * the passages answer for someone else: the search is not confident (see `Retriever.search`).
 *
 * Folded text (no diacritics); "cán bộ" and "công chức" are one group, since officials say "cán bộ một
 * cửa" of the công chức at the one-stop desk. A question naming several groups ("cán bộ, công chức, viên
 * chức") matches a passage naming any of them.
 */
import { foldDiacritics } from '../text/vietnamese.js';

/** Each group: its name as an official reads it, and how texts name it (folded). */
const GROUPS: ReadonlyArray<readonly [string, RegExp]> = [
  ['cán bộ, công chức', /\b(?:can bo|cong chuc|cbcc|cbccvc)\b/u],
  ['viên chức', /\b(?:vien chuc|cbccvc|ccvc)\b/u],
  ['người lao động', /\b(?:nguoi lao dong|nld)\b/u],
];

/** The groups a text names, by their names. */
export function groupsNamed(text: string): string[] {
  const f = foldDiacritics(text.toLowerCase());
  return GROUPS.filter(([, re]) => re.test(f)).map(([g]) => g);
}

/** Whom the question asks about and whom the passages speak of instead. */
export interface OtherSubject {
  asked: string[];
  found: string[];
}

/**
 * The groups asked and found when the passages speak of another group than the question: the question
 * names at least one group, the passages (their text, headings and document titles, taken together) name
 * none of those, and name another. Undefined otherwise, and when either side names no group.
 */
export function subjectMismatch(question: string, passages: () => readonly string[]): OtherSubject | undefined {
  const asked = groupsNamed(question);
  if (!asked.length) return undefined;
  const found = groupsNamed(passages().join('\n'));
  return found.length > 0 && !asked.some((g) => found.includes(g)) ? { asked, found } : undefined;
}
