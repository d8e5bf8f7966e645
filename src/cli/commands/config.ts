import { loadConfig, SETTINGS, SETTING_GROUPS } from '../../config/index.js';
import { describeError, isAppError } from '../../common/errors.js';
import type { Command, CommandContext } from '../args.js';

/** Where a setting's value comes from. */
type Source = 'environment' | 'file' | 'default';

/** One row of the `config` listing. */
export interface SettingRow {
  name: string;
  group: string;
  /** The value as set; secrets are "(set)"; undefined when unset (the default applies). */
  shown?: string;
  source: Source;
}

/** The settings in effect, secrets hidden, with their source. `fromFile` lists the names the settings file supplied. */
export function settingRows(env: NodeJS.ProcessEnv, fromFile: readonly string[]): SettingRow[] {
  return SETTINGS.map((s) => {
    const raw = env[s.name];
    const set = raw !== undefined && raw !== '';
    return {
      name: s.name,
      group: s.group,
      shown: set ? (s.secret ? '(set)' : raw) : undefined,
      source: !set ? 'default' : fromFile.includes(s.name) ? 'file' : 'environment',
    };
  });
}

export const configCommand: Command = {
  name: 'config',
  summary: 'Show the settings in effect (secrets hidden), where each comes from, and whether they are valid.',
  usage: 'config [--json]',
  options: { json: { type: 'boolean', description: 'Print JSON instead of a table' } },
  async run({ values }, ctx?: CommandContext) {
    const fromFile = ctx?.envFile.applied ?? [];
    const rows = settingRows(process.env, fromFile);
    let problem: string | undefined;
    try {
      loadConfig();
    } catch (err: unknown) {
      problem = isAppError(err) ? err.detail : describeError(err);
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ file: ctx?.envFile.path ?? null, valid: !problem, problem, settings: rows }, null, 2)}\n`);
      return problem ? 1 : 0;
    }
    const out: string[] = [`Settings file: ${ctx?.envFile.path ?? '(none: no .env in the working directory)'}`];
    for (const group of SETTING_GROUPS) {
      out.push('', `${group}:`);
      for (const r of rows.filter((x) => x.group === group)) {
        const where = r.source === 'file' ? 'settings file' : r.source;
        out.push(`  ${r.name.padEnd(28)} ${(r.shown ?? '(default)').padEnd(40)} ${where}`);
      }
    }
    out.push('', problem ? `INVALID: ${problem}` : 'All settings are valid.');
    process.stdout.write(`${out.join('\n')}\n`);
    return problem ? 1 : 0;
  },
};
