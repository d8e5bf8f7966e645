/**
 * TopK: a bounded min-heap keeping the best `k` (record, score) pairs in the canonical order of the keyword
 * index: higher score first, and on equal scores the lower record id first. Both the exhaustive and the
 * pruned search use it, so they agree on ties too. Reused across queries (no allocation per candidate).
 */
export class TopK {
  private heapR: Int32Array;
  private heapS: Float64Array;
  private k = 0;
  /** Number of pairs held. */
  size = 0;

  constructor(capacity = 64) {
    this.heapR = new Int32Array(capacity);
    this.heapS = new Float64Array(capacity);
  }

  /** Empties the heap and sets its bound to `k`. */
  reset(k: number): void {
    if (k > this.heapR.length) {
      this.heapR = new Int32Array(k);
      this.heapS = new Float64Array(k);
    }
    this.k = k;
    this.size = 0;
  }

  /** True when `k` pairs are held (only a better pair can enter). */
  get full(): boolean {
    return this.size >= this.k;
  }

  /** Score of the worst pair held (meaningful when {@link full}). */
  get minScore(): number {
    return this.heapS[0];
  }

  /** Offers a pair; returns true when it was kept. */
  offer(r: number, s: number): boolean {
    const { heapR, heapS } = this;
    if (this.size < this.k) {
      let j = this.size++;
      while (j > 0) {
        const parent = (j - 1) >> 1;
        if (!worse(r, s, heapR[parent], heapS[parent])) break;
        heapS[j] = heapS[parent];
        heapR[j] = heapR[parent];
        j = parent;
      }
      heapS[j] = s;
      heapR[j] = r;
      return true;
    }
    if (this.k === 0 || !worse(heapR[0], heapS[0], r, s)) return false;
    const size = this.size;
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= size) break;
      const c = l + 1 < size && worse(heapR[l + 1], heapS[l + 1], heapR[l], heapS[l]) ? l + 1 : l;
      if (!worse(heapR[c], heapS[c], r, s)) break;
      heapS[j] = heapS[c];
      heapR[j] = heapR[c];
      j = c;
    }
    heapS[j] = s;
    heapR[j] = r;
    return true;
  }

  /** The records held, in heap order (no allocation beyond the returned view's copy). */
  records(): Int32Array {
    return this.heapR.slice(0, this.size);
  }

  /** The pairs held, best first. */
  sorted(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.size; i++) out.push([this.heapR[i], this.heapS[i]]);
    return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}

/** Whether (ra, sa) ranks below (rb, sb): lower score, or equal score and higher record id. */
function worse(ra: number, sa: number, rb: number, sb: number): boolean {
  return sa < sb || (sa === sb && ra > rb);
}
