/**
 * `report`: the programme report of a period as CSV or XLSX, the same tables as the admin console's
 * `/admin/reports` page. CSV goes to standard output unless `--out` names a file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { describeError } from '../../common/errors.js';
import { loadConfig } from '../../config/index.js';
import { parseUnitsFile } from '../../ingest/units-file.js';
import {
  MAX_PERIOD_DAYS, REPORT_CHANNELS, buildReport, periodFromDates, reportTables, rt, toCsv, toXlsx,
} from '../../reports/index.js';
import type { ReportPeriod, ReportQuestionRow, ReportStore, ReportTicketRow, ReportUnit } from '../../reports/index.js';
import { openStore } from '../../storage/index.js';
import type { Command } from '../args.js';

/** The store the command needs: the report rows and `close` (an `AppStore` fits). */
export type ReportCliStore = ReportStore & { close(): Promise<void> };

/** Where the command reads and writes, replaceable in tests. */
export interface ReportCommandDeps {
  openStore: () => Promise<ReportCliStore>;
  /** The unit list; an empty list when `units.yaml` is missing. */
  loadUnits: () => Promise<ReportUnit[]>;
  /** The SLA limit in minutes (ESCALATION_REMIND_MINUTES). */
  remindMinutes: () => number;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  writeFile: (path: string, data: string | Buffer) => Promise<void>;
  now: () => number;
}

const USAGE = 'report --from yyyy-mm-dd --to yyyy-mm-dd [--format csv|xlsx] [--out file] [--channel telegram|zalo|web] [--unit <unit id>|_none]';
const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Reads `units.yaml` from KNOWLEDGE_DIR; problems are reported on stderr, a missing file gives no units. */
async function unitsFromKnowledge(stderr: Writable): Promise<ReportUnit[]> {
  const file = join(loadConfig().knowledgeDir, 'units.yaml');
  try {
    const { units, problems } = parseUnitsFile(await readFile(file, 'utf8'));
    for (const p of problems) stderr.write(`units.yaml: ${p}\n`);
    return units;
  } catch (err: unknown) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    stderr.write(`${file} not found: units are shown by id\n`);
    return [];
  }
}

/** The period from the options, or the reason it is not one. */
function periodOf(values: Record<string, string | boolean | undefined>): ReportPeriod | string {
  const from = typeof values.from === 'string' ? values.from : '';
  const to = typeof values.to === 'string' ? values.to : '';
  if (!from || !to) return '--from and --to are required (yyyy-mm-dd, inclusive, Vietnam time)';
  const range = periodFromDates(from, to);
  if ('problem' in range) {
    if (range.problem === 'order') return `--to (${to}) is before --from (${from})`;
    if (range.problem === 'tooLong') return `the period is longer than ${MAX_PERIOD_DAYS} days`;
    return `--from "${from}" or --to "${to}" is not a date (yyyy-mm-dd)`;
  }
  const period: ReportPeriod = { ...range };
  const channel = values.channel;
  if (typeof channel === 'string') {
    if (!(REPORT_CHANNELS as readonly string[]).includes(channel)) return `--channel must be one of: ${REPORT_CHANNELS.join(', ')}`;
    period.channel = channel as ReportPeriod['channel'];
  }
  const unit = values.unit;
  if (typeof unit === 'string') {
    if (unit !== '_none' && !UNIT_ID.test(unit)) return '--unit must be a unit id from units.yaml, or _none for "no unit chosen"';
    period.unitId = unit === '_none' ? null : unit;
  }
  return period;
}

/** The period's rows; the store is closed again whatever happens. */
async function readRows(d: ReportCommandDeps, period: ReportPeriod): Promise<[ReportQuestionRow[], ReportTicketRow[]]> {
  const store = await d.openStore();
  try {
    return await Promise.all([store.reportQuestions(period), store.reportTickets(period)]);
  } finally {
    await store.close().catch((err: unknown) => d.stderr.write(`report: closing the store failed: ${describeError(err)}\n`));
  }
}

/**
 * Builds the `report` command; `deps` replaces the real store, files and streams (tests).
 *
 * @example
 * npm run cchc -- report --from 2026-01-01 --to 2026-12-31 --format xlsx --out bao-cao-2026.xlsx
 * npm run cchc -- report --from 2026-03-01 --to 2026-03-31 > bao-cao-thang-3.csv
 */
export function createReportCommand(deps: Partial<ReportCommandDeps> = {}): Command {
  return {
    name: 'report',
    summary: 'Programme report of a period (questions, automatic answers, escalations, staff answer times, SLA, gaps) as CSV or XLSX.',
    usage: USAGE,
    options: {
      from: { type: 'string', description: 'First day of the period, yyyy-mm-dd (Vietnam time)' },
      to: { type: 'string', description: 'Last day of the period, yyyy-mm-dd (inclusive)' },
      format: { type: 'string', description: 'csv or xlsx', default: 'csv' },
      out: { type: 'string', description: 'File to write; CSV goes to standard output without it' },
      channel: { type: 'string', description: 'Only this channel: telegram, zalo or web' },
      unit: { type: 'string', description: 'Only this unit id (units.yaml), or _none for officials who chose no unit' },
    },
    async run({ values }) {
      const d: ReportCommandDeps = {
        openStore: () => ((c) => openStore(c.databaseUrl, { schema: c.databaseSchema }))(loadConfig()),
        loadUnits: () => unitsFromKnowledge(d.stderr),
        remindMinutes: () => loadConfig().escalationRemindMinutes,
        stdout: process.stdout,
        stderr: process.stderr,
        writeFile: (path, data) => writeFile(path, data),
        now: Date.now,
        ...deps,
      };
      const fail = (why: string) => {
        d.stderr.write(`report: ${why}\nUsage: npm run cchc -- ${USAGE}\n`);
        return 2;
      };
      const period = periodOf(values);
      if (typeof period === 'string') return fail(period);
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'xlsx') return fail(`--format must be csv or xlsx (got "${String(format)}")`);
      const out = typeof values.out === 'string' && values.out !== '' ? values.out : undefined;
      if (format === 'xlsx' && !out && d.stdout.isTTY) return fail('an XLSX file is binary: give --out <file> or redirect standard output');

      const units = await d.loadUnits();
      const [questions, tickets] = await readRows(d, period);
      const now = d.now();
      const tables = reportTables(buildReport(questions, tickets, { period, units, remindMinutes: d.remindMinutes(), now }));
      const data = format === 'csv' ? toCsv(tables) : await toXlsx(tables, { title: rt('report.title'), created: new Date(now) });
      if (out) {
        await d.writeFile(out, data);
        d.stderr.write(`Wrote ${out}: ${questions.length} questions, ${tickets.length} tickets\n`);
      } else {
        await new Promise<void>((resolve, reject) => d.stdout.write(data, (err) => (err ? reject(err) : resolve())));
      }
      return 0;
    },
  };
}

/** The `report` command, to register in `cli/main.ts`. */
export const reportCommand: Command = createReportCommand();
