/**
 * A fake Zalo Official Account platform on 127.0.0.1 for tests (style.md §6, platforms.md §2): the OAuth
 * v4 endpoints (permission page, code exchange with PKCE, single-use refresh tokens), the customer-service
 * message endpoint with its error codes and reply windows, the OA profile, and a webhook sender that signs
 * events as Zalo does. It records every call and can be told how to behave.
 *
 * Written from the facts in platforms.md §2; where those are unconfirmed the fake follows them as written
 * (`recipient.message_id` marks a reply, free for 48 hours after the quoted message and up to 8 since the user
 * last wrote; -216 for a bad token; -230 after 7 days; -211 for a charged message without quota).
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_OA_APP_ID = '2553000000000000001';
export const FAKE_OA_APP_SECRET = 'fakeOaAppSecret0123456789';
export const FAKE_OA_SECRET_KEY = 'fakeOaSecretKeyForWebhooks42';
export const FAKE_OA_ID = '5500123456789012345';
export const FAKE_OA_NAME = 'Sở Nội vụ tỉnh (thử nghiệm)';

const HOUR = 3600_000;

/** One recorded request. */
export interface FakeOaCall {
  /** `access_token`, `permission`, `message/cs`, `getoa` or the unknown path. */
  endpoint: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  /** What the fake answered (`error` 0 on success). */
  answer: Record<string, unknown>;
  status: number;
  at: number;
}

/** One message the fake accepted, with how Zalo would have counted it. */
export interface FakeOaSent {
  userId: string;
  text: string;
  replyTo?: string;
  /** `reply`: free reply to the user's message; `proactive`: charged to the OA's quota. */
  billing: 'reply' | 'proactive';
  accessToken: string;
}

/** What one user did, as the fake platform knows it. */
interface UserState {
  lastInteractionAt: number;
  lastMessageAt?: number;
  lastMessageId?: string;
  /** Every message of the user with its time (a reply may quote any of the last 48 hours). */
  messages: Map<string, number>;
  /** Free replies since the user last wrote (the count resets each time they write). */
  replies: number;
}

/** A message-endpoint failure to inject. */
export type FakeOaFailure = { error: number; message: string } | { status: number };

/** Options for {@link startFakeZaloOa}. */
export interface FakeZaloOaOptions {
  /** Seconds an access token lives (the real `expires_in` is "90000"). Default 90000. */
  accessTokenSeconds?: number;
  /** Delay before answering a refresh, ms (widens race windows in tests). Default 0. */
  refreshDelayMs?: number;
}

