import { FOLDED_PREFIX } from '../text/analyzer.js';
import type { Analyzer, FormInfo, TermSink } from '../text/analyzer.js';
import { PairMap } from './pair-map.js';
import { TermTableBuilder } from './term-table.js';
import type { Bm25Params, IndexableText, KeywordIndexData } from './keyword-index.js';

/**
 * Maps analyser forms to term ids without building strings: unigrams by the form's code, bigrams by a
 * number made of the two codes. A new term's code units go straight into the {@link TermTableBuilder}.
 */
class TermDictionary {
  private exactUni = new Int32Array(1024).fill(-1);
  private foldedUni = new Int32Array(1024).fill(-1);
  private readonly exactBi = new PairMap();
  private readonly foldedBi = new PairMap();

  constructor(private readonly terms: TermTableBuilder) {}

  unigram(info: FormInfo, folded: boolean): number {
    const code = folded ? info.foldedCode : info.exactCode;
    let table = folded ? this.foldedUni : this.exactUni;
    if (code >= table.length) {
      const next = new Int32Array(Math.max(table.length * 2, code + 1)).fill(-1);
      next.set(table);
      table = next;
      if (folded) this.foldedUni = next;
      else this.exactUni = next;
    }
    let id = table[code];
    if (id < 0) {
      if (folded) {
        this.terms.appendString(FOLDED_PREFIX);
        this.terms.appendString(info.folded);
      } else this.terms.appendString(info.exact);
      id = this.terms.endTerm();
      table[code] = id;
    }
    return id;
  }

  bigram(a: FormInfo, b: FormInfo, folded: boolean): number {
    const map = folded ? this.foldedBi : this.exactBi;
    const ka = folded ? a.foldedCode : a.exactCode;
    const kb = folded ? b.foldedCode : b.exactCode;
    let id = map.get(ka, kb);
    if (id < 0) {
      if (folded) this.terms.appendString(FOLDED_PREFIX);
      this.terms.appendString(folded ? a.folded : a.exact);
      this.terms.appendCode(SPACE);
      this.terms.appendString(folded ? b.folded : b.exact);
      id = this.terms.endTerm();
      map.set(ka, kb, id);
    }
    return id;
  }
}

const SPACE = 0x20;

/**
 * Growable Int32 store in 4 MB chunks: growing never copies (no 2× peak), and chunks already consumed can
 * be released while the postings are laid out.
 */
class ChunkedInts {
  private static readonly BITS = 20;
  private static readonly MASK = (1 << ChunkedInts.BITS) - 1;
  private readonly chunks: Array<Int32Array | null> = [];
  length = 0;

  push(v: number): void {
    const c = this.length >>> ChunkedInts.BITS;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(1 << ChunkedInts.BITS));
    (this.chunks[c] as Int32Array)[this.length & ChunkedInts.MASK] = v;
    this.length++;
  }

  get(i: number): number {
    return (this.chunks[i >>> ChunkedInts.BITS] as Int32Array)[i & ChunkedInts.MASK];
  }

  set(i: number, v: number): void {
    (this.chunks[i >>> ChunkedInts.BITS] as Int32Array)[i & ChunkedInts.MASK] = v;
  }

  /** Frees the chunks wholly before index `i` (they are not read again). */
  releaseBefore(i: number): void {
    for (let c = (i >>> ChunkedInts.BITS) - 1; c >= 0 && this.chunks[c]; c--) this.chunks[c] = null;
  }
}

/**
 * Per-field term frequencies of one posting packed in 32 bits: document title in bits 24–31, headings in
 * bits 16–23, body in bits 0–15, each saturating (255, 255, 65,535 occurrences of one term in one field:
 * far above anything in a legal passage). Halves the build's memory against one Int32 per field.
 */
const TF_SHIFT = [24, 16, 0] as const;
const TF_MAX = [0xff, 0xff, 0xffff] as const;

/**
 * The distinct packed term frequencies of one record, each with a small code: a record's postings share
 * a handful of BM25F factors (tf 1 in the body, tf 2, a heading word…), so each posting stores a one-byte
 * code into its record's row of factors instead of a four-byte float. Open addressing, reset per record.
 */
class RecordCodes {
  private keys = new Int32Array(1024);
  private codes = new Int32Array(1024);
  private stamp = new Int32Array(1024);
  private epoch = 0;
  size = 0;

  reset(): void {
    this.epoch++;
    this.size = 0;
  }

