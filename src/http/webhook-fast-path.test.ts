import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookHandler, WebhookRequest } from '../channels/webhook.js';
import { WebChatChannel } from '../channels/webchat/index.js';
import type { Dispatcher } from '../conversation/index.js';
import { createHttpApp } from './create-app.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** The app with one telegram webhook that records its requests and answers `reply`. */
async function start(reply: { status: number; body: Record<string, unknown> } = { status: 200, body: { ok: true } }, bodyLimitBytes?: number) {
  const got: WebhookRequest[] = [];
  const telegram: WebhookHandler = async (req) => {
    got.push(req);
    return reply;
  };
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const dispatcher: Dispatcher = { accept: async () => true, handleNow: async () => [], drain: async () => {} };
  const app = createHttpApp({
    dispatcher,
    webchat: new WebChatChannel({ dispatcher }),
    webhooks: { telegram },
    health: async () => ({ ok: true, details: {} }),
    logger: pino({ level: 'debug' }, stream),
    bodyLimitBytes,
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/telegram`, got, logs };
}

/** POSTs `chunks` one write at a time with chunked transfer encoding (no Content-Length). */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('webhook fast path', () => {
  it('hands the parsed and the raw body to the channel and answers with the usual headers', async () => {
    const { url, got } = await start({ status: 200, body: { ok: true, note: '<b>&</b>' } });
    const raw = '{ "update_id": 7, "message": { "text": "Thủ tục một cửa?" } }';
    const res = await fetch(`${url}?x=1`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-request-id': 'req-7' }, body: raw });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text, 'the JSON escaping of express is kept').toBe('{"ok":true,"note":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"}');
    expect(JSON.parse(text)).toEqual({ ok: true, note: '<b>&</b>' });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toBe('req-7');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('etag'), 'served by the fast path, not express').toBeNull();
    expect(got[0].body).toEqual({ update_id: 7, message: { text: 'Thủ tục một cửa?' } });
    expect(got[0].rawBody?.toString('utf8')).toBe(raw);
    expect(got[0].requestId).toBe('req-7');
  });

  it('refuses malformed JSON and non-object JSON with 400, and reads an empty body as {}', async () => {
    const { url, got, logs } = await start();
    for (const body of ['{"update_id": 1', '"text"', '42', 'null']) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status, body).toBe(400);
      expect(await res.json()).toMatchObject({ error_code: 'INVALID_INPUT', detail: 'malformed JSON body' });
    }
    expect(got).toHaveLength(0);
    expect(logs.join('')).toContain('request rejected');
    const empty = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '0' } });
    expect(empty.status).toBe(200);
    expect(got[0].body).toEqual({});
  });

  it('refuses a chunked body once it passes the limit, without calling the channel', async () => {
    const { url, got } = await start(undefined, 1000);
    const over = await postChunked(url, ['{"text":"', 'a'.repeat(600), 'a'.repeat(600), '"}']);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE', detail: 'request body is larger than 1000 bytes' });
    expect(got).toHaveLength(0);
    const under = await postChunked(url, ['{"text":"', 'a'.repeat(400), '"}']);
    expect(under.status).toBe(200);
    expect(got).toHaveLength(1);
  });

  it('leaves compressed bodies to the express route, which still serves them', async () => {
    const { url, got } = await start();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"update_id": 9}') });
    expect(res.status).toBe(200);
    expect(got[0].body).toEqual({ update_id: 9 });
    expect(res.headers.get('etag'), 'served by express (which adds an ETag)').toBeTruthy();
  });

  it('turns a handler failure or an invalid status into a 500 without internals', async () => {
    const { url } = await start({ status: 42, body: {} });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error_code: 'INTERNAL', detail: 'internal error', message: 'Đã có lỗi xảy ra; vui lòng thử lại sau.' });
  });
});
