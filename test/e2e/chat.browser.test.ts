/**
 * The web chat page in a real headless Chromium at phone width (Debian's `chromium`, driven by
 * playwright-core), against the real app: the ask-before-escalate choice ("Sửa câu hỏi" puts the
 * question back, "Chuyển câu hỏi cho cán bộ" creates the ticket), and the answer layout drawn from
 * hand-made replies (folded long quotes, linked short sources, chat replies without buttons), all under
 * the app's CSP. Fails, never skips, when Chromium is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { renderWeb } from '../../src/channels/webchat/index.js';
import type { OutboundReply } from '../../src/conversation/index.js';
import { chatReply, searchAnswer } from '../support/answers.js';
import { launchChromium } from '../support/browser.js';
import type { TestBrowser } from '../support/browser.js';
import { startHarness } from './harness.js';
import type { Harness } from './harness.js';

const UNCOVERED = 'Thủ tục xin cấp phép khai thác cát sỏi lòng sông gồm những giấy tờ gì?';

let h: Harness;
let browser: TestBrowser | undefined;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** A fresh phone-sized page of the chat that records page errors and failed requests. */
async function openChat(): Promise<{ page: Page; problems: string[] }> {
  browser ??= await launchChromium('the web chat');
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${h.url}/`);
  await page.evaluate('localStorage.clear()');
  return { page, problems };
}

async function ask(page: Page, text: string): Promise<void> {
  await page.getByLabel('Câu hỏi của anh/chị').fill(text);
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
}

describe('web chat page in Chromium', () => {
  it('offers staff after an abstention: "Sửa câu hỏi" gives the question back, the button creates the ticket', async () => {
    const { page, problems } = await openChat();
    await ask(page, UNCOVERED);
    const bubble = page.locator('.msg-bot').last();
    await bubble.waitFor();
    expect(await bubble.locator('.sources-title').textContent()).toBe('Có thể liên quan:');
    expect(await bubble.locator('.citations li').count(), 'officials see only the best source').toBeLessThanOrEqual(1);
    expect(await bubble.locator('.prompt').textContent()).toMatch(/chuyển câu hỏi này cho cán bộ phụ trách/);

    await bubble.getByRole('button', { name: '✏️ Sửa câu hỏi' }).click();
    expect(await page.getByLabel('Câu hỏi của anh/chị').inputValue()).toBe(UNCOVERED);
    await page.getByLabel('Câu hỏi của anh/chị').fill('');
    expect((await h.app.tickets.list({})).length, 'no ticket before the official accepts').toBe(0);

    await bubble.getByRole('button', { name: '🙋 Chuyển câu hỏi cho cán bộ' }).click();
    await page.locator('.msg-bot').nth(1).waitFor();
    expect(await page.locator('.msg-bot').last().textContent()).toMatch(/đã được chuyển tới cán bộ phụ trách/);
    const tickets = await h.app.tickets.list({});
    expect(tickets.map((t) => t.questionText)).toEqual([UNCOVERED]);
    expect(problems).toEqual([]);
  }, 60_000);

  it('draws the answer layout: the answer first, folded long quotes, linked sources, no confidence; chat replies plain', async () => {
    const { page, problems } = await openChat();
    const long = 'Hồ sơ được tiếp nhận, kiểm tra và giải quyết đúng thời hạn theo quy định tại Bộ phận Một cửa. '.repeat(6);
    const replies: OutboundReply[][] = [
      [{ answer: searchAnswer({ passages: [{ marker: 1, text: long }, { marker: 2, text: 'a) Ngắn.' }], confidence: 0.4321 }), questionId: 'q-fixture', choices: [{ action: 'helpful', label: '👍 Hữu ích' }] }],
      [{ answer: chatReply() }],
    ];
    await page.route('**/api/chat', (route) => route.fulfill({ json: { replies: (replies.shift() ?? []).map(renderWeb) } }));

    await ask(page, 'thời hạn giải quyết tính từ khi nào');
    const answer = page.locator('.msg-bot').last();
    await answer.waitFor();
    const order = await answer.locator('.lead, .passage, .sources-title').evaluateAll((nodes) => nodes.map((n) => (n as unknown as { className: string }).className));
    expect(order).toEqual(['lead', 'passage folded', 'passage', 'sources-title']);
    const unfold = answer.getByRole('button', { name: 'Xem toàn bộ đoạn trích' });
    await unfold.click();
    expect(await answer.locator('.passage').first().getAttribute('class')).toBe('passage');
    expect(await answer.getByRole('button', { name: 'Thu gọn đoạn trích' }).getAttribute('aria-expanded')).toBe('true');
    expect(await answer.locator('.citations a').first().getAttribute('href')).toBe('https://vanban.chinhphu.vn/?docid=213456');
    expect(await answer.locator('.citations li').nth(2).textContent()).toContain('tóm lược – Mục II.2 (văn bản gốc)');
    expect(await answer.textContent()).not.toMatch(/0[.,]43|tin cậy/);
    const page_ = await page.evaluate('[document.scrollingElement.scrollHeight, window.innerHeight]') as [number, number];
    expect(page_[0], 'only the conversation scrolls; the page itself (header, question box) stays put').toBeLessThanOrEqual(page_[1]);

    await ask(page, 'hôm nay trời mưa không');
    const chat = page.locator('.msg-bot').last();
    await page.locator('.msg-bot').nth(1).waitFor();
    expect(await chat.locator('.chat-text').textContent()).toBe(chatReply().message);
    expect(await chat.locator('button').count(), 'no feedback buttons under a chat reply').toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);
});
