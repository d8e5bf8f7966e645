/**
 * The admin console in a real headless Chromium (Debian's `chromium`, driven by playwright-core): sign
 * in as an admin, upload a document through the form, press "Lập lại chỉ mục", watch the progress page
 * (`/admin.js` polling the API with the session cookie) until the report, and see the document listed as
 * indexed. It runs behind the app's security headers, so it also proves the pages work under the CSP.
 *
 * Chromium must be installed at /usr/bin/chromium (`apt-get install -y chromium`; CI does). When it is
 * missing the test fails with that instruction: it never skips.
 */
import { launchChromium } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordOf, sampleDocs, startAdminApp, writeFillerDocs } from '../admin/support.js';
import type { AdminHarness } from '../admin/support.js';


let h: AdminHarness;
let browser: TestBrowser | undefined;


beforeAll(async () => {
  h = await startAdminApp();
  // Enough new files that the reindex runs for a while and the progress page polls.
  writeFillerDocs(h.knowledgeDir, 60);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('admin console in Chromium', () => {
  it('signs in, uploads a document, reindexes with live progress and lists it as indexed', async () => {
    const samples = await sampleDocs();
    const page = await (browser = await launchChromium('the admin console')).context.newPage();
    const problems: string[] = [];
    const polls: number[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.url().includes('/api/admin/reindex/')) polls.push(r.status());
      else if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${h.url}/admin`);
    expect(new URL(page.url()).pathname, 'an unauthenticated visit lands on the login page').toBe('/admin/login');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill(passwordOf('quantri'));
    await Promise.all([page.waitForURL(`${h.url}/admin`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Văn bản trong cơ sở dữ liệu');

    await page.getByLabel(/Tệp văn bản/).setInputFiles({ name: 'Hướng dẫn lưu trữ.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(samples.docx.bytes) });
    await Promise.all([page.waitForURL(/ok=uploaded/), page.getByRole('button', { name: 'Tải lên' }).click()]);
    expect(await page.getByRole('status').textContent()).toBe('Đã tải lên huong-dan-luu-tru.docx. Bấm “Lập lại chỉ mục” để đưa vào tìm kiếm.');
    expect(await page.locator('[data-doc="huong-dan-luu-tru.docx"] .doc-state').textContent()).toBe('Chờ lập chỉ mục');

    await Promise.all([page.waitForURL(/\/admin\/reindex\/rj-/), page.getByRole('button', { name: 'Lập lại chỉ mục' }).click()]);
    expect(await page.locator('#reindex-progress').count(), 'the reindex of 60 new files is still running').toBe(1);
    await page.locator('.flash-ok').waitFor({ timeout: 45_000 });
    expect(await page.locator('.flash-ok').textContent()).toMatch(/^Lập lại chỉ mục thành công\./);
    expect(polls.length, 'admin.js polled the job through the API with the session cookie').toBeGreaterThan(0);
    expect(polls.every((s) => s === 200)).toBe(true);
    expect(await page.locator('.report-added').textContent()).toContain('huong-dan-luu-tru.docx');

    await page.getByRole('link', { name: 'Quay lại danh sách văn bản' }).first().click();
    await page.waitForURL(`${h.url}/admin`);
    expect(await page.locator('[data-doc="huong-dan-luu-tru.docx"] .doc-state').textContent()).toBe('Đã lập chỉ mục');
    expect(h.knowledge.search(samples.docx.marker).hits[0]?.chunk.docId).toBe('huong-dan-luu-tru.docx');
    expect(problems, 'no console errors (e.g. CSP violations) and no failed requests').toEqual([]);
  }, 90_000);
});
