import { readFile } from 'node:fs/promises';
import { AppError } from '../common/errors.js';

/** Reads a JSON-lines file; a bad line is an INVALID_INPUT error naming the file and line number. */
export async function readJsonl<T>(path: string, check: (v: unknown) => v is T, what: string): Promise<T[]> {
  const text = await readFile(path, 'utf8').catch((err: unknown) => {
    throw new AppError('NOT_FOUND', `cannot read ${what} file ${path}`, { cause: err });
  });
  const out: T[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err: unknown) {
      throw new AppError('INVALID_INPUT', `${path}:${i + 1}: not valid JSON`, { cause: err });
    }
    if (!check(v)) throw new AppError('INVALID_INPUT', `${path}:${i + 1}: not a ${what} record`);
    out.push(v);
  });
  return out;
}
