/**
 * The keyword index built in worker threads (issue 17: a build that scales with cores; issue 11: a reindex
 * never blocks the server's event loop for long).
 *
 * The records are read once, in order, in batches of consecutive records; each batch goes to a worker
 * (at most `workers`, started as batches need them), which analyses it with its own analyser into postings
 * over its own term ids. Batches are merged here in record order as they come back: a worker's terms new
 * in a batch are looked up in (or added to) the global term table in the worker's order, which gives every
 * term the id the single-thread build gives it (order of first occurrence), and the batch's postings are
 * copied with their ids mapped into one {@link CollectedPostings} (one tight loop per record when nothing
 * needs the side maps), each counted per term on the way: the layout needs no counting pass. The layout is
 * then the single-thread build's own ({@link layoutSteps}), run in steps of a few ms between which the
 * event loop runs. The result is byte-identical to {@link buildIndexData} over the same records.
 *
 * Memory: a batch's postings are moved (transfer list), merged, and their chunks given back to the worker
 * with its next batch (no new chunk per batch: dead ones would pile up in the worker's malloc arena, which
 * keeps that memory after the worker exits); at most a few batches per worker are in flight; the workers
 * are stopped (their heaps freed) before the layout, so the peak is the single-thread build's (collected
 * postings plus final arrays) and not two copies of the postings.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledScript } from '../common/compiled-script.js';
import { CollectedPostings, ensure, layoutSteps } from './index-builder.js';
import { TermTableBuilder } from './term-table.js';
import type { BatchFailure, BatchResult, BuildBatch } from './index-build-protocol.js';
import type { Bm25Params, IndexableText, KeywordIndexData } from './keyword-index.js';

/** Options of {@link buildIndexDataParallel}. */
export interface ParallelBuildOptions {
  /** Most worker threads (default: {@link configureIndexBuild}'s, else the number of cores). */
  workers?: number;
  /** Records per batch sent to a worker. Default 256. */
  batchRecords?: number;
  /** The compiled worker script (tests). Default: `index-build-worker.js` beside this module. */
  script?: string;
  /**
   * The build fails when no worker has answered for this long while batches are out (a stuck worker must
   * not hold a reindex forever). Default 60,000 ms.
   */
  stallMs?: number;
  /** Bits of a term id held inline by the merged postings and size of their chunks (tests; see `buildIndexData`). */
  lowTermBits?: number;
  chunkBytesLog2?: number;
}

let defaultWorkers = Math.max(1, availableParallelism() - 1);

/** How long stopping the workers may take before the build goes on without waiting for them, ms. */
const TERMINATE_WAIT_MS = 5000;

/** Sets the default number of build workers (`INDEX_BUILD_WORKERS`; 0 builds in the calling thread). */
export function configureIndexBuild(o: { workers: number }): void {
  defaultWorkers = Math.max(0, Math.floor(o.workers));
}

/** The default number of build workers ({@link configureIndexBuild}). */
export function indexBuildWorkers(): number {
  return defaultWorkers;
}

let liveWorkers = 0;

/** Build workers running now, in this process (0 once every build has returned or rejected). */
export function activeBuildWorkers(): number {
  return liveWorkers;
}

/** Batches sent but not merged yet, per worker: enough to keep each busy while its last result is merged. */
const WINDOW_PER_WORKER = 3;

interface Slot {
  worker: Worker;
  inFlight: number;
  /** This worker's term id → global term id. */
  map: Int32Array;
  known: number;
  /**
   * True while every term of this worker has the same id here (its terms met for the first time in the
   * order the merge meets them: always so with one worker): its postings are then copied as they are.
   */
  identity: boolean;
  /** Chunks of this worker's merged results, given back with its next batch. */
  spare: Uint32Array[];
}

/**
 * Builds the arrays of a keyword index over `records` in worker threads (see the module comment). Rejects
 * with an error naming the cause when a worker fails (its analysis throws, it cannot start or it exits);
 * every worker is stopped before this returns or rejects.
 */
