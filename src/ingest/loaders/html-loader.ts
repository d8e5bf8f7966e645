import { HTMLElement, type Node } from 'node-html-parser';
import type { LoadedText, SourceFile } from '../legal-unit.js';
import { decodeText } from './decode-text.js';
import { htmlToLines, parseHtml, removeNonContent } from './html-text.js';
import { removeRepeatedOutline } from './outline-filter.js';
import { cleanLine, cleanLines } from './text-cleanup.js';

/** Elements that hold running text; their parents are the candidates for the main content container. */
const TEXT_BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, td, th, dd';

/** A text block shorter than this is navigation or a label, not running text. */
const MIN_BLOCK_CHARS = 20;

/** The main container must hold at least this share of the page text to replace the whole page. */
const MIN_CONTENT_SHARE = 0.5;

/** The main container must hold at least this many text blocks itself: a short page is kept whole. */
const MIN_CONTENT_BLOCKS = 5;

/**
 * Loads an HTML page (a saved vbpl.vn / thuvienphapluat page or a hand-made file) as paragraphs.
 *
 * Scripts, styles, navigation, forms controls and hidden elements are dropped; block elements become
 * lines and inline elements are joined (`<b>Điều </b><b>6</b>` → "Điều 6"). When most of the text sits
 * in one container (the page's article body), only that container and its sibling text containers are
 * kept, which drops site menus, footers and side panels without site-specific selectors. Finally a
 * table of contents that repeats the headings (vbpl.vn's "Mục lục") is removed by
 * {@link removeRepeatedOutline}. The page `<title>` goes to `frontMatter.title`.
 */
export async function loadHtml(file: SourceFile): Promise<LoadedText> {
  const html = decodeText(file.bytes, file.relPath, declaredCharset(file.bytes));
  const root = parseHtml(html);
  const frontMatter: Record<string, string> = {};
  const title = cleanLine(root.querySelector('title')?.text ?? '');
  if (title !== '') frontMatter.title = title;

  removeNonContent(root);
  const page = root.querySelector('body') ?? root;
  const warnings: string[] = [];
  const main = findMainContent(page);
  let lines: string[];
  if (main) {
    lines = cleanLines(main.flatMap((element) => htmlToLines(element)));
    const dropped = countDropped(page, main);
    if (dropped > 0) warnings.push(`kept the page's main content block; dropped ${dropped} characters of page chrome`);
  } else {
    lines = cleanLines(htmlToLines(page));
  }

  const outline = removeRepeatedOutline(lines);
  if (outline.removed > 0) {
    warnings.push(`removed a table of contents repeating the headings (${outline.removed} lines)`);
  }
  return { text: outline.lines.join('\n'), frontMatter, warnings };
}

/**
 * Finds the container(s) holding the page's running text, in the spirit of Readability: each text block
 * scores its length for its parent and half of it for its grandparent; the best-scoring element and
 * its siblings scoring at least a fifth as much are the content. Returns null when the best element
 * holds fewer than five text blocks of its own or the content holds less than half of the page text:
 * the page has no clear main block, so everything is kept.
 */
export function findMainContent(page: HTMLElement): HTMLElement[] | null {
  const scores = new Map<HTMLElement, number>();
  const blocks = new Map<HTMLElement, number>();
  const add = (element: HTMLElement | null, score: number): void => {
    if (element) scores.set(element, (scores.get(element) ?? 0) + score);
  };
  for (const block of page.querySelectorAll(TEXT_BLOCKS)) {
    const length = block.text.trim().length;
    if (length < MIN_BLOCK_CHARS) continue;
    const parent = block.parentNode;
    if (!parent) continue;
    add(parent, length);
    add(parent.parentNode, length / 2);
    blocks.set(parent, (blocks.get(parent) ?? 0) + 1);
  }
  let top: HTMLElement | null = null;
  for (const [element, score] of scores) if (!top || score > (scores.get(top) ?? 0)) top = element;
  if (!top || top === page || (blocks.get(top) ?? 0) < MIN_CONTENT_BLOCKS) return null;

  const topScore = scores.get(top) ?? 0;
  const candidates: Node[] = top.parentNode?.childNodes ?? [top];
  const siblings = candidates.filter(
    (node): node is HTMLElement =>
      node instanceof HTMLElement && (node === top || (scores.get(node) ?? 0) >= topScore / 5),
  );
  const kept = siblings.reduce((sum, element) => sum + textLength(element), 0);
  return kept >= MIN_CONTENT_SHARE * textLength(page) ? siblings : null;
}

function countDropped(page: HTMLElement, kept: readonly HTMLElement[]): number {
  return textLength(page) - kept.reduce((sum, element) => sum + textLength(element), 0);
}

function textLength(element: HTMLElement): number {
  return element.text.replace(/\s+/g, '').length;
}

/** The charset a page declares in `<meta charset>` or `<meta http-equiv … content="…; charset=…">`. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}
