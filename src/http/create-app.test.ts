import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { AnswerReply } from '../answer/index.js';
import type { WebhookHandler, WebhookRequest } from '../channels/webhook.js';
import { WebChatChannel } from '../channels/webchat/index.js';
import { AppError } from '../common/errors.js';
import type { Dispatcher, InboundMessage, OutboundReply } from '../conversation/index.js';
import { createHttpApp } from './create-app.js';
import type { HttpAppDeps } from './create-app.js';

const SESSION = 'sess_abcdef12';
const MSG_ID = '0123456789abcdef';

const answer: AnswerReply = {
  kind: 'answer',
  source: 'search',
  lead: 'Theo Khoản 2 Điều 5 Nghị định 118/2025/NĐ-CP:',
  passages: [{ marker: 1, text: 'Lấy người dân, doanh nghiệp làm trung tâm…' }],
  citations: [
    {
      marker: 1,
      chunkId: 'nd118.md#D5K2',
      docId: 'nd118.md',
      docNumber: '118/2025/NĐ-CP',
      docTitle: 'Nghị định về cơ chế một cửa, một cửa liên thông',
      path: 'Khoản 2 Điều 5',
      articleTitle: 'Điều 5. Nguyên tắc thực hiện',
      status: 'in_force',
      statusLabel: 'còn hiệu lực',
      current: true,
      url: 'https://vanban.chinhphu.vn/nd118',
    },
  ],
  notices: [],
  confidence: 0.8,
};

const answerReply: OutboundReply = {
  answer,
  questionId: 'q-1',
  choices: [
    { action: 'helpful', label: '👍 Hữu ích' },
    { action: 'unhelpful', label: '👎 Chưa đúng' },
    { action: 'escalate', label: '🙋 Hỏi cán bộ' },
  ],
};

