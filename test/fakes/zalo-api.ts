/**
 * A fake Zalo Bot API on 127.0.0.1 for tests (style.md §6, platforms.md §1): answers
 * `POST /bot<token>/<method>` with the real `{ ok, result }` envelope, records every call, and can be told
 * to fail. Also builds real-shaped webhook payloads in both envelopes.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Token the fake accepts unless another is given; shaped like a real one (`<bot_id>:<secret>`). */
export const FAKE_ZALO_TOKEN = '1234567890:fakeZaloSecretAbcdefghijklmnop';

/** One recorded request. `status` is the HTTP status the fake answered with. */
export interface FakeZaloCall {
  method: string;
  body: Record<string, unknown>;
  status: number;
  /** True when the fake answered `ok: true`. */
  ok: boolean;
  /** Milliseconds since the fake started. */
  at: number;
}

/** How {@link FakeZalo.failNext} fails calls: HTTP 429, HTTP 500, or an HTTP 400 `ok: false` refusal. */
export type FakeZaloFailure = 429 | 500 | 400;

/** Options for {@link startFakeZalo}. */
export interface FakeZaloOptions {
  /** The only token accepted; others get HTTP 401. Default {@link FAKE_ZALO_TOKEN}. */
  token?: string;
  /** Longest wait of `getUpdates` for an update before answering 408, ms. Default 100. */
  pollWaitMs?: number;
  /** Shifts the `Date` header of every answer by this many ms (a server clock that is off). Default 0. */
  clockOffsetMs?: number;
}

/** A running fake Zalo Bot API. */
export interface FakeZalo {
  /** Base URL to give the client (`http://127.0.0.1:<port>`). */
  apiRoot: string;
  token: string;
  /** Every request, in arrival order (failed ones included). */
  calls: FakeZaloCall[];
  /** Current webhook (`url` is "" when none is set). */
  webhook: { url: string; secret_token?: string };
  callsOf(method: string): FakeZaloCall[];
  /** Texts successfully sent with `sendMessage`, optionally to one chat. */
  sentTexts(chatId?: string): string[];
  /** Resolves with the first call (past or future) of `method` matching `predicate`; rejects after the timeout. */
  waitFor(method: string, predicate?: (call: FakeZaloCall) => boolean, timeoutMs?: number): Promise<FakeZaloCall>;
  /**
   * Fails the next `count` calls of `method`; a 429 may carry a `Retry-After` header (seconds). Calls
   * queue up: `failNext(m, 429)` then `failNext(m, 500)` fails with 429 first, then 500.
   */
  failNext(method: string, failure: FakeZaloFailure, count?: number, opts?: { retryAfter?: number }): void;
  /** Queues one update for `getUpdates` (the flat `{ event_name, message }` shape). */
  queueUpdate(update: unknown): void;
  /** Updates still queued. */
  pendingUpdates(): number;
  /** Forgets calls, failures and queued updates. */
  reset(): void;
  close(): Promise<void>;
}

interface Failure {
  failure: FakeZaloFailure;
  left: number;
  retryAfter?: number;
}

/**
 * Starts a fake Zalo Bot API on a random port of 127.0.0.1.
 *
 * @example
 * const fake = await startFakeZalo();
 * const client = new ZaloClient({ token: fake.token, baseUrl: fake.apiRoot });
 * await client.sendMessage({ chat_id: 'c1', text: 'Xin chào' });
 * expect(fake.sentTexts('c1')).toEqual(['Xin chào']);
 * await fake.close();
 */
