/**
 * Locates the web chat page's static files. They ship in the repository at `src/http/public/` and are not
 * copied by `tsc`, so the compiled module (`dist/src/http/`) walks up to the repository root to find them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../common/errors.js';

const RELATIVE = join('src', 'http', 'public');

/**
 * The folder holding `index.html`, `chat.css` and `chat.js`: `./public` beside this module when it is
 * there (running from `src/`), else `<repo root>/src/http/public` found by walking up to the nearest
 * `package.json`. Throws AppError `CONFIG_INVALID` when neither exists, so a broken install fails at
 * startup rather than serving 404s.
 */
export function defaultPublicDir(moduleUrl: string = import.meta.url): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const beside = join(here, 'public');
  if (existsSync(join(beside, 'index.html'))) return beside;
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(join(dir, 'package.json')) && existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new AppError('CONFIG_INVALID', `web chat page not found: no public/index.html beside ${here} nor ${RELATIVE} above it`);
}
