import type { Chunk, HeadingRef } from '../ingest/legal-unit.js';
import type { TimeSlicer } from '../common/time-slice.js';

/**
 * The columns of a {@link PassageStore}: every string field of every chunk as UTF-8 in one buffer, and
 * where each starts (`starts[row * FIELDS + field]`, one more entry at the end). Persisted as is in a
 * snapshot, so a restart reads two sections and decodes nothing until a chunk is looked at.
 */
export interface PassageStoreData {
  /**
   * The UTF-8 bytes, in one or more consecutive pieces (global offset = bytes before the piece + offset
   * in it); no field straddles two pieces. A builder makes 64 MB pieces, a loaded snapshot has one.
   */
  pieces: Uint8Array[];
  starts: Uint32Array;
  /** Row → index in `docIds` (a chunk's document id, without decoding a string per row). */
  docOf: Int32Array;
  /** Distinct document ids, in order of first row. */
  docIds: string[];
}

/** Fields of a row, in storage order. `extra` is JSON: `[headings]` or `[headings, officialRef]`. */
const FIELD = { id: 0, docId: 1, citationPath: 2, title: 3, hash: 4, extra: 5, text: 6 } as const;
const FIELDS = 7;

/**
 * PassageStore: chunks as columns of UTF-8 strings in one buffer (a struct of arrays), instead of one
 * object with six strings and a headings array per passage. UTF-8 Vietnamese takes ~1.3 bytes a
 * character where a V8 string takes 2, and there is no per-string header, so the text of 100k passages
 * costs ~150 MB less; loading it is one read and no parsing.
 *
 * {@link chunks} gives `Chunk` views whose fields are decoded on access (`text` included), so every
 * consumer of `Chunk` keeps working. It is read-only: a reindex makes a new store.
 */
export class PassageStore {
  private readonly bufs: Buffer[];
  /** Global offset where each piece starts, plus the total at the end. */
  private readonly pieceStart: number[];

  constructor(readonly data: PassageStoreData) {
    if ((data.starts.length - 1) % FIELDS !== 0) throw new Error('passage store: offsets do not match whole rows');
    if (data.docOf.length !== (data.starts.length - 1) / FIELDS) throw new Error('passage store: document column does not match the rows');
    this.bufs = data.pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
    this.pieceStart = [0];
    for (const p of data.pieces) this.pieceStart.push(this.pieceStart[this.pieceStart.length - 1] + p.byteLength);
    if (this.pieceStart[this.pieceStart.length - 1] !== data.starts[data.starts.length - 1]) throw new Error('passage store: offsets do not match the bytes');
  }

  /** Stores `chunks` (field by field, in order). */
  static of(chunks: Iterable<Chunk>, pieceBytes?: number): PassageStore {
    const b = new PassageStoreBuilder(pieceBytes);
    for (const c of chunks) b.add(c);
    return b.finish();
  }

  /** {@link of}, letting the event loop in whenever `slicer` says a slice is used up (a server's reindex). */
  static async sliced(chunks: Iterable<Chunk>, slicer: TimeSlicer): Promise<PassageStore> {
    const b = new PassageStoreBuilder();
    for (const c of chunks) {
      b.add(c);
      if (slicer.due()) await slicer.pause();
    }
    return b.finish();
  }

  /** Number of chunks. */
  get size(): number {
    return (this.data.starts.length - 1) / FIELDS;
  }

  /** Bytes held (text and offsets), for the memory budget. */
  get byteLength(): number {
    return this.pieceStart[this.pieceStart.length - 1] + this.data.starts.byteLength + this.data.docOf.byteLength;
  }

  /** Field `field` of row `row`, decoded. */
  field(row: number, field: number): string {
    const i = row * FIELDS + field;
    const start = this.data.starts[i];
    const end = this.data.starts[i + 1];
    if (start === end) return '';
    const ps = this.pieceStart;
    let p = 0;
    if (ps.length > 2) {
      // The last piece starting at or before `start` (few pieces: 64 MB each).
      let hi = ps.length - 2;
      while (p < hi) {
        const mid = (p + hi + 1) >>> 1;
        if (ps[mid] <= start) p = mid;
        else hi = mid - 1;
      }
    }
    return this.bufs[p].toString('utf8', start - ps[p], end - ps[p]);
  }

  /** The document id of row `row` (shared strings, nothing decoded). */
  docIdOf(row: number): string {
    return this.data.docIds[this.data.docOf[row]];
  }

  /** A view of every row as a `Chunk` (small objects; nothing is decoded until read). */
  chunks(): Chunk[] {
    const out = new Array<Chunk>(this.size);
    for (let r = 0; r < out.length; r++) out[r] = new StoredChunk(this, r);
    return out;
  }
}

