import { doctorExitCode, formatReport, runDoctor } from '../../app/ops/doctor/doctor.js';
import type { Command } from '../args.js';

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'Check the installation: settings, database, accounts, index, disk, Telegram/Zalo tokens and webhooks, staff group, clock, PUBLIC_URL, LLM.',
  usage: 'doctor [--strict] [--json]',
  options: {
    strict: { type: 'boolean', description: 'Exit 1 on warnings too (for monitoring)' },
    json: { type: 'boolean', description: 'Print JSON' },
  },
  async run({ values }, ctx) {
    const results = await runDoctor({ envFile: ctx?.envFile });
    process.stdout.write(values.json ? `${JSON.stringify(results, null, 2)}\n` : formatReport(results));
    return doctorExitCode(results, Boolean(values.strict));
  },
};
