/**
 * Worker thread of the parallel index build (`parallel-build.ts`): analyses the batches of records it is
 * sent with its own {@link Analyzer}, keeping one vocabulary across its batches (term ids local to this
 * worker, in order of first occurrence), and returns each batch's collected postings with the terms it
 * met for the first time. Runs from the compiled `dist/` JavaScript.
 */
import { parentPort } from 'node:worker_threads';
import { describeError } from '../common/errors.js';
import { Analyzer } from '../text/analyzer.js';
import { CollectedPostings, createRecordCollector } from './index-builder.js';
import type { BatchFailure, BatchResult, BuildBatch } from './index-build-protocol.js';

/** Chunks of 1 MB: a batch's postings fit in one or two. */
const CHUNK_BYTES_LOG2 = 20;

const collector = createRecordCollector(new Analyzer());
let termsSent = 0;
/** Posting chunks given back by the main thread, filled again before new ones are made. */
const spare: Uint32Array[] = [];
const spareChunk = (): Uint32Array | undefined => spare.pop();

function pairs(m: Map<number, number>): Int32Array {
  const a = new Int32Array(m.size * 2);
  let i = 0;
  for (const [k, v] of m) {
    a[i++] = k;
    a[i++] = v;
  }
  return a;
}

function analyse(batch: BuildBatch): BatchResult {
  const { text, ends } = batch;
  const n = ends.length / 3;
  const out = new CollectedPostings(24, CHUNK_BYTES_LOG2, n, spareChunk);
  let at = 0;
  for (let r = 0; r < n; r++) {
    const e0 = ends[3 * r];
    const e1 = ends[3 * r + 1];
    const e2 = ends[3 * r + 2];
    collector.add(text.slice(at, e0), text.slice(e0, e1), text.slice(e1, e2), out);
    at = e2;
  }
  out.close();
  const fieldLen = new Float64Array(3 * n);
  for (let r = 0; r < n; r++) for (let f = 0; f < 3; f++) fieldLen[3 * r + f] = out.fieldLen[f][r];
  const { chars, ends: termEnds } = collector.terms.termsSince(termsSent);
  termsSent = collector.terms.size;
  return {
    id: batch.id,
    records: n,
    chunks: out.stream.chunks.filter((c): c is Uint32Array => c !== null),
    chunkLength: out.stream.chunkLength,
    recStart: out.recStart.slice(0, n + 1),
    packedStart: out.packedStart.slice(0, n + 1),
    packedValues: out.packedValues.data.slice(0, out.packedValues.length),
    fieldLen,
    highCodes: pairs(out.highCodes),
    highTerms: pairs(out.highTerms),
    termChars: chars,
    termEnds,
  };
}

const port = parentPort;
if (!port) throw new Error('index-build-worker.js runs as a worker thread');
port.on('message', (batch: BuildBatch) => {
  if (batch.spare) spare.push(...batch.spare);
  let reply: BatchResult | BatchFailure;
  try {
    reply = analyse(batch);
  } catch (err: unknown) {
    port.postMessage({ id: batch.id, error: describeError(err) } satisfies BatchFailure);
    return;
  }
  const r = reply;
  port.postMessage(r, [...r.chunks, r.recStart, r.packedStart, r.packedValues, r.fieldLen, r.highCodes, r.highTerms, r.termChars, r.termEnds].map((a) => a.buffer as ArrayBuffer));
});
