import { FOLDED_PREFIX } from '../text/analyzer.js';
import type { Analyzer, FormInfo, TermSink } from '../text/analyzer.js';
import { PairMap } from './pair-map.js';
import { TermTableBuilder } from './term-table.js';
import { releaseMemory } from './release-memory.js';
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
 * Growable store of integers in 32 MB chunks: growing never copies (no 2× peak), and chunks already
 * consumed can be released while the postings are laid out. 32 MB because glibc serves smaller blocks from
 * its heap once its mmap threshold has risen (up to 32 MB), and a freed heap block stays in the RSS; a
 * block this large is always its own mapping, returned to the system when freed (by the GC, see
 * {@link releaseMemory}). Smaller than 64 MB so that the layout frees the collected postings in finer steps.
 */
export class Chunked<T extends Int32Array | Uint32Array | Uint8Array> {
  readonly chunks: Array<T | null> = [];
  private readonly bits: number;
  private readonly mask: number;
  length = 0;

  constructor(private readonly make: (n: number) => T, bytesPerElement: number, chunkBytesLog2 = 25) {
    this.bits = chunkBytesLog2 - Math.log2(bytesPerElement);
    this.mask = (1 << this.bits) - 1;
  }

  /** Elements per chunk. */
  get chunkLength(): number {
    return 1 << this.bits;
  }

  push(v: number): void {
    const c = this.length >>> this.bits;
    if (c === this.chunks.length) this.chunks.push(this.make(1 << this.bits));
    (this.chunks[c] as T)[this.length & this.mask] = v;
    this.length++;
  }

  get(i: number): number {
    return (this.chunks[i >>> this.bits] as T)[i & this.mask];
  }

  /** Frees the chunks wholly before index `i` (they are not read again); true if one was dropped. */
  releaseBefore(i: number): boolean {
    let dropped = false;
    for (let c = (i >>> this.bits) - 1; c >= 0 && this.chunks[c]; c--) {
      this.chunks[c] = null;
      dropped = true;
    }
    return dropped;
  }
}

