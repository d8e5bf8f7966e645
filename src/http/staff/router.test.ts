import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Citation } from '../../answer/index.js';
import { ConsoleClient, consoleFixture, seedTicket, testPassword } from '../../../test/support/memory-staff-store.js';
import type { ConsoleFixture } from '../../../test/support/memory-staff-store.js';

let server: Server | undefined;

afterEach(() => {
  server?.close();
  server = undefined;
});

const HOUR = 3600_000;

const citation: Citation = {
  marker: 1,
  chunkId: 'nd118.md#D5K2',
  docId: 'nd118.md',
  docNumber: '118/2025/NĐ-CP',
  docTitle: 'Nghị định về cơ chế một cửa',
  path: 'Khoản 2 Điều 5',
  articleTitle: 'Điều 5. Nguyên tắc thực hiện',
  status: 'replaced',
  statusLabel: 'đã bị thay thế',
  current: false,
  url: 'javascript:alert(1)',
};

async function start(): Promise<{ fx: ConsoleFixture; base: string; as: (u: string) => Promise<ConsoleClient> }> {
  const fx = await consoleFixture({ remindMinutes: 60 });
  server = fx.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const as = async (u: string) => {
    const c = new ConsoleClient(base);
    expect((await c.login(u, testPassword(u))).status, `login as ${u}`).toBe(303);
    return c;
  };
  return { fx, base, as };
}

/** Four tickets: #1 open on Zalo for 2 hours with 3 officials waiting, #2 claimed (Telegram), #3 answered (web), #4 closed (Zalo). */
async function seedFour(fx: ConsoleFixture): Promise<void> {
  const t0 = fx.clock.now;
  await seedTicket(fx.tickets, { id: 't1', createdAt: t0 - 2 * HOUR, waiters: 3, questionText: 'Hồ sơ <b>một cửa</b> cần những gì?', sources: [citation] });
  await seedTicket(fx.tickets, { id: 't2', state: 'claimed', channel: 'telegram', createdAt: t0 - 12 * 60_000, claimedBy: 'Trần Văn Minh' });
  await seedTicket(fx.tickets, { id: 't3', state: 'answered', channel: 'web', createdAt: t0 - 3 * 24 * HOUR, answerText: 'Theo Điều 5…' });
  await seedTicket(fx.tickets, { id: 't4', state: 'closed', createdAt: t0 - 5 * HOUR });
}

