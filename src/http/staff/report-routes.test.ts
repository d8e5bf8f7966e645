import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStaffAccountStore } from '../../../test/support/memory-staff-store.js';
import { silentLogger } from '../../common/logger.js';
import type { ReportPeriod, ReportQuestionRow, ReportStore, ReportTicketRow } from '../../reports/index.js';
import { securityHeaders } from '../security-headers.js';
import { StaffAuth } from './auth.js';
import type { StaffContext } from './auth.js';
import { createReportRouter } from './report-routes.js';
import type { ReportRoutesOptions } from './report-routes.js';

const FROM = Date.UTC(2026, 1, 28, 17); // 00:00 on 01/03/2026 in Vietnam
const H = 3_600_000;
const NOW = FROM + 3 * 24 * H;

const base: Pick<ReportQuestionRow, 'confidence' | 'citedDocs' | 'feedback' | 'ticketId'> = { confidence: 0.9, citedDocs: [], feedback: null, ticketId: null };
const QUESTIONS: ReportQuestionRow[] = [
  { ...base, id: 'a', channel: 'zalo', userId: 'u1', unitId: 'so-noi-vu', text: 'Hồ sơ một cửa', answered: true, source: 'faq', createdAt: FROM + H },
  { ...base, id: 'b', channel: 'telegram', userId: 'u2', unitId: null, text: '<script>alert("x")</script> thủ tục?', answered: false, source: 'none', createdAt: FROM + 2 * H, ticketId: 't1' },
];
const TICKETS: ReportTicketRow[] = [
  { id: 't1', number: 1, channel: 'telegram', unitId: null, state: 'answered', createdAt: FROM + 2 * H, claimedAt: null, answeredAt: FROM + 3 * H, closedAt: null, remindedAt: null },
];

/** A report store over fixed rows that records the periods it was asked for. */
class FixedReportStore implements ReportStore {
  readonly asked: ReportPeriod[] = [];
  async reportQuestions(p: ReportPeriod) {
    this.asked.push(p);
    return QUESTIONS;
  }
  async reportTickets() {
    return TICKETS;
  }
}

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

function staff(role: 'staff' | 'admin'): StaffContext {
  const account = { username: role, displayName: role === 'admin' ? 'Quản trị viên' : 'Nguyễn Thị Lan', role, passwordHash: 'x', createdAt: 0, disabled: false };
  return { actor: { id: `web:${role}`, name: account.displayName, role }, account, session: { id: 's', username: role, csrfToken: 'tok', createdAt: 0, expiresAt: NOW + H } };
}

/** The report router behind the real admin guards; the session comes from an `x-test-role` header instead of a cookie. */
async function start(mount = '/admin', extra: Partial<ReportRoutesOptions> = {}): Promise<{ store: FixedReportStore; get: (path: string, role?: string) => Promise<Response> }> {
  const store = new FixedReportStore();
  const auth = new StaffAuth({ accounts: new MemoryStaffAccountStore(), secureCookies: false, logger: silentLogger, now: () => NOW });
  const app = express();
  app.use(securityHeaders());
  app.use(mount, (req, res, next) => {
    const role = req.get('x-test-role');
    if (role === 'admin' || role === 'staff') res.locals.staff = staff(role);
    next();
  }, auth.requireStaff(), auth.requireAdmin(), createReportRouter({
    store, units: [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }], remindMinutes: 60, now: () => NOW, ...extra,
  }));
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { store, get: (path, role = 'admin') => fetch(`${url}${path}`, { headers: role ? { 'x-test-role': role } : {}, redirect: 'manual' }) };
}

const Q = '/admin/reports?from=2026-03-01&to=2026-03-03';

