/**
 * The admin JSON API in-process over real SQLite and a real KnowledgeBase: bearer and session auth,
 * every route, and the refusals (traversal, size, type by content) as JSON through the app's error
 * middleware.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, passwordOf, sampleDocs, startAdminApp } from './support.js';
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

interface Call {
  token?: string;
  cookie?: string;
  csrf?: string;
  body?: RequestInit['body'];
  type?: string;
}

async function api(method: string, path: string, c: Call = { token: ADMIN_TOKEN }, base = h.url) {
  const headers: Record<string, string> = {};
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  if (c.cookie) headers.cookie = c.cookie;
  if (c.csrf) headers['x-csrf-token'] = c.csrf;
  if (c.type) headers['content-type'] = c.type;
  const res = await fetch(`${base}/api/admin${path}`, { method, headers, body: c.body, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, any>, headers: res.headers };
}

const raw = (bytes: Uint8Array): Call => ({ token: ADMIN_TOKEN, body: bytes, type: 'application/octet-stream' });

/** Signs in through the console form; returns the session cookie and the page's CSRF token. */
async function consoleLogin(username: string) {
  const form = await fetch(`${h.url}/admin/login`);
  const pre = /cchc_admin_login=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${h.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `cchc_admin_login=${pre}` },
    body: new URLSearchParams({ _csrf: csrf, username, password: passwordOf(username) }).toString(),
    redirect: 'manual',
  });
  const cookies = res.headers.getSetCookie();
  const session = cookies.map((c) => /^cchc_staff=([^;]+)/.exec(c)?.[1]).find(Boolean);
  return { res, cookies, cookie: session ? `cchc_staff=${session}` : '' };
}

