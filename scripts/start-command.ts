/**
 * How `npm start` runs the server (the `start` script of package.json): its environment settings and node
 * flags, so the fault suite and the benchmarks start the server under test the way production does. The
 * Dockerfile's entry point and the systemd unit carry the same settings (test/ops/deploy-files.test.ts
 * checks that they agree).
 *
 * @example
 * const { env, nodeFlags } = startCommand(ROOT);
 * spawn(process.execPath, [...nodeFlags, MAIN, 'serve'], { env: { ...env, ...mine } });
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The environment assignments and node flags of `npm start`. */
export interface StartCommand {
  env: Record<string, string>;
  nodeFlags: string[];
}

/** Reads package.json's `start` script: `NAME=value … node --flag … dist/src/cli/main.js serve`. */
export function startCommand(root: string): StartCommand {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return parseStartScript(pkg.scripts?.start ?? '');
}

/** Splits a start script into its leading `NAME=value` words and the flags between `node` and the script. */
export function parseStartScript(script: string): StartCommand {
  const words = script.trim().split(/\s+/u).filter(Boolean);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/u.test(words[i]); i++) {
    const eq = words[i].indexOf('=');
    env[words[i].slice(0, eq)] = words[i].slice(eq + 1);
  }
  if (words[i] !== 'node') throw new Error(`package.json "start" does not run node: ${script}`);
  const nodeFlags: string[] = [];
  for (i++; i < words.length && words[i].startsWith('-'); i++) nodeFlags.push(words[i]);
  return { env, nodeFlags };
}
