/**
 * Learning in the chat, end to end: the real app over the shipped knowledge/ and courses, Zalo and
 * Telegram against their fakes, the clock moved by the test. An official on the imported roster links
 * their Zalo account with the one-time code, takes a course from /hoctap to completion (one wrong answer,
 * which comes back for review a day later), and the unit's trained-officials figure moves on the admin
 * console page and in its XLSX export. On Telegram the same course runs on inline buttons.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, startHarness, tgText, TG_SECRET, ZALO_SECRET } from './harness.js';
import type { Harness } from './harness.js';
import { Browser, createAccounts } from './oa-support.js';
import { zaloTextEvent } from '../fakes/zalo-api.js';
import { parseCsv, rosterFromRows, REVIEW_INTERVALS_MS } from '../../src/training/index.js';

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

describe('training on Zalo and Telegram, and the trained-officials figure', () => {
  let h: Harness;
  let clock = Date.UTC(2026, 2, 10, 2);
  const zH = { 'x-bot-api-secret-token': ZALO_SECRET };
  const CHAT = 'z-learner-1';
  let code = '';

  /** Sends a Zalo text and returns everything the bot sent back to that chat, joined. */
  async function zalo(text: string): Promise<string> {
    const before = h.zalo.sentTexts(CHAT).length;
    await post(`${h.url}/webhooks/zalo`, zaloTextEvent({ chatId: CHAT, text, displayName: 'Chị Hoa' }, { envelope: 'flat' }), zH);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === CHAT, 10_000);
    await h.app.dispatcher.drain();
    return h.zalo.sentTexts(CHAT).slice(before).join('\n');
  }

  async function figureRow(admin: Browser): Promise<Array<string | number | null>> {
    const res = await fetch(`${h.url}/admin/trained?year=2026&format=xlsx`, { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: Array<Array<string | number | null>> = [];
    ws.eachRow((r) => rows.push((r.values as Array<string | number | null>).slice(1)));
    return rows.find((r) => r[0] === 'Sở Nội vụ') ?? [];
  }

  beforeAll(async () => {
    h = await startHarness({}, { now: () => clock });
    await createAccounts(h.app.store);
    const csv = 'Họ và tên,Đơn vị,Chức vụ,Số điện thoại\nLê Thị Hoa,Sở Nội vụ,Chuyên viên,0912000001\nPhạm Văn Nam,so-noi-vu,Chuyên viên,0912000002\n';
    const { entries, problems } = rosterFromRows(parseCsv(csv), [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }]);
    expect(problems).toEqual([]);
    await h.app.store.importRoster(entries, clock);
    code = entries[0].linkCode ?? '';
  }, 60_000);
  afterAll(async () => h?.close());

  it('takes a linked official from /hoctap through a course to completion, repeats the missed question a day later, and moves the unit figure', async () => {
    const admin = new Browser(h.url);
    expect((await admin.login('/admin', 'quantri')).status).toBe(303);
    expect(await figureRow(admin)).toEqual(['Sở Nội vụ', 2, 0, 0, 0, 85, 'Chưa đạt', 2]);

    expect(await zalo(`/lienket ${code}`)).toContain('Đã liên kết tài khoản với hồ sơ: Lê Thị Hoa (Sở Nội vụ)');
    const menu = await zalo('/hoctap');
    expect(menu).toContain('📚 Học tập');
    const course = h.app.knowledge.courses().find((c) => c.id === 'mot-cua')!;
    const number = h.app.knowledge.courses().indexOf(course) + 1;
    expect(menu).toContain(`${number}. ${course.title}: chưa học`);

    let screen = await zalo(String(number));
    for (let i = 1; i <= course.lessons.length; i++) {
      expect(screen).toContain(`Bài ${i}/${course.lessons.length}: ${course.lessons[i - 1].title}`);
      expect(screen).toContain('Căn cứ: ');
      screen = await zalo('tiếp');
    }
    let missed = '';
    for (let k = 1; k <= course.questions.length; k++) {
      const q = course.questions[k - 1];
      expect(screen).toContain(`Câu ${k}/${course.questions.length}: ${q.question}`);
      const wrong = k === 1;
      if (wrong) missed = q.question;
      const feedback = await zalo(String(wrong ? ((q.correct + 1) % q.options.length) + 1 : q.correct + 1));
      expect(feedback).toContain(wrong ? `❌ Chưa đúng. Đáp án đúng là ${q.correct + 1}. ${q.options[q.correct]}` : '✅ Chính xác!');
      expect(feedback).toContain(q.explanation);
      expect(feedback).toContain(`Căn cứ: ${q.sources[0].article} Nghị định 118/2025/NĐ-CP`);
      if (k < course.questions.length) screen = await zalo('tiếp');
      else expect(feedback).toMatch(new RegExp(`🎉 Chúc mừng anh/chị đã hoàn thành chuyên đề “${course.title}” với điểm \\d+%`));
    }

    const after = await figureRow(admin);
    expect(after).toEqual(['Sở Nội vụ', 2, 1, 1, 50, 85, 'Chưa đạt', 1]);
    const page = await admin.go('GET', '/admin/trained?year=2026');
    expect(page.text).toContain('Cán bộ được bồi dưỡng năm 2026');
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('Lê Thị Hoa');

    // A day later the missed question comes back.
    expect(await zalo('/hoctap')).not.toContain('ôn lại');
    clock += REVIEW_INTERVALS_MS[0] + 60_000;
    const later = await zalo('/hoctap');
    expect(later).toContain('Có 1 câu đã trả lời sai đến lúc ôn lại.');
    const review = await zalo(String(h.app.knowledge.courses().length + 1));
    expect(review).toContain(`🔁 Ôn lại (${course.title}): ${missed}`);
    expect(await zalo(String(course.questions[0].correct + 1))).toContain('✅ Chính xác!');
  }, 120_000);

  it('runs the same course on Telegram inline buttons ("Tiếp", then numbered options)', async () => {
    const tgH = { 'x-telegram-bot-api-secret-token': TG_SECRET };
    await post(`${h.url}/webhooks/telegram`, tgText(8801, '/hoctap'), tgH);
    const menu = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '8801', 10_000);
    const open = (menu.params.reply_markup as Keyboard).inline_keyboard.flat().find((b) => b.callback_data === 'ln:c:mot-cua')!;
    expect(open.text).toBe('Cơ chế một cửa, một cửa liên thông và dịch vụ công trực tuyến');
    const press = (id: number, data: string) => post(`${h.url}/webhooks/telegram`, { update_id: 8_801_000 + id, callback_query: { id: `cbq-88-${id}`, from: { id: 8801, is_bot: false, first_name: 'Nam' }, chat_instance: 'x', data, message: { message_id: 1, date: 1, chat: { id: 8801, type: 'private' } } } }, tgH);
    await press(1, open.callback_data);
    const lesson = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '8801' && String(c.params.text).includes('Bài 1/'), 10_000);
    expect((lesson.params.reply_markup as Keyboard).inline_keyboard).toEqual([[{ text: '▶️ Tiếp', callback_data: 'ln:n:mot-cua' }]]);
    await h.telegram.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === 'cbq-88-1', 5000);
  }, 60_000);
});
