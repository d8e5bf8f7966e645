/**
 * Messages between the parallel index build (`parallel-build.ts`) and its worker threads
 * (`index-build-worker.ts`). Everything large is a typed array moved with a transfer list, never copied.
 */

/** A batch of consecutive records for a worker: their fields one after another in one string. */
export interface BuildBatch {
  id: number;
  text: string;
  /** Three entries per record: where its doc, heading and body end in `text`. */
  ends: Int32Array;
  /**
   * Posting chunks of this worker's earlier results, merged and given back (moved) for it to fill again:
   * without them every batch would allocate new chunks, and the dead ones, freed only when the main thread
   * runs a GC, would pile up in the worker's malloc arena, which keeps that memory after the worker exits.
   */
  spare?: Uint32Array[];
}

/** What a worker collected from one batch (a slice of a `CollectedPostings`, term ids local to the worker). */
export interface BatchResult {
  id: number;
  records: number;
  /** Postings of the batch in record order, 4 bytes each (see `CollectedPostings`), in chunks of `chunkLength`. */
  chunks: Uint32Array[];
  chunkLength: number;
  /** Per record (one more entry than records): first posting, first packed tf. */
  recStart: Int32Array;
  packedStart: Int32Array;
  packedValues: Int32Array;
  /** Field lengths, three per record (doc, heading, body). */
  fieldLen: Float64Array;
  /** (slot, high bits) pairs for codes above 255 and for local term ids beyond the inline bits. */
  highCodes: Int32Array;
  highTerms: Int32Array;
  /** The worker's terms first met in this batch, in its id order: code units and where each ends. */
  termChars: Uint16Array;
  termEnds: Int32Array;
}

/** A batch the worker could not analyse. */
export interface BatchFailure {
  id: number;
  error: string;
}
