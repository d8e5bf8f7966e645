import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from './export.js';
import type { ReportQuestionRow, ReportTicketRow } from './ports.js';
import { buildReport } from './report-service.js';
import { reportFileName, reportTables } from './report-tables.js';
import type { ReportCell } from './report-tables.js';
import { citedDocs, reportQuestionFromRaw, reportTicketFromRaw } from './report-rows.js';

const FROM = Date.UTC(2026, 0, 31, 17); // 00:00 on 01/02/2026 in Vietnam
const TO = FROM + 2 * 86_400_000;
const base = { channel: 'zalo' as const, userId: 'u1', unitId: 'so-noi-vu', confidence: 0.9, citedDocs: [], feedback: null, ticketId: null };
const QUESTIONS: ReportQuestionRow[] = [
  { ...base, id: 'a', text: 'Hồ sơ, "một cửa"?', answered: true, source: 'faq', createdAt: FROM + 3_600_000, feedback: 'helpful' },
  { ...base, id: 'b', text: 'Hồ sơ, "một cửa"?', answered: false, source: 'none', createdAt: FROM + 7_200_000, ticketId: 't1' },
  { ...base, id: 'c', text: '=Câu hỏi lạ', answered: false, source: 'none', createdAt: FROM + 90_000_000, unitId: null, channel: 'web' },
];
const TICKETS: ReportTicketRow[] = [
  { id: 't1', number: 1, channel: 'zalo', unitId: 'so-noi-vu', state: 'answered', createdAt: FROM + 7_200_000, claimedAt: null,
    answeredAt: FROM + 7_200_000 + 45 * 60_000, closedAt: null, remindedAt: null },
];
const report = buildReport(QUESTIONS, TICKETS, { period: { from: FROM, to: TO }, units: [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }], remindMinutes: 60, now: TO });
const tables = reportTables(report);

describe('reportTables', () => {
  it('gives the six tables in page order, titled for the XLSX sheets', () => {
    expect(tables.map((t) => t.title)).toEqual(['Tổng hợp', 'Theo kênh', 'Theo đơn vị', 'Chủ đề', 'Câu hỏi chưa trả lời', 'Theo ngày']);
    for (const t of tables) {
      expect(t.title.length).toBeLessThanOrEqual(31);
      for (const row of t.rows) expect(row, `${t.title}: every row has one cell per column`).toHaveLength(t.columns.length);
    }
  });

  it('writes shares as percentages and durations as minutes, with one decimal', () => {
    const summary = new Map(tables[0].rows.map((r) => [r[0], r[1]]));
    expect(summary.get('Từ ngày')).toBe('01/02/2026');
    expect(summary.get('Đến ngày')).toBe('02/02/2026');
    expect(summary.get('Kênh')).toBe('Tất cả các kênh');
    expect(summary.get('Tỷ lệ trả lời tự động (%)')).toBe(33.3);
    expect(summary.get('Thời gian trả lời trung vị (phút)')).toBe(45);
    expect(summary.get('Thời hạn xử lý phiếu (phút)')).toBe(60);
    const byUnit = tables[2];
    expect(byUnit.rows.map((r) => r[0])).toEqual(['Sở Nội vụ', 'Chưa chọn đơn vị']);
    expect(byUnit.rows[1][byUnit.columns.indexOf('Thời gian trả lời trung vị (phút)')], 'no data is an empty cell, not 0').toBeNull();
    // Same count: the most recently asked first.
    expect(tables[4].rows).toEqual([[1, '=Câu hỏi lạ', 1, '02/02/2026 01:00'], [2, 'Hồ sơ, "một cửa"?', 1, '01/02/2026 02:00']]);
    expect(reportFileName(report, 'xlsx')).toBe('bao-cao-cchc_2026-02-01_2026-02-02.xlsx');
  });

  it('round-trips every table through XLSX unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(tables)) as unknown as ArrayBuffer);
    for (const t of tables) {
      const ws = wb.getWorksheet(t.title);
      expect(ws, `sheet ${t.title}`).toBeDefined();
      const read: ReportCell[][] = [];
      for (let r = 1; r <= t.rows.length + 1; r++) {
        read.push(t.columns.map((_, c) => {
          const v = ws?.getRow(r).getCell(c + 1).value;
          return v === undefined || v === null ? null : (v as string | number);
        }));
      }
      expect(read).toEqual([t.columns, ...t.rows]);
    }
  });

  it('puts the same tables in the CSV, one titled section each', () => {
    const csv = toCsv(tables);
    const sections = csv.slice(1).split('\r\n\r\n');
    expect(sections.map((s) => s.split('\r\n')[0])).toEqual(tables.map((t) => t.title));
    expect(csv).toContain(`\r\n1,'=Câu hỏi lạ,1,02/02/2026 01:00\r\n2,"Hồ sơ, ""một cửa""?",1,01/02/2026 02:00\r\n`);
  });
});

describe('report rows from either driver', () => {
  it('reads PostgreSQL types (BIGINT strings, parsed JSONB) and SQLite types (0/1, JSON text) alike', () => {
    const cite = { docId: 'nd118.md', docNumber: '118/2025/NĐ-CP', docTitle: 'Nghị định' };
    const raw = { id: 'q', channel: 'zalo', userId: 'u', unitId: null, text: 'x', source: 'search', confidence: '0.5', feedback: 'helpful', ticketId: null };
    const pg = reportQuestionFromRaw({ ...raw, answered: true, citations: [cite, cite], createdAt: '1700000000000' });
    const lite = reportQuestionFromRaw({ ...raw, answered: 1, citations: JSON.stringify([cite]), createdAt: 1_700_000_000_000 });
    expect(pg).toEqual(lite);
    expect(pg.citedDocs).toEqual([{ id: 'nd118.md', number: '118/2025/NĐ-CP', title: 'Nghị định' }]);
    expect(citedDocs('not json')).toEqual([]);
    expect(reportTicketFromRaw({ id: 't', number: '3', channel: 'web', unitId: 'x', state: 'open', createdAt: '5', claimedAt: null, answeredAt: '9', closedAt: null, remindedAt: null }))
      .toEqual({ id: 't', number: 3, channel: 'web', unitId: 'x', state: 'open', createdAt: 5, claimedAt: null, answeredAt: 9, closedAt: null, remindedAt: null });
  });
});
