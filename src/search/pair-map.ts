/**
 * PairMap: an open-addressing hash map from a pair of small non-negative integers to an integer, kept in
 * typed arrays. The index builder looks up every syllable bigram through it; a JavaScript Map keyed by
 * `a * 2^26 + b` is several times slower because such keys are heap numbers.
 */
export class PairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let cap = 1;
    while (cap < capacity * 2) cap <<= 1;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The value stored for (a, b), or -1. */
  get(a: number, b: number): number {
    let i = hash(a, b) & this.mask;
    for (;;) {
      const ka = this.keysA[i];
      if (ka === -1) return -1;
      if (ka === a && this.keysB[i] === b) return this.values[i];
      i = (i + 1) & this.mask;
    }
  }

  /** Stores `value` for (a, b) (which must not be present yet). */
  set(a: number, b: number, value: number): void {
    if ((this.size + 1) * 2 > this.keysA.length) this.grow();
    let i = hash(a, b) & this.mask;
    while (this.keysA[i] !== -1) i = (i + 1) & this.mask;
    this.keysA[i] = a;
    this.keysB[i] = b;
    this.values[i] = value;
    this.size++;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    const cap = keysA.length * 2;
    this.keysA = new Int32Array(cap).fill(-1);
    this.keysB = new Int32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    this.size = 0;
    for (let i = 0; i < keysA.length; i++) if (keysA[i] !== -1) this.set(keysA[i], keysB[i], values[i]);
  }
}

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  return h >>> 0;
}
