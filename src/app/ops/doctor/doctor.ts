/**
 * `cchc doctor`: every check an operator needs before and after going live, each with a one-line
 * finding and a fix. Settings are checked first: when they are invalid nothing else can be.
 */
import type { Config, EnvFileResult } from '../../../config/index.js';
import { loadConfig } from '../../../config/index.js';
import { describeError, isAppError } from '../../../common/errors.js';
import { fail, ok, warn } from './check.js';
import type { CheckResult, CheckStatus } from './check.js';
import { checkDatabase, checkDisk, checkIndex, checkNode } from './local-checks.js';
import { checkClock, checkLlm, checkPublicUrl, checkTelegram, checkZalo } from './platform-checks.js';

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  /** How the settings file was read (shown as the first check). */
  envFile?: EnvFileResult;
  /** The environment to load settings from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Clock for ages (epoch ms). Default `Date.now`. */
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * Runs every check in order and returns the results (it never throws: a crashing check is a failure).
 *
 * @example
 * const results = await runDoctor({ envFile });
 * process.stdout.write(formatReport(results));
 */
export async function runDoctor(opts: DoctorOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [checkNode()];
  let config: Config;
  try {
    config = loadConfig(opts.env ?? process.env);
    results.push(settingsResult(opts.envFile));
  } catch (err: unknown) {
    results.push(fail('Settings', isAppError(err) ? err.detail : describeError(err), 'fix the settings listed (see .env.example), then run doctor again'));
    return results;
  }
  const now = opts.now ?? Date.now;
  const steps: Array<() => Promise<CheckResult | CheckResult[]>> = [
    () => checkDatabase(config, now()),
    () => checkIndex(config),
    () => checkDisk(config),
    () => checkTelegram(config, now()),
    () => checkZalo(config, now()),
    () => checkClock(config, opts.fetch),
    () => checkPublicUrl(config, opts.fetch),
    () => checkLlm(config, opts.fetch),
  ];
  for (const step of steps) {
    try {
      results.push(...[await step()].flat());
    } catch (err: unknown) {
      results.push(fail('Check', `a check crashed: ${describeError(err)}`, 'report this with the output of "npm run cchc -- doctor --json"'));
    }
  }
  return results;
}

function settingsResult(file: EnvFileResult | undefined): CheckResult {
  const from = file?.path ? `valid; read ${file.applied.length} from ${file.path}${file.overridden.length ? `, ${file.overridden.length} overridden by the environment` : ''}` : 'valid; no .env file, environment only';
  if (file?.unknown.length) return warn('Settings', `${from}; not settings of cchc-bot: ${file.unknown.join(', ')}`, 'check the spelling against .env.example');
  if (file?.duplicates.length) return warn('Settings', `${from}; set twice: ${file.duplicates.join(', ')}`, 'keep one line per setting (the last one counts)');
  return ok('Settings', from);
}

const LABEL: Record<CheckStatus, string> = { ok: 'OK  ', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };

/** The report as text: one line per check, a fix line under each warning or failure, and a summary. */
export function formatReport(results: readonly CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.title.length));
  const lines = results.flatMap((r) => [`${LABEL[r.status]}  ${r.title.padEnd(width)}  ${r.detail}`, ...(r.fix && r.status !== 'ok' ? [`      ${' '.repeat(width)}  fix: ${r.fix}`] : [])]);
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  lines.push('', `${count('fail')} failed, ${count('warn')} warning(s), ${count('ok')} ok${count('skip') ? `, ${count('skip')} skipped` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** 1 when a check failed (or, with `strict`, warned), else 0. */
export function doctorExitCode(results: readonly CheckResult[], strict = false): number {
  return results.some((r) => r.status === 'fail' || (strict && r.status === 'warn')) ? 1 : 0;
}
