import { existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the folder with package.json). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Path to a folder of the shared data that sits beside the repository (`../shared/<name>`). Throws — so
 * the test fails loudly rather than skipping — when it is missing.
 */
export function sharedDir(name: 'corpus' | 'samples' | 'eval' | 'docs' | 'reference'): string {
  const dir = resolve(REPO_ROOT, '..', 'shared', name);
  if (!existsSync(dir)) {
    throw new Error(`shared data folder ${dir} is missing. help: clone the repository beside shared/ (as CI does).`);
  }
  return dir;
}
