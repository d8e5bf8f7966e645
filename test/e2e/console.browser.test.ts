/**
 * The staff console in a real headless Chromium (Debian's `chromium`, driven by playwright-core): sign in
 * through the form, open a ticket, type an answer, submit, and see the ticket answered. It runs against an
 * express app with just the console router and its stylesheet, over in-memory stores, behind the app's
 * security headers — so it also proves the pages work under the CSP (no inline script or style).
 *
 * Chromium must be installed at /usr/bin/chromium (`apt-get install -y chromium`; CI does). When it is
 * missing the test fails with that instruction: it never skips.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { launchChromium } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFixture, seedTicket, testPassword } from '../support/memory-staff-store.js';
import type { ConsoleFixture } from '../support/memory-staff-store.js';
import { REPO_ROOT } from '../support/shared.js';


let fx: ConsoleFixture;
let server: Server;
let base: string;
let browser: TestBrowser | undefined;


beforeAll(async () => {
  fx = await consoleFixture({ publicDir: join(REPO_ROOT, 'src', 'http', 'public') });
  await seedTicket(fx.tickets, { id: 'ticket-e2e', createdAt: fx.clock.now - 90 * 60_000, waiters: 2, questionText: 'Thời hạn giải quyết hồ sơ một cửa là bao lâu?' });
  server = fx.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('staff console in Chromium', () => {
  it('signs in, opens a ticket, answers it and shows it answered', async () => {
    const page = await (browser = await launchChromium('the staff console')).context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    const css = page.waitForResponse((r) => r.url().endsWith('/staff.css'));

    await page.goto(`${base}/staff`);
    expect(new URL(page.url()).pathname, 'an unauthenticated visit must land on the login page').toBe('/staff/login');
    expect((await css).status(), '/staff.css must be served').toBe(200);

    await page.getByLabel('Tên đăng nhập').fill('lan');
    await page.getByLabel('Mật khẩu').fill(testPassword('lan'));
    await Promise.all([page.waitForURL(`${base}/staff`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Phiếu hỏi');
    expect(await page.locator('.ticket-row').first().textContent()).toContain('Thời hạn giải quyết hồ sơ một cửa là bao lâu?');
    expect(await page.locator('.badge-sla').count(), 'a 90-minute-old open ticket is past the 60-minute SLA').toBe(1);
    // Runs in the page; the cast only stands in for the DOM typings this Node project does not load.
    type Win = { getComputedStyle(el: unknown): { backgroundColor: string } };
    const headerColour = await page.locator('.site-header').evaluate((el) => (globalThis as unknown as Win).getComputedStyle(el).backgroundColor);
    expect(headerColour, 'the stylesheet must apply (CSP style-src self)').toBe('rgb(11, 79, 138)');

    await Promise.all([page.waitForURL(/\/staff\/tickets\/ticket-e2e$/), page.getByRole('link', { name: '#1' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Phiếu #1');
    await page.getByLabel('Câu trả lời gửi người hỏi').fill('Thời hạn giải quyết là 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.');
    await Promise.all([page.waitForURL(/ok=answered/), page.getByRole('button', { name: 'Gửi câu trả lời' }).click()]);

    expect(await page.getByRole('status').textContent()).toBe('Đã lưu câu trả lời phiếu #1; hệ thống đang gửi tới người hỏi.');
    expect(await page.locator('.ticket-head .state').textContent()).toBe('Đã trả lời');
    expect(await page.locator('.answer-text').textContent()).toBe('Thời hạn giải quyết là 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.');
    expect(await page.locator('.delivery-pending').count(), 'one relay per waiting official').toBe(2);
    expect((await fx.tickets.getTicket('ticket-e2e'))?.state).toBe('answered');
    expect(problems, 'no console errors (e.g. CSP violations)').toEqual([]);
  }, 60_000);
});
