/**
 * The trained-officials figure (issue 16) in a real headless Chromium: an admin signs in through the login
 * form, opens "Cán bộ được bồi dưỡng", and sees the unit's row move once an official on the roster
 * completes a course (recorded through the store as the chat flow does; the chat flow itself is covered by
 * training.e2e.test.ts). Runs under the app's security headers: no console errors, no failed requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';
import { createAccounts } from './oa-support.js';
import { launchChromium } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { parseCsv, rosterFromRows } from '../../src/training/index.js';

describe('trained-officials page in Chromium', () => {
  let h: Harness;
  let browser: TestBrowser | undefined;
  let rosterId = '';

  beforeAll(async () => {
    h = await startHarness();
    await createAccounts(h.app.store);
    const csv = 'Họ và tên,Đơn vị,Chức vụ,Số điện thoại\nLê Thị Hoa,Sở Nội vụ,Chuyên viên,0912000001\nPhạm Văn Nam,so-noi-vu,Chuyên viên,0912000002\n';
    const { entries, problems } = rosterFromRows(parseCsv(csv), [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }]);
    expect(problems).toEqual([]);
    await h.app.store.importRoster(entries, Date.now());
    rosterId = entries[0].id;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the unit figure and shows it moving after a completion', async () => {
    const page = await (browser = await launchChromium('the trained-officials page')).context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    const year = new Date().getFullYear();
    await page.goto(`${h.url}/admin/login`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('quantri-mat-khau-1');
    await Promise.all([page.waitForURL(`${h.url}/admin`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    await page.getByRole('link', { name: 'Cán bộ được bồi dưỡng' }).click();
    await page.waitForURL(/\/admin\/trained/);
    const unitRow = () => page.locator('tr', { hasText: 'Sở Nội vụ' }).first().locator('td, th').allTextContents();
    const before = (await unitRow()).map((t) => t.trim());
    expect(before.slice(0, 4)).toEqual(['Sở Nội vụ', '2', '0', '0']);
    expect(await page.locator('svg').count(), 'the chart is drawn').toBeGreaterThan(0);

    await h.app.store.linkRoster({ rosterId, channel: 'zalo', userId: 'z-hoa', linkedAt: Date.now() });
    await h.app.store.saveCompletion({ channel: 'zalo', userId: 'z-hoa', courseId: 'mot-cua', score: 90, completedAt: Date.now() });
    await page.goto(`${h.url}/admin/trained?year=${year}`);
    const after = (await unitRow()).map((t) => t.trim());
    expect(after.slice(0, 4), 'one of two rostered officials has completed a course').toEqual(['Sở Nội vụ', '2', '1', '1']);
    expect(await page.content()).toContain('Lê Thị Hoa');
    expect(problems, 'no console errors (e.g. CSP violations) and no failed requests').toEqual([]);
  }, 90_000);
});
