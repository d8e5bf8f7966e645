/**
 * The arrays of a {@link TermTable}: every term's UTF-16 code units one after another (`chars`), where
 * each term starts (`starts`, one more entry than terms) and an open-addressing hash table (`slots`, a
 * power of two long, term id + 1 per used slot, 0 for empty). Persisted as is in a snapshot.
 */
export interface TermTableData {
  chars: Uint16Array;
  starts: Int32Array;
  slots: Int32Array;
}

/**
 * TermTable: the keyword index's vocabulary as three typed arrays instead of a JS string per term and a
 * Map entry. At 10× the benchmark corpus (about a million terms) that is ~40 MB instead of ~100 MB, and a
 * snapshot loads it as views of one read: no splitting, no hashing, no per-term allocation.
 *
 * Lookups hash the query string's code units (FNV-1a) and compare code units in place. Use
 * {@link TermTableBuilder} to make one; a table never changes after it is built.
 */
export class TermTable {
  private readonly mask: number;

  constructor(readonly data: TermTableData) {
    this.mask = data.slots.length - 1;
  }

  /** A table of `terms` (ids in iteration order; a repeated term keeps its first id). */
  static of(terms: Iterable<string>): TermTable {
    const b = new TermTableBuilder();
    for (const t of terms) {
      b.appendString(t);
      b.endTerm();
    }
    return b.finish();
  }

  /** Number of terms. */
  get size(): number {
    return this.data.starts.length - 1;
  }

  /** The id of `term`, or -1 when it is not in the table. */
  get(term: string): number {
    const { chars, starts, slots } = this.data;
    const n = term.length;
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const v = slots[s];
      if (v === 0) return -1;
      const id = v - 1;
      const start = starts[id];
      if (starts[id + 1] - start !== n) continue;
      let i = 0;
      while (i < n && chars[start + i] === term.charCodeAt(i)) i++;
      if (i === n) return id;
    }
  }

  /** The term with id `id`. */
  term(id: number): string {
    const { chars, starts } = this.data;
    let out = '';
    for (let i = starts[id], end = starts[id + 1]; i < end; i += 4096) out += String.fromCharCode(...chars.subarray(i, Math.min(end, i + 4096)));
    return out;
  }

  /** Every term in id order (for tests and tools; allocates a string per term). */
  *terms(): IterableIterator<string> {
    for (let id = 0; id < this.size; id++) yield this.term(id);
  }
}

/**
 * Builds a {@link TermTable} term by term without making a string per term: append code units or strings,
 * then {@link endTerm}. The caller keeps terms distinct (the index builder looks them up by form codes).
 */
export class TermTableBuilder {
  private chars = new Uint16Array(1 << 16);
  private length = 0;
  private starts = new Int32Array(1 << 12);
  private count = 0;

  /** Appends the code units of `s` to the current term. */
  appendString(s: string): void {
    const n = s.length;
    if (this.length + n > this.chars.length) this.growChars(this.length + n);
    const chars = this.chars;
    let at = this.length;
    for (let i = 0; i < n; i++) chars[at++] = s.charCodeAt(i);
    this.length = at;
  }

  /** Appends one code unit to the current term. */
  appendCode(c: number): void {
    if (this.length === this.chars.length) this.growChars(this.length + 1);
    this.chars[this.length++] = c;
  }

  /** Closes the current term and returns its id. */
  endTerm(): number {
    if (this.count + 2 > this.starts.length) {
      const next = new Int32Array(this.starts.length * 2);
      next.set(this.starts);
      this.starts = next;
    }
    this.starts[++this.count] = this.length;
    return this.count - 1;
  }

  /** Number of terms closed so far. */
  get size(): number {
    return this.count;
  }

  /**
   * The terms closed from id `from` on, as their code units one after another and where each ends
   * (relative to the first): what a build worker sends of the terms it met since its last message.
   */
  termsSince(from: number): { chars: Uint16Array; ends: Int32Array } {
    const base = this.starts[from];
    const ends = this.starts.slice(from + 1, this.count + 1);
    for (let i = 0; i < ends.length; i++) ends[i] -= base;
    return { chars: this.chars.slice(base, this.length), ends };
  }