export async function buildIndexDataParallel(records: Iterable<IndexableText>, params: Bm25Params, o: ParallelBuildOptions = {}): Promise<KeywordIndexData> {
  const maxWorkers = Math.max(1, o.workers ?? defaultWorkers);
  const batchRecords = Math.max(1, o.batchRecords ?? 256);
  const script = o.script ?? compiledScript(import.meta.url, 'index-build-worker.js');
  const out = new CollectedPostings(o.lowTermBits ?? 24, o.chunkBytesLog2 ?? 25);
  const terms = new TermTableBuilder();
  // Postings per global term, counted while merging (the layout then needs no counting pass).
  let counts: Int32Array = new Int32Array(1 << 16);
  const slots: Slot[] = [];
  const ownerOf: number[] = [];
  const ready = new Map<number, BatchResult>();
  let failure: Error | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const fail = (message: string): void => {
    failure ??= new Error(`index build worker failed: ${message}`);
    notify();
  };
  const spawn = (): Slot => {
    const worker = new Worker(script);
    liveWorkers++;
    const slot: Slot = { worker, inFlight: 0, map: new Int32Array(1024), known: 0, identity: true, spare: [] };
    worker.on('message', (m: BatchResult | BatchFailure) => {
      slot.inFlight--;
      if ('error' in m) fail(m.error);
      else ready.set(m.id, m);
      notify();
    });
    worker.on('error', (err: Error) => fail(err.message));
    worker.on('exit', (code) => {
      liveWorkers--;
      if (!finished) fail(`worker exited (code ${code}) before the build ended`);
    });
    slots.push(slot);
    return slot;
  };
  const stallMs = o.stallMs ?? 60_000;
  const stall = setTimeout(() => fail(`no worker answered for ${Math.round(stallMs / 1000)} s`), stallMs);
  const iterator = records[Symbol.iterator]();
  let exhausted = false;
  let sent = 0;
  let merged = 0;
  try {
    for (;;) {
      while (!exhausted && !failure && sent - merged < WINDOW_PER_WORKER * maxWorkers) {
        const slot = pickSlot(slots, maxWorkers, spawn);
        if (!slot) break;
        const batch = nextBatch(iterator, batchRecords, sent);
        if (!batch) {
          exhausted = true;
          break;
        }
        ownerOf[sent++] = slots.indexOf(slot);
        slot.inFlight++;
        if (slot.spare.length) batch.spare = slot.spare.splice(0);
        slot.worker.postMessage(batch, [batch.ends, ...(batch.spare ?? [])].map((a) => a.buffer as ArrayBuffer));
      }
      if (failure) throw failure;
      const mergedBefore = merged;
      for (let res = ready.get(merged); res; res = ready.get(merged)) {
        ready.delete(merged);
        counts = ensure(counts, terms.size + res.termEnds.length);
        const owner = slots[ownerOf[merged]];
        mergeBatch(res, owner, terms, out, counts);
        owner.spare.push(...res.chunks);
        merged++;
      }
      if (exhausted && merged === sent) break;
      // Merging opened the window: send more before waiting. (Results that arrived together may all be
      // merged here with the window full at the send step; waiting then would wait for nothing in flight.)
      if (merged !== mergedBefore) continue;
      // Every worker is busy (or the window is full, or the records are all sent): wait for a message.
      await new Promise<void>((resolve) => {
        wake = resolve;
        stall.refresh();
      });
    }
  } finally {
    finished = true;
    clearTimeout(stall);
    await settleWithin(Promise.all(slots.map((s) => s.worker.terminate())), TERMINATE_WAIT_MS);
    for (const s of slots) s.spare.length = 0; // chunks no worker will fill again: not held through the layout
  }
  // The vocabulary is complete: trimmed now (less memory at the layout's peak), the hash table of the
  // merge kept as the table's own; the layout's `finish()` returns this table.
  terms.finish();
  const steps = layoutSteps(out, terms, params, counts);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Waits for `p` (its failure ignored) or `ms`, whichever comes first: a worker that does not stop is left to exit. */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms).unref()))]);
  clearTimeout(timer);
}

