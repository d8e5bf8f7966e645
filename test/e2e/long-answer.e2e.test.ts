import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, tgText, post, TG_SECRET, ZALO_SECRET } from './harness.js';
import type { Harness } from './harness.js';
import { zaloTextEvent } from '../fakes/zalo-api.js';

/** A curated answer written at length by staff (about 4,700 characters): more than one message on either platform. */
const LONG_FAQ_ANSWER = Array.from({ length: 12 }, (_, i) =>
  `Bước ${i + 1}: cán bộ tiếp nhận tại Bộ phận Một cửa kiểm tra thành phần hồ sơ, đối chiếu bản chính với bản sao, ghi vào sổ theo dõi & cập nhật trạng thái trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh; trường hợp hồ sơ chưa đầy đủ thì hướng dẫn tổ chức, cá nhân bổ sung một lần, đầy đủ bằng phiếu "yêu cầu bổ sung, hoàn thiện hồ sơ" <mẫu số 02>, ghi rõ lý do và thời hạn bổ sung.`,
).join('\n\n');

const FAQ_QUESTION = 'Quy trình tiếp nhận hồ sơ tại Bộ phận Một cửa gồm những bước nào?';

/**
 * A knowledge folder whose articles all answer the same question at length, and a curated answer longer
 * than a Telegram message (4096 characters) or two Zalo messages (2000 characters each).
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
  const answer = LONG_FAQ_ANSWER.split('\n\n').map((p) => `    ${p.replace(/"/g, '\\"')}`).join('\n\n');
  writeFileSync(join(dir, 'faq.yaml'), `- id: faq-long\n  question: "${FAQ_QUESTION}"\n  answer: |-\n${answer}\n  source:\n    number: 10/2025/QĐ-UBND\n    article: Điều 1\n`);
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

  it('Zalo: a search answer with every source, and a long curated answer in several messages ≤ 2000 characters', async () => {
    await post(`${h.url}/webhooks/zalo`, zaloTextEvent({ chatId: 'z-long', text: question }, { envelope: 'flat' }), { 'x-bot-api-secret-token': ZALO_SECRET });
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-long', 10_000);
    await h.app.dispatcher.drain();
    const answer = h.zalo.sentTexts('z-long').join('\n');
    for (const n of ['[1]', '[2]']) expect(answer).toContain(n);
    expect(answer).toMatch(/Trả lời 1/);

    await post(`${h.url}/webhooks/zalo`, zaloTextEvent({ chatId: 'z-long-faq', text: FAQ_QUESTION }, { envelope: 'flat' }), { 'x-bot-api-secret-token': ZALO_SECRET });
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'z-long-faq', 10_000);
    await h.app.dispatcher.drain();
    const texts = h.zalo.sentTexts('z-long-faq');
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(2000);
    const all = texts.join('\n\n');
    for (let i = 1; i <= 12; i++) expect(all, `step ${i} of the answer was lost`).toContain(`Bước ${i}:`);
    expect(all).toContain('Nguồn:');
    expect(texts.at(-1)).toMatch(/Trả lời 1 nếu hữu ích/);
  });

  it('Telegram: valid HTML pieces ≤ 4096 characters, buttons on the last piece only', async () => {
    await post(`${h.url}/webhooks/telegram`, tgText(777, FAQ_QUESTION), { 'x-telegram-bot-api-secret-token': TG_SECRET });
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '777', 10_000);
    await h.app.dispatcher.drain();
    const calls = h.telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === '777');
    expect(calls.every((c) => c.status === 200), 'the fake Bot API accepted every piece (HTML parses, ≤ 4096)').toBe(true);
    expect(calls.length, 'a 4,700-character answer needs two messages').toBeGreaterThanOrEqual(2);
    const withButtons = calls.filter((c) => c.params.reply_markup);
    expect(withButtons).toHaveLength(1);
    expect(withButtons[0]).toBe(calls.at(-1));
    expect(calls.map((c) => String(c.params.text)).join('\n')).toContain('&lt;mẫu số 02&gt;');
  });
});
