/**
 * Corrections of OCR misreadings that would break the legal structure, and only those: the body text is
 * left as recognised (a wrong tone mark costs one word; a wrong clause marker moves a whole clause).
 */
import { POINT_LETTERS } from '../legal-parser.js';

/**
 * Clause and point markers at a line start as the scan has them: "4," for "4.", and a quote read as "*"
 * or "'" before a quoted clause ("*3, Cơ sở" for "“3. Cơ sở").
 *
 * @example fixLineStart('4, Điều 8 được sửa đổi') // '4. Điều 8 được sửa đổi'
 */
export function fixLineStart(text: string): string {
  return text
    .replace(/^[*'`„]{1,2}(?=\d{1,3}[.,]\s)/u, '“')
    .replace(/^([“"]?\d{1,3}[a-zđ]?),(\s+\p{Lu})/u, '$1.$2');
}

/** Letters OCR confuses in a point marker, with the letter they are often read for. */
const CONFUSED_POINTS: Readonly<Record<string, readonly string[]>> = {
  e: ['c'],
  c: ['e'],
  d: ['đ', 'a'],
  đ: ['d'],
  o: ['a'],
  a: ['o', 'd'],
  i: ['l'],
  l: ['i'],
};

/**
 * Puts point letters back in sequence where OCR confused look-alike letters: within one run of points,
 * "a)", "b)", "e)" becomes "a)", "b)", "c)" because "c)" is expected and "e" is a known confusion of
 * "c". A clause marker ("2.", "3a.") starts a new run. Lines are changed in place of a copy.
 */
export function fixPointSequence(lines: readonly string[]): string[] {
  let expected = 0;
  return lines.map((line) => {
    if (/^[“"]?\d{1,3}[a-zđ]?\.\s/u.test(line)) {
      expected = 0;
      return line;
    }
    const m = /^([“"]?)([a-zđ])\)(\s)/u.exec(line);
    if (!m) return line;
    const letter = m[2];
    const want = POINT_LETTERS[expected];
    if (letter === 'a') {
      expected = 1;
      return line;
    }
    if (letter === want) {
      expected += 1;
      return line;
    }
    if (want !== undefined && expected > 0 && CONFUSED_POINTS[letter]?.includes(want)) {
      expected += 1;
      return `${m[1]}${want})${m[3]}${line.slice(m[0].length)}`;
    }
    return line;
  });
}
