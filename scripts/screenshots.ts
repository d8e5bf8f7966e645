/**
 * Screenshots of the web chat at phone width (390 × 844 CSS px, device scale 2), taken from the real bot
 * over the shipped `knowledge/`: an answer, an answer to a list question, an abstention with the "Chuyển câu
 * hỏi cho cán bộ" choice, the same after accepting it, an abstention with nothing related to offer, a
 * validity (status) answer, a status the data does not record, a difference of two terms answered with both
 * definitions, an abstention that says why (a power to fine for the fine of an act) and a chat reply. Not part of
 * `npm test`.
 *
 *   npm run build && node dist/scripts/screenshots.js [--out docs/screenshots]
 *
 * It boots the app through app/ (SQLite in a temporary folder, no Telegram or Zalo), drives Debian's
 * Chromium (/usr/bin/chromium) with playwright-core, and checks that each scenario got the reply kind it
 * shows (a screenshot of the wrong thing fails the run instead of being committed). The page itself is
 * untouched: what is captured is what an official sees.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { buildApp } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** One screenshot: what is typed, the reply kind expected, and an optional button pressed afterwards. */
interface Scenario {
  file: string;
  question: string;
  /** `kind` of the last reply's answer (`answer`, `escalate`, `chat`), or `text` for a plain text reply. */
  expect: 'answer' | 'escalate' | 'chat' | 'text';
  press?: string;
}

const SCENARIOS: Scenario[] = [
  { file: 'answer.png', question: 'cho e hỏi thời hạn giải quyết hồ sơ trực tuyến tính từ khi nào ạ', expect: 'answer' },
  { file: 'abstention-choice.png', question: 'Quy trình thanh lý máy tính cũ là tài sản công của xã thực hiện ra sao?', expect: 'escalate' },
  { file: 'abstention-accepted.png', question: 'Quy trình thanh lý máy tính cũ là tài sản công của xã thực hiện ra sao?', expect: 'escalate', press: 'Chuyển câu hỏi cho cán bộ' },
  { file: 'list-answer.png', question: 'cán bộ công chức bị kỷ luật có mấy hình thức', expect: 'answer' },
  { file: 'answer-caution.png', question: 'từ chối nhận hồ sơ có cần ghi lý do không', expect: 'answer' },
  { file: 'abstention-nothing-related.png', question: 'thoi tiet ha noi ngay mai the nao', expect: 'escalate' },
  { file: 'status-answer.png', question: 'nd 61 con hieu luc ko', expect: 'answer' },
  { file: 'status-not-recorded.png', question: 'nd 42/2022 thay the nghi dinh nao', expect: 'escalate' },
  { file: 'status-recorded.png', question: 'luật 65/2025 về chính quyền địa phương còn áp dụng ko ạ', expect: 'answer' },
  { file: 'merger-answer.png', question: 'tinh kon tum cu gio nhap vao dau r, ten tinh moi la gi', expect: 'answer' },
  { file: 'difference-answer.png', question: 'bản sao y với bản trích sao khác nhau thế nào', expect: 'answer' },
  { file: 'abstention-reason.png', question: 'ca nhan lam dich vu luu tru ma chua co chung chi hanh nghe thi bi phat bao nhieu', expect: 'escalate' },
  { file: 'chat-reply.png', question: 'ok cảm ơn bạn nhiều nhé', expect: 'chat' },
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'docs', 'screenshots') } } });
  const outDir = resolve(values.out ?? '');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'cchc-shots-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: join(tmp, 'data'), KNOWLEDGE_DIR: join(root, 'knowledge'), LOG_LEVEL: 'warn' });
  const app = await buildApp(config, { logDestination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const port = await app.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    for (const s of SCENARIOS) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'vi-VN', isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await shoot(page, `http://127.0.0.1:${port}/`, s, join(outDir, s.file));
      await context.close();
      process.stdout.write(`screenshots: ${s.file}\n`);
    }
  } finally {
    await browser.close();
    await app.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Asks the scenario's question on a fresh page, checks the reply kind, presses its button, captures. */
async function shoot(page: Page, url: string, s: Scenario, file: string): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(url);
  const replied = page.waitForResponse((r) => r.url().endsWith('/api/chat') && r.request().method() === 'POST');
  await page.getByLabel('Câu hỏi của anh/chị').fill(s.question);
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  const body = (await (await replied).json()) as { replies: Array<{ text?: string; answer?: { kind: string } }> };
  const last = body.replies.at(-1);
  const kind = last?.answer?.kind ?? (last?.text ? 'text' : 'none');
  if (kind !== s.expect) throw new Error(`${s.file}: "${s.question}" got a reply of kind ${kind}, expected ${s.expect}`);
  await page.locator('.msg-bot').first().waitFor();
  if (s.press) {
    await page.locator('.msg-bot').last().getByRole('button', { name: s.press }).click();
    await page.locator('.msg-bot').nth(1).waitFor();
  }
  // No caret or focus ring in the picture; the scroll position is the page's own.
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.screenshot({ path: file });
  if (problems.length) throw new Error(`${s.file}: the page reported errors: ${problems.join('; ')}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
