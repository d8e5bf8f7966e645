/**
 * PairMap: an open-addressing hash map from a pair of small non-negative integers to an integer, kept in
 * one typed array. The index builder looks up every syllable bigram through it; a JavaScript Map keyed by
 * `a * 2^26 + b` is several times slower because such keys are heap numbers. Each slot holds its two keys
 * and its value side by side (16 bytes, four slots per cache line), so a lookup touches one cache line
 * rather than one in each of three arrays: the map outgrows the caches on a large corpus.
 */
export class PairMap {
  /** Slot i: key a (-1 when empty) at 4i, key b at 4i+1, value at 4i+2. */
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap < capacity * 2) cap <<= 1;
    this.slots = emptySlots(cap);
    this.mask = cap - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    const slots = this.slots;
    let i = hash(a, b) & this.mask;
    for (;;) {
      const at = i << 2;
      const ka = slots[at];
      if (ka === -1) return -1;
      if (ka === a && slots[at + 1] === b) return slots[at + 2];
      i = (i + 1) & this.mask;
    }
  }

  /** Stores `value` for (a, b) (which must not be present yet). */
  set(a: number, b: number, value: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.put(a, b, value);
    this.size++;
  }

  private put(a: number, b: number, value: number): void {
    const slots = this.slots;
    let i = hash(a, b) & this.mask;
    while (slots[i << 2] !== -1) i = (i + 1) & this.mask;
    const at = i << 2;
    slots[at] = a;
    slots[at + 1] = b;
    slots[at + 2] = value;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = emptySlots(cap);
    this.mask = cap - 1;
    for (let at = 0; at < old.length; at += 4) if (old[at] !== -1) this.put(old[at], old[at + 1], old[at + 2]);
  }
}

function emptySlots(cap: number): Int32Array {
  const slots = new Int32Array(cap * 4);
  for (let at = 0; at < slots.length; at += 4) slots[at] = -1;
  return slots;
}

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  return h >>> 0;
}