/** A running fake. */
export interface FakeZaloOa {
  /** Give these to the app as ZALO_OA_API_ROOT and ZALO_OA_OAUTH_ROOT. */
  apiRoot: string;
  oauthRoot: string;
  appId: string;
  appSecret: string;
  secretKey: string;
  calls: FakeOaCall[];
  sent: FakeOaSent[];
  callsOf(endpoint: string): FakeOaCall[];
  /** Texts accepted for a user. */
  sentTexts(userId: string): string[];
  /** Refresh calls (`grant_type=refresh_token`), refused ones included. */
  refreshCalls(): FakeOaCall[];
  waitFor(endpoint: string, predicate?: (c: FakeOaCall) => boolean, timeoutMs?: number): Promise<FakeOaCall>;
  /** Issues a pair as if an admin had authorised elsewhere; returns its refresh token (for ZALO_OA_REFRESH_TOKEN). */
  issueRefreshToken(): string;
  /** Makes every access token issued so far invalid (Zalo answers -216 until a refresh). */
  expireAccessTokens(): void;
  /** Makes every refresh token issued so far unusable (revoked / burnt). */
  revokeRefreshTokens(): void;
  /** Moves the platform's clock forward (reply windows, token lifetimes). */
  advance(ms: number): void;
  /** Paid (proactive) messages the OA may still send. Default 0. */
  setQuota(n: number): void;
  /** Fails the next `count` message sends. */
  failNextSend(failure: FakeOaFailure, count?: number): void;
  setRefreshDelay(ms: number): void;
  /** Builds, signs and POSTs a webhook event to `url`, recording the user's interaction as Zalo would. */
  deliver(url: string, event: Record<string, unknown>, opts?: { signature?: 'forged' | 'missing' | string; recordInteraction?: boolean }): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36).padStart(4, '0')}`;

/**
 * Starts the fake on a random port of 127.0.0.1.
 *
 * @example
 * const oa = await startFakeZaloOa();
 * const seed = oa.issueRefreshToken();                     // ZALO_OA_REFRESH_TOKEN for the app
 * await oa.deliver(`${appUrl}/webhooks/zalo-oa`, oaTextEvent('841…', 'Xin chào'));
 * await oa.waitFor('message/cs');
 */
export async function startFakeZaloOa(opts: FakeZaloOaOptions = {}): Promise<FakeZaloOa> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const accessSeconds = opts.accessTokenSeconds ?? 90_000;
  let refreshDelayMs = opts.refreshDelayMs ?? 0;
  const calls: FakeOaCall[] = [];
  const sent: FakeOaSent[] = [];
  const access = new Map<string, number>(); // token → expires at
  const refresh = new Set<string>();
  const codes = new Map<string, { challenge: string; redirectUri: string; expiresAt: number }>();
  const users = new Map<string, UserState>();
  const failures: Array<{ failure: FakeOaFailure; left: number }> = [];
  const watchers = new Set<(c: FakeOaCall) => void>();
  let quota = 0;

  const issuePair = () => {
    const a = nextId('acc_');
    const r = nextId('ref_');
    access.set(a, now() + accessSeconds * 1000);
    refresh.add(r);
    return { access_token: a, refresh_token: r, expires_in: String(accessSeconds) };
  };

  const record = (endpoint: string, req: IncomingMessage, body: Record<string, unknown>, status: number, answer: Record<string, unknown>) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')]));
    const call = { endpoint, body, headers, answer, status, at: now() };
    calls.push(call);
    for (const w of [...watchers]) w(call);
  };

  const oauthToken = async (req: IncomingMessage, body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const refused = (error: number, name: string, description: string) => ({ error, error_name: name, error_reason: name, error_description: description });
    if (req.headers.secret_key !== FAKE_OA_APP_SECRET) return refused(-14002, 'Invalid secret key', 'secret_key header does not match the app');
    if (body.app_id !== FAKE_OA_APP_ID) return refused(-14001, 'Invalid app id', 'app_id is unknown');
    if (body.grant_type === 'refresh_token') {
      if (refreshDelayMs) await new Promise((r) => setTimeout(r, refreshDelayMs));
      const token = String(body.refresh_token ?? '');
      if (!refresh.delete(token)) return refused(-14014, 'Invalid refresh token', 'Refresh token is invalid, expired or already used');
      return issuePair();
    }
    if (body.grant_type === 'authorization_code') {
      const c = codes.get(String(body.code ?? ''));
      codes.delete(String(body.code ?? ''));
      if (!c || c.expiresAt < now()) return refused(-14019, 'Invalid authorization code', 'code is invalid, expired or already used');
      const verifier = String(body.code_verifier ?? '');
      if (createHash('sha256').update(verifier, 'ascii').digest('base64url') !== c.challenge) return refused(-14020, 'Invalid code verifier', 'code_verifier does not match code_challenge');
      return issuePair();
    }
    return refused(-14003, 'Invalid parameter', 'unknown grant_type');
  };

  const sendCs = (req: IncomingMessage, body: Record<string, unknown>): Record<string, unknown> => {
    const token = String(req.headers.access_token ?? '');
    const expires = access.get(token);
    if (expires === undefined || expires < now()) return { error: -216, message: 'Access token is invalid' };
    const f = failures[0];
    if (f) {
      if (--f.left <= 0) failures.shift();
      if ('error' in f.failure) return { error: f.failure.error, message: f.failure.message };
    }
    const recipient = (body.recipient ?? {}) as Record<string, unknown>;
    const message = (body.message ?? {}) as Record<string, unknown>;
    const userId = typeof recipient.user_id === 'string' ? recipient.user_id : '';
    const text = message.text;
    if (!userId || typeof text !== 'string' || text.length === 0 || text.length > 2000) return { error: -201, message: 'message.text is invalid' };
    const u = users.get(userId);
    if (!u || u.lastInteractionAt <= 0) return { error: -213, message: 'User has not followed OA or has not interacted' };
    if (now() - u.lastInteractionAt > 7 * 24 * HOUR) return { error: -230, message: 'User has not interacted with the OA in the past 7 days' };
    const replyTo = typeof recipient.message_id === 'string' ? recipient.message_id : undefined;
    const quoted = replyTo !== undefined ? u.messages.get(replyTo) : undefined;
    const free = quoted !== undefined && now() - quoted <= 48 * HOUR && u.replies < 8;
    if (!free) {
      if (quota <= 0) return { error: -211, message: 'Out of quota' };
      quota--;
    } else u.replies++;
    sent.push({ userId, text, replyTo, billing: free ? 'reply' : 'proactive', accessToken: token });
    return { error: 0, message: 'Success', data: { message_id: nextId('oamsg_'), user_id: userId } };
  };

  const route = async (req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const answer = (endpoint: string, status: number, json: Record<string, unknown>) => {
      record(endpoint, req, body, status, json);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    };
    if (req.method === 'GET' && url.pathname === '/v4/oa/permission') {
      // The OA admin approves at once: back to the app with a code, the OA id and the state.
      const q = Object.fromEntries(url.searchParams);
      record('permission', req, q, 302, {});
      if (q.app_id !== FAKE_OA_APP_ID || !q.redirect_uri || !q.code_challenge) return void res.writeHead(400).end('bad request');
      const code = nextId('code_');
      codes.set(code, { challenge: q.code_challenge, redirectUri: q.redirect_uri, expiresAt: now() + 10 * 60_000 });
      const back = new URL(q.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('oa_id', FAKE_OA_ID);
      if (q.state) back.searchParams.set('state', q.state);
      return void res.writeHead(302, { location: back.toString() }).end();
    }
    if (req.method === 'POST' && url.pathname === '/v4/oa/access_token') return answer('access_token', 200, await oauthToken(req, body));
    if (req.method === 'POST' && url.pathname === '/v3.0/oa/message/cs') {
      const f = failures[0];
      if (f && 'status' in f.failure) {
        if (--f.left <= 0) failures.shift();
        return answer('message/cs', f.failure.status, { error: -1, message: 'injected HTTP failure' });
      }
      return answer('message/cs', 200, sendCs(req, body));
    }
    if (req.method === 'GET' && url.pathname === '/v2.0/oa/getoa') {
      const expires = access.get(String(req.headers.access_token ?? ''));
      return answer('getoa', 200, expires !== undefined && expires >= now() ? { error: 0, message: 'Success', data: { oa_id: FAKE_OA_ID, name: FAKE_OA_NAME } } : { error: -216, message: 'Access token is invalid' });
    }
    return answer(url.pathname, 404, { error: 404, message: 'empty api' });
  };

  const server = createServer((req, res) => {
    readBody(req).then((raw) => route(req, res, raw)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const touch = (event: Record<string, unknown>) => {
    const name = String(event.event_name ?? '');
    const at = Number(event.timestamp ?? now());
    const userId = String(((event.sender ?? event.follower ?? {}) as Record<string, unknown>).id ?? '');
    if (!userId || name === 'unfollow' || !(name === 'follow' || name.startsWith('user_send_'))) return;
    const u = users.get(userId) ?? { lastInteractionAt: 0, replies: 0, messages: new Map<string, number>() };
    u.lastInteractionAt = Math.max(u.lastInteractionAt, at);
    const msgId = ((event.message ?? {}) as Record<string, unknown>).msg_id;
    if (name.startsWith('user_send_') && typeof msgId === 'string' && !u.messages.has(msgId)) {
      u.messages.set(msgId, at);
      if (at >= (u.lastMessageAt ?? 0)) {
        u.lastMessageAt = at;
        u.lastMessageId = msgId;
        u.replies = 0;
      }
    }
    users.set(userId, u);
  };

  return {
    apiRoot: root,
    oauthRoot: root,
    appId: FAKE_OA_APP_ID,
    appSecret: FAKE_OA_APP_SECRET,
    secretKey: FAKE_OA_SECRET_KEY,
    calls,
    sent,
    callsOf: (endpoint) => calls.filter((c) => c.endpoint === endpoint),
    sentTexts: (userId) => sent.filter((s) => s.userId === userId).map((s) => s.text),
    refreshCalls: () => calls.filter((c) => c.endpoint === 'access_token' && c.body.grant_type === 'refresh_token'),
    waitFor: (endpoint, predicate = () => true, timeoutMs = 5000) =>
      new Promise<FakeOaCall>((resolve, reject) => {
        const seen = calls.find((c) => c.endpoint === endpoint && predicate(c));
        if (seen) return resolve(seen);
        const watch = (c: FakeOaCall) => {
          if (c.endpoint !== endpoint || !predicate(c)) return;
          clearTimeout(timer);
          watchers.delete(watch);
          resolve(c);
        };
        const timer = setTimeout(() => {
          watchers.delete(watch);
          reject(new Error(`fake Zalo OA: no matching ${endpoint} call within ${timeoutMs} ms (seen: ${[...new Set(calls.map((c) => c.endpoint))].join(', ') || 'none'})`));
        }, timeoutMs);
        watchers.add(watch);
      }),
    issueRefreshToken: () => issuePair().refresh_token,
    expireAccessTokens: () => {
      for (const k of access.keys()) access.set(k, 0);
    },
    revokeRefreshTokens: () => refresh.clear(),
    advance: (ms) => {
      offset += ms;
    },
    setQuota: (n) => {
      quota = n;
    },
    failNextSend: (failure, count = 1) => void failures.push({ failure, left: count }),
    setRefreshDelay: (ms) => {
      refreshDelayMs = ms;
    },
    deliver: async (url, event, o = {}) => {
      const raw = JSON.stringify({ app_id: FAKE_OA_APP_ID, timestamp: String(now()), ...event });
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      const mac = createHash('sha256').update(`${String(parsed.app_id)}${raw}${String(parsed.timestamp)}${FAKE_OA_SECRET_KEY}`, 'utf8').digest('hex');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (o.signature !== 'missing') headers['x-zevent-signature'] = o.signature === 'forged' ? `mac=${'0'.repeat(64)}` : (o.signature ?? `mac=${mac}`);
      if (o.recordInteraction !== false && o.signature === undefined) touch(parsed);
      const res = await fetch(url, { method: 'POST', headers, body: raw });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, json };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r, j) => server.close((err) => (err ? j(err) : r())));
    },
  };
}

/** A `user_send_text` event (ids as strings, `timestamp` a ms string, like Zalo's). */
export function oaTextEvent(userId: string, text: string, o: { msgId?: string; at?: number } = {}): Record<string, unknown> {
  return {
    event_name: 'user_send_text', user_id_by_app: `app-${userId}`, sender: { id: userId }, recipient: { id: FAKE_OA_ID },
    message: { msg_id: o.msgId ?? nextId('msg_'), text }, ...(o.at !== undefined ? { timestamp: String(o.at) } : {}),
  };
}

/** A `user_send_image` / `user_send_file` / `user_send_sticker` event. */
export function oaMediaEvent(userId: string, kind: 'image' | 'file' | 'sticker', o: { msgId?: string; at?: number } = {}): Record<string, unknown> {
  const attachment = kind === 'sticker' ? { type: 'sticker', payload: { id: 'bfe4', url: 'https://example.invalid/s.png' } } : { type: kind, payload: { url: `https://example.invalid/${kind}`, ...(kind === 'file' ? { name: 'to-trinh.pdf', size: '1024' } : {}) } };
  return {
    event_name: `user_send_${kind}`, sender: { id: userId }, recipient: { id: FAKE_OA_ID },
    message: { msg_id: o.msgId ?? nextId('msg_'), attachments: [attachment] }, ...(o.at !== undefined ? { timestamp: String(o.at) } : {}),
  };
}

/** A `follow` or `unfollow` event (`follower.id`, `oa_id`). */
export function oaFollowEvent(userId: string, kind: 'follow' | 'unfollow' = 'follow', o: { at?: number } = {}): Record<string, unknown> {
  return { event_name: kind, oa_id: FAKE_OA_ID, follower: { id: userId }, source: 'oa_profile', ...(o.at !== undefined ? { timestamp: String(o.at) } : {}) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, type: string): Record<string, unknown> {
  if (!raw.trim()) return {};
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const v = JSON.parse(raw) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
