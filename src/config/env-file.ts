/**
 * The settings file (`.env`): read once at start-up, before any command loads its {@link Config}.
 *
 * Format: one `NAME=value` per line, `#` comments, optional `export ` prefix, single, double or back quotes
 * (double-quoted values may span lines and understand `\n`), as parsed by Node's own `util.parseEnv` (the
 * parser behind `node --env-file`). Variables already set in the environment win over the file, so a
 * systemd `Environment=` line or a `docker run -e` still overrides it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { AppError } from '../common/errors.js';
import { SETTING_NAMES } from './settings.js';

/** The settings file looked for in the working directory when no path is given. */
export const DEFAULT_ENV_FILE = '.env';

/** What {@link applyEnvFile} did, for the start-up log and `cchc doctor`. */
export interface EnvFileResult {
  /** Absolute path of the file read; undefined when the default `.env` does not exist (not an error). */
  path?: string;
  /** Names taken from the file. */
  applied: string[];
  /** Names in the file that the environment already set: the environment's value is used. */
  overridden: string[];
  /** Names in the file that are not settings of this program (a typo, or a variable for another tool). */
  unknown: string[];
  /** Names set more than once in the file (the last one counts). */
  duplicates: string[];
}

/** Options of {@link applyEnvFile}. */
export interface ApplyEnvFileOptions {
  /** File named by `--env-file`: it must exist. Default: `.env` in `cwd`, skipped when missing. */
  path?: string;
  /** Directory a relative path (and the default `.env`) is resolved against. Default `process.cwd()`. */
  cwd?: string;
  /** The environment to complete. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads the settings file and copies each of its values into `env` unless `env` already has that name.
 * Throws CONFIG_INVALID when a named file is missing or unreadable, or when a line is not `NAME=value`
 * (with its line number: a silently ignored line would be a setting silently lost).
 *
 * @example
 * const r = applyEnvFile({ path: values['env-file'] });   // then loadConfig() sees the file's settings
 * if (r.unknown.length) console.warn(`not settings of cchc-bot: ${r.unknown.join(', ')}`);
 */
export function applyEnvFile(opts: ApplyEnvFileOptions = {}): EnvFileResult {
  const env = opts.env ?? process.env;
  const path = resolve(opts.cwd ?? process.cwd(), opts.path ?? DEFAULT_ENV_FILE);
  const text = readSettingsFile(path, opts.path !== undefined);
  if (text === undefined) return { applied: [], overridden: [], unknown: [], duplicates: [] };
  const { values, names } = parseSettingsText(text, path);
  const result: EnvFileResult = { path, applied: [], overridden: [], unknown: [], duplicates: [] };
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) && !result.duplicates.includes(name)) result.duplicates.push(name);
    seen.add(name);
  }
  for (const [name, value] of Object.entries(values)) {
    if (!SETTING_NAMES.has(name)) result.unknown.push(name);
    if (env[name] !== undefined) {
      result.overridden.push(name);
      continue;
    }
    env[name] = value;
    result.applied.push(name);
  }
  return result;
}

/**
 * Parses the text of a settings file: the values (last one wins) and the names in file order. Throws
 * CONFIG_INVALID listing every line that is not a comment, blank or `NAME=value`.
 */
export function parseSettingsText(text: string, label = DEFAULT_ENV_FILE): { values: Record<string, string>; names: string[] } {
  const problems: string[] = [];
  const names: string[] = [];
  let openQuote: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!m) {
      problems.push(`${label} line ${i + 1}: expected NAME=value, got "${trimmed.slice(0, 40)}"`);
      return;
    }
    names.push(m[1]);
    const quote = /^["'`]/.exec(m[2])?.[0];
    if (quote && !m[2].slice(1).includes(quote)) openQuote = quote;
  });
  if (openQuote) problems.push(`${label}: a value opened with ${openQuote} is never closed`);
  if (problems.length) throw new AppError('CONFIG_INVALID', `invalid settings file:\n- ${problems.join('\n- ')}`);
  return { values: parseEnv(text) as Record<string, string>, names };
}

/** The file's text; undefined when the default file is absent. A named file must exist. */
function readSettingsFile(path: string, named: boolean): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err: unknown) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !named) return undefined;
    const why = code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not readable (permissions)' : `unreadable (${code ?? 'error'})`;
    throw new AppError('CONFIG_INVALID', `settings file ${path} is ${why}`, { cause: err });
  }
}
