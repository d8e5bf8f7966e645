/** Reads a JSON-lines file of trusted benchmark data (blank lines skipped; no per-record checks). */
import { readFileSync } from 'node:fs';

export const readJsonl = <T>(path: string): T[] => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
