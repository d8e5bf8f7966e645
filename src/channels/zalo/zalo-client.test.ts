import { describe, expect, it } from 'vitest';
import { PlatformApiError, PlatformNetworkError } from '../platform-errors.js';
import { ZaloClient } from './zalo-client.js';

const TOKEN = '7788990011:SeCrEtToKeN_abcdefghijklmnop';
const BASE = 'https://zalo.test';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function clientWith(handler: Handler, timeoutMs?: number) {
  const seen: Array<{ url: string; body: unknown }> = [];
  const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    return handler(url, init ?? {});
  }) as typeof fetch;
  return { client: new ZaloClient({ token: TOKEN, baseUrl: `${BASE}/`, fetch: fetchStub, timeoutMs }), seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** Every text an error exposes: message, and the messages down its cause chain. */
function exposedText(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) parts.push(e.message, String(e.stack ?? ''));
  return parts.join('\n');
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err: unknown) {
    return err;
  }
  throw new Error('expected the call to reject');
}

describe('ZaloClient', () => {
  it('POSTs JSON to ${baseUrl}/bot${token}/${method} and returns result', async () => {
    const { client, seen } = clientWith(() => json(200, { ok: true, result: { message_id: 'm1', date: 1 } }));
    await expect(client.sendMessage({ chat_id: 'c1', text: 'Xin chào' })).resolves.toEqual({ message_id: 'm1', date: 1 });
    expect(seen).toEqual([{ url: `${BASE}/bot${TOKEN}/sendMessage`, body: { chat_id: 'c1', text: 'Xin chào' } }]);
  });

  it('sends the getUpdates timeout as a string and returns the single update', async () => {
    const update = { event_name: 'message.text.received', message: { message_id: 'm' } };
    const { client, seen } = clientWith(() => json(200, { ok: true, result: update }));
    await expect(client.getUpdates({ timeout: 5 })).resolves.toEqual(update);
    expect(seen[0].body).toEqual({ timeout: '5' });
  });

  it('treats getUpdates error_code 408 as "no update", in the body or as the HTTP status', async () => {
    const inBody = clientWith(() => json(200, { ok: false, error_code: 408, description: 'Request timeout' }));
    await expect(inBody.client.getUpdates()).resolves.toBeNull();
    const asStatus = clientWith(() => json(408, { ok: false, error_code: 408, description: 'Request timeout' }));
    await expect(asStatus.client.getUpdates()).resolves.toBeNull();
  });

  it('throws PlatformApiError with the method, code and description when ok is false', async () => {
    const { client } = clientWith(() => json(400, { ok: false, error_code: 400, description: 'Bad Request: text too long' }));
    const err = await caught(client.sendMessage({ chat_id: 'c', text: 'x' }));
    expect(err).toBeInstanceOf(PlatformApiError);
    expect(err).toMatchObject({ platform: 'zalo', method: 'sendMessage', code: 400, description: 'Bad Request: text too long', retryable: false });
  });

  it('throws a retryable PlatformApiError on HTTP 429 with Retry-After seconds', async () => {
    const { client } = clientWith(() => json(429, { ok: false, error_code: 429, description: 'Too Many Requests' }, { 'retry-after': '3' }));
    const err = await caught(client.sendMessage({ chat_id: 'c', text: 'x' }));
    expect(err).toMatchObject({ code: 429, retryAfter: 3, retryable: true });
  });

  it('keeps the HTTP status for a 5xx even without a JSON body', async () => {
    const { client } = clientWith(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const err = await caught(client.getMe());
    expect(err).toMatchObject({ code: 502, description: 'Bad Gateway', retryable: true });
  });

  it('throws PlatformNetworkError for a fetch failure and a non-JSON 200', async () => {
    const down = clientWith(() => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    });
    const err = await caught(down.client.getMe());
    expect(err).toBeInstanceOf(PlatformNetworkError);
    expect((err as Error).message).toContain('ECONNREFUSED');
    const garbled = clientWith(() => new Response('not json', { status: 200 }));
    await expect(garbled.client.getMe()).rejects.toBeInstanceOf(PlatformNetworkError);
  });

  it('aborts a request after timeoutMs with a PlatformNetworkError', async () => {
    const { client } = clientWith(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
      20,
    );
    const err = await caught(client.getMe());
    expect(err).toBeInstanceOf(PlatformNetworkError);
    expect((err as Error).message).toMatch(/timed out after 20 ms/);
  });

  it('never exposes the token, whatever the failure carries', async () => {
    const url = `${BASE}/bot${TOKEN}/sendMessage`;
    const failures: Handler[] = [
      () => json(400, { ok: false, error_code: 400, description: `Bad Request: unknown bot ${TOKEN}` }),
      () => json(500, { ok: false, error_code: 500, description: `upstream failed for ${url}` }),
      () => {
        throw new TypeError(`fetch failed for ${url}`, { cause: new Error(`getaddrinfo ENOTFOUND ${url}`) });
      },
      () => new Response(`oops ${TOKEN}`, { status: 200 }),
    ];
    for (const handler of failures) {
      const err = await caught(clientWith(handler).client.sendMessage({ chat_id: 'c', text: 'x' }));
      expect(err, 'the token leaked into an error: help: redact descriptions and causes').toBeInstanceOf(Error);
      expect(exposedText(err)).not.toContain(TOKEN);
      expect(exposedText(err)).not.toContain(TOKEN.split(':')[1]);
    }
  });
});
