/**
 * The roster and the figure from the command line, as an operator runs them: `roster import` a CSV,
 * `roster codes`, then `report --training <year>` as CSV before and after a linked official completes a
 * course (written through the store, as the chat does).
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/index.js';
import { REPO_ROOT } from '../support/shared.js';
import { runCli } from '../support/cli-process.js';

describe('roster and report --training CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'cchc-roster-'));
  const db = join(root, 'bot.db');
  const env = { DATABASE_URL: `sqlite:${db}`, DATA_DIR: join(root, 'data'), KNOWLEDGE_DIR: join(REPO_ROOT, 'knowledge') };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('imports the roster, prints the codes and reports the unit share before and after a completion', async () => {
    const csv = join(root, 'danh-sach.csv');
    writeFileSync(csv, 'Họ và tên,Đơn vị,Chức vụ,Số điện thoại\nLê Thị Hoa,Sở Nội vụ,Chuyên viên,0912000001\nPhạm Văn Nam,Sở Nội vụ,Chuyên viên,0912000002\nSai Đơn Vị,Sở Không Có,Chuyên viên,0912000003\n');
    const imported = await runCli(['roster', 'import', csv], { env });
    expect(imported.stdout).toContain('Roster imported: 2 officials (2 new, 0 updated, 0 removed), 1 rows skipped');
    expect(imported.stderr).toContain('line 4: unit "Sở Không Có" is not in units.yaml');
    expect(imported.code).toBe(3);
    const codes = await runCli(['roster', 'codes', '--unit', 'so-noi-vu'], { env });
    expect(codes.stdout).toMatch(/^so-noi-vu\tLê Thị Hoa\tChuyên viên\t[A-Z2-9]{6}$/m);

    const before = await runCli(['report', '--training', '2026'], { env });
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('Sở Nội vụ,2,0,0,0,85,Chưa đạt,2');

    const store = await openStore(`sqlite:${db}`);
    const [hoa] = (await store.listRoster()).filter((e) => e.name === 'Lê Thị Hoa');
    await store.linkRoster({ rosterId: hoa.id, channel: 'zalo', userId: 'z1', linkedAt: Date.UTC(2026, 2, 1) });
    await store.saveCompletion({ channel: 'zalo', userId: 'z1', courseId: 'van-thu', score: 90, completedAt: Date.UTC(2026, 2, 2) });
    await store.close();

    const after = await runCli(['report', '--training', '2026'], { env });
    expect(after.stdout).toContain('Sở Nội vụ,2,1,1,50,85,Chưa đạt,1');
    expect(after.stdout).toContain('Toàn tỉnh,2,1,1,50,85,Chưa đạt,1');
    expect(after.stdout).toMatch(/Sở Nội vụ,Lê Thị Hoa,Chuyên viên,Đã hoàn thành,(van-thu|Công tác văn thư, lập hồ sơ và con dấu|"Công tác văn thư, lập hồ sơ và con dấu")/);
    expect((await runCli(['report', '--training', '2025'], { env })).stdout).toContain('Sở Nội vụ,2,1,0,0,85,Chưa đạt,2');

    // The same roster saved as XLSX, with one official added: known entries keep their link.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRows([['Họ và tên', 'Đơn vị', 'Chức vụ', 'Số điện thoại'], ['Lê Thị Hoa', 'Sở Nội vụ', 'Chuyên viên', '0912000001'],
      ['Phạm Văn Nam', 'Sở Nội vụ', 'Chuyên viên', '0912000002'], ['Đỗ Minh Châu', 'Sở Tư pháp', 'Chuyên viên', '0912000004']]);
    const xlsx = join(root, 'danh-sach.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const again = await runCli(['roster', 'import', xlsx], { env });
    expect(again.stdout).toContain('Roster imported: 3 officials (1 new, 2 updated, 0 removed), 0 rows skipped');
    expect((await runCli(['report', '--training', '2026'], { env })).stdout).toContain('Toàn tỉnh,3,1,1,33.3,85,Chưa đạt,2');
  }, 90_000);
});
