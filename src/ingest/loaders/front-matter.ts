import { parse as parseYaml } from 'yaml';

/** The result of {@link splitFrontMatter}: the body without the block, and the block's key/values. */
export interface FrontMatterSplit {
  body: string;
  frontMatter: Record<string, string>;
  warnings: string[];
}

/** A `---` line, then anything, then a closing `---` or `...` line, at the very start of the file. */
const FRONT_MATTER_BLOCK = /^---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * Splits a leading YAML front matter block (`---` … `---`) off a Markdown or text file and parses it.
 *
 * Values are stringified: scalars with `String`, lists of scalars joined with ", ", anything else as
 * JSON. A block that is not valid YAML, or not a mapping, is still removed from the body and reported
 * as a warning: validating the metadata is the front matter parser's job, not the loader's.
 *
 * @example
 * splitFrontMatter('---\nso_hieu: 30/2020/NĐ-CP\n---\nĐiều 1. …')
 * // { body: 'Điều 1. …', frontMatter: { so_hieu: '30/2020/NĐ-CP' }, warnings: [] }
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const match = FRONT_MATTER_BLOCK.exec(source);
  if (!match || match.index !== 0) return { body: source, frontMatter: {}, warnings: [] };

  const body = source.slice(match[0].length);
  let parsed: unknown;
  try {
    parsed = parseYaml(match[1]);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { body, frontMatter: {}, warnings: [`front matter is not valid YAML and was ignored: ${reason}`] };
  }
  if (parsed === null || parsed === undefined) return { body, frontMatter: {}, warnings: [] };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { body, frontMatter: {}, warnings: ['front matter is not a list of "key: value" lines and was ignored'] };
  }

  const frontMatter: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    frontMatter[key] = stringifyValue(value);
  }
  return { body, frontMatter, warnings: [] };
}

function stringifyValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return value.map((item) => String(item ?? '')).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
