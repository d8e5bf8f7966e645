/**
 * The admin console in-process: login (admins only), the document list, multipart upload with CSRF,
 * refusals shown in Vietnamese, metadata form, delete confirmation, reindex progress and report, audit.
 */
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminLayout } from '../../src/http/admin/index.js';
import { html } from '../../src/http/staff/index.js';
import { passwordOf, sampleDocs, startAdminApp, waitForJob } from './support.js';
import type { AdminHarness } from './support.js';

let h: AdminHarness;
let samples: Awaited<ReturnType<typeof sampleDocs>>;

beforeAll(async () => {
  h = await startAdminApp();
  samples = await sampleDocs();
});
afterAll(async () => {
  await h?.close();
});

/** A browser stand-in: a cookie jar (by name), no redirects followed, the last page's CSRF token. */
class Browser {
  readonly cookies = new Map<string, string>();
  page = '';

  constructor(private readonly base: string) {}

  async go(method: string, path: string, body?: URLSearchParams | FormData) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    if (res.headers.get('content-type')?.includes('text/html')) this.page = text;
    return { status: res.status, location: res.headers.get('location'), text };
  }

  csrf(): string {
    return /name="_csrf" value="([^"]*)"/.exec(this.page)?.[1] ?? '';
  }

  form(path: string, fields: Record<string, string>) {
    return this.go('POST', path, new URLSearchParams({ _csrf: this.csrf(), ...fields }));
  }

  upload(path: string, file: { name: string; bytes: Uint8Array }, fields: Record<string, string> = {}, csrf = this.csrf()) {
    const form = new FormData();
    form.set('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([file.bytes]), file.name);
    return this.go('POST', path, form);
  }

  async login(username: string, password = passwordOf(username)) {
    await this.go('GET', '/admin/login');
    return this.form('/admin/login', { username, password });
  }
}

