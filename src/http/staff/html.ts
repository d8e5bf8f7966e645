/**
 * A tiny HTML template helper for the staff console: `html` is a tagged template that escapes every
 * interpolated value, so text from officials, staff and the database can never become markup. Only a
 * value built by `html` itself or wrapped with {@link raw} is inserted as is.
 */
import { stripBidiControls } from '../../common/bidi.js';

/** A string known to be safe markup (built by {@link html} or wrapped with {@link raw}). */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), safe markup, lists of either, and nothing (`null`, `undefined`, `false`). */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/**
 * Escapes `&`, `<`, `>`, quotes and backticks, for element text and quoted attribute values alike; bidi
 * control characters are removed (issue 11: a right-to-left override must not reorder what staff read).
 */
export function escapeHtml(text: string): string {
  return stripBidiControls(text).replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/**
 * Marks a string as trusted markup, inserted without escaping. Use it only for constant markup written in
 * this folder, never for text that came from a request or the database.
 */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template producing {@link SafeHtml}: the literal parts are kept, every interpolation is escaped
 * (arrays are rendered item by item; `null`, `undefined` and `false` render as nothing). It does not make
 * a URL safe inside `href`: check the scheme first (see `safeUrl` in views).
 *
 * @example
 * html`<p class="q">${ticket.questionText}</p>${items.map((i) => html`<li>${i}</li>`)}`;
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}
