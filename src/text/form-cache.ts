/**
 * The word scan of {@link import('./analyzer.js').Analyzer.emit} without a regular expression or a string
 * per word: words are the runs of letters and digits (`[\p{L}\p{N}]+` with the `u` flag, exactly), and a
 * word already met is found by its code units in a hash table ({@link FormCache}), so the index build
 * allocates nothing per word it has seen before. Analysis of megabytes of text is most of an index build.
 */

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

let bmpWordChars: Uint8Array | null = null;
const astralWordChars = new Map<number, boolean>();

/** 1 for each BMP code unit that is a letter or digit (lone surrogates: 0, as for the regular expression). */
function wordChars(): Uint8Array {
  if (!bmpWordChars) {
    bmpWordChars = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) bmpWordChars[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return bmpWordChars;
}

function astralWordChar(cp: number): boolean {
  let v = astralWordChars.get(cp);
  if (v === undefined) astralWordChars.set(cp, (v = WORD_CHAR.test(String.fromCodePoint(cp))));
  return v;
}

/**
 * Length in code units of the letter or digit at `i` of `s` (2 for one outside the BMP), or 0 when the
 * character there is neither.
 */
function wordCharAt(s: string, i: number, table: Uint8Array): number {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return table[c];
  const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
  if (d < 0xdc00 || d > 0xdfff) return 0;
  return astralWordChar(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) ? 2 : 0;
}

/**
 * Calls `visit(start, end, hash)` for each word of `s` in order (`hash`: FNV-1a of its code units, for
 * {@link FormCache.find}).
 */
export function scanWords(s: string, visit: (start: number, end: number, hash: number) => void): void {
  const table = wordChars();
  const n = s.length;
  let i = 0;
  while (i < n) {
    let w = wordCharAt(s, i, table);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5;
    do {
      h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      if (w === 2) h = Math.imul(h ^ s.charCodeAt(i + 1), 0x01000193);
      i += w;
    } while (i < n && (w = wordCharAt(s, i, table)) !== 0);
    visit(start, i, h);
  }
}

/**
 * Values keyed by words given as a slice of a string and its hash (from {@link scanWords}): the slice's code
 * units are compared in place, so a lookup makes no string. Holds at most `limit` entries.
 */
export class FormCache<V> {
  private chars = new Uint16Array(1 << 16);
  private length = 0;
  private starts: Int32Array = new Int32Array(1 << 12).fill(0);
  private readonly values: V[] = [];
  private slots = new Int32Array(1 << 12);

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.values.length;
  }

  /** The value of the word `s[start..end)` (with its `hash`), or undefined. */
  find(s: string, start: number, end: number, hash: number): V | undefined {
    const slots = this.slots;
    const mask = slots.length - 1;
    const n = end - start;
    const { chars, starts } = this;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const v = slots[i];
      if (v === 0) return undefined;
      const at = starts[v - 1];
      if (starts[v] - at !== n) continue;
      let k = 0;
      while (k < n && chars[at + k] === s.charCodeAt(start + k)) k++;
      if (k === n) return this.values[v - 1];
    }
  }

  /** Stores `value` for the word `s[start..end)` (not present yet; ignored once the cache is full). */
  add(s: string, start: number, end: number, hash: number, value: V): void {
    if (this.values.length >= this.limit) return;
    const n = end - start;
    if (this.length + n > this.chars.length) {
      const next = new Uint16Array(Math.max(this.chars.length * 2, this.length + n));
      next.set(this.chars);
      this.chars = next;
    }
    for (let k = 0; k < n; k++) this.chars[this.length + k] = s.charCodeAt(start + k);
    this.length += n;
    const id = this.values.length;
    this.values.push(value);
    if (id + 2 > this.starts.length) {
      const next = new Int32Array(this.starts.length * 2);
      next.set(this.starts);
      this.starts = next;
    }
    this.starts[id + 1] = this.length;
    if ((id + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(hash, id);
  }

  private place(hash: number, id: number): void {
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = id + 1;
  }

  private rehash(cap: number): void {
    this.slots = new Int32Array(cap);
    for (let id = 0; id < this.values.length; id++) {
      let h = 0x811c9dc5;
      for (let k = this.starts[id], end = this.starts[id + 1]; k < end; k++) h = Math.imul(h ^ this.chars[k], 0x01000193);
      this.place(h, id);
    }
  }
}
