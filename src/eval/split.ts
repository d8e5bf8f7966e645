/**
 * The fitting/checking split of the dev rows the confidence model is fitted on: two to one by a hash of
 * the source and id, so every seed of a question and every run lands on the same side. The fitting script
 * fits on `fit` only; figures on `check` are the honest ones.
 */
import { createHash } from 'node:crypto';

/** Which side of the split a row key (`<source>:<id>`) falls on. */
export function splitOf(key: string): 'fit' | 'check' {
  return createHash('sha256').update(key).digest()[0] % 3 === 0 ? 'check' : 'fit';
}

/** The split of a row of the official dev set or eval/offtopic over `knowledge/`, by its id. */
export function officialSplit(id: string): 'fit' | 'check' {
  return splitOf(`official:${id}`);
}
