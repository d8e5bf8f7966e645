import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv, toXlsx } from './export.js';
import type { ReportTable } from './report-tables.js';

const TABLES: ReportTable[] = [
  { id: 'summary', title: 'Tổng hợp', columns: ['Chỉ số', 'Giá trị'], rows: [['Số câu hỏi', 9], ['Tỷ lệ trả lời tự động (%)', 44.4], ['Thời gian trả lời trung vị (phút)', null]] },
  {
    id: 'gaps',
    title: 'Câu hỏi chưa trả lời',
    columns: ['Hạng', 'Câu hỏi', 'Số lần hỏi'],
    rows: [
      [1, 'Hồ sơ "một cửa", gồm những gì?', 3],
      [2, 'Dòng một\nDòng hai', 1],
      [3, '=HYPERLINK("http://x")', 1],
    ],
  },
];

describe('csvField', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('nói "có"')).toBe('"nói ""có"""');
    expect(csvField('x\r\ny')).toBe('"x\r\ny"');
    expect(csvField('Thủ tục hành chính')).toBe('Thủ tục hành chính');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
  });

  it('keeps a text cell from becoming a spreadsheet formula, but leaves numbers alone', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });
});

describe('toCsv', () => {
  it('writes UTF-8 with a BOM, CRLF line ends and one section per table', () => {
    const csv = toCsv(TABLES);
    expect(csv.startsWith('\uFEFFTổng hợp\r\nChỉ số,Giá trị\r\n')).toBe(true);
    expect(csv).toContain('\r\nSố câu hỏi,9\r\nTỷ lệ trả lời tự động (%),44.4\r\nThời gian trả lời trung vị (phút),\r\n\r\nCâu hỏi chưa trả lời\r\n');
    expect(csv).toContain('1,"Hồ sơ ""một cửa"", gồm những gì?",3\r\n');
    expect(csv).toContain('2,"Dòng một\nDòng hai",1\r\n');
    expect(csv).toContain(`3,"'=HYPERLINK(""http://x"")",1\r\n`);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Vietnamese survives the byte round trip (NFC, multi-byte).
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv);
  });
});

describe('toXlsx', () => {
  it('writes one worksheet per table that reads back with the same headers, text and numbers', async () => {
    const buf = await toXlsx(TABLES, { title: 'Báo cáo kết quả hoạt động' });
    expect(buf.subarray(0, 2).toString('latin1'), 'an XLSX file is a ZIP archive').toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Câu hỏi chưa trả lời']);
    const values = (name: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(name)?.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    expect(values('Tổng hợp')).toEqual([['Chỉ số', 'Giá trị'], ['Số câu hỏi', 9], ['Tỷ lệ trả lời tự động (%)', 44.4], ['Thời gian trả lời trung vị (phút)']]);
    expect(values('Câu hỏi chưa trả lời')).toEqual([
      ['Hạng', 'Câu hỏi', 'Số lần hỏi'],
      [1, 'Hồ sơ "một cửa", gồm những gì?', 3],
      [2, 'Dòng một\nDòng hai', 1],
      [3, '=HYPERLINK("http://x")', 1],
    ]);
    const ws = wb.getWorksheet('Tổng hợp');
    expect(ws?.getRow(1).font?.bold).toBe(true);
    expect(ws?.getCell('B3').numFmt).toBe('#,##0.0');
    expect(wb.getWorksheet('Câu hỏi chưa trả lời')?.getCell('B4').type, 'text from officials is never a formula').toBe(ExcelJS.ValueType.String);
  });
});
