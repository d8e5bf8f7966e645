/**
 * `roster`: the roster of officials doing reform work, the denominator of the trained-officials figure.
 * `roster import <file.csv>` replaces it from a spreadsheet export; `roster codes` prints the one-time
 * link codes the units' focal points hand out (`/lienket <mã>` in the chat); `roster unlink` lets staff
 * fix a wrong link.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { parseUnitsFile } from '../../ingest/units-file.js';
import { parseCsv, rosterFromRows } from '../../training/index.js';
import { openStore } from '../../storage/index.js';
import type { ChannelName } from '../../conversation/index.js';
import type { Command } from '../args.js';

/** The first worksheet of an XLSX file as rows of text cells. */
async function xlsxRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws?.eachRow((row) => {
    const cells: string[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(row.getCell(i).text ?? '');
    rows.push(cells);
  });
  return rows;
}

const USAGE = 'roster import <file.csv|file.xlsx> | roster codes [--unit <unit id>] | roster unlink <channel> <user id>';

export const rosterCommand: Command = {
  name: 'roster',
  summary: 'Import the roster of officials doing reform work (CSV or XLSX), print their one-time link codes, or unlink a chat account.',
  usage: USAGE,
  options: { unit: { type: 'string', description: 'roster codes: only this unit id' } },
  async run({ values, positionals }) {
    const [sub, a, b] = positionals;
    const cfg = loadConfig();
    if (sub === 'import' && a) {
      const { units, problems: unitProblems } = parseUnitsFile(await readFile(join(cfg.knowledgeDir, 'units.yaml'), 'utf8'));
      for (const p of unitProblems) process.stderr.write(`units.yaml: ${p}\n`);
      const rows = /\.xlsx$/i.test(a) ? await xlsxRows(a) : parseCsv(await readFile(a, 'utf8'));
      const { entries, problems } = rosterFromRows(rows, units);
      for (const p of problems) process.stderr.write(`${a}: ${p}\n`);
      if (!entries.length) {
        process.stderr.write('roster: nothing imported\n');
        return 1;
      }
      const store = await openStore(cfg.databaseUrl);
      try {
        const r = await store.importRoster(entries, Date.now());
        process.stdout.write(`Roster imported: ${entries.length} officials (${r.added} new, ${r.updated} updated, ${r.removed} removed), ${problems.length} rows skipped\n`);
      } finally {
        await store.close();
      }
      return problems.length ? 3 : 0;
    }
    if (sub === 'codes') {
      const store = await openStore(cfg.databaseUrl);
      try {
        const unit = typeof values.unit === 'string' ? values.unit : undefined;
        for (const e of await store.listRoster()) {
          if (unit && e.unitId !== unit) continue;
          process.stdout.write(`${e.unitId}\t${e.name}\t${e.position}\t${e.linkCode ?? '(đã liên kết)'}\n`);
        }
      } finally {
        await store.close();
      }
      return 0;
    }
    if (sub === 'unlink' && a && b) {
      const store = await openStore(cfg.databaseUrl);
      try {
        const removed = await store.unlinkRoster(a as ChannelName, b);
        process.stdout.write(removed ? `Unlinked ${a}:${b}\n` : `${a}:${b} was not linked\n`);
        return removed ? 0 : 1;
      } finally {
        await store.close();
      }
    }
    process.stderr.write(`Usage: npm run cchc -- ${USAGE}\n`);
    return 2;
  },
};
