/**
 * JSON parsing that never loses an id: Zalo OA ids may exceed 2^53 (platforms.md §2.2), and `JSON.parse`
 * would round an id written as a bare number. Integers that JSON would lose are kept as their digits.
 */

/**
 * Parses `text` like `JSON.parse`, except that an integer literal outside the safe range becomes a string
 * of its exact digits (e.g. `{"id": 9007199254740993}` → `{ id: "9007199254740993" }`). Throws
 * `SyntaxError` on malformed JSON, like `JSON.parse`.
 *
 * It walks the text once, quoting such literals outside strings, then calls `JSON.parse`, so everything
 * else (escapes, nesting, errors) behaves exactly as the built-in parser.
 *
 * @example
 * parseLosslessJson('{"sender":{"id":1234567890123456789}}') // { sender: { id: '1234567890123456789' } }
 */
export function parseLosslessJson(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const NUMBER_RE = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The text with every unsafe integer literal outside a string wrapped in quotes. */
function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = skipString(text, i);
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      if (!m) {
        i++;
        continue;
      }
      const literal = m[0];
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(last, i)}"${literal}"`;
        last = i + literal.length;
      }
      i += literal.length;
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Index just after the string starting at `start` (an opening quote); the end of text if unterminated. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}