/** A worker with fewer than two batches in flight (the least busy; a new one while under the limit), or null. */
function pickSlot(slots: Slot[], maxWorkers: number, spawn: () => Slot): Slot | null {
  let best: Slot | null = null;
  for (const s of slots) if (s.inFlight < 2 && (!best || s.inFlight < best.inFlight)) best = s;
  if (best && best.inFlight === 0) return best;
  if (slots.length < maxWorkers) return spawn();
  return best;
}

/** The next `max` records (fewer at the end) as one batch, or null when there are none left. */
function nextBatch(iterator: Iterator<IndexableText>, max: number, id: number): BuildBatch | null {
  const parts: string[] = [];
  const ends = new Int32Array(3 * max);
  let at = 0;
  let n = 0;
  while (n < max) {
    const step = iterator.next();
    if (step.done) break;
    const { doc, heading, body } = step.value;
    parts.push(doc, heading, body);
    ends[3 * n] = at += doc.length;
    ends[3 * n + 1] = at += heading.length;
    ends[3 * n + 2] = at += body.length;
    n++;
  }
  if (n === 0) return null;
  return { id, text: parts.join(''), ends: n < max ? ends.slice(0, 3 * n) : ends };
}

function pairMap(pairs: Int32Array): Map<number, number> | null {
  if (pairs.length === 0) return null;
  const m = new Map<number, number>();
  for (let i = 0; i < pairs.length; i += 2) m.set(pairs[i], pairs[i + 1]);
  return m;
}

/**
 * Appends one batch's records to `out`, its worker's term ids mapped to global ones (copied as they are
 * while the worker's ids are the global ones), each posting counted in `counts`.
 */
function mergeBatch(res: BatchResult, slot: Slot, terms: TermTableBuilder, out: CollectedPostings, counts: Int32Array): void {
  const nNew = res.termEnds.length;
  if (slot.known + nNew > slot.map.length) {
    const next = new Int32Array(Math.max(slot.map.length * 2, slot.known + nNew));
    next.set(slot.map);
    slot.map = next;
  }
  const map = slot.map;
  let identity = slot.identity;
  for (let j = 0, start = 0; j < nNew; j++) {
    const end = res.termEnds[j];
    const g = terms.intern(res.termChars, start, end);
    map[slot.known + j] = g;
    if (g !== slot.known + j) identity = false;
    start = end;
  }
  slot.known += nNew;
  slot.identity = identity;
  const { chunks, chunkLength, recStart, packedStart, packedValues, fieldLen } = res;
  // Every posting inline in the batch (no high bits aside) and every global id inline here: copy in place.
  const inline = res.highCodes.length === 0 && res.highTerms.length === 0 && terms.size <= 2 ** out.lowTermBits;
  const bits = Math.log2(chunkLength);
  const mask = chunkLength - 1;
  const highCodes = pairMap(res.highCodes);
  const highTerms = pairMap(res.highTerms);
  const termUnit = 2 ** 24;
  for (let r = 0; r < res.records; r++) {
    const g = out.beginRecord();
    for (let f = 0; f < 3; f++) out.fieldLen[f][g] = fieldLen[3 * r + f];
    for (let j = packedStart[r], end = packedStart[r + 1]; j < end; j++) out.packedValues.push(packedValues[j]);
    if (inline)
      for (let i = recStart[r], end = recStart[r + 1]; i < end; ) {
        const c = i >>> bits;
        const stop = Math.min(end, (c + 1) * chunkLength);
        const from = i & mask;
        if (identity) out.appendCounted(chunks[c], from, from + (stop - i), counts);
        else out.appendMapped(chunks[c], from, from + (stop - i), map, counts);
        i = stop;
      }
    else
      for (let i = recStart[r], end = recStart[r + 1]; i < end; i++) {
        const v = chunks[i >>> bits][i & mask];
        const local = highTerms ? (v >>> 8) + (highTerms.get(i) ?? 0) * termUnit : v >>> 8;
        const code = highCodes ? (v & 0xff) | ((highCodes.get(i) ?? 0) << 8) : v & 0xff;
        const t = map[local];
        counts[t]++;
        out.addPosting(t, code);
      }
  }
}