describe('admin API authentication', () => {
  it('answers 401 JSON without credentials, and with a wrong bearer token', async () => {
    const none = await api('GET', '/documents', {});
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error_code: 'UNAUTHORIZED', message: 'Cần đăng nhập để tiếp tục.' });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await api('GET', '/documents', { token: `${ADMIN_TOKEN}x` })).status).toBe(401);
    expect((await api('GET', '/documents', { token: 'short' })).status).toBe(401);
  });

  it('accepts the ADMIN_TOKEN as a bearer token, with no-store caching', async () => {
    const res = await api('GET', '/documents');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json.documents.length).toBeGreaterThanOrEqual(10);
    expect(res.json.snapshot.version).toBe(h.knowledge.snapshot.version);
  });

  it('disables bearer auth when no ADMIN_TOKEN is configured', async () => {
    const bare = await startAdminApp({ adminToken: null });
    try {
      const res = await api('GET', '/documents', { token: ADMIN_TOKEN }, bare.url);
      expect(res.status).toBe(401);
      expect(res.json.detail).toMatch(/ADMIN_TOKEN is not set/);
    } finally {
      await bare.close();
    }
  });

  it('accepts an admin console session (cookie sent for /api/admin), and needs X-CSRF-Token to change anything', async () => {
    const { res, cookies, cookie } = await consoleLogin('quantri');
    expect(res.status).toBe(303);
    expect(cookies.filter((c) => c.startsWith('cchc_staff=')).map((c) => /Path=([^;]+)/i.exec(c)?.[1]).sort()).toEqual(['/admin', '/api/admin']);
    expect((await api('GET', '/documents', { cookie })).status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${h.url}/admin`, { headers: { cookie } })).text())?.[1] ?? '';
    expect((await api('POST', '/reindex', { cookie })).status).toBe(403);
    expect((await api('POST', '/reindex', { cookie, csrf: 'wrong' })).status).toBe(403);
    const ok = await api('POST', '/reindex', { cookie, csrf });
    expect(ok.status).toBe(202);
    expect(ok.json.job.actor).toBe('web:quantri');
  });

  it('refuses a staff (non-admin) session with 403, and a non-admin login at /admin', async () => {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    await h.store.createSession({ id: createHash('sha256').update(token).digest('base64url'), username: 'lan', csrfToken: 'c'.repeat(43), createdAt: now, expiresAt: now + 60_000 });
    const res = await api('GET', '/documents', { cookie: `cchc_staff=${token}` });
    expect(res.status).toBe(403);
    expect(res.json.error_code).toBe('FORBIDDEN');
    const login = await consoleLogin('lan');
    expect(login.res.status).toBe(403);
    expect(login.cookie).toBe('');
    expect(await login.res.text()).toContain('Tài khoản này không có quyền quản trị.');
  });
});

describe('admin API documents', () => {
  it('uploads a raw body with ?name= (201, Location) and lists it as new', async () => {
    const res = await api('POST', `/documents?name=${encodeURIComponent(samples.docx.name)}`, raw(samples.docx.bytes));
    expect(res.status).toBe(201);
    expect(res.json.document).toMatchObject({ id: 'huong-dan.docx', state: 'new', format: 'docx', size: samples.docx.bytes.length });
    expect(res.headers.get('location')).toBe('/api/admin/documents/huong-dan.docx');
    const one = await api('GET', '/documents/huong-dan.docx');
    expect(one.json).toMatchObject({ document: { id: 'huong-dan.docx' }, meta: { storage: 'sidecar' } });
  });

  it('addresses a document in a sub-folder by its URL-encoded id, and refuses an encoded traversal id', async () => {
    mkdirSync(join(h.knowledgeDir, 'van-ban'), { recursive: true });
    writeFileSync(join(h.knowledgeDir, 'van-ban', 'nd-con.md'), 'Điều 1. Văn bản trong thư mục con.');
    const res = await api('GET', '/documents/van-ban%2Fnd-con.md');
    expect(res.status).toBe(200);
    expect(res.json.document).toMatchObject({ id: 'van-ban/nd-con.md', state: 'new' });
    expect((await api('DELETE', '/documents/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
    expect((await api('DELETE', '/documents/van-ban%2Fnd-con.md')).status).toBe(200);
  });

  it.each([
    ['../../etc/passwd.md', 400, 'INVALID_INPUT'],
    ['..%2f..%2fescape.md', 400, 'INVALID_INPUT'],
    ['/etc/cron.d/x.md', 400, 'INVALID_INPUT'],
    ['a%00.md', 400, 'INVALID_INPUT'],
    ['faq.yaml', 400, 'INVALID_INPUT'],
    ['that-ra-html.pdf', 415, 'UNSUPPORTED_FORMAT'],
    ['', 400, 'INVALID_INPUT'],
  ])('refuses ?name=%j with %i %s', async (name, status, code) => {
    const bytes = name.endsWith('.pdf') ? samples.html.bytes : samples.md.bytes;
    const res = await api('POST', `/documents?name=${encodeURIComponent(name)}`, raw(bytes));
    expect(res.status).toBe(status);
    expect(res.json.error_code).toBe(code);
  });

  it('refuses a form body (415) and an oversized one (413, naming the real limit)', async () => {
    const form = await api('POST', '/documents?name=x.md', { token: ADMIN_TOKEN, body: 'a=1', type: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const small = await startAdminApp({ maxBytes: 2048 });
    try {
      const res = await api('POST', '/documents?name=lon.md', raw(new Uint8Array(4096).fill(0x41)), small.url);
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' });
      expect(res.json.detail).toContain('2 KB');
    } finally {
      await small.close();
    }
  });

  it('replaces (PUT), edits metadata (PATCH, JSON only), and deletes (DELETE)', async () => {
    await api('POST', `/documents?name=${encodeURIComponent(samples.md.name)}`, raw(samples.md.bytes));
    const put = await api('PUT', '/documents/quyet-dinh-thi-diem.md', raw(new TextEncoder().encode('Điều 1. Bản thay thế.')));
    expect(put.status).toBe(200);
    expect((await api('PUT', '/documents/quyet-dinh-thi-diem.md', raw(samples.pdf.bytes))).status).toBe(415);
    expect((await api('PUT', '/documents/khong-co.md', raw(samples.md.bytes))).status).toBe(404);
    const patch = await api('PATCH', '/documents/quyet-dinh-thi-diem.md/meta', { token: ADMIN_TOKEN, type: 'application/json', body: JSON.stringify({ number: '16/2025/QĐ-UBND', issued: '1/3/2025' }) });
    expect(patch.status).toBe(200);
    expect(patch.json.meta).toMatchObject({ storage: 'block', values: { number: '16/2025/QĐ-UBND', issued: '2025-03-01' } });
    const bad = await api('PATCH', '/documents/quyet-dinh-thi-diem.md/meta', { token: ADMIN_TOKEN, type: 'application/json', body: JSON.stringify({ issued: 'hôm qua' }) });
    expect(bad.status).toBe(422);
    expect(bad.json.error_code).toBe('FRONT_MATTER_INVALID');
    expect((await api('PATCH', '/documents/quyet-dinh-thi-diem.md/meta', { token: ADMIN_TOKEN, type: 'text/plain', body: 'x' })).status).toBe(400);
    const del = await api('DELETE', '/documents/quyet-dinh-thi-diem.md');
    expect(del).toMatchObject({ status: 200, json: { removed: 'quyet-dinh-thi-diem.md' } });
    expect((await api('DELETE', '/documents/quyet-dinh-thi-diem.md')).status).toBe(404);
    expect((await api('DELETE', '/documents/faq.yaml')).status).toBe(404);
  });
});

describe('admin API reindex and audit', () => {
  it('starts a reindex (202 + Location) and reports progress, then the change report', async () => {
    const start = await api('POST', '/reindex');
    expect(start.status).toBe(202);
    const url = start.headers.get('location') ?? '';
    expect(url).toBe(`/api/admin/reindex/${start.json.job.id}`);
    let job = start.json.job;
    for (let i = 0; i < 500 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await api('GET', url.replace('/api/admin', ''))).json.job;
    }
    expect(job.state).toBe('succeeded');
    expect(job.report.added).toContain('huong-dan.docx');
    expect(job.progress.total).toBeGreaterThan(0);
    expect((await api('GET', '/reindex')).json.jobs[0].id).toBe(job.id);
    expect((await api('GET', '/reindex/rj-unknown')).status).toBe(404);
  });

  it('lists the audit log with filters, and refuses bad numbers', async () => {
    const res = await api('GET', '/audit?action=document.upload');
    expect(res.status).toBe(200);
    expect(res.json.entries.map((e: { target: string }) => e.target)).toEqual(['quyet-dinh-thi-diem.md', 'huong-dan.docx']);
    expect(res.json.entries[0]).toMatchObject({ actor: 'token', action: 'document.upload' });
    const byActor = await api('GET', '/audit?actor=web:quantri&limit=5');
    expect(byActor.json.entries.every((e: { actor: string }) => e.actor === 'web:quantri')).toBe(true);
    expect((await api('GET', '/audit?from=yesterday')).status).toBe(400);
  });
});