export async function startFakeZalo(options: FakeZaloOptions = {}): Promise<FakeZalo> {
  const token = options.token ?? FAKE_ZALO_TOKEN;
  const pollWaitMs = options.pollWaitMs ?? 100;
  const started = Date.now();
  const calls: FakeZaloCall[] = [];
  const failures = new Map<string, Failure[]>();
  const updates: unknown[] = [];
  const pollers = new Set<() => void>();
  const watchers = new Set<(call: FakeZaloCall) => void>();
  const webhook: { url: string; secret_token?: string } = { url: '' };
  let messageSeq = 0;
  let webhookSetAt = started;

  const record = (method: string, body: Record<string, unknown>, status: number, ok: boolean) => {
    const call: FakeZaloCall = { method, body, status, ok, at: Date.now() - started };
    calls.push(call);
    for (const w of [...watchers]) w(call);
  };

  const nextUpdate = async (body: Record<string, unknown>): Promise<unknown> => {
    if (updates.length) return updates.shift();
    const asked = Number(body.timeout ?? 30) * 1000;
    const wait = Math.min(pollWaitMs, Number.isFinite(asked) ? asked : pollWaitMs);
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        pollers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, wait);
      pollers.add(wake);
    });
    return updates.shift();
  };

  const answer = async (method: string, body: Record<string, unknown>): Promise<[number, Record<string, unknown>]> => {
    const now = Date.now();
    switch (method) {
      case 'getMe':
        return ok({ id: token.split(':')[0], account_name: 'fake_cchc_bot', account_type: 'BASIC', can_join_groups: false });
      case 'setWebhook': {
        const url = body.url;
        const secret = body.secret_token;
        if (typeof url !== 'string' || !url) return refuse(400, 'Bad Request: url is required');
        if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256) {
          return refuse(400, 'Bad Request: secret_token must be 8-256 characters');
        }
        webhook.url = url;
        webhook.secret_token = secret;
        webhookSetAt = now;
        return ok({ url, updated_at: now });
      }
      case 'deleteWebhook':
        webhook.url = '';
        delete webhook.secret_token;
        webhookSetAt = now;
        return ok({ url: '', updated_at: now });
      case 'getWebhookInfo':
        return ok({ url: webhook.url, updated_at: webhookSetAt });
      case 'sendMessage':
      case 'sendPhoto': {
        if (typeof body.chat_id !== 'string' || !body.chat_id) return refuse(400, 'Bad Request: chat_id is required');
        const text = method === 'sendMessage' ? body.text : (body.caption ?? '');
        if (method === 'sendMessage' && (typeof text !== 'string' || text.length === 0)) {
          return refuse(400, 'Bad Request: text is empty');
        }
        if (method === 'sendPhoto' && (typeof body.photo !== 'string' || !body.photo)) {
          return refuse(400, 'Bad Request: photo is required');
        }
        if (typeof text !== 'string' || text.length > 2000) return refuse(400, 'Bad Request: text is too long (max 2000)');
        return ok({ message_id: `fake${(++messageSeq).toString(16).padStart(8, '0')}`, date: now });
      }
      case 'sendChatAction':
        if (typeof body.chat_id !== 'string' || body.action !== 'typing') return refuse(400, 'Bad Request: invalid action');
        return ok(true);
      case 'getUpdates': {
        const update = await nextUpdate(body);
        return update === undefined ? refuse(200, 'Request timeout', 408) : ok(update);
      }
      default:
        return refuse(404, 'Not Found');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
    const raw = await readBody(req);
    const body = parseBody(raw);
    const method = m?.[2] ?? '(invalid path)';
    if (req.method !== 'POST' || !m) return reply(res, record, method, body, refuse(404, 'Not Found'));
    if (decodeURIComponent(m[1]) !== token) return reply(res, record, method, body, refuse(401, 'Unauthorized'));
    const f = failures.get(method)?.[0];
    if (f) {
      if (--f.left <= 0) failures.get(method)?.shift();
      const headers: Record<string, string> = f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {};
      const failed: Record<FakeZaloFailure, [number, Record<string, unknown>]> = {
        429: refuse(429, 'Too Many Requests'),
        500: refuse(500, 'Internal Server Error'),
        400: refuse(400, 'Bad Request: injected failure'),
      };
      return reply(res, record, method, body, failed[f.failure], headers);
    }
    return reply(res, record, method, body, await answer(method, body), dateHeader(options.clockOffsetMs));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeZalo = {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    webhook,
    callsOf: (method) => calls.filter((c) => c.method === method),
    sentTexts: (chatId) =>
      calls
        .filter((c) => c.method === 'sendMessage' && c.ok && (chatId === undefined || c.body.chat_id === chatId))
        .map((c) => String(c.body.text)),
    waitFor: (method, predicate = () => true, timeoutMs = 2000) =>
      new Promise<FakeZaloCall>((resolve, reject) => {
        const seen = calls.find((c) => c.method === method && predicate(c));
        if (seen) return resolve(seen);
        const watch = (call: FakeZaloCall) => {
          if (call.method !== method || !predicate(call)) return;
          clearTimeout(timer);
          watchers.delete(watch);
          resolve(call);
        };
        const timer = setTimeout(() => {
          watchers.delete(watch);
          const seenMethods = [...new Set(calls.map((c) => c.method))].join(', ') || 'none';
          reject(new Error(`fake Zalo: no matching ${method} call within ${timeoutMs} ms (methods seen: ${seenMethods})`));
        }, timeoutMs);
        watchers.add(watch);
      }),
    failNext: (method, failure, count = 1, opts = {}) => {
      failures.set(method, [...(failures.get(method) ?? []), { failure, left: count, retryAfter: opts.retryAfter }]);
    },
    queueUpdate: (update) => {
      updates.push(update);
      for (const wake of [...pollers]) wake();
    },
    pendingUpdates: () => updates.length,
    reset: () => {
      calls.length = 0;
      failures.clear();
      updates.length = 0;
    },
    close: async () => {
      for (const wake of [...pollers]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
  return fake;
}

/** A shifted `Date` header when the fake plays a server whose clock is off; none otherwise (Node adds the real one). */
function dateHeader(offsetMs?: number): Record<string, string> {
  return offsetMs ? { date: new Date(Date.now() + offsetMs).toUTCString() } : {};
}

function ok(result: unknown): [number, Record<string, unknown>] {
  return [200, { ok: true, result }];
}

/** `ok: false` with the given HTTP status; `errorCode` defaults to the status (Telegram-style). */
function refuse(status: number, description: string, errorCode = status): [number, Record<string, unknown>] {
  return [status, { ok: false, error_code: errorCode, description }];
}

function reply(
  res: ServerResponse,
  record: (method: string, body: Record<string, unknown>, status: number, ok: boolean) => void,
  method: string,
  body: Record<string, unknown>,
  [status, payload]: [number, Record<string, unknown>],
  headers: Record<string, string> = {},
): void {
  record(method, body, status, payload.ok === true);
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string): Record<string, unknown> {
  if (!raw.trim()) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Who sent a fake message; `userId` defaults to `chatId` (private chats), ids are strings. */
export interface ZaloEventFields {
  chatId: string;
  userId?: string;
  /** Default a fresh hex-like id per event. */
  messageId?: string;
  displayName?: string;
  /** Epoch ms. Default a fixed base plus a counter (no real clock). */
  date?: number;
}

/** Which webhook envelope to build: documented `{ ok, result }` ("wrapped", default) or bare "flat". */
export interface ZaloEnvelopeOptions {
  envelope?: 'flat' | 'wrapped';
}

let eventSeq = 0;

/** A real-shaped update for `event_name`, with `message` built from `fields` plus `extra` (none when `fields` is undefined). */
export function zaloEvent(
  eventName: string,
  fields: ZaloEventFields | undefined,
  extra: Record<string, unknown> = {},
  opts: ZaloEnvelopeOptions = {},
): Record<string, unknown> {
  const n = ++eventSeq;
  const update: Record<string, unknown> = { event_name: eventName };
  if (fields) {
    const from: Record<string, unknown> = { id: fields.userId ?? fields.chatId, is_bot: false };
    if (fields.displayName !== undefined) from.display_name = fields.displayName;
    update.message = {
      message_id: fields.messageId ?? `2d75${n.toString(16).padStart(12, '0')}`,
      date: fields.date ?? 1750316131602 + n,
      ...extra,
      chat: { id: fields.chatId, chat_type: 'PRIVATE' },
      from,
    };
  }
  return opts.envelope === 'flat' ? update : { ok: true, result: update };
}

/** A `message.text.received` payload. */
export function zaloTextEvent(fields: ZaloEventFields & { text: string }, opts: ZaloEnvelopeOptions = {}): Record<string, unknown> {
  return zaloEvent('message.text.received', fields, { text: fields.text }, opts);
}

/** A `message.image.received` payload (`photo_url` and `caption`; the field names are unconfirmed). */
export function zaloImageEvent(
  fields: ZaloEventFields & { photoUrl?: string; caption?: string },
  opts: ZaloEnvelopeOptions = {},
): Record<string, unknown> {
  const extra: Record<string, unknown> = { photo_url: fields.photoUrl ?? 'https://example.invalid/photo.jpg' };
  if (fields.caption !== undefined) extra.caption = fields.caption;
  return zaloEvent('message.image.received', fields, extra, opts);
}

/** A `message.sticker.received` payload. */
export function zaloStickerEvent(fields: ZaloEventFields & { sticker?: string }, opts: ZaloEnvelopeOptions = {}): Record<string, unknown> {
  return zaloEvent('message.sticker.received', fields, { sticker: fields.sticker ?? 'bfe458bf64fa8da4d4eb' }, opts);
}
