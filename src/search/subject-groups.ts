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
  return asked.length ? otherNamed(asked, groupsNamed(passages().join('\n'))) : undefined;
}

/** The names asked and found when both sides name some and the found name none of the asked; undefined otherwise. */
export function otherNamed(asked: string[], found: string[]): OtherSubject | undefined {
  return asked.length && found.length && !asked.some((a) => found.includes(a)) ? { asked, found } : undefined;
}

/**
 * Levels of government a text names. With diacritics the place nouns themselves count ("xã", "phường",
 * "huyện", "tỉnh"; not "xã hội"); without them a bare "xa" or "tinh" is too often another word ("ở xa",
 * "tính điểm"), so only the forms that cannot be ("cap xa", "ubnd tinh", "chu tich huyen", the centre of a level: "trung tam
 * phuc vu hcc xa", "bo phan mot cua tinh") and "huyen" count.
 */
const LEVELS: ReadonlyArray<readonly [string, RegExp, RegExp]> = [
  ['cấp xã', /(?<!\p{L})(?:xã(?! hội)|phường|đặc khu|thị trấn)(?!\p{L})/iu, /\b(?:cap xa|ubnd xa|uy ban nhan dan xa|chu tich xa|cap phuong|ubnd phuong|dac khu|thi tran|(?:hcc|hanh chinh cong|mot cua) (?:xa|phuong))\b/u],
  ['cấp huyện', /(?<!\p{L})(?:huyện|quận|thị xã)(?!\p{L})/iu, /\b(?:huyen|cap quan|ubnd quan|thi xa)\b/u],
  ['cấp tỉnh', /(?<!\p{L})(?:tỉnh|(?:thành phố|tp) trực thuộc (?:trung ương|tw))(?!\p{L})/iu, /\b(?:cap tinh|ubnd tinh|uy ban nhan dan tinh|chu tich tinh|so noi vu tinh|(?:hcc|hanh chinh cong|mot cua) tinh|(?:thanh pho|tp) truc thuoc (?:trung uong|tw))\b/u],
];

/** The levels a text names; `accented`: whether it was typed with diacritics (see {@link LEVELS}). */
export function levelsNamed(text: string, accented: boolean): string[] {
  const t = text.normalize('NFC');
  const f = accented ? '' : foldDiacritics(t.toLowerCase());
  return LEVELS.filter(([, withMarks, without]) => (accented ? withMarks.test(t) : without.test(f))).map(([l]) => l);
}

/**
 * Words that ask whether the district level still exists ("huyện còn không", "huyện giải thể hết rồi phải ko",
 * "UBND huyện kết thúc hoạt động chưa"), over folded text. The huyện was abolished on 1 July 2025: what
 * answers such a question is a passage on the two levels that remain, so the huyện is not a level asked.
 */
const LEVEL_REMAINS = /\b(?:con (?:khong|ko|k|nua|ton tai)|khong con|giai the|bai bo|xoa bo|ket thuc hoat dong|cham dut hoat dong|hai cap|2 cap)\b/u;

/**
 * A level set aside with "ngoài" ("Ngoài xã ra thì UBND tỉnh có phải …", "ngoài cấp tỉnh thì …") or named to compare
 * with ("…, như cấp xã ấy?", "giống xã", "tương tự như cấp tỉnh"; not "cũng như", which adds it): the question asks
 * about another level. With diacritics the place noun as written; without them the folded form.
 */
const BESIDES: ReadonlyArray<readonly [string, RegExp, RegExp]> = [
  ['cấp xã', 'xã(?! hội)|phường|đặc khu|thị trấn', 'xa|phuong|dac khu|thi tran'],
  ['cấp huyện', 'huyện|quận|thị xã', 'huyen|quan|thi xa'],
  ['cấp tỉnh', 'tỉnh', 'tinh'],
].map(([level, marked, folded]) => [
  level,
  new RegExp(`(?<!\\p{L})(?:ngoài|(?<!cũng\\s)như(?:\\s+ở)?|giống(?:\\s+như)?|tương tự(?:\\s+như)?)\\s+(?:cấp\\s+|ubnd\\s+|ủy ban nhân dân\\s+|chính quyền\\s+)?(?:${marked})(?!\\p{L})`, 'iu'),
  new RegExp(`\\b(?:ngoai|(?<!cung )nhu(?: o)?|giong(?: nhu)?|tuong tu(?: nhu)?) (?:cap |ubnd |uy ban nhan dan |chinh quyen )?(?:${folded})\\b`, 'u'),
] as const);

/**
 * {@link levelsNamed} of a question, without the levels it does not ask about: the huyện when the question asks
 * whether it still exists, and a level set aside with "ngoài" when another level is named.
 */
export function levelsAsked(text: string, accented: boolean): string[] {
  let levels = levelsNamed(text, accented);
  const folded = foldDiacritics(text.normalize('NFC').toLowerCase());
  if (levels.includes('cấp huyện') && LEVEL_REMAINS.test(folded)) levels = levels.filter((l) => l !== 'cấp huyện');
  const t = text.normalize('NFC');
  const besides = BESIDES.filter(([, withMarks, without]) => (accented ? withMarks.test(t) : without.test(folded))).map(([l]) => l);
  const others = levels.filter((l) => !besides.includes(l));
  return others.length ? others : levels;
}

/**
 * The levels asked and found when the passages (taken together; a curated entry's phrasings and answer, or
 * the passage search found first) speak of other levels of government than the question: "trách nhiệm của
 * chủ tịch UBND huyện về CCHC" answered from the article on the chairman of a xã, "Giám đốc Trung tâm Phục vụ
 * hành chính công cấp tỉnh là ai?" from the entry on the centre of a xã. Undefined when the question names no
 * level or the passages none. Passages are read with diacritics.
 */
export function levelMismatch(question: string, accented: boolean, passages: () => readonly string[]): OtherSubject | undefined {
  const asked = levelsAsked(question, accented);
  return asked.length ? otherNamed(asked, levelsNamed(passages().join('\n'), true)) : undefined;
}
