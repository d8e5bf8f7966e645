/**
 * Downloads of a report's tables: CSV (RFC 4180) and XLSX (exceljs). Both take the tables of
 * `reportTables`, so they hold exactly what the console page shows.
 */
import ExcelJS from 'exceljs';
import type { ReportCell, ReportTable } from './report-tables.js';

/** The MIME type of the CSV download. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
/** The MIME type of the XLSX download. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The UTF-8 byte order mark: without it, Excel opens a UTF-8 CSV as ANSI and garbles Vietnamese. */
const BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet treat a text cell as a formula. Question texts come from the public,
 * so such a cell gets a leading apostrophe (OWASP "CSV injection"); numbers are never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled), as RFC 4180 says. */
export function csvField(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The tables as one CSV document: UTF-8 with a BOM, CRLF line ends, one section per table (its title on a
 * line of its own, the header row, the rows), sections separated by an empty line. Numbers use a dot as
 * the decimal separator.
 *
 * @example
 * res.type(CSV_CONTENT_TYPE).send(toCsv(reportTables(report)));
 */
export function toCsv(tables: readonly ReportTable[]): string {
  const lines: string[] = [];
  tables.forEach((t, i) => {
    if (i > 0) lines.push('');
    lines.push(csvField(t.title));
    lines.push(t.columns.map(csvField).join(','));
    for (const row of t.rows) lines.push(row.map(csvField).join(','));
  });
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A column width (in characters) that fits its header and cells, within 8–60. */
function columnWidth(t: ReportTable, col: number): number {
  const lengths = [t.columns[col], ...t.rows.map((r) => (r[col] === null ? '' : String(r[col])))].map((s) => s.length);
  return Math.min(60, Math.max(8, ...lengths) + 2);
}

/**
 * The tables as an XLSX workbook, one worksheet per table named by its title: a bold, frozen header row,
 * numbers as numeric cells (one decimal shown where a figure has one), empty cells for "no data", and
 * text always stored as text (never as a formula).
 *
 * @example
 * res.type(XLSX_CONTENT_TYPE).send(await toXlsx(reportTables(report), { title: 'Báo cáo kết quả hoạt động' }));
 */
export async function toXlsx(tables: readonly ReportTable[], meta: { title?: string; created?: Date } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trợ lý CCHC';
  wb.title = meta.title ?? '';
  wb.created = meta.created ?? new Date(0);
  wb.modified = wb.created;
  for (const t of tables) {
    const ws = wb.addWorksheet(t.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((header, i) => ({ header, key: `c${i}`, width: columnWidth(t, i) }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) {
      const added = ws.addRow(row.map((c) => (c === null ? null : c)));
      row.forEach((c, i) => {
        if (typeof c === 'number') added.getCell(i + 1).numFmt = Number.isInteger(c) ? '#,##0' : '#,##0.0';
      });
    }
  }
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