  /** The code of `packed` in this record, or -1 after assigning it the next code (the caller stores its factor). */
  codeOf(packed: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = (Math.imul(packed, 0x9e3779b1) >>> 16) & mask;
    for (;;) {
      if (this.stamp[i] !== this.epoch) {
        this.stamp[i] = this.epoch;
        this.keys[i] = packed;
        this.codes[i] = this.size++;
        return -1;
      }
      if (this.keys[i] === packed) return this.codes[i];
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const { keys, codes, stamp, epoch } = this;
    const cap = keys.length * 2;
    this.keys = new Int32Array(cap);
    this.codes = new Int32Array(cap);
    this.stamp = new Int32Array(cap);
    const mask = cap - 1;
    for (let j = 0; j < keys.length; j++) {
      if (stamp[j] !== epoch) continue;
      let i = (Math.imul(keys[j], 0x9e3779b1) >>> 16) & mask;
      while (this.stamp[i] === epoch) i = (i + 1) & mask;
      this.stamp[i] = epoch;
      this.keys[i] = keys[j];
      this.codes[i] = codes[j];
    }
  }
}

/** Growable Float32 list (the factors of every record, a few per record). */
class Float32List {
  data = new Float32Array(1 << 16);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** Builds the arrays of a {@link KeywordIndex} over `records` (record i gets id i). */
export function buildIndexData(records: readonly IndexableText[], analyzer: Analyzer, params: Bm25Params): KeywordIndexData {
  const termTable = new TermTableBuilder();
  const n = records.length;
  const fieldLen = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  // Postings in record order: term id and packed field tfs; record r owns slots recStart[r]..recStart[r+1].
  const recStart = new Int32Array(n + 1);
  const pTerm = new ChunkedInts();
  const pTf = new ChunkedInts();
  const dict = new TermDictionary(termTable);
  let local = new Int32Array(1024).fill(-1); // termId → slot of this record's posting
  let f = 0;
  let len = 0;
  const count = (id: number): void => {
    len++;
    if (id >= local.length) {
      const next = new Int32Array(Math.max(local.length * 2, id + 1)).fill(-1);
      next.set(local);
      local = next;
    }
    let slot = local[id];
    if (slot < 0) {
      slot = pTerm.length;
      local[id] = slot;
      pTerm.push(id);
      pTf.push(0);
    }
    const v = pTf.get(slot);
    if (((v >>> TF_SHIFT[f]) & TF_MAX[f]) < TF_MAX[f]) pTf.set(slot, (v + (1 << TF_SHIFT[f])) | 0);
  };
  const sink: TermSink = {
    unigram: (info, folded) => count(dict.unigram(info, folded)),
    bigram: (a, b, folded) => count(dict.bigram(a, b, folded)),
  };
  for (let r = 0; r < n; r++) {
    const rec = records[r];
    const start = pTerm.length;
    recStart[r] = start;
    const fields = [rec.doc, rec.heading, rec.body];
    for (f = 0; f < 3; f++) {
      len = 0;
      analyzer.emit(fields[f], sink);
      fieldLen[f][r] = len;
    }
    for (let i = start; i < pTerm.length; i++) local[pTerm.get(i)] = -1;
  }
  local = new Int32Array(0);
  const total = pTerm.length;
  recStart[n] = total;
  const avg = fieldLen.map((lens) => lens.reduce((a, b) => a + b, 0) / Math.max(1, n) || 1);
  const nTerms = termTable.size;
  const offsets = new Int32Array(nTerms + 1);
  for (let i = 0; i < total; i++) offsets[pTerm.get(i) + 1]++;
  for (let t = 0; t < nTerms; t++) offsets[t + 1] += offsets[t];
  const fill = offsets.slice(0, nTerms);
  const postings = new Int32Array(total);
  let codes: Uint8Array | Uint16Array = new Uint8Array(total);
  const factorStart = new Int32Array(n + 1);
  const factors = new Float32List();
  const maxWeight = new Float32Array(nTerms);
  const recordCodes = new RecordCodes();
  const { k1, b, weights: fw } = params;
  const norm = [0, 0, 0];
  for (let r = 0; r < n; r++) {
    for (let g = 0; g < 3; g++) norm[g] = 1 - b[g] + (b[g] * fieldLen[g][r]) / avg[g];
    recordCodes.reset();
    const base = factors.length;
    factorStart[r] = base;
    for (let i = recStart[r], end = recStart[r + 1]; i < end; i++) {
      const packed = pTf.get(i);
      let code = recordCodes.codeOf(packed);
      if (code < 0) {
        code = recordCodes.size - 1;
        if (code === 256 && codes instanceof Uint8Array) codes = Uint16Array.from(codes);
        let tf = 0;
        for (let g = 0; g < 3; g++) {
          const raw = (packed >>> TF_SHIFT[g]) & TF_MAX[g];
          if (raw) tf += (fw[g] * raw) / norm[g];
        }
        factors.push((tf * (k1 + 1)) / (tf + k1));
      }
      const t = pTerm.get(i);
      const pos = fill[t]++;
      postings[pos] = r;
      codes[pos] = code;
      const w = factors.data[base + code];
      if (w > maxWeight[t]) maxWeight[t] = w;
    }
    pTerm.releaseBefore(recStart[r + 1]);
    pTf.releaseBefore(recStart[r + 1]);
  }
  factorStart[n] = factors.length;
  const idf = new Float32Array(nTerms);
  for (let t = 0; t < nTerms; t++) {
    const df = offsets[t + 1] - offsets[t];
    idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  return {
    terms: termTable.finish().data,
    offsets,
    postings,
    codes,
    factorStart,
    factors: factors.data.slice(0, factors.length),
    idf,
    maxWeight,
    size: n,
  };
}
