import type { LoadedText, SourceFile } from '../legal-unit.js';
import { decodeText } from './decode-text.js';
import { splitFrontMatter } from './front-matter.js';
import { cleanLines } from './text-cleanup.js';

/**
 * Loads a Markdown file: parses and removes the front matter block, then strips markup that carries no
 * words (heading `#`s, `**bold**`/`*em*` markers, `> ` quotes, `- ` list bullets, link and image syntax,
 * code fences, table rules) and keeps the text.
 *
 * Each source line stays one paragraph: knowledge files are written one paragraph per line, and joining
 * soft-wrapped lines could glue a "Điều N." heading onto the line above it.
 *
 * @example
 * await loadMarkdown({ relPath: 'a.md', format: 'md', bytes: utf8('---\ntitle: X\n---\n# Điều 1. Y') })
 * // { text: 'Điều 1. Y', frontMatter: { title: 'X' }, warnings: [] }
 */
export async function loadMarkdown(file: SourceFile): Promise<LoadedText> {
  const { body, frontMatter, warnings } = splitFrontMatter(decodeText(file.bytes, file.relPath));
  const lines = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => !isMarkupOnlyLine(line))
    .map(stripMarkdownLine);
  return { text: cleanLines(lines).join('\n'), frontMatter, warnings };
}

/**
 * Loads a plain-text file, accepting an optional front matter block like Markdown's. The text is kept as
 * written apart from the normalisation every loader applies.
 */
export async function loadPlainText(file: SourceFile): Promise<LoadedText> {
  const { body, frontMatter, warnings } = splitFrontMatter(decodeText(file.bytes, file.relPath));
  return { text: cleanLines(body.split('\n')).join('\n'), frontMatter, warnings };
}

/** Code fences, thematic breaks, table rules and link reference definitions carry no text of their own. */
function isMarkupOnlyLine(line: string): boolean {
  return (
    /^\s*(?:```|~~~)/.test(line) ||
    /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/.test(line) ||
    /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) ||
    /^\s{0,3}\[[^\]]+\]:\s+\S+/.test(line)
  );
}

/** Strips the markup of one Markdown line, keeping its words. */
export function stripMarkdownLine(line: string): string {
  let out = line
    .replace(/^\s{0,3}(?:>\s?)+/, '') // blockquote
    .replace(/^\s{0,3}#{1,6}(?:\s+|$)/, '') // ATX heading
    .replace(/\s+#+\s*$/, '') // closing hashes of an ATX heading
    .replace(/^\s*[-*+]\s+(?:\[[ xX]\]\s+)?/, ''); // bullet (and task box)
  if (/^\s*\|.*\|\s*$/.test(out)) {
    out = out.trim().slice(1, -1).split('|').map((cell) => cell.trim()).join(' ');
  }
  return out
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // image → alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // inline link → text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference link → text
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1') // autolink
    .replace(/`([^`]+)`/g, '$1') // inline code
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2') // strong
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1') // strikethrough
    .replace(/(?<![\p{L}\p{N}*\\])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1') // *em*
    .replace(/(?<![\p{L}\p{N}_\\])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1') // _em_
    .replace(/\\([\\`*_{}[\]()#+\-.!>|])/g, '$1'); // backslash escapes
}
