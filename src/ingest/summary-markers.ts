/**
 * The two lines a team-written summary (tóm lược) may use besides the official layout, so that every
 * passage can say which official provision it stands for (convention documented in knowledge/README.md):
 *
 * - `Tương ứng văn bản gốc: Khoản 2 Điều 17, Khoản 5 Điều 19.` right after an article heading: the summary
 *   article gathers or narrows official provisions, and this names them all.
 * - `Tóm lược: <title>` in place of an article heading: a section whose official article number the team
 *   could not check against the official text. It is cited by its title, never by a number.
 */

/** The official-reference line; group 1 is the reference without its final period. */
const OFFICIAL_REF_RE = /^(?:tương ứng văn bản gốc|tuong ung van ban goc)\s*:\s*(.+?)\s*\.?$/iu;
/** An unnumbered summary section heading; group 1 is its title. */
const TOPIC_RE = /^(?:tóm lược|tom luoc)\s*:\s*(\S.*)$/iu;

/** The official provisions named by a "Tương ứng văn bản gốc:" line, or undefined for any other line. */
export function officialRefLine(line: string): string | undefined {
  const ref = OFFICIAL_REF_RE.exec(line)?.[1]?.trim();
  return ref ? ref : undefined;
}

/** The title of a "Tóm lược: <title>" section heading, or undefined for any other line. */
export function topicHeadingLine(line: string): string | undefined {
  return TOPIC_RE.exec(line)?.[1]?.trim() || undefined;
}

/** How a summary section without an official number is cited: phần “Hồ sơ điện tử”. */
export function topicCitation(title: string): string {
  return `phần “${title}”`;
}