  /**
   * The id of the term made of `chars[start..end)`: an existing term's id, else a new term appended.
   * Lets the merge of a parallel build dedupe the shards' terms without building strings (hash table
   * kept from the first call on; do not mix with {@link endTerm} after that).
   */
  intern(chars: Uint16Array, start: number, end: number): number {
    if (!this.index) {
      let cap = 1024;
      while (cap < (this.count + 1) * 2) cap <<= 1;
      this.rehash(cap);
    }
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ chars[i], 0x01000193);
    const slots = this.index as Int32Array;
    const mask = slots.length - 1;
    const n = end - start;
    let s = h & mask;
    for (let v = slots[s]; v !== 0; s = (s + 1) & mask, v = slots[s]) {
      const at = this.starts[v - 1];
      if (this.starts[v] - at !== n) continue;
      let i = 0;
      while (i < n && this.chars[at + i] === chars[start + i]) i++;
      if (i === n) return v - 1;
    }
    if (this.length + n > this.chars.length) this.growChars(this.length + n);
    this.chars.set(chars.subarray(start, end), this.length);
    this.length += n;
    const id = this.endTerm();
    slots[s] = id + 1;
    if (this.count * 2 > slots.length) this.rehash(slots.length * 2);
    return id;
  }

  private index: Int32Array | null = null;

  /** Drops the hash table of {@link intern} (the terms stay). */
  stopInterning(): void {
    this.index = null;
  }

  private rehash(cap: number): void {
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.count; id++) {
      let h = 0x811c9dc5;
      for (let i = this.starts[id], end = this.starts[id + 1]; i < end; i++) h = Math.imul(h ^ this.chars[i], 0x01000193);
      let s = h & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = id + 1;
    }
    this.index = slots;
  }

  private finished: TermTable | null = null;

  /**
   * The table (arrays trimmed to size, hash table filled). The builder keeps the trimmed arrays (a later
   * term copies them first) and returns the same table until a term is added. The hash table of
   * {@link intern} is the table's own when it has the same size: both insert the ids in order into a
   * table of the same size by the same hash, so the slots are the same, and no pass over the terms is made.
   */
  finish(): TermTable {
    if (this.finished && this.finished.size === this.count) return this.finished;
    const chars = this.chars.length === this.length ? this.chars : this.chars.slice(0, this.length);
    const starts = this.starts.length === this.count + 1 ? this.starts : this.starts.slice(0, this.count + 1);
    let cap = 2;
    while (cap < this.count * 2) cap <<= 1;
    let slots = this.index;
    this.index = null;
    if (!slots || slots.length !== cap) {
      slots = new Int32Array(cap);
      const mask = cap - 1;
      for (let id = 0; id < this.count; id++) {
        let h = 0x811c9dc5;
        for (let i = starts[id], end = starts[id + 1]; i < end; i++) h = Math.imul(h ^ chars[i], 0x01000193);
        let s = h & mask;
        while (slots[s] !== 0) {
          if (sameTerm(chars, starts, slots[s] - 1, id)) break;
          s = (s + 1) & mask;
        }
        if (slots[s] === 0) slots[s] = id + 1;
      }
    }
    this.chars = chars;
    this.starts = starts;
    this.finished = new TermTable({ chars, starts, slots });
    return this.finished;
  }

  private growChars(min: number): void {
    let cap = Math.max(16, this.chars.length * 2);
    while (cap < min) cap *= 2;
    const next = new Uint16Array(cap);
    next.set(this.chars.subarray(0, this.length));
    this.chars = next;
  }
}

function sameTerm(chars: Uint16Array, starts: Int32Array, a: number, b: number): boolean {
  const n = starts[a + 1] - starts[a];
  if (starts[b + 1] - starts[b] !== n) return false;
  for (let i = 0; i < n; i++) if (chars[starts[a] + i] !== chars[starts[b] + i]) return false;
  return true;
}
