/**
 * Per-block upper bounds of the keyword index's postings, for the pruned search (max-score.ts).
 *
 * Records are cut into blocks of 2^BLOCK_SHIFT consecutive ids. For one term, its bounds list every block
 * that holds one of its postings, with the largest BM25F factor of those postings: a record of block b
 * then gets at most w × max[b] from the term, and nothing from a block the term is absent from. Summed
 * over a query's terms, this bounds a record's score by what its own neighbourhood can reach, which is far
 * tighter than the sum of each term's global largest factor when a query has dozens of terms.
 *
 * Computed from the index's arrays (postings, codes, factorStart, factors) on a term's first use and kept:
 * nothing is added to the index build or to the snapshot, and only the terms questions use cost memory
 * (8 bytes per block a term occurs in, so at most 8 bytes per posting of the terms used).
 */
import type { KeywordIndexData } from './keyword-index.js';

/** log2 of the number of records per block. */
export const BLOCK_SHIFT = 7;

/** The blocks one term occurs in, ascending, with its largest factor in each. */
export interface TermBlocks {
  blocks: Int32Array;
  max: Float32Array;
}

/** Lazily computed {@link TermBlocks} of every term of an index. */
export class BlockBounds {
  private readonly cache = new Map<number, TermBlocks>();
  /** Number of blocks of the index. */
  readonly count: number;

  constructor(private readonly data: KeywordIndexData) {
    this.count = (data.size >> BLOCK_SHIFT) + 1;
  }

  /** The bounds of term `id` (computed on the first call). */
  of(id: number): TermBlocks {
    let tb = this.cache.get(id);
    if (!tb) {
      tb = this.compute(id);
      this.cache.set(id, tb);
    }
    return tb;
  }

  private compute(id: number): TermBlocks {
    const { offsets, postings, codes, factorStart, factors } = this.data;
    const start = offsets[id];
    const end = offsets[id + 1];
    let n = 0;
    let last = -1;
    for (let i = start; i < end; i++) {
      const b = postings[i] >> BLOCK_SHIFT;
      if (b !== last) {
        n++;
        last = b;
      }
    }
    const blocks = new Int32Array(n);
    const max = new Float32Array(n);
    let j = -1;
    last = -1;
    for (let i = start; i < end; i++) {
      const r = postings[i];
      const b = r >> BLOCK_SHIFT;
      if (b !== last) {
        blocks[++j] = b;
        last = b;
      }
      const f = factors[factorStart[r] + codes[i]];
      if (f > max[j]) max[j] = f;
    }
    return { blocks, max };
  }
}
