#!/usr/bin/env node
/**
 * CLI entry point: `npm run cchc -- <command> [options]`. Each command has `--help`.
 *
 * @example
 * npm run cchc -- ask "Thủ tục hành chính là gì?"
 * npm run cchc -- reindex
 * npm run cchc -- eval --corpus ../shared/eval/corpus.jsonl --questions ../shared/eval/questions.dev.jsonl --out r.jsonl
 */
import { isAppError, describeError } from '../common/errors.js';
import { commandHelp, parseCommandArgs, takeEnvFileFlag } from './args.js';
import type { Command } from './args.js';
import { applyEnvFile } from '../config/index.js';
import type { EnvFileResult } from '../config/index.js';
import { askCommand } from './commands/ask.js';
import { reindexCommand } from './commands/reindex.js';
import { evalCommand } from './commands/eval.js';
import { glossaryCommand } from './commands/glossary.js';
import { serveCommand } from './commands/serve.js';
import { staffCommand } from './commands/staff.js';
import { reportCommand } from './commands/report.js';
import { rosterCommand } from './commands/roster.js';
import { modelCommand } from './commands/model.js';
import { configCommand } from './commands/config.js';
import { webhookCommand } from './commands/webhook.js';
import { doctorCommand } from './commands/doctor.js';
import { migrateCommand } from './commands/migrate.js';
import { backupCommand, restoreCommand } from './commands/backup.js';

const COMMANDS: Command[] = [serveCommand, askCommand, reindexCommand, evalCommand, glossaryCommand, staffCommand, reportCommand, rosterCommand, modelCommand, configCommand, webhookCommand, doctorCommand, migrateCommand, backupCommand, restoreCommand];

function usage(): string {
  return [
    'Trợ lý CCHC (cchc-bot) command line',
    '',
    'Usage: npm run cchc -- [--env-file <path>] <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Settings come from the environment and from .env in the working directory (or the file named with',
    '--env-file); the environment wins. See .env.example.',
    'Run "npm run cchc -- <command> --help" for the options of a command.',
  ].join('\n');
}

async function main(args: string[]): Promise<number> {
  let argv: string[];
  let envFile: EnvFileResult;
  try {
    const taken = takeEnvFileFlag(args);
    argv = taken.rest;
    envFile = applyEnvFile({ path: taken.envFile });
  } catch (err: unknown) {
    process.stderr.write(`Error: ${isAppError(err) ? err.detail : describeError(err)}\n`);
    return 2;
  }
  if (envFile.unknown.length) process.stderr.write(`warning: ${envFile.path} sets ${envFile.unknown.join(', ')}, which cchc-bot does not read (typo?)\n`);
  if (envFile.duplicates.length) process.stderr.write(`warning: ${envFile.path} sets ${envFile.duplicates.join(', ')} more than once; the last value counts\n`);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseCommandArgs(cmd, rest);
  } catch (err: unknown) {
    process.stderr.write(`${name}: ${describeError(err)}\n\n${commandHelp(cmd)}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${commandHelp(cmd)}\n`);
    return 0;
  }
  return cmd.run(parsed, { envFile });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`Error: ${isAppError(err) ? err.detail : describeError(err)}\n`);
    process.exitCode = 1;
  },
);
