/**
 * Near-duplicate corpus generator for the scale benchmark (issue 17): a province's library holds many
 * versions of the same texts (amended decrees, provincial copies of central rules), so a larger corpus is
 * made of perturbed copies of the benchmark corpus rather than random text.
 *
 * `replicateCorpus(passages, copies, { seed, dropRate })` returns `copies` × the passages: copy 0 is the
 * corpus as is; in each further copy every whitespace-separated word of the body (`text`) is dropped with
 * probability `dropRate` (default 0.1), drawn from a seeded PRNG (mulberry32), so the same seed always gives
 * the same corpus. A copy keeps its document (`doc`) and article title, and its id is `<id>~c<copy>` so an
 * eval can map a hit on a copy back to the passage it came from ({@link baseId}).
 */
import type { Passage } from '../../src/search/passage-corpus.js';
import { mulberry32 } from '../../src/common/seeded-random.js';

/** Options of {@link replicateCorpus}. */
export interface ReplicateOptions {
  /** PRNG seed. Default 17. */
  seed?: number;
  /** Probability that a word is dropped from a copy's body. Default 0.1. */
  dropRate?: number;
}


/** The corpus and `copies - 1` perturbed copies of it (see the module comment). */
export function replicateCorpus(passages: readonly Passage[], copies: number, opts: ReplicateOptions = {}): Passage[] {
  return [...replicatePassages(passages, copies, opts)];
}

/**
 * The passages of {@link replicateCorpus}, same order and same words, made one at a time: the scale
 * benchmark streams them into the index so that the corpus × N is never held in memory as JS strings.
 */
export function* replicatePassages(passages: readonly Passage[], copies: number, opts: ReplicateOptions = {}): Generator<Passage> {
  const random = mulberry32(opts.seed ?? 17);
  const drop = opts.dropRate ?? 0.1;
  yield* passages;
  for (let c = 1; c < copies; c++) {
    for (const p of passages) {
      const text = p.text
        .split(/(\s+)/u)
        .filter((part, i) => i % 2 === 1 || random() >= drop)
        .join('')
        .replace(/[ \t]{2,}/gu, ' ');
      yield { ...p, id: `${p.id}~c${c}`, text };
    }
  }
}

/** The id of the passage a copy was made from (the id itself for an original). */
export function baseId(id: string): string {
  const i = id.lastIndexOf('~c');
  return i < 0 ? id : id.slice(0, i);
}