function rowStrings(c: Chunk, out: string[]): void {
  out[FIELD.id] = c.id;
  out[FIELD.docId] = c.docId;
  out[FIELD.citationPath] = c.citationPath;
  out[FIELD.title] = c.title;
  out[FIELD.hash] = c.hash;
  out[FIELD.extra] = JSON.stringify(c.officialRef === undefined ? [c.headings] : [c.headings, c.officialRef]);
  out[FIELD.text] = c.text;
}

/**
 * A chunk read from a {@link PassageStore}: each field is decoded when read (a fresh string or headings
 * array each time; callers that read a field in a loop keep it in a variable). JSON gives a plain chunk.
 */
class StoredChunk implements Chunk {
  readonly #store: PassageStore;
  readonly #row: number;

  constructor(store: PassageStore, row: number) {
    this.#store = store;
    this.#row = row;
  }

  get id(): string {
    return this.#store.field(this.#row, FIELD.id);
  }

  get docId(): string {
    return this.#store.docIdOf(this.#row);
  }

  get citationPath(): string {
    return this.#store.field(this.#row, FIELD.citationPath);
  }

  get title(): string {
    return this.#store.field(this.#row, FIELD.title);
  }

  get hash(): string {
    return this.#store.field(this.#row, FIELD.hash);
  }

  get text(): string {
    return this.#store.field(this.#row, FIELD.text);
  }

  get headings(): HeadingRef[] {
    return this.extra()[0];
  }

  get officialRef(): string | undefined {
    return this.extra()[1];
  }

  toJSON(): Chunk {
    const [headings, officialRef] = this.extra();
    const c: Chunk = { id: this.id, docId: this.docId, headings, citationPath: this.citationPath, title: this.title, text: this.text, hash: this.hash };
    if (officialRef !== undefined) c.officialRef = officialRef;
    return c;
  }

  private extra(): [HeadingRef[], string?] {
    return JSON.parse(this.#store.field(this.#row, FIELD.extra)) as [HeadingRef[], string?];
  }
}

/**
 * Fills a {@link PassageStore} chunk by chunk, so a caller streaming passages (the scale benchmark, a large
 * import) never holds them all as JS strings: UTF-8 goes into 64 MB pieces, which the store keeps as they are.
 */
export class PassageStoreBuilder {
  /** 64 MB: a block this large is always its own mapping, returned to the system when freed (see index-builder.ts). */
  private static readonly PIECE = 1 << 26;
  private readonly pieces: Buffer[] = [];
  private readonly pieceBytes: number;
  private piece = Buffer.allocUnsafe(0);
  private used = 0;
  private total = 0;
  private starts = new Uint32Array(FIELDS * 1024 + 1);
  private rows = 0;
  private readonly docOf: number[] = [];
  private readonly docIndex = new Map<string, number>();
  private readonly docIds: string[] = [];
  private readonly strings = new Array<string>(FIELDS);

  /** @param pieceBytes size of the pieces (default 64 MB; tests use small ones). */
  constructor(pieceBytes = PassageStoreBuilder.PIECE) {
    this.pieceBytes = pieceBytes;
  }

  /** Appends one chunk. */
  add(c: Chunk): void {
    let d = this.docIndex.get(c.docId);
    if (d === undefined) {
      d = this.docIds.push(c.docId) - 1;
      this.docIndex.set(c.docId, d);
    }
    this.docOf.push(d);
    if ((this.rows + 1) * FIELDS + 1 > this.starts.length) {
      const next = new Uint32Array(this.starts.length * 2);
      next.set(this.starts);
      this.starts = next;
    }
    rowStrings(c, this.strings);
    for (let f = 0; f < FIELDS; f++) {
      const str = this.strings[f];
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      if (this.used + 3 * str.length > this.piece.length) this.nextPiece(3 * str.length);
      const n = this.piece.write(str, this.used);
      this.used += n;
      this.total += n;
      if (this.total > 0xffffffff) throw new Error('passage store: more than 4 GB of text');
      this.starts[this.rows * FIELDS + f + 1] = this.total;
    }
    this.rows++;
  }

  /** The store (over the pieces as they are: no copy). */
  finish(): PassageStore {
    this.nextPiece(0);
    return new PassageStore({ pieces: this.pieces, starts: this.starts.slice(0, this.rows * FIELDS + 1), docOf: Int32Array.from(this.docOf), docIds: this.docIds });
  }

  private nextPiece(min: number): void {
    if (this.used) this.pieces.push(this.piece.subarray(0, this.used));
    this.piece = min ? Buffer.allocUnsafe(Math.max(this.pieceBytes, min)) : Buffer.allocUnsafe(0);
    this.used = 0;
  }
}
