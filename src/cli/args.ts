import { parseArgs } from 'node:util';

/** Definition of one CLI command: its options, help text and what it runs. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; description: string; default?: string | boolean }>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number>;
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