/** A Dispatcher whose handleNow records the message and runs `impl`. */
function stubDispatcher(impl: (msg: InboundMessage) => Promise<OutboundReply[] | null> = async () => [answerReply]) {
  const seen: InboundMessage[] = [];
  const dispatcher: Dispatcher = {
    accept: async () => true,
    handleNow: async (msg) => {
      seen.push(msg);
      return impl(msg);
    },
    drain: async () => {},
  };
  return { dispatcher, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Starts the app on a free port with a pino logger writing into `logs`. */
async function start(overrides: Partial<HttpAppDeps> = {}) {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const { dispatcher, seen } = stubDispatcher();
  const deps: HttpAppDeps = {
    dispatcher,
    webchat: new WebChatChannel({ dispatcher }),
    webhooks: {},
    health: async () => ({ ok: true, details: { storage: 'ok' } }),
    logger: pino({ level: 'debug' }, stream),
    ...overrides,
  };
  const server = createHttpApp(deps).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, logs, seen };
}

function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

describe('createHttpApp', () => {
  it('GET /healthz answers 200 with the details when healthy', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /healthz answers 503 when unhealthy or when the check throws', async () => {
    const down = await start({ health: async () => ({ ok: false, details: { storage: 'down' } }) });
    const res = await fetch(`${down.base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', storage: 'down' });

    const broken = await start({ health: async () => Promise.reject(new Error('pg at 10.0.0.5 refused')) });
    const res2 = await fetch(`${broken.base}/healthz`);
    expect(res2.status).toBe(503);
    const text = await res2.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable' });
    expect(text, 'health must not leak the error').not.toContain('10.0.0.5');
  });

  it('POST /api/chat answers with rendered replies', async () => {
    const { base, seen } = await start();
    const res = await postJson(`${base}/api/chat`, { sessionId: SESSION, messageId: MSG_ID, text: 'Cơ chế một cửa là gì?' });
    expect(res.status).toBe(200);
    const { replies } = (await res.json()) as { replies: Array<Record<string, any>> };
    expect(replies).toHaveLength(1);
    expect(replies[0].answer.citations[0]).toMatchObject({
      doc: 'Nghị định 118/2025/NĐ-CP',
      where: 'Khoản 2 Điều 5',
      statusLabel: 'còn hiệu lực',
      url: 'https://vanban.chinhphu.vn/nd118',
    });
    expect(replies[0].choices).toEqual([
      { action: 'helpful', label: '👍 Hữu ích', questionId: 'q-1' },
      { action: 'unhelpful', label: '👎 Chưa đúng', questionId: 'q-1' },
      { action: 'escalate', label: '🙋 Hỏi cán bộ', questionId: 'q-1' },
    ]);
    expect(seen[0]).toMatchObject({ channel: 'web', chatId: SESSION, updateKey: MSG_ID, kind: 'text', text: 'Cơ chế một cửa là gì?' });
  });

  it('POST /api/chat/action passes the action to the core', async () => {
    const { base, seen } = await start();
    const res = await postJson(`${base}/api/chat/action`, { sessionId: SESSION, actionId: 'act-00000001', type: 'escalate', questionId: 'q-1' });
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ kind: 'action', updateKey: 'act-00000001', action: { type: 'escalate', questionId: 'q-1' } });
  });

  it('rejects an invalid sessionId with 400 INVALID_INPUT and a Vietnamese message', async () => {
    const { base, seen } = await start();
    const res = await postJson(`${base}/api/chat`, { sessionId: 'bad id', messageId: MSG_ID, text: 'Câu hỏi' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({
      error_code: 'INVALID_INPUT',
      detail: 'sessionId must be 8–64 characters of A–Z, a–z, 0–9, "_" or "-"',
      message: 'Dữ liệu gửi lên không hợp lệ.',
    });
    expect(seen).toHaveLength(0);
  });

  it('rejects malformed JSON with 400', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sessionId": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'INVALID_INPUT', detail: 'malformed JSON body' });
  });

  it('rejects a body that is not declared as JSON', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'INVALID_INPUT', detail: 'expected Content-Type: application/json (got text/plain)' });
  });

  it('rejects a body over 1 MB with 413', async () => {
    let called = false;
    const { base } = await start({ webhooks: { telegram: async () => ((called = true), { status: 200, body: {} }) } });
    const big = { sessionId: SESSION, messageId: MSG_ID, text: 'a'.repeat(1024 * 1024 + 10) };
    const res = await postJson(`${base}/api/chat`, big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE', detail: 'request body is larger than 1 MB' });
    const hook = await postJson(`${base}/webhooks/telegram`, big);
    expect(hook.status, 'webhooks share the limit').toBe(413);
    expect(called).toBe(false);
  });

  it('answers 404 for a channel that is not configured or unknown, and for unknown routes', async () => {
    const { base } = await start({ webhooks: { telegram: async () => ({ status: 200, body: { ok: true } }) } });
    for (const path of ['/webhooks/zalo', '/webhooks/whatsapp', '/webhooks/constructor']) {
      const res = await postJson(`${base}${path}`, {});
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error_code: 'NOT_FOUND', detail: 'channel not configured' });
    }
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: 'NOT_FOUND', message: 'Không tìm thấy nội dung yêu cầu.' });
  });

  it('adapts webhook requests and responses, and keeps secrets and query strings out of the logs', async () => {
    const got: WebhookRequest[] = [];
    const telegram: WebhookHandler = async (req) => {
      got.push(req);
      return { status: 401, body: { error_code: 'UNAUTHORIZED' } };
    };
    const { base, logs } = await start({ webhooks: { telegram } });
    const res = await fetch(`${base}/webhooks/telegram?token=SUPERSECRET`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 's3cret-header', 'X-Request-Id': 'req-42' },
      body: JSON.stringify({ update_id: 7, message: { text: 'Câu hỏi riêng tư' } }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error_code: 'UNAUTHORIZED' });
    expect(res.headers.get('x-request-id')).toBe('req-42');
    expect(got[0].headers['x-telegram-bot-api-secret-token']).toBe('s3cret-header');
    expect(got[0].body).toEqual({ update_id: 7, message: { text: 'Câu hỏi riêng tư' } });
    expect(got[0].requestId).toBe('req-42');

    await new Promise((r) => setTimeout(r, 20));
    const all = logs.join('');
    expect(all).toContain('"path":"/webhooks/telegram"');
    expect(all).toContain('"requestId":"req-42"');
    for (const secret of ['SUPERSECRET', 's3cret-header', 'riêng tư']) expect(all, `${secret} leaked into the logs`).not.toContain(secret);
  });

  it('turns a plain Error into a 500 without internals, logged with the request id', async () => {
    const telegram: WebhookHandler = async () => {
      throw new Error('password=hunter2 at db.internal:5432');
    };
    const { base, logs } = await start({ webhooks: { telegram } });
    const res = await postJson(`${base}/webhooks/telegram`, { update_id: 1 }, { 'x-request-id': 'req-500' });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error_code: 'INTERNAL', detail: 'internal error', message: 'Đã có lỗi xảy ra; vui lòng thử lại sau.' });
    expect(text).not.toContain('hunter2');
    const errorLine = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request failed');
    expect(errorLine, 'the 500 must be logged').toMatchObject({ requestId: 'req-500', code: 'INTERNAL' });
  });

  it('maps an AppError from the core to its status with a generic detail for 5xx', async () => {
    const { dispatcher } = stubDispatcher(async () => {
      throw new AppError('STORAGE_UNAVAILABLE', 'connect ECONNREFUSED 10.0.0.5:5432');
    });
    const { base } = await start({ dispatcher, webchat: new WebChatChannel({ dispatcher }) });
    const res = await postJson(`${base}/api/chat`, { sessionId: SESSION, messageId: MSG_ID, text: 'Câu hỏi' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error_code: 'STORAGE_UNAVAILABLE',
      detail: 'storage unavailable',
      message: 'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau.',
    });
  });

  it('serves the chat page with lang="vi" and a strict CSP', async () => {
    const { base } = await start();
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<html lang="vi">');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const js = await fetch(`${base}/chat.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
  });
});