/** Ticket numbers on a list page, sorted (the order is the store's: oldest first). */
function numbers(page: string): string[] {
  return [...page.matchAll(/class="ticket-number">(#\d+)</g)].map((m) => m[1]).sort();
}

describe('staff console ticket list', () => {
  it('shows tickets that need staff by default, with state, asker, channel, age, SLA badge and waiting count', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const page = (await (await as('lan')).get('/staff')).text;
    expect(numbers(page)).toEqual(['#1', '#2']);
    expect(page).toContain('Chờ xử lý');
    expect(page).toContain('Đang xử lý');
    expect(page).toContain('Lê Văn Hùng qua Zalo');
    expect(page).toContain('2 giờ trước');
    expect(page).toContain('12 phút trước');
    expect(page).toContain('3 người đang chờ');
    expect(page.match(/class="badge-sla"/g), 'only #1 is older than remindMinutes (60)').toHaveLength(1);
    expect(page).toContain('Hồ sơ &lt;b&gt;một cửa&lt;/b&gt; cần những gì?');
  });

  it('filters by state and channel', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const c = await as('lan');
    expect(numbers((await c.get('/staff?state=answered')).text)).toEqual(['#3']);
    expect((await c.get('/staff?state=answered')).text).toContain('3 ngày trước');
    expect(numbers((await c.get('/staff?state=closed')).text)).toEqual(['#4']);
    expect(numbers((await c.get('/staff?state=all&channel=zalo')).text)).toEqual(['#1', '#4']);
    expect(numbers((await c.get('/staff?state=all')).text)).toEqual(['#1', '#2', '#3', '#4']);
    const bogus = await c.get('/staff?state=<x>&channel=fax');
    expect(numbers(bogus.text), 'unknown filter values fall back to the defaults').toEqual(['#1', '#2']);
    expect((await c.get('/staff?state=open')).text).toContain('<option value="open" selected>Chờ xử lý</option>');
  });
});

describe('staff console ticket page and actions', () => {
  it('shows the question, excerpt, sources with status, waiting officials and the action forms', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const page = (await (await as('lan')).get('/staff/tickets/t1')).text;
    expect(page).toContain('<h1>Phiếu #1</h1>');
    expect(page).toContain('Người hỏi: Cho tôi hỏi về giấy phép xây dựng');
    expect(page).toContain('118/2025/NĐ-CP — Nghị định về cơ chế một cửa');
    expect(page).toContain('đã bị thay thế');
    expect(page, 'a javascript: URL must never become a link').not.toContain('javascript:');
    expect(page).toContain('Người đang chờ câu trả lời (3)');
    expect(page).toContain('Nhận xử lý');
    expect(page).toContain('<label for="answer-text">Câu trả lời gửi người hỏi</label>');
    expect(page).toContain('Hãy trả lời phiếu trước khi lưu thành hỏi đáp.');
    expect(page.match(/name="_csrf"/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('claims a ticket and redirects back with a flash; a second claim shows the conflict in Vietnamese', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const lan = await as('lan');
    await lan.get('/staff/tickets/t1');
    const res = await lan.post('/staff/tickets/t1/claim');
    expect([res.status, res.location]).toEqual([303, '/staff/tickets/t1?ok=claimed']);
    const after = (await lan.get(res.location ?? '')).text;
    expect(after).toContain('Anh/chị đã nhận xử lý phiếu #1.');
    expect(after).toContain('Nguyễn Thị Lan');
    expect((await fx.tickets.getTicket('t1'))?.claimedBy).toBe('Nguyễn Thị Lan');

    const minh = await as('minh');
    await minh.get('/staff/tickets/t1');
    const conflict = await minh.post('/staff/tickets/t1/claim');
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('content-type')).toMatch(/text\/html/);
    expect(conflict.text).toContain('Phiếu #1 đã được người khác cập nhật (Đang xử lý).');
  });

  it('answers a ticket: relays are queued for every waiting official and shown as pending', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const lan = await as('lan');
    await lan.get('/staff/tickets/t1');
    const res = await lan.post('/staff/tickets/t1/answer', { text: 'Hồ sơ gồm đơn đề nghị và bản sao giấy tờ tùy thân.' });
    expect([res.status, res.location]).toEqual([303, '/staff/tickets/t1?ok=answered']);
    const page = (await lan.get(res.location ?? '')).text;
    expect(page).toContain('Đã lưu câu trả lời phiếu #1; hệ thống đang gửi tới người hỏi.');
    expect(page).toContain('<span class="state state-answered">Đã trả lời</span>');
    expect(page.match(/Đang chờ gửi/g)).toHaveLength(3);
    expect(fx.tickets.outbox.size).toBe(3);
    expect(page).toContain('Câu trả lời sửa đổi');
    expect(page, 'the Q&A form is prefilled from the answer').toContain('>Hồ sơ gồm đơn đề nghị và bản sao giấy tờ tùy thân.</textarea>');
  });

  it('shows each relay as sent at a time or failed with its reason', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    await fx.service.answer('t1', { id: 'web:lan', name: 'Nguyễn Thị Lan', role: 'staff' }, 'Trả lời');
    const [a, b] = await fx.tickets.leaseOutbox('relay', fx.clock.now, fx.clock.now + 60_000, 2);
    await fx.tickets.markOutboxSent(a.id, 'relay', Date.UTC(2025, 10, 20, 3, 5));
    await fx.tickets.markOutboxRetry(b.id, 'relay', 'Zalo refused: user blocked the OA', 0, true);
    const page = (await (await as('lan')).get('/staff/tickets/t1')).text;
    expect(page).toContain('Đã gửi lúc 10:05 20/11/2025');
    expect(page).toContain('Gửi thất bại: Zalo refused: user blocked the OA');
    expect(page).toContain('Đang chờ gửi');
  });

  it('keeps the typed answer and explains when the answer is refused', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const lan = await as('lan');
    await lan.get('/staff/tickets/t1');
    const empty = await lan.post('/staff/tickets/t1/answer', { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Câu trả lời không được để trống');
    await lan.get('/staff/tickets/t1');
    await fx.service.close('t1', { id: 'web:minh', name: 'Trần Văn Minh', role: 'staff' });
    const closed = await lan.post('/staff/tickets/t1/answer', { text: 'Câu trả lời <quan trọng>' });
    expect(closed.status).toBe(409);
    expect(closed.text).toContain('Phiếu #1 đã được người khác cập nhật (Đã đóng).');
  });

  it('answers 404 with a page for an unknown ticket', async () => {
    const { as } = await start();
    const lan = await as('lan');
    const res = await lan.get('/staff/tickets/nope');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Không tìm thấy phiếu này.');
  });
});

describe('staff console Q&A review list', () => {
  it('lists Q&As whose cited document changed, with the reason', async () => {
    const fx = await consoleFixture({ remindMinutes: 60, faqReview: () => [{ faqId: 'faq-025', question: 'Thư xin lỗi khi trễ hẹn?', reason: 'Văn bản 61/2018/NĐ-CP đã bị thay thế (118/2025/NĐ-CP)' }] });
    const server = fx.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const c = new ConsoleClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect((await c.login('lan', testPassword('lan'))).status).toBe(303);
      const page = (await c.get('/staff/faq')).text;
      expect(page).toContain('Hỏi đáp cần rà soát lại (1)');
      expect(page).toContain('faq-025: Văn bản 61/2018/NĐ-CP đã bị thay thế (118/2025/NĐ-CP)');
    } finally {
      server.close();
    }
  });
});

