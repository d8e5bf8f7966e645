import { parseArgs } from 'node:util';
import type { EnvFileResult } from '../config/index.js';

/** What every command gets besides its own options: how the settings file was read. */
export interface CommandContext {
  envFile: EnvFileResult;
}

/** Definition of one CLI command: its options, help text and what it runs. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; description: string; default?: string | boolean }>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, ctx?: CommandContext): Promise<number>;
}

/** Parses `argv` for `cmd`; unknown options are an error that names the allowed ones. */
export function parseCommandArgs(cmd: Command, argv: string[]) {
  const options = Object.fromEntries(
    Object.entries(cmd.options).map(([k, o]) => [
      k,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.default !== undefined ? { default: o.default } : {}) },
    ]),
  );
  return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
}

/** Help text of a command. */
export function commandHelp(cmd: Command): string {
  const lines = [`${cmd.summary}`, '', `Usage: npm run cchc -- ${cmd.usage}`, ''];
  const opts = Object.entries(cmd.options);
  if (opts.length) {
    lines.push('Options:');
    for (const [k, o] of opts) {
      const flag = `${o.short ? `-${o.short}, ` : ''}--${k}${o.type === 'string' ? ' <value>' : ''}`;
      lines.push(`  ${flag.padEnd(28)} ${o.description}${o.default !== undefined && o.default !== false ? ` (default: ${o.default})` : ''}`);
    }
  }
  lines.push('  -h, --help'.padEnd(30) + ' Show this help');
  return lines.join('\n');
}

/**
 * Takes the global `--env-file <path>` (or `--env-file=<path>`) out of `argv`, wherever it stands before a
 * `--`; returns the path (undefined when absent) and the remaining arguments. Throws when the path is missing.
 */
export function takeEnvFileFlag(argv: readonly string[]): { envFile?: string; rest: string[] } {
  const rest: string[] = [];
  let envFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--env-file' || a.startsWith('--env-file=')) {
      const value = a === '--env-file' ? argv[++i] : a.slice('--env-file='.length);
      if (!value || value.startsWith('-')) throw new Error('--env-file needs a path, e.g. --env-file /etc/cchc-bot/env');
      envFile = value;
      continue;
    }
    rest.push(a);
  }
  return { envFile, rest };
}
