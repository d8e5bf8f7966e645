import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHarness, post, TG_SECRET, OA_TOKEN_KEY } from './harness.js';
import type { Harness } from './harness.js';
import { Browser, createAccounts, staffReply } from './oa-support.js';
import { oaFollowEvent, oaMediaEvent, oaTextEvent, FAKE_OA_NAME } from '../fakes/zalo-oa-api.js';
import type { FakeOaCall } from '../fakes/zalo-oa-api.js';
import type { FakeCall } from '../fakes/telegram-api.js';

const STAFF_CHAT = -1001234567890;
const OUT_OF_SCOPE = 'Quy trình thanh lý tài sản công là máy tính cũ của xã thực hiện ra sao?';
const DAY = 24 * 3600_000;
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/** One series of the app's /metrics. */
async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

const toUser = (userId: string) => (c: FakeOaCall) => (c.body.recipient as { user_id?: string } | undefined)?.user_id === userId && c.answer.error === 0;
const isCard = (c: FakeCall) => String(c.params.chat_id) === String(STAFF_CHAT) && JSON.stringify(c.params.reply_markup ?? '').includes('tk:');
const cardFor = (text: string) => (c: FakeCall) => isCard(c) && String(c.params.text).includes(text);

describe('Zalo OA channel end to end (fake OA platform, Telegram staff group)', () => {
  let h: Harness;
  const hook = () => `${h.url}/webhooks/zalo-oa`;
  const tgHook = () => `${h.url}/webhooks/telegram`;
  const tgH = { 'x-telegram-bot-api-secret-token': TG_SECRET };

  beforeAll(async () => {
    h = await startHarness({ TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT), METRICS_TOKEN }, {}, { publicUrl: true });
    await createAccounts(h.app.store);
  }, 60_000);
  afterAll(async () => h?.close());

  it('connects at start-up from the seed refresh token and shows the OA on /healthz', async () => {
    expect(h.zaloOa.refreshCalls().map((c) => typeof c.answer.access_token)).toEqual(['string']);
    const health = (await (await fetch(`${h.url}/healthz`)).json()) as { zaloOa: { status: string; accessExpiresAt: number } };
    expect(health.zaloOa.status).toBe('connected');
    expect(health.zaloOa.accessExpiresAt).toBeGreaterThan(Date.now());
    expect(JSON.stringify(health)).not.toMatch(/acc_|ref_/);
  });

  it('question → cited answer sent as a reply to the message, typed choices; "1" records the feedback', async () => {
    const res = await h.zaloOa.deliver(hook(), oaTextEvent('u-answer', 'Bộ phận Một cửa là gì?', { msgId: 'q-answer-1' }));
    expect(res.status).toBe(200);
    await h.zaloOa.waitFor('message/cs', toUser('u-answer'), 10_000);
    await h.app.dispatcher.drain();
    const mine = h.zaloOa.sent.filter((s) => s.userId === 'u-answer');
    const text = mine.map((s) => s.text).join('\n');
    expect(text).toMatch(/Nguồn:/);
    expect(text).toMatch(/Trả lời 1/);
    expect(mine.every((s) => s.text.length <= 2000 && s.replyTo === 'q-answer-1' && s.billing === 'reply')).toBe(true);
    await h.zaloOa.deliver(hook(), oaTextEvent('u-answer', '1'));
    await h.zaloOa.waitFor('message/cs', (c) => toUser('u-answer')(c) && /Cảm ơn/.test(String((c.body.message as { text: string }).text)), 5000);
  });

  it('never answers a redelivered event twice', async () => {
    const event = oaTextEvent('u-dup', 'Cơ chế một cửa là gì?', { msgId: 'q-dup-1' });
    const [a, b] = await Promise.all([h.zaloOa.deliver(hook(), event), h.zaloOa.deliver(hook(), event)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.zaloOa.waitFor('message/cs', toUser('u-dup'), 10_000);
    await h.app.dispatcher.drain();
    expect(h.zaloOa.sentTexts('u-dup').filter((t) => /Nguồn:/.test(t))).toHaveLength(1);
  });

  it('rejects a forged or missing signature with 401 and processes nothing', async () => {
    const forged = await h.zaloOa.deliver(hook(), oaTextEvent('u-forged', 'xin chào'), { signature: 'forged' });
    const missing = await h.zaloOa.deliver(hook(), oaTextEvent('u-forged', 'xin chào'), { signature: 'missing' });
    expect([forged.status, missing.status]).toEqual([401, 401]);
    await new Promise((r) => setTimeout(r, 200));
    await h.app.dispatcher.drain();
    expect(h.zaloOa.sentTexts('u-forged')).toEqual([]);
    expect(await h.app.store.getOaUser('u-forged')).toBeNull();
  });

  it('answers images, files and stickers politely, greets a follower with the help text, records an unfollow', async () => {
    for (const kind of ['image', 'file', 'sticker'] as const) await h.zaloOa.deliver(hook(), oaMediaEvent('u-media', kind));
    // A follow carries no message to reply to, so the greeting is a proactive message: it needs quota.
    h.zaloOa.setQuota(1);
    await h.zaloOa.deliver(hook(), oaFollowEvent('u-follow'));
    const unfollow = await h.zaloOa.deliver(hook(), oaFollowEvent('u-gone', 'unfollow'));
    expect(unfollow.status).toBe(200);
    await h.zaloOa.waitFor('message/cs', toUser('u-follow'), 5000);
    await h.app.dispatcher.drain();
    expect(h.zaloOa.sentTexts('u-media').filter((t) => /chỉ đọc được tin nhắn dạng chữ/.test(t))).toHaveLength(3);
    expect(h.zaloOa.sentTexts('u-follow').join('\n')).toMatch(/Cách dùng Trợ lý CCHC/);
    expect(h.zaloOa.sent.filter((x) => x.userId === 'u-follow').map((x) => x.billing)).toEqual(['proactive']);
    expect(h.zaloOa.sent.filter((x) => x.userId === 'u-media').every((x) => x.billing === 'reply')).toBe(true);
    expect(h.zaloOa.sentTexts('u-gone')).toEqual([]);
    expect(await h.app.store.getOaUser('u-gone')).toMatchObject({ followed: false });
  });

  it('refreshes the token once when it expires mid-conversation, and the conversation goes on', async () => {
    await h.zaloOa.deliver(hook(), oaTextEvent('u-token', 'Dịch vụ công trực tuyến toàn trình là gì?'));
    await h.zaloOa.waitFor('message/cs', toUser('u-token'), 10_000);
    await h.app.dispatcher.drain();
    const refreshes = h.zaloOa.refreshCalls().length;
    h.zaloOa.expireAccessTokens();
    await h.zaloOa.deliver(hook(), oaTextEvent('u-token', 'Cơ chế một cửa liên thông là gì?'));
    await h.zaloOa.waitFor('message/cs', (c) => toUser('u-token')(c) && /liên thông/i.test(String((c.body.message as { text: string }).text)), 10_000);
    await h.app.dispatcher.drain();
    expect(h.zaloOa.refreshCalls()).toHaveLength(refreshes + 1);
    const codes = h.zaloOa.callsOf('message/cs').filter((c) => (c.body.recipient as { user_id: string }).user_id === 'u-token').map((c) => c.answer.error);
    expect(codes).toContain(-216);
    expect(codes.at(-1)).toBe(0);
  });

  it('escalation → staff answer in the group → relayed to the OA official; the card shows the reply window', async () => {
    await h.zaloOa.deliver(hook(), oaTextEvent('u-esc', OUT_OF_SCOPE));
    const offered = await h.zaloOa.waitFor('message/cs', toUser('u-esc'), 10_000);
    expect(String((offered.body.message as { text: string }).text)).toMatch(/Trả lời 1 để chuyển câu hỏi cho cán bộ/);
    await h.zaloOa.deliver(hook(), oaTextEvent('u-esc', '1'));
    await h.zaloOa.waitFor('message/cs', (c) => toUser('u-esc')(c) && /đã được chuyển tới cán bộ phụ trách/.test(String((c.body.message as { text: string }).text)), 10_000);
    const card = await h.telegram.waitFor('sendMessage', cardFor('thanh lý tài sản công'), 10_000);
    expect(String(card.params.text)).toMatch(/Zalo OA: còn \d+ giờ để trả lời miễn phí \(đến \d\d:\d\d \d\d\/\d\d\/\d{4}, còn \d\/8 lượt\)/);
    const cardId = (card.result as { message_id: number }).message_id;
    const answer = 'Việc thanh lý máy tính cũ thực hiện theo quy định về quản lý, sử dụng tài sản công; đơn vị lập hội đồng và trình cấp có thẩm quyền.';
    await post(tgHook(), staffReply(STAFF_CHAT, cardId, answer), tgH);
    const relayed = await h.zaloOa.waitFor('message/cs', (c) => toUser('u-esc')(c) && String((c.body.message as { text: string }).text).includes('thanh lý máy tính cũ'), 10_000);
    expect(String((relayed.body.message as { text: string }).text)).toMatch(/Cán bộ phụ trách đã trả lời/);
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(STAFF_CHAT) && /Đã gửi câu trả lời/.test(String(c.params.text)), 10_000);
  });

  it('a closed reply window: the relay fails at once and is kept, staff see why, the official gets it on their next message', async () => {
    // The official asked and accepted the offer 8 days ago (delivered late, e.g. after an outage): the
    // platform refuses every reply, so even the offer and the confirmation never reached them.
    const question = 'Thủ tục thanh lý xe ô tô công đã hết khấu hao của phường thực hiện thế nào?';
    const asked = Date.now() - 8 * DAY;
    await h.zaloOa.deliver(hook(), oaTextEvent('u-closed', question, { at: asked }));
    await h.app.dispatcher.drain();
    await h.zaloOa.deliver(hook(), oaTextEvent('u-closed', '1', { at: asked + 60_000 }));
    const card = await h.telegram.waitFor('sendMessage', cardFor('xe ô tô công'), 10_000);
    expect(String(card.params.text)).toContain('không tương tác với OA quá 7 ngày');
    const ticket = (await h.app.tickets.list({})).find((t) => t.chatId === 'u-closed');
    expect(ticket?.channel).toBe('zalo-oa');
    const answer = 'Xe ô tô công hết khấu hao được thanh lý theo quy định về tài sản công, sau khi cấp có thẩm quyền quyết định.';
    await post(tgHook(), staffReply(STAFF_CHAT, (card.result as { message_id: number }).message_id, answer), tgH);
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(STAFF_CHAT) && /Chưa gửi được câu trả lời/.test(String(c.params.text)), 10_000);
    const [item] = await h.app.store.outboxForTicket(ticket?.id ?? '');
    expect(item, 'failed after one attempt: retrying cannot open the window').toMatchObject({ state: 'failed', attempts: 1 });
    expect(item.lastError).toMatch(/-230/);
    expect(h.zaloOa.sentTexts('u-closed')).toEqual([]);
    // Staff see the window on the ticket page of the console.
    const staff = new Browser(h.url);
    await staff.login('/staff', 'lan');
    const page = await staff.go('GET', `/staff/tickets/${encodeURIComponent(ticket?.id ?? '')}`);
    expect(page.text).toContain('không tương tác với OA quá 7 ngày');
    // The official writes again: the kept answer comes first, in the fresh window.
    await h.zaloOa.deliver(hook(), oaTextEvent('u-closed', 'Cho tôi hỏi thêm về thủ tục hành chính một cửa?'));
    const delivered = await h.zaloOa.waitFor('message/cs', (c) => toUser('u-closed')(c) && String((c.body.message as { text: string }).text).includes('hết khấu hao'), 10_000);
    expect(String((delivered.body.message as { text: string }).text)).toMatch(/Có một câu trả lời của cán bộ phụ trách đang chờ/);
  });

  it('a refused refresh token is reported (staff group, console banner, health, log), and the admin reconnects through OAuth with PKCE', async () => {
    h.zaloOa.revokeRefreshTokens();
    h.zaloOa.expireAccessTokens();
    await h.zaloOa.deliver(hook(), oaTextEvent('u-burnt', 'Cơ chế một cửa là gì?'));
    const alert = await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(STAFF_CHAT) && /Zalo OA cần được kết nối lại/.test(String(c.params.text)), 10_000);
    expect(String(alert.params.text)).toContain(`${h.url}/admin/zalo-oa`);
    await h.app.dispatcher.drain();
    expect(h.logs.join('')).toMatch(/"alert":"zalo_oa_reauth_required"/);
    expect(h.app.zaloOaCounters?.reauthRequired).toBe(1);
    expect(await metric(h.url, 'cchc_zalo_oa_reauth_required')).toBe(1);
    expect(await metric(h.url, 'cchc_zalo_oa_connected')).toBe(0);
    const admin = new Browser(h.url);
    expect((await admin.login('/admin', 'quantri')).status).toBe(303);
    expect((await admin.go('GET', '/admin')).text).toContain('Zalo OA cần được kết nối lại');
    const page = await admin.go('GET', '/admin/zalo-oa');
    expect(page.text).toContain('Zalo đã từ chối mã làm mới của OA');
    expect(page.text).toContain(`${h.url}/admin/zalo-oa/callback`);
    // Connect: our server → Zalo's permission page → back to the callback with code and state.
    const start = await admin.go('GET', '/admin/zalo-oa/connect');
    expect(start.status).toBe(303);
    const permission = new URL(start.location);
    expect(permission.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const approved = await fetch(start.location, { redirect: 'manual' });
    const callback = approved.headers.get('location') ?? '';
    expect(callback.startsWith(`${h.url}/admin/zalo-oa/callback?`)).toBe(true);
    const elsewhere = await new Browser(h.url).go('GET', callback);
    expect(elsewhere.status, 'another browser cannot complete it').toBe(400);
    const done = await admin.go('GET', callback);
    expect(done.status).toBe(200);
    expect(done.text).toContain(`Đã kết nối OA ${FAKE_OA_NAME}`);
    expect((await admin.go('GET', callback)).status, 'the state is single-use').toBe(400);
    expect((await admin.go('GET', '/admin')).text).not.toContain('Zalo OA cần được kết nối lại');
    // A scrape reuses a read less than a second old, so look again until the new state shows.
    await expect.poll(() => metric(h.url, 'cchc_zalo_oa_reauth_required'), { timeout: 5000, interval: 300 }).toBe(0);
    expect(await metric(h.url, 'cchc_zalo_oa_access_token_expiry_seconds')).toBeGreaterThan(24 * 3600);
    expect((await admin.go('GET', '/admin/audit')).text).toContain('Kết nối Zalo OA');
    // The kept conversation goes on with the new pair.
    await h.zaloOa.deliver(hook(), oaTextEvent('u-burnt', 'Bộ phận Một cửa là gì?'));
    await h.zaloOa.waitFor('message/cs', toUser('u-burnt'), 10_000);
  });

  it('never logs a token, the app secret, the OA secret key or the token key', () => {
    const all = h.logs.join('');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of [/acc_[a-z0-9]{6,}/, /ref_[a-z0-9]{6,}/, new RegExp(h.zaloOa.appSecret), new RegExp(h.zaloOa.secretKey), new RegExp(OA_TOKEN_KEY)]) expect(all).not.toMatch(secret);
  });

  it('disconnects from the console only with the confirmation box ticked', async () => {
    const admin = new Browser(h.url);
    await admin.login('/admin', 'quantri');
    await admin.go('GET', '/admin/zalo-oa');
    expect((await admin.form('/admin/zalo-oa/disconnect', {})).status).toBe(400);
    expect((await admin.form('/admin/zalo-oa/disconnect', { confirm: 'yes' })).status).toBe(303);
    expect((await admin.go('GET', '/admin/zalo-oa')).text).toContain('Chưa kết nối OA nào');
    expect((await h.app.store.getOaConnection(h.zaloOa.appId))?.tokens).toBeUndefined();
  });
});
