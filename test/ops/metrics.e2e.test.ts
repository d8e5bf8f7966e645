import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHarness, post, tgText, TG_SECRET, ZALO_SECRET } from '../e2e/harness.js';
import type { Harness } from '../e2e/harness.js';
import { zaloTextEvent } from '../fakes/zalo-api.js';
import { freePort } from '../support/cli-process.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const OUT_OF_SCOPE = 'Quy trình thanh lý tài sản công là máy tính cũ của xã thực hiện ra sao?';

/** The value of one series in a scrape, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function scrape(url: string, token?: string): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('/metrics on the public port, behind METRICS_TOKEN', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ METRICS_TOKEN: TOKEN, TELEGRAM_STAFF_CHAT_ID: '-1009990001' });
  }, 60_000);
  afterAll(async () => h?.close());

  it('refuses a scrape without the token or with a wrong one', async () => {
    expect((await scrape(h.url)).status).toBe(401);
    expect((await scrape(h.url, 'wrong-token-0123456789')).status).toBe(401);
  });

  it('counts webhook updates, answers, abstentions and escalations, and samples the outbox and index', async () => {
    const tg = { 'x-telegram-bot-api-secret-token': TG_SECRET };
    const update = tgText(7001, 'Cơ chế một cửa là gì?');
    await post(`${h.url}/webhooks/telegram`, update, tg);
    await post(`${h.url}/webhooks/telegram`, update, tg);
    await post(`${h.url}/webhooks/zalo`, zaloTextEvent({ chatId: 'm-1', text: OUT_OF_SCOPE }), { 'x-bot-api-secret-token': ZALO_SECRET });
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '7001', 10_000);
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'm-1', 10_000);
    await h.app.dispatcher.drain();
    // Escalation is asked first (AUTO_ESCALATE off by default): the official accepts with a typed "1".
    await post(`${h.url}/webhooks/zalo`, zaloTextEvent({ chatId: 'm-1', text: '1' }), { 'x-bot-api-secret-token': ZALO_SECRET });
    await h.zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'm-1' && /đã được chuyển tới cán bộ phụ trách/.test(String(c.body.text)), 10_000);
    await h.app.dispatcher.drain();
    const { status, text, type } = await scrape(h.url, TOKEN);
    expect(status).toBe(200);
    expect(type).toContain('text/plain');
    expect(sample(text, 'cchc_updates_received_total{channel="telegram",result="new"}')).toBe(1);
    expect(sample(text, 'cchc_updates_received_total{channel="telegram",result="duplicate"}')).toBe(1);
    expect(sample(text, 'cchc_updates_received_total{channel="zalo",result="new"}')).toBe(2);
    expect(sample(text, 'cchc_questions_total{channel="telegram",outcome="answered"}')).toBe(1);
    expect(sample(text, 'cchc_questions_total{channel="zalo",outcome="abstained"}')).toBe(1);
    expect(sample(text, 'cchc_escalations_total{reason="manual",ticket="new"}')).toBe(1);
    expect(sample(text, 'cchc_escalations_total{reason="auto",ticket="new"}')).toBeUndefined();
    expect(sample(text, 'cchc_answer_duration_seconds_count{channel="telegram"}')).toBe(1);
    expect(sample(text, 'cchc_tickets_waiting{state="open"}')).toBe(1);
    expect(sample(text, 'cchc_tickets_overdue')).toBe(0);
    expect(sample(text, 'cchc_outbox_pending')).toBe(0);
    expect(sample(text, 'cchc_probe_up{probe="outbox"}')).toBe(1);
    expect(sample(text, 'cchc_index_chunks')).toBe(h.app.knowledge.snapshot.chunks.length);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts a web chat question too', async () => {
    const res = await post(`${h.url}/api/chat`, { sessionId: 'metrics-web-1', messageId: 'metrics-web-msg-1', text: 'Thủ tục hành chính là gì?' });
    expect(res.status).toBe(200);
    const { text } = await scrape(h.url, TOKEN);
    expect(sample(text, 'cchc_updates_received_total{channel="web",result="new"}')).toBe(1);
  });
});

describe('/metrics on its own admin port (METRICS_PORT)', () => {
  let h: Harness;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    h = await startHarness({ METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => h?.close());

  it('serves metrics there without a token, and not on the public port', async () => {
    const admin = await scrape(`http://127.0.0.1:${port}`);
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('cchc_updates_received_total');
    expect((await scrape(h.url)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);
  });
});
