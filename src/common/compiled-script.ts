import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from './errors.js';

/**
 * The compiled JavaScript file `fileName` beside the module at `moduleUrl` (its `import.meta.url`), for a
 * child process or worker thread to run. Under the test runner that module is TypeScript in `src/`; the
 * child must still run JavaScript, so the compiled copy in `dist/` is used (tests build it in `pretest`).
 * Throws INTERNAL naming the missing file when it is not built.
 */
export function compiledScript(moduleUrl: string, fileName: string): string {
  const here = fileURLToPath(moduleUrl);
  if (!here.endsWith('.ts')) return fileURLToPath(new URL(`./${fileName}`, moduleUrl));
  // The last "src" folder of the path is the project's (greedy prefix).
  const compiled = here.replace(/^(.*)([\\/])src((?:[\\/][^\\/]+)*[\\/])[^\\/]+\.ts$/, (_m, root: string, sep: string, dir: string) => `${root}${sep}dist${sep}src${dir}${fileName}`);
  if (!existsSync(compiled)) throw new AppError('INTERNAL', `${fileName} is not built (${compiled}); run "npm run build" first`);
  return compiled;
}