/**
 * Per-field term frequencies of one posting packed in 32 bits: document title in bits 24–31, headings in
 * bits 16–23, body in bits 0–15, each saturating (255, 255, 65,535 occurrences of one term in one field:
 * far above anything in a legal passage). Stored once per distinct value per record; postings hold a code.
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

/** Growable Int32 list. */
export class Int32List {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** A typed array of at least `min` elements holding `a`'s contents (doubles when it grows). */
export function ensure<T extends Int32Array | Float64Array>(a: T, min: number): T {
  if (min <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

/**
 * What the analysis of records leaves for the layout: every record's postings in record order (4 bytes
 * each: the term id's low `lowTermBits` (24) bits above the low byte of a code into the record's distinct
 * packed field tfs, `packedStart[r]..packedStart[r+1]` in `packedValues`), record r owning slots
 * `recStart[r]..recStart[r+1]`, and its field lengths. A code above 255 (a record with more than 256
 * distinct tf combinations: rare) keeps its high bits in `highCodes`, a term id from 2^24 on (16.7 million
 * terms: far beyond a province's library) its high bits in `highTerms`, both by slot.
 */
export class CollectedPostings {
  readonly stream: Chunked<Uint32Array>;
  readonly highCodes = new Map<number, number>();
  readonly highTerms = new Map<number, number>();
  recStart = new Int32Array(1025);
  packedStart = new Int32Array(1025);
  readonly packedValues: Int32List;
  fieldLen = [new Float64Array(1024), new Float64Array(1024), new Float64Array(1024)];
  /** Records begun so far. */
  size = 0;
  private readonly lowTermMask: number;

  /**
   * `chunkBytesLog2`: size of the posting chunks (32 MB; a build worker's batch uses smaller ones);
   * `spareChunk`: a chunk to fill again (of that size, contents ignored) or undefined for a new one.
   */
  constructor(readonly lowTermBits = 24, chunkBytesLog2 = 25, initial = 1024, spareChunk?: () => Uint32Array | undefined) {
    this.lowTermMask = 2 ** lowTermBits - 1;
    // A worker's batch (`initial` records) needs room for a few dozen distinct tfs per record, not 256 KB.
    this.packedValues = new Int32List(initial === 1024 ? 1 << 16 : initial * 32);
    this.stream = new Chunked((k) => {
      const spare = spareChunk?.();
      return spare && spare.length === k ? spare : new Uint32Array(k);
    }, 4, chunkBytesLog2);
    if (initial !== 1024) {
      this.recStart = new Int32Array(initial + 1);
      this.packedStart = new Int32Array(initial + 1);
      this.fieldLen = [new Float64Array(initial), new Float64Array(initial), new Float64Array(initial)];
    }
  }

  /** Starts the next record (its postings and packed tfs follow); returns its id. */
  beginRecord(): number {
    const r = this.size++;
    if (r + 2 > this.recStart.length || r + 2 > this.fieldLen[0].length) {
      this.recStart = ensure(this.recStart, r + 2);
      this.packedStart = ensure(this.packedStart, r + 2);
      this.fieldLen = this.fieldLen.map((a) => ensure(a, r + 2));
    }
    this.recStart[r] = this.stream.length;
    this.packedStart[r] = this.packedValues.length;
    return r;
  }

  /** Appends a posting of the current record: term id and code into its packed tfs. */
  addPosting(term: number, code: number): void {
    const at = this.stream.length;
    if (code > 0xff) this.highCodes.set(at, code >>> 8);
    if (term > this.lowTermMask) this.highTerms.set(at, Math.floor(term / (this.lowTermMask + 1)));
    this.stream.push((((term & this.lowTermMask) << 8) | (code & 0xff)) >>> 0);
  }

  /**
   * Appends the postings `src[from..to)` of a build worker's batch (its term id above the low byte of the
   * code, as here) with each term id mapped through `map` to this collection's, and counts each posting in
   * `counts` (indexed by mapped id, long enough). The caller has checked that the batch has no high bits
   * aside and that every mapped id fits inline: one tight loop, no side-map lookups.
   */
  appendMapped(src: Uint32Array, from: number, to: number, map: Int32Array, counts: Int32Array): void {
    const stream = this.stream;
    const chunkLength = stream.chunkLength;
    let at = stream.length;
    let i = from;
    while (i < to) {
      const c = Math.floor(at / chunkLength);
      if (c === stream.chunks.length) stream.chunks.push(new Uint32Array(chunkLength));
      const dst = stream.chunks[c] as Uint32Array;
      let k = at - c * chunkLength;
      const end = Math.min(to, i + chunkLength - k);
      at += end - i;
      for (; i < end; i++) {
        const v = src[i];
        const g = map[v >>> 8];
        counts[g]++;
        dst[k++] = ((g << 8) | (v & 0xff)) >>> 0;
      }
    }
    stream.length = at;
  }

  /**
   * {@link appendMapped} for a batch whose term ids are already this collection's (the map would be the
   * identity): the postings are copied as they are, each counted in `counts`.
   */
  appendCounted(src: Uint32Array, from: number, to: number, counts: Int32Array): void {
    const stream = this.stream;
    const chunkLength = stream.chunkLength;
    let at = stream.length;
    let i = from;
    while (i < to) {
      const c = Math.floor(at / chunkLength);
      if (c === stream.chunks.length) stream.chunks.push(new Uint32Array(chunkLength));
      const dst = stream.chunks[c] as Uint32Array;
      const k = at - c * chunkLength;
      const end = Math.min(to, i + chunkLength - k);
      dst.set(src.subarray(i, end), k);
      at += end - i;
      for (; i < end; i++) counts[src[i] >>> 8]++;
    }
    stream.length = at;
  }

  /** Term id of the posting in slot `i`. */
  termAt(i: number): number {
    const v = this.stream.get(i) >>> 8;
    return this.highTerms.size ? v + (this.highTerms.get(i) ?? 0) * (this.lowTermMask + 1) : v;
  }

  /** Code of the posting in slot `i`. */
  codeAt(i: number): number {
    const low = this.stream.get(i) & 0xff;
    return this.highCodes.size ? low | ((this.highCodes.get(i) ?? 0) << 8) : low;
  }

  /** Closes the last record (sets the end of its slots and packed tfs). */
  close(): void {
    this.recStart[this.size] = this.stream.length;
    this.packedStart[this.size] = this.packedValues.length;
  }
}

/** Analyses records one by one into a {@link CollectedPostings}; see {@link createRecordCollector}. */
export interface RecordCollector {
  /** The vocabulary met so far, ids in order of first occurrence. */
  readonly terms: TermTableBuilder;
  /** Analyses one record (its three fields) and appends it to `out`. */
  add(doc: string, heading: string, body: string, out: CollectedPostings): void;
  /** Drops the analysis state (word-pair maps, per-record scratch); `terms` stays. */
  release(): void;
}

/**
 * A {@link RecordCollector} over `analyzer`: term ids in order of first occurrence, each record's postings
 * in the order its terms first occur in it, each with a code into the record's distinct packed tfs (the
 * first distinct value code 0, and so on). Both the single-thread build and the build workers use it.
 */
export function createRecordCollector(analyzer: Analyzer): RecordCollector {
  const termTable = new TermTableBuilder();
  let dict: TermDictionary | null = new TermDictionary(termTable);
  const recordCodes = new RecordCodes();
  // The current record's postings: term ids and packed tfs; `local` maps a term id to its slot + 1.
  let local = new Int32Array(1024);
  let recTerms = new Int32Array(1024);
  let recTf = new Int32Array(1024);
  let nRec = 0;
  let shift = 0;
  let max = 0;
  let len = 0;
  const count = (id: number): void => {
    len++;
    if (id >= local.length) {
      const next = new Int32Array(Math.max(local.length * 2, id + 1));
      next.set(local);
      local = next;
    }
    let slot = local[id] - 1;
    if (slot < 0) {
      if (nRec === recTerms.length) {
        const terms = new Int32Array(nRec * 2);
        terms.set(recTerms);
        recTerms = terms;
        const tfs = new Int32Array(nRec * 2);
        tfs.set(recTf);
        recTf = tfs;
      }
      slot = nRec++;
      local[id] = slot + 1;
      recTerms[slot] = id;
      recTf[slot] = 0;
    }
    const v = recTf[slot];
    if (((v >>> shift) & max) < max) recTf[slot] = (v + (1 << shift)) | 0;
  };
  const sink: TermSink = {
    unigram: (info, folded) => count((dict as TermDictionary).unigram(info, folded)),
    bigram: (a, b, folded) => count((dict as TermDictionary).bigram(a, b, folded)),
  };
  const fields = ['', '', ''];
  return {
    terms: termTable,
    add(doc: string, heading: string, body: string, out: CollectedPostings): void {
      const r = out.beginRecord();
      nRec = 0;
      fields[0] = doc;
      fields[1] = heading;
      fields[2] = body;
      for (let f = 0; f < 3; f++) {
        len = 0;
        shift = TF_SHIFT[f];
        max = TF_MAX[f];
        analyzer.emit(fields[f], sink);
        out.fieldLen[f][r] = len;
      }
      recordCodes.reset();
      for (let j = 0; j < nRec; j++) {
        const packed = recTf[j];
        let code = recordCodes.codeOf(packed);
        if (code < 0) {
          code = recordCodes.size - 1;
          out.packedValues.push(packed);
        }
        out.addPosting(recTerms[j], code);
        local[recTerms[j]] = 0;
      }
    },
    release(): void {
      local = recTerms = recTf = new Int32Array(0);
      dict = null;
    },
  };
}

/**
 * Builds the arrays of a {@link KeywordIndex} over `records` (record i gets id i). Reads each record once,
 * in order, so `records` may be a generator that makes them on the fly. `lowTermBits` (24; tests lower it)
 * is how many bits of a term id a collected posting holds inline, the rest going to a side map;
 * `chunkBytesLog2` (25; tests lower it so that records straddle chunks) the size of the posting chunks.
 * `KeywordIndex.buildAsync` (parallel-build.ts) gives the same arrays from worker threads.
 */
export function buildIndexData(records: Iterable<IndexableText>, analyzer: Analyzer, params: Bm25Params, lowTermBits = 24, chunkBytesLog2 = 25): KeywordIndexData {
  const out = new CollectedPostings(lowTermBits, chunkBytesLog2);
  const collector = createRecordCollector(analyzer);
  for (const rec of records) collector.add(rec.doc, rec.heading, rec.body, out);
  collector.release(); // its bigram maps are not needed to lay out the postings
  return runToEnd(layoutSteps(out, collector.terms, params));
}

/** Runs a {@link layoutSteps} generator to its end (the single-thread build). */
export function runToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/**
 * Lays out the postings `chunk[from..to)` of record `r` (inline: term id above the code byte), each as
 * `rTag` (the record id shifted left by 8) with its code in the low byte; see {@link layoutSteps}.
 */
function placeInline(chunk: Uint32Array, from: number, to: number, rTag: number, base: number, fill: Int32Array, postings: Int32Array, factors: Float32Array, maxWeight: Float32Array): void {
  for (let i = from; i < to; i++) {
    const v = chunk[i];
    const t = v >>> 8;
    const code = v & 0xff;
    postings[fill[t]++] = rTag | code;
    const w = factors[base + code];
    if (w > maxWeight[t]) maxWeight[t] = w;
  }
}

/** Longest stretch of layout work between two yields of {@link layoutSteps}, ms (the event loop runs between). */
const LAYOUT_STEP_MS = 8;
/** How often (in records, minus one: a power of two) the layout checks the time for a yield. */
const LAYOUT_CHECK_MASK = 127;

/**
 * Lays the collected postings out by term (CSR) with their BM25F factors, idf and MaxScore bounds. A
 * generator that yields every few ms of work, so the parallel build can let the event loop run between
 * steps; {@link runToEnd} runs it at once. Frees the collected postings as they are laid out. `counts`, when
 * given, holds each term's number of postings (the parallel build counts them while it merges), which saves
 * a pass over the postings.
 */
export function* layoutSteps(out: CollectedPostings, termTable: TermTableBuilder, params: Bm25Params, counts?: Int32Array): Generator<void, KeywordIndexData> {
  const pTerm = out.stream;
  const { highCodes, highTerms, packedValues, recStart, packedStart, fieldLen } = out;
  const n = out.size;
  out.close();
  // Free the analysis state (and its garbage) before the final arrays fill up: nothing else would run the GC.
  // Only for a large build (over one 32 MB chunk of postings): a small reindex does not pay for a full GC.
  if (pTerm.chunks.length > 1) releaseMemory();
  const total = pTerm.length;
  const avg = fieldLen.map((lens) => lens.subarray(0, n).reduce((a, b) => a + b, 0) / Math.max(1, n) || 1);
  const nTerms = termTable.size;
  const offsets = new Int32Array(nTerms + 1);
  if (counts) offsets.set(counts.subarray(0, nTerms), 1);
  else if (highTerms.size) for (let i = 0; i < total; i++) offsets[out.termAt(i) + 1]++;
  else
    for (let c = 0; c < pTerm.chunks.length; c++) {
      const chunk = pTerm.chunks[c] as Uint32Array;
      for (let i = 0, end = Math.min(chunk.length, total - c * pTerm.chunkLength); i < end; i++) offsets[(chunk[i] >>> 8) + 1]++;
      yield;
    }
  for (let t = 0; t < nTerms; t++) offsets[t + 1] += offsets[t];
  const fill = offsets.slice(0, nTerms);
  const postings = new Int32Array(total);
  // While the collected postings are read, a code under 256 rides in the low byte of its posting (the record
  // id above it) and moves to `codes` after they are freed: the peak holds the collected postings and the
  // final postings, not the codes as well. Else (codes above 255, over 2^23 records: never seen) as is.
  const codesAside = highCodes.size > 0 || n > 1 << 23;
  let codes: Uint8Array | Uint16Array | null = codesAside ? (highCodes.size ? new Uint16Array(total) : new Uint8Array(total)) : null;
  const factorStart = packedStart.slice(0, n + 1); // one factor per distinct packed tf of the record, in code order
  const factors = new Float32Array(packedValues.length);
  const maxWeight = new Float32Array(nTerms);
  const { k1, b, weights: fw } = params;
  const norm = [0, 0, 0];
  // Postings read straight from the chunks unless some keep high bits aside (terms from 2^lowTermBits on,
  // codes above 255: both rare).
  const inline = !codesAside && highTerms.size === 0;
  const chunkLength = pTerm.chunkLength;
  yield;
  let stepStart = performance.now();
  for (let r = 0; r < n; r++) {
    for (let g = 0; g < 3; g++) norm[g] = 1 - b[g] + (b[g] * fieldLen[g][r]) / avg[g];
    const base = packedStart[r];
    for (let j = base, end = packedStart[r + 1]; j < end; j++) {
      const packed = packedValues.data[j];
      let tf = 0;
      for (let g = 0; g < 3; g++) {
        const raw = (packed >>> TF_SHIFT[g]) & TF_MAX[g];
        if (raw) tf += (fw[g] * raw) / norm[g];
      }
      factors[j] = (tf * (k1 + 1)) / (tf + k1);
    }
    const first = recStart[r];
    const last = recStart[r + 1];
    const c = Math.floor(first / chunkLength);
    // The record's postings all in one chunk and inline: read in place (by a function: a local of this
    // generator would keep the chunk alive after it is released).
    if (inline && first < last && Math.floor((last - 1) / chunkLength) === c)
      placeInline(pTerm.chunks[c] as Uint32Array, first - c * chunkLength, last - c * chunkLength, r << 8, base, fill, postings, factors, maxWeight);
    else
      for (let i = first; i < last; i++) {
        const t = out.termAt(i);
        const code = out.codeAt(i);
        const pos = fill[t]++;
        if (codes) {
          postings[pos] = r;
          codes[pos] = code;
        } else postings[pos] = (r << 8) | code;
        const w = factors[base + code];
        if (w > maxWeight[t]) maxWeight[t] = w;
      }
    // Collected postings already laid out: freed now rather than when the loop ends (it allocates nothing,
    // so no GC would run), so they and the final arrays do not both take their whole size at the peak.
    // (Not for chunks under 1 MB, tests' sizes: not worth a full GC each.)
    if (pTerm.releaseBefore(last) && chunkLength >= 1 << 18) releaseMemory();
    if ((r & LAYOUT_CHECK_MASK) === LAYOUT_CHECK_MASK && performance.now() - stepStart > LAYOUT_STEP_MS) {
      yield;
      stepStart = performance.now();
    }
  }
  yield;
  if (!codes) {
    const split = new Uint8Array(total);
    stepStart = performance.now();
    for (let i = 0; i < total; ) {
      for (const end = Math.min(total, i + (1 << 18)); i < end; i++) {
        const v = postings[i];
        split[i] = v & 0xff;
        postings[i] = v >>> 8;
      }
      if (performance.now() - stepStart > LAYOUT_STEP_MS) {
        yield;
        stepStart = performance.now();
      }
    }
    codes = split;
  }
  const idf = new Float32Array(nTerms);
  for (let t = 0; t < nTerms; t++) {
    const df = offsets[t + 1] - offsets[t];
    idf[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  return { terms: termTable.finish().data, offsets, postings, codes, factorStart, factors, idf, maxWeight, size: n };
}