describe('admin console sign-in', () => {
  it('sends visitors to the login page and refuses wrong passwords and staff accounts', async () => {
    const b = new Browser(h.url);
    expect(await b.go('GET', '/admin')).toMatchObject({ status: 303, location: '/admin/login' });
    const page = await b.go('GET', '/admin/login');
    expect(page.text).toContain('<h1>Đăng nhập quản trị</h1>');
    expect((await b.login('quantri', 'sai-mat-khau-123')).text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    const staff = await b.login('lan');
    expect(staff.status).toBe(403);
    expect(staff.text).toContain('Tài khoản này không có quyền quản trị.');
    expect((await b.form('/admin/login', { username: 'quantri', password: passwordOf('quantri'), _csrf: 'forged' })).status).toBe(403);
  });
});

describe('admin console sections', () => {
  it('mounts a section (e.g. reports) behind the admin guard and CSRF check, with a navigation entry', async () => {
    const section = express.Router();
    section.get('/', (_req, res) => res.type('html').send(adminLayout({ title: 'Báo cáo', body: html`<p>bảng số liệu</p>`, user: { name: 'x', csrfToken: 't' }, current: '/admin/reports' })));
    section.post('/', (_req, res) => res.send('posted'));
    const s = await startAdminApp({ sections: [{ path: '/reports', label: 'Báo cáo', router: section }] });
    try {
      const b = new Browser(s.url);
      expect(await b.go('GET', '/admin/reports')).toMatchObject({ status: 303, location: '/admin/login' });
      await b.login('quantri');
      expect((await b.go('GET', '/admin')).text).toContain('<a href="/admin/reports">Báo cáo</a>');
      expect((await b.go('GET', '/admin/reports')).text).toContain('bảng số liệu');
      expect((await b.go('POST', '/admin/reports', new URLSearchParams({ _csrf: 'forged' }))).status).toBe(403);
    } finally {
      await s.close();
    }
  });
});

describe('admin console documents', () => {
  const b = () => browser;
  let browser: Browser;

  beforeAll(async () => {
    browser = new Browser(h.url);
    expect(await browser.login('quantri')).toMatchObject({ status: 303, location: '/admin' });
  });

  it('lists every document with its validity badge, the upload form and the reindex button', async () => {
    const page = await b().go('GET', '/admin');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Văn bản trong cơ sở dữ liệu</h1>');
    expect(page.text).toContain('nd-118-2025-mot-cua-cong-dich-vu-cong-quoc-gia.md');
    expect(page.text).toMatch(/doc-status-in_force">còn hiệu lực</);
    expect(page.text).toMatch(/doc-status-(replaced|expired|partly_expired)">/);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toContain('Lập lại chỉ mục');
    expect(page.text).toContain('Đang đăng nhập: Quản trị viên Hà');
  });

  it('uploads a file from the form (multipart, CSRF checked) and flashes what to do next', async () => {
    await b().go('GET', '/admin');
    expect((await b().upload('/admin/documents', samples.docx, {}, 'forged')).status).toBe(403);
    await b().go('GET', '/admin');
    const res = await b().upload('/admin/documents', samples.docx);
    expect(res).toMatchObject({ status: 303, location: '/admin?ok=uploaded&doc=huong-dan.docx' });
    const next = await b().go('GET', res.location ?? '');
    expect(next.text).toContain('Đã tải lên huong-dan.docx. Bấm “Lập lại chỉ mục” để đưa vào tìm kiếm.');
    expect(next.text).toMatch(/data-doc="huong-dan.docx"[\s\S]*?Chờ lập chỉ mục/);
  });

  it('shows refusals in Vietnamese with the right status: wrong content (415), traversal name (400), no file (400)', async () => {
    await b().go('GET', '/admin');
    const wrong = await b().upload('/admin/documents', { name: 'gia-mao.pdf', bytes: samples.html.bytes });
    expect(wrong.status).toBe(415);
    expect(wrong.text).toContain('nội dung không khớp với phần mở rộng');
    expect(wrong.text).toContain('the content is an HTML page');
    const traversal = await b().upload('/admin/documents', samples.md, { name: '../../etc/passwd.md' });
    expect(traversal.status).toBe(400);
    expect(traversal.text).toContain('Tên tệp hoặc dữ liệu gửi lên không hợp lệ.');
    const form = new FormData();
    form.set('_csrf', b().csrf());
    expect((await b().go('POST', '/admin/documents', form)).text).toContain('Vui lòng chọn một tệp để tải lên.');
  });

  it('refuses an oversized upload with a 413 page', async () => {
    const small = await startAdminApp({ maxBytes: 1024 });
    try {
      const s = new Browser(small.url);
      await s.login('quantri');
      await s.go('GET', '/admin');
      const res = await s.upload('/admin/documents', { name: 'lon.md', bytes: new Uint8Array(400_000).fill(0x41) });
      expect(res.status).toBe(413);
      expect(res.text).toContain('Tệp quá lớn; giới hạn là 1 KB.');
    } finally {
      await small.close();
    }
  });

  it('edits metadata from the document page, keeping typed values on a refusal', async () => {
    const page = await b().go('GET', '/admin/documents/huong-dan.docx');
    expect(page.text).toContain('Sửa thông tin văn bản');
    expect(page.text).toContain('huong-dan.docx.meta.yaml');
    const fields = { number: '7/HD-UBND', title: 'Hướng dẫn lưu trữ hồ sơ điện tử', issuer: 'Ủy ban nhân dân tỉnh', issued: '32/13/2025', effective: '', status: 'còn hiệu lực', replaced_by: '', source_url: '' };
    const bad = await b().form('/admin/documents/huong-dan.docx/meta', fields);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Thông tin văn bản chưa hợp lệ');
    expect(bad.text).toContain('value="32/13/2025"');
    const ok = await b().form('/admin/documents/huong-dan.docx/meta', { ...fields, issued: '15/1/2025' });
    expect(ok).toMatchObject({ status: 303, location: '/admin/documents/huong-dan.docx?ok=meta' });
    const after = await b().go('GET', ok.location ?? '');
    expect(after.text).toContain('Đã lưu thông tin văn bản.');
    expect(after.text).toContain('value="2025-01-15"');
    expect(after.text).toMatch(/<option selected>còn hiệu lực<\/option>/);
  });

  it('reindexes with a progress page, then shows the change report', async () => {
    await b().go('GET', '/admin');
    const start = await b().form('/admin/reindex', {});
    expect(start.status).toBe(303);
    const id = /\/admin\/reindex\/(rj-[\w-]+)$/.exec(start.location ?? '')?.[1] ?? '';
    const first = await b().go('GET', start.location ?? '');
    expect(first.text).toContain('<h1>Lập lại chỉ mục</h1>');
    if (first.text.includes('reindex-progress')) expect(first.text).toContain('<script src="/admin.js" defer>');
    await waitForJob(h.documents, id);
    const done = await b().go('GET', start.location ?? '');
    expect(done.text).toContain('Lập lại chỉ mục thành công.');
    expect(done.text).toMatch(/Văn bản thêm mới \(1\)[\s\S]*huong-dan\.docx/);
    expect(done.text).not.toContain('/admin.js');
    expect((await b().go('GET', '/admin/reindex/rj-none')).status).toBe(404);
  });

  it('deletes only after a confirmation page and a CSRF-checked POST', async () => {
    const confirm = await b().go('GET', '/admin/documents/huong-dan.docx/delete');
    expect(confirm.text).toContain('Xóa tệp huong-dan.docx?');
    expect((await b().form('/admin/documents/huong-dan.docx/delete', { _csrf: 'x' })).status).toBe(403);
    await b().go('GET', '/admin/documents/huong-dan.docx/delete');
    const res = await b().form('/admin/documents/huong-dan.docx/delete', {});
    expect(res).toMatchObject({ status: 303, location: '/admin?ok=deleted&doc=huong-dan.docx' });
    expect((await b().go('GET', '/admin/documents/khong-co.md')).status).toBe(404);
  });

  it('shows the audit log with Vietnamese action names and filters by username', async () => {
    const page = await b().go('GET', '/admin/audit?actor=quantri&action=document.upload');
    expect(page.text).toContain('<h1>Nhật ký quản trị</h1>');
    expect(page.text).toMatch(/Tải lên văn bản<\/strong> <span class="audit-target">huong-dan.docx<\/span>[\s\S]*?quantri/);
    expect(page.text).toContain('tên tệp gửi lên: huong-dan.docx · dung lượng:');
    const all = await b().go('GET', '/admin/audit');
    for (const label of ['Xóa văn bản', 'Sửa thông tin văn bản', 'Bắt đầu lập lại chỉ mục', 'Lập lại chỉ mục thành công']) expect(all.text).toContain(label);
  });

  it('signs out, clearing the session for the console and the API', async () => {
    await b().go('GET', '/admin');
    expect(await b().form('/admin/logout', {})).toMatchObject({ status: 303, location: '/admin/login?out=1' });
    expect(b().cookies.has('cchc_staff')).toBe(false);
    expect((await b().go('GET', '/admin')).status).toBe(303);
  });
});
