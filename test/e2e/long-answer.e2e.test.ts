import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, tgText, post, TG_SECRET, ZALO_SECRET } from './harness.js';
import type { Harness } from './harness.js';
import { zaloTextEvent } from '../fakes/zalo-api.js';

/**
 * A knowledge folder whose articles all answer the same question at length, so the answer quotes three
 * long passages with long titles: more than one Zalo message (2000 characters).
 */
function longKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-long-'));
  const clause = (i: number) => `${i}. Cơ quan tiếp nhận hồ sơ thủ tục hành chính phải kiểm tra tính đầy đủ của hồ sơ, ghi sổ theo dõi, hướng dẫn bổ sung một lần và trả kết quả đúng hẹn cho tổ chức, cá nhân tại Bộ phận Một cửa (nội dung ${i}).`;
  for (let d = 1; d <= 3; d++) {
    const articles = [1, 2].map((a) => [`Điều ${a}. Trách nhiệm tiếp nhận hồ sơ và trả kết quả thủ tục hành chính tại Bộ phận Một cửa số ${d}.${a}`, ...[1, 2, 3, 4].map(clause)].join('\n'));
    writeFileSync(
      join(dir, `quy-dinh-${d}.md`),
      `---\nnumber: ${d}0/2025/QĐ-UBND\ntitle: Quyết định ban hành Quy chế phối hợp tiếp nhận hồ sơ, giải quyết và trả kết quả thủ tục hành chính tại Bộ phận Một cửa các cấp trên địa bàn tỉnh, bao gồm Trung tâm Phục vụ hành chính công tỉnh và Trung tâm Phục vụ hành chính công cấp xã, áp dụng từ ngày 01 tháng 7 năm 2025, phần ${d}\nstatus: còn hiệu lực\n---\n${articles.join('\n')}\n`,
    );
  }
  return dir;
}

describe('long answers are split under each platform limit', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    dir = longKnowledge();
    h = await startHarness({ KNOWLEDGE_DIR: dir });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const question = 'trách nhiệm tiếp nhận hồ sơ và trả kết quả thủ tục hành chính tại Bộ phận Một cửa';

  it('Zalo: several plain-text messages, each ≤ 2000 characters, together carrying every source', async () => {
    await post(`${h.url}/webhooks/zalo`, zaloTextEvent({ chatId: 'z-long', text: question }, { envelope: 'flat' }), { 'x-bot-api-secret-token': ZALO_SECRET });
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-long', 10_000);
    await h.app.dispatcher.drain();
    const texts = h.zalo.sentTexts('z-long');
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(2000);
    const all = texts.join('\n');
    for (const n of ['[1]', '[2]', '[3]']) expect(all).toContain(n);
    expect(texts.at(-1)).toMatch(/Trả lời 1/);
  });

  it('Telegram: valid HTML pieces ≤ 4096 characters, buttons on the last piece only', async () => {
    await post(`${h.url}/webhooks/telegram`, tgText(777, question), { 'x-telegram-bot-api-secret-token': TG_SECRET });
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '777', 10_000);
    await h.app.dispatcher.drain();
    const calls = h.telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === '777');
    expect(calls.every((c) => c.status === 200), 'the fake Bot API accepted every piece (HTML parses, ≤ 4096)').toBe(true);
    const withButtons = calls.filter((c) => c.params.reply_markup);
    expect(withButtons).toHaveLength(1);
    expect(withButtons[0]).toBe(calls.at(-1));
  });
});