describe('staff console Q&A approval', () => {
  it('refuses approval by the author and accepts it from another staff member', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const lan = await as('lan');
    await lan.get('/staff/tickets/t3');
    const drafted = await lan.post('/staff/tickets/t3/faq', { question: 'Hồ sơ một cửa gồm gì?', answer: 'Theo Điều 5…', sourceNumber: '118/2025/NĐ-CP', sourceArticle: 'Điều 5' });
    expect([drafted.status, drafted.location]).toEqual([303, '/staff/tickets/t3?ok=faqDrafted']);
    const [draft] = await fx.tickets.listFaqDrafts('pending');
    expect(draft).toMatchObject({ question: 'Hồ sơ một cửa gồm gì?', sourceNumber: '118/2025/NĐ-CP', createdBy: 'Nguyễn Thị Lan' });

    const list = (await lan.get('/staff/faq')).text;
    expect(list).toContain('Hồ sơ một cửa gồm gì?');
    expect(list).toContain('Xem phiếu #3');
    expect(list).toContain('Anh/chị là người soạn hỏi đáp này');
    const own = await lan.post(`/staff/faq/${draft.id}/approve`);
    expect(own.status).toBe(403);
    expect(own.text).toContain('Hỏi đáp do anh/chị soạn phải được một cán bộ khác hoặc quản trị viên phê duyệt.');
    expect(fx.faq).toHaveLength(0);

    const minh = await as('minh');
    await minh.get('/staff/faq');
    const ok = await minh.post(`/staff/faq/${draft.id}/approve`);
    expect([ok.status, ok.location]).toEqual([303, '/staff/faq?ok=approved']);
    expect(fx.faq.map((e) => e.question)).toEqual(['Hồ sơ một cửa gồm gì?']);
    const after = (await minh.get('/staff/faq?ok=approved')).text;
    expect(after).toContain('Đã duyệt hỏi đáp; từ nay bot dùng câu trả lời này.');
    expect(after).toContain('Không có hỏi đáp nào đang chờ duyệt.');
  });

  it('lets the author reject, and explains a decision on an already decided draft', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const draft = await fx.service.draftFaq('t3', { id: 'web:lan', name: 'Nguyễn Thị Lan', role: 'staff' }, {});
    const lan = await as('lan');
    await lan.get('/staff/faq');
    expect((await lan.post(`/staff/faq/${draft.id}/reject`)).status).toBe(303);
    const again = await lan.post(`/staff/faq/${draft.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.text).toContain('Hỏi đáp này đã được người khác duyệt hoặc từ chối.');
  });

  it('refuses a Q&A whose question was emptied, keeping what was typed', async () => {
    const { fx, as } = await start();
    await seedFour(fx);
    const lan = await as('lan');
    await lan.get('/staff/tickets/t3');
    const res = await lan.post('/staff/tickets/t3/faq', { question: '  ', answer: 'Giữ lại câu này', sourceNumber: '', sourceArticle: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Hỏi đáp cần có câu hỏi và câu trả lời');
    expect(res.text).toContain('>Giữ lại câu này</textarea>');
    expect(await fx.tickets.listFaqDrafts()).toHaveLength(0);
  });
});