describe('admin report routes', () => {
  it('shows the report page with the period picker, summary, charts, tables and download links', async () => {
    const { store, get } = await start();
    const res = await get(Q);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain('<h1>Báo cáo kết quả hoạt động</h1>');
    expect(page).toContain('<input type="date" id="r-from" name="from" value="2026-03-01" required>');
    expect(page).toContain('<dt>Số câu hỏi</dt><dd>2</dd>');
    expect(page).toContain('<dt>Tỷ lệ trả lời tự động (%)</dt><dd>50</dd>');
    expect(page.match(/<svg [^>]*role="img"/g)).toHaveLength(4);
    expect(page).toContain('<title id="chart-channel-title">Số câu hỏi theo kênh</title>');
    for (const h of ['Theo kênh', 'Theo đơn vị', 'Chủ đề', 'Câu hỏi chưa trả lời', 'Theo ngày']) expect(page).toContain(`>${h}</h3>`);
    expect(page).toContain('href="/admin/reports?from=2026-03-01&amp;to=2026-03-03&amp;format=csv"');
    expect(page).toContain('href="/admin/reports?from=2026-03-01&amp;to=2026-03-03&amp;format=xlsx"');
    expect(page).toContain('<link rel="stylesheet" href="/admin/reports/report.css">');
    expect(page, 'question text from officials must be escaped').toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; thủ tục?');
    expect(page).not.toContain('<script>');
    expect(page).not.toMatch(/ style=/);
    expect(store.asked).toEqual([{ from: FROM, to: FROM + 3 * 24 * H }]);
  });

  it('downloads the same tables as CSV (UTF-8 with BOM) and XLSX', async () => {
    const { get } = await start();
    const csv = await get(`${Q}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?bao-cao-cchc_2026-03-01_2026-03-03\.csv"?$/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Tổng hợp\r\nChỉ số,Giá trị\r\n');
    expect(text).toContain('Chưa chọn đơn vị,1,1,0,0,1,100,1,1,60,60,0,0,0,0');

    const xlsx = await get(`${Q}&format=xlsx`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toContain('bao-cao-cchc_2026-03-01_2026-03-03.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo kênh', 'Theo đơn vị', 'Chủ đề', 'Câu hỏi chưa trả lời', 'Theo ngày']);
    expect(wb.getWorksheet('Theo ngày')?.getCell('A2').value).toBe('01/03/2026');
  });

  it('passes the channel and "no unit" filters to the store and keeps them selected', async () => {
    const { store, get } = await start();
    const page = await (await get(`${Q}&channel=zalo&unit=_none`)).text();
    expect(store.asked[0]).toEqual({ from: FROM, to: FROM + 3 * 24 * H, channel: 'zalo', unitId: null });
    expect(page).toContain('<option value="zalo" selected>Zalo</option>');
    expect(page).toContain('<option value="_none" selected>Chưa chọn đơn vị</option>');
    await get(`${Q}&channel=fax&unit=<x>`);
    expect(store.asked[1], 'unknown values are dropped').toEqual({ from: FROM, to: FROM + 3 * 24 * H });
  });

  it('refuses dates that are invalid or in the wrong order with the picker and a Vietnamese message', async () => {
    const { store, get } = await start();
    const bad = await get('/admin/reports?from=2026-02-30&to=2026-03-03');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Ngày không hợp lệ. Vui lòng chọn ngày bắt đầu và ngày kết thúc của kỳ báo cáo.');
    const order = await get('/admin/reports?from=2026-03-03&to=2026-03-01&format=csv');
    expect([order.status, order.headers.get('content-type')]).toEqual([400, 'text/html; charset=utf-8']);
    expect(await order.text()).toContain('Ngày kết thúc phải trùng hoặc sau ngày bắt đầu.');
    expect(store.asked).toEqual([]);
  });

  it('defaults to the 30 days ending today and serves its stylesheet', async () => {
    const { store, get } = await start();
    expect((await get('/admin/reports')).status).toBe(200);
    expect(store.asked[0].to - store.asked[0].from).toBe(30 * 24 * H);
    const css = await get('/admin/reports/report.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('.table-scroll');
  });

  it('also works as an admin console section mounted at /admin/reports, in another page frame', async () => {
    const { store, get } = await start('/admin/reports', { path: '', frame: (p) => `<!doctype html><title>${p.title}</title><main>${p.body.value}</main>` });
    const page = await (await get(Q)).text();
    expect(page.startsWith('<!doctype html><title>Báo cáo kết quả hoạt động</title><main>')).toBe(true);
    expect(page).toContain('<form method="get" action="/admin/reports" class="filters"');
    expect(page).toContain('href="/admin/reports?from=2026-03-01&amp;to=2026-03-03&amp;format=xlsx"');
    expect((await get('/admin/reports/report.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect(store.asked).toHaveLength(1);
  });

  it('is for admins only: staff get 403, visitors go to the login page', async () => {
    const { store, get } = await start();
    const forbidden = await get(Q, 'staff');
    expect(forbidden.status).toBe(403);
    expect((await get(Q, '')).status).toBe(303);
    expect(store.asked).toEqual([]);
  });
});
