import { HTMLElement, Node, NodeType, parse } from 'node-html-parser';

/**
 * Elements whose content is never document text: code, styling, media, form controls and navigation.
 * `form` is deliberately absent: ASP.NET pages (many Vietnamese government sites) wrap the whole page in one.
 */
const DROPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'nav', 'svg', 'math', 'iframe', 'object',
  'embed', 'canvas', 'video', 'audio', 'button', 'select', 'option', 'textarea', 'input', 'map',
]);

/** Elements that end the current line where they start and end; every other element is inline. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/**
 * Parses HTML into a tree, keeping script/style contents out of the text nodes.
 *
 * @example const root = parseHtml('<p>Điều 1.</p>')
 */
export function parseHtml(html: string): HTMLElement {
  return parse(html, {
    lowerCaseTagName: true,
    comment: false,
    blockTextElements: { script: true, noscript: true, style: true, pre: true },
  });
}

/**
 * Removes from the tree every element that cannot hold document text ({@link DROPPED_TAGS}) and every
 * element hidden with the `hidden` attribute, `aria-hidden="true"` or an inline `display:none`.
 */
export function removeNonContent(root: HTMLElement): void {
  for (const element of root.querySelectorAll('*')) {
    if (element.parentNode === null) continue;
    const style = element.getAttribute('style') ?? '';
    if (
      DROPPED_TAGS.has(element.tagName.toLowerCase()) ||
      element.hasAttribute('hidden') ||
      element.getAttribute('aria-hidden') === 'true' ||
      /display\s*:\s*none/i.test(style)
    ) {
      element.remove();
    }
  }
}

/**
 * Renders an element as lines of text the way a browser lays it out: block elements (p, div, li, tr,
 * td, h1–h6, …) and `<br>` start new lines, inline elements (span, a, b, i, font, …) are joined without
 * added spaces, and whitespace collapses as in HTML. Entities are decoded. Lines are not cleaned.
 */
export function htmlToLines(root: Node): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim() !== '') lines.push(current);
    current = '';
  };
  const visit = (node: Node, inPre: boolean): void => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      const text = node.text;
      if (inPre) {
        const parts = text.split(/\r?\n/);
        parts.forEach((part, index) => {
          if (index > 0) flush();
          current += part;
        });
      } else {
        current += text.replace(/[ \t\n\r\f]+/g, ' ');
      }
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.tagName?.toLowerCase() ?? '';
    if (tag === 'br') {
      flush();
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of node.childNodes) visit(child, inPre || tag === 'pre');
    if (block) flush();
  };
  visit(root, false);
  flush();
  return lines;
}
