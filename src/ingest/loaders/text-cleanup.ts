/**
 * The last step of every loader: turns extracted text into the loader output contract (see README.md in
 * this folder): NFC, one paragraph per line, single spaces, no invisible characters, no separator lines.
 */

/** Soft hyphen, zero-width space/joiners, word joiner and BOM: invisible, and they break word matching. */
const INVISIBLE_CHARS = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Non-breaking and typographic spaces, tabs and stray control characters, all read as one plain space. */
const SPACE_LIKE_CHARS = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u0000-\u0008\u000E-\u001F\u007F]/g;

/** Line and paragraph separators (Word's vertical tab is its in-paragraph line break). */
const LINE_BREAK_CHARS = /\r\n?|[\u000B\u000C\u0085\u2028\u2029]/g;

/**
 * A line made only of rule characters, e.g. the underscores Word documents put under the quốc hiệu and
 * the issuer's name, or the dashes PDFs draw there. At least three such characters.
 */
const SEPARATOR_LINE = /^[\s_\-‐‑‒–—―=*~.·•…]{3,}$/u;

/**
 * A rule of four or more dashes or underscores at either end of a line: the short rule under the
 * issuer's name that PDF extraction puts on the same line as the tiêu ngữ ("-------- Độc lập - Tự do").
 */
const EDGE_RULE = /^[_\-–—=]{4,}\s+|\s+[_\-–—=]{4,}$/gu;

/**
 * A missing space after a line-start marker is a typing slip: "Điều 2.Đối tượng" → "Điều 2. Đối tượng",
 * "1.Công nghệ" → "1. Công nghệ", "a)Tìm kiếm" → "a) Tìm kiếm". Clause numbers need an upper-case letter
 * after them so that "1.000" or "1.a" stays as written.
 */
const MARKER_WITHOUT_SPACE = /^(Điều \d+[a-zđ]?[.:]|\d{1,3}\.(?=\p{Lu})|[a-zđ]\)(?=\p{L}))(?=\p{L})/u;

/**
 * True when the line is only a rule of underscores, dashes or dots (a separator, not text).
 *
 * @example isSeparatorLine('____________') // true
 */
export function isSeparatorLine(line: string): boolean {
  return SEPARATOR_LINE.test(line);
}

/**
 * Normalises one line: NFC, invisible characters removed, every run of space-like characters turned into
 * one plain space, trimmed. Does not split or drop lines; use {@link cleanText} for whole documents.
 */
export function cleanLine(line: string): string {
  return line
    .normalize('NFC')
    .replace(INVISIBLE_CHARS, '')
    .replace(SPACE_LIKE_CHARS, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Normalises extracted text to the loader contract: NFC, one paragraph per line joined by `\n`, no blank
 * lines, no leading or trailing spaces, no separator lines, no rules of dashes at either end of a line,
 * and line-start markers ("Điều N.", "1.", "a)") followed by a space.
 *
 * It never joins lines: deciding what is one paragraph is each loader's job.
 *
 * @example cleanText('Điều 1.\u00A0Phạm vi\t\n\n____\n') // 'Điều 1. Phạm vi'
 */
export function cleanText(text: string): string {
  return cleanLines(text.replace(LINE_BREAK_CHARS, '\n').split('\n')).join('\n');
}

/** Same as {@link cleanText} for text that is already split into lines; returns the kept lines. */
export function cleanLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    for (const part of raw.replace(LINE_BREAK_CHARS, '\n').split('\n')) {
      const line = cleanLine(part).replace(EDGE_RULE, '').replace(MARKER_WITHOUT_SPACE, '$1 ');
      if (line.length > 0 && !isSeparatorLine(line)) out.push(line);
    }
  }
  return out;
}
