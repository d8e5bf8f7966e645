/**
 * Line-start markers of Vietnamese legal structure, as loaders need them to decide where a paragraph
 * starts (the legal-structure parser has its own, stricter grammar).
 *
 * Source of the numbering conventions: Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.6 (Phần/Chương in
 * Roman numerals, Mục and Điều in Arabic numerals, Khoản "1.", Điểm "a)", "đ)").
 */

/** Markers that always open a paragraph: Phần, Chương, Mục N, Điều N., Phụ lục. */
const STRONG_MARKER =
  /^(?:Điều\s+\d+[a-zđ]?\s*[.:]|(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+)\b|(?:Mục|MỤC)\s+(?:\d+|[IVXLC]+)\b|(?:Phần|PHẦN)\s+(?:thứ|THỨ|[IVXLC]+\b|\d+\b)|(?:Phụ lục|PHỤ LỤC)\b)/u;

/**
 * Markers that open a paragraph only with other evidence (they can also begin a wrapped line, e.g.
 * "tổ chức chính trị" / "- xã hội"): Khoản "1.", "1.2.", Điểm "a)", Roman "II.", bullets "-", "+", "•".
 * Clause numbers have at most three digits so that a wrapped "năm" / "2012." is not taken for one.
 */
const WEAK_MARKER = /^(?:\d{1,3}(?:\.\d{1,3})*\.\s|[a-zđ]\)\s|[IVXLC]{1,6}\.\s|[-–+•*]\s)/u;

/** A line that is only a structural label, whose title follows on the next line ("Chương I"). */
const BARE_LABEL =
  /^(?:(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d+)|(?:Mục|MỤC)\s+(?:\d+|[IVXLC]+)|(?:Phần|PHẦN)\s+(?:(?:thứ|THỨ)\s+\S+|[IVXLC]+|\d+)|(?:Phụ lục|PHỤ LỤC)(?:\s+[IVXLC\d]+)?)\s*$/u;

/** "Điều 12." or "Điều 5a." at the start of a line; group 1 is the article number. */
export const ARTICLE_HEADING = /^Điều\s+(\d+[a-zđ]?)\s*[.:]/u;

/** True when the line starts with a marker that always opens a new paragraph (Chương, Điều N., …). */
export function startsWithStrongMarker(line: string): boolean {
  return STRONG_MARKER.test(line);
}

/** True when the line starts with a clause, point, Roman-numbered or bullet marker. */
export function startsWithWeakMarker(line: string): boolean {
  return WEAK_MARKER.test(line);
}

/** True when the whole line is a structural label with no title ("Chương II", "Phần thứ hai"). */
export function isBareLabel(line: string): boolean {
  return BARE_LABEL.test(line);
}

/** True when the line ends a sentence or a list item (".", ";", ":", "!", "?", possibly before a quote). */
export function endsSentence(line: string): boolean {
  return /[.;:!?…]["”’»)]*$/u.test(line);
}

/** True when the line has letters and none of them is lower-case (titles such as "QUY ĐỊNH CHUNG"). */
export function isUpperCaseLine(line: string): boolean {
  return /\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line);
}
