/**
 * Issue 11, failure 6: anonymous web chat could flood the staff group (100 fresh session ids → 100 tickets
 * and 100 cards). Limits are now keyed on the client address and the whole server, not on the session id
 * the client chooses; web escalations spend an hourly budget, and staff are alerted once when it trips.
 * With TRUST_PROXY on, X-Forwarded-For is believed only from configured proxy addresses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeCall } from '../fakes/telegram-api.js';
import { post, startHarness } from './harness.js';
import type { Harness } from './harness.js';

const STAFF_CHAT = -1001234567890;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

let n = 0;
const id = (prefix: string) => `${prefix}${String(++n).padStart(8, '0')}`;
/** Questions the knowledge base cannot answer, each on its own topic (similar questions join one ticket). */
const OFF_TOPIC = [
  'Giá vé máy bay khứ hồi đi Đà Nẵng là bao nhiêu?',
  'Cách nấu phở bò Nam Định ngon nhất?',
  'Đội bóng nào vô địch giải ngoại hạng Anh năm ngoái?',
  'Thời tiết Sa Pa cuối tuần này thế nào?',
  'Mua xe máy điện loại nào bền nhất?',
  'Học đàn guitar cơ bản mất bao lâu?',
  'Cách trồng hoa lan hồ điệp trong chậu?',
  'Bảo dưỡng điều hòa nhiệt độ bao lâu một lần?',
  'Kinh nghiệm leo núi Fansipan mùa đông?',
  'Nuôi mèo Anh lông ngắn cần lưu ý gì?',
  'Sửa máy giặt báo lỗi cửa ở đâu uy tín?',
  'Chụp ảnh cưới ở Hội An hết bao nhiêu tiền?',
  'Pha cà phê phin thế nào cho đậm?',
  'Chọn giày chạy bộ cho người mới bắt đầu?',
];
/**
 * Questions near the bot's domain that knowledge/ does not cover (each on its own topic, so none joins
 * another's ticket); passed to staff with "/hoicanbo" (off-topic talk is never escalated at all).
 */
const FOR_STAFF = [
  'Mức phụ cấp trách nhiệm cho cán bộ tiếp công dân cấp xã hiện nay là bao nhiêu?',
  'Thủ tục xin cấp phép khai thác cát sỏi lòng sông gồm những giấy tờ gì?',
  'Quy trình thanh lý máy tính cũ là tài sản công của xã thực hiện ra sao?',
  'Chế độ nghỉ thai sản của công chức nữ được tính thế nào?',
  'Mức xử phạt hành chính khi xây nhà không phép là bao nhiêu?',
  'Thủ tục đăng ký khai sinh cho con ở xã cần những gì?',
  'Định mức công tác phí khi đi công tác tỉnh ngoài là bao nhiêu?',
  'Hồ sơ xin trợ cấp cho hộ nghèo gồm những gì?',
  'Tiêu chuẩn định mức xe ô tô công vụ của sở quy định thế nào?',
  'Mức thu lệ phí trước bạ xe máy hiện nay là bao nhiêu?',
  'Quy trình bổ nhiệm lại trưởng phòng thuộc sở thực hiện thế nào?',
  'Thủ tục cấp lại thẻ bảo hiểm y tế bị mất làm ở đâu?',
];
/** A question the knowledge base cannot answer, from a fresh session each time (as an attacker would). */
const ask = (url: string, i: number, headers: Record<string, string> = {}) =>
  post(`${url}/api/chat`, { sessionId: id('sess'), messageId: id('msg'), text: OFF_TOPIC[i % OFF_TOPIC.length] }, headers);
const isStaffMessage = (c: FakeCall) => String(c.params.chat_id) === String(STAFF_CHAT);
const isCard = (c: FakeCall) => isStaffMessage(c) && JSON.stringify(c.params.reply_markup ?? '').includes('tk:');

describe('web chat abuse limits', () => {
  it('limits messages per client address, whatever session id the client sends', async () => {
    h = await startHarness({ WEBCHAT_RATE_PER_ADDRESS: '8' });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i += 1) statuses.push((await ask(h.url, i)).status);
    expect(statuses.filter((s) => s === 200).length, `statuses: ${statuses.join(',')}`).toBe(8);
    const refused = await ask(h.url, 99);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ error_code: 'RATE_LIMITED' });
    expect(String(refused.json?.message)).toMatch(/vui lòng đợi/);
  });

  it('limits all clients together', async () => {
    h = await startHarness({ WEBCHAT_RATE_GLOBAL: '5', TRUST_PROXY: '1', TRUST_PROXY_ADDRESSES: 'loopback' });
    const statuses: number[] = [];
    // Through a trusted proxy each request is a different client; the global limit still holds.
    for (let i = 0; i < 9; i += 1) statuses.push((await ask(h.url, i, { 'x-forwarded-for': `198.51.100.${i + 1}` })).status);
    expect(statuses.filter((s) => s === 200).length, `statuses: ${statuses.join(',')}`).toBe(5);
  });

  it('ignores a rotating X-Forwarded-For from a client that is not a configured proxy', async () => {
    h = await startHarness({ WEBCHAT_RATE_PER_ADDRESS: '5', TRUST_PROXY: '1', TRUST_PROXY_ADDRESSES: '10.9.9.9' });
    const statuses: number[] = [];
    for (let i = 0; i < 9; i += 1) statuses.push((await ask(h.url, i, { 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
    expect(statuses.filter((s) => s === 200).length, `help: trust X-Forwarded-For only from TRUST_PROXY_ADDRESSES; statuses: ${statuses.join(',')}`).toBe(5);
  });

  it('believes X-Forwarded-For from a configured proxy (each forwarded client has its own limit)', async () => {
    h = await startHarness({ WEBCHAT_RATE_PER_ADDRESS: '2', TRUST_PROXY: '1', TRUST_PROXY_ADDRESSES: 'loopback' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await ask(h.url, i, { 'x-forwarded-for': `198.51.100.${i + 1}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('sends at most the hourly budget of web questions to staff and alerts staff once when it trips', async () => {
    h = await startHarness({ TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT), AUTO_ESCALATE: 'true', WEBCHAT_RATE_PER_ADDRESS: '100', WEBCHAT_ESCALATIONS_PER_ADDRESS: '2' });
    const results = [];
    for (let i = 0; i < 12; i += 1) results.push(await post(`${h.url}/api/chat`, { sessionId: id('sess'), messageId: id('msg'), text: `/hoicanbo ${FOR_STAFF[i]}` }));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const prompts = results.map((r) => JSON.stringify(r.json));
    expect(prompts.slice(0, 2).every((p) => p.includes('đã được chuyển tới cán bộ')), prompts.slice(0, 2).join('\n')).toBe(true);
    expect(prompts.slice(2).every((p) => p.includes('thử lại sau khoảng một giờ')), `help: the budget refusal reaches the official: ${prompts.slice(2, 4).join(' | ')}`).toBe(true);
    await h.telegram.waitFor('sendMessage', (c) => isStaffMessage(c) && String(c.params.text).includes('Cảnh báo'));
    // Let any stray card arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(h.telegram.calls.filter(isCard).length, 'two tickets, two cards').toBe(2);
    const alerts = h.telegram.callsOf('sendMessage').filter((c) => isStaffMessage(c) && String(c.params.text).includes('Cảnh báo'));
    expect(alerts.length, 'staff are alerted once, not per refused question').toBe(1);
  });
});
