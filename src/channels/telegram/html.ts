/**
 * Escaping for Telegram's HTML parse mode. Telegram understands only `&lt;`, `&gt;`, `&amp;`, `&quot;`
 * and numeric entities; an unescaped `<` or `&` in user or document text makes `sendMessage` fail with
 * "can't parse entities" (Bot API, "HTML style").
 */
import { stripBidiControls } from '../../common/bidi.js';

/**
 * Escapes text placed between tags: `&`, `<`, `>`; bidi control characters are removed (issue 11: a
 * right-to-left override in a question must not reorder what staff read on a card).
 */
export function escapeHtml(text: string): string {
  return stripBidiControls(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes a value placed inside a double-quoted attribute (`href="…"`): also `"`. */
export function escapeAttr(value: string): string {
  return escapeHtml(value).replace(/"/g, '&quot;');
}

/** True for an `http(s)` URL, the only kind we link to (a `javascript:` or relative href is dropped). */
export function isLinkable(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
