/**
 * Atomic file writes for the knowledge folder: the bytes go to a hidden temporary file beside the
 * target (hidden, so a reindex running meanwhile never lists it), are flushed to disk, then take the
 * target's name in one step. A reader sees the old file or the new one, never half of either.
 */
import { randomBytes } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../common/errors.js';

/**
 * Writes `bytes` to `target` atomically. With `exclusive`, an existing target is left alone and the
 * write fails with CONFLICT (two uploads of one name: exactly one wins); otherwise it is replaced.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, opts: { exclusive?: boolean } = {}): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (!opts.exclusive) {
      await rename(tmp, target);
      return;
    }
    // link() fails with EEXIST instead of replacing, which rename() cannot do.
    await link(tmp, target);
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError('CONFLICT', `${basename(target)} already exists; replace it instead`, { cause: err });
    }
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}
