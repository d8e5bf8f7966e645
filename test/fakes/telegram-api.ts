/**
 * A fake Telegram Bot API for tests: an HTTP server on 127.0.0.1 (random port) answering
 * `POST /bot<token>/<method>` (JSON, form or query parameters) with `{ ok, result }` in the real wire
 * format. Point telegraf at it with `apiRoot`. It records every call, can be told to fail the next calls
 * of a method (429 with `retry_after`, 400, 403, 5xx), serves queued updates to `getUpdates`, and checks
 * what the real API checks and we are likely to break: HTML parse mode (allowed tags, balance, escaping;
 * a bare `&` is rejected, which is stricter than Telegram), 4096 characters after entity parsing,
 * 64-byte `callback_data`, and `getUpdates` refused (409) while a webhook is set. Group chats declared with
 * `setChat` (e.g. a staff forum) are described by `getChat` and refuse `createForumTopic` unless they are
 * forums. See platforms.md §3.8.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded request. */
export interface FakeCall {
  method: string;
  token: string;
  params: Record<string, unknown>;
  /** HTTP status the fake answered. */
  status: number;
  /** The `result` returned when the call succeeded. */
  result?: unknown;
}

/** A failure to inject with {@link FakeTelegram.failNext}. */
export interface FakeFailure {
  code: 400 | 403 | 429 | 500 | 502;
  /** Seconds, sent as `parameters.retry_after` (429 only). Default 1. */
  retryAfter?: number;
  description?: string;
  /** How many following calls of the method fail. Default 1. */
  times?: number;
}

/** Handle on a running fake Bot API. */
export interface FakeTelegram {
  /** `http://127.0.0.1:<port>`; pass as telegraf's `apiRoot`. */
  readonly apiRoot: string;
  /** Every call so far, in order (including failed ones). */
  readonly calls: FakeCall[];
  /** The webhook currently set, if any. */
  readonly webhook: { url: string; secretToken?: string; allowedUpdates?: unknown } | null;
  /** The recorded calls of one method, in order. */
  callsOf(method: string): FakeCall[];
  /** Resolves with the first call (past or future) of `method` matching `predicate`; rejects after `timeoutMs` (default 2000). */
  waitFor(method: string, predicate?: (call: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  /** Makes the next `failure.times` calls of `method` fail with `failure.code`. */
  failNext(method: string, failure: FakeFailure): void;
  /**
   * Declares a group chat for `getChat` (and the `chat` of messages sent there), e.g. a staff supergroup
   * with topics: `setChat('-1001', { type: 'supergroup', is_forum: true, title: 'CCHC' })`. A chat declared
   * without `is_forum` refuses `createForumTopic`, as Telegram does. Undeclared chats: private when the id is
   * positive, a plain supergroup otherwise.
   */
  setChat(chatId: string | number, chat: FakeChat): void;
  /**
   * Makes `getWebhookInfo` report a failed delivery (`last_error_date` now, `last_error_message`), as
   * Telegram does after the webhook answered an error or could not be reached; `null` clears it.
   */
  setWebhookError(message: string | null): void;
  /** Sets how `getChatMember` describes the bot in a chat (default: `administrator` everywhere). */
  setBotStatus(chatId: string | number, status: 'creator' | 'administrator' | 'member' | 'left' | 'kicked'): void;
  /** Commands set with `setMyCommands` (the last call), or null. */
  readonly commands: Array<{ command: string; description: string }> | null;
  /**
   * Changes how the next `times` calls of `method` are carried out (fault injection, issue 11):
   * `stall` holds the request `ms` before handling it and drops it unhandled when the client hangs up
   * meanwhile (it never reached the platform); `slow` handles it at once (a message is delivered) but
   * answers only after `ms`; `reset` closes the connection without handling it.
   */
  behaveNext(method: string, b: { kind: 'stall' | 'slow' | 'reset'; ms?: number; times?: number }): void;
  /** Until `ms` from now, every request's connection is reset unhandled (a platform outage); 0 ends it. */
  outageFor(ms: number): void;
  /** Requests dropped unhandled so far (stalled then abandoned, reset, or during an outage). */
  readonly dropped: number;
  /** Queues an update for `getUpdates`; assigns `update_id` when missing. Returns the update id. */
  queueUpdate(update: Record<string, unknown>): number;
  /** Ends pending long polls and stops the server. */
  close(): Promise<void>;
}

/** A chat declared with {@link FakeTelegram.setChat}. */
export interface FakeChat {
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  is_forum?: boolean;
}

/** Options for {@link startFakeTelegram}. */
export interface FakeTelegramOptions {
  /** When set, any other token gets 401 Unauthorized, as on the real API. */
  token?: string;
  /** Cap on a getUpdates long poll, ms (keeps tests fast). Default 1000. */
  maxPollMs?: number;
  /** Shifts the `Date` header of every answer by this many ms (a server clock that is off). Default 0. */
  clockOffsetMs?: number;
}

type Params = Record<string, unknown>;
type Outcome = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: Params };

const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'tg-spoiler', 'span', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway' };

/**
 * Starts a fake Bot API server.
 *
 * @example
 * const fake = await startFakeTelegram();
 * const client = new TelegramClient({ token: '123:abc', apiRoot: fake.apiRoot });
 * await client.sendMessage('42', 'Xin chào');
 * expect(fake.callsOf('sendMessage')[0].params.text).toBe('Xin chào');
 * await fake.close();
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const calls: FakeCall[] = [];
  const failures = new Map<string, FakeFailure[]>();
  const listeners = new Set<(call: FakeCall) => void>();
  const queue: Params[] = [];
  const pollers = new Set<() => void>();
  const messages = new Map<string, Params>();
  const chats = new Map<number, FakeChat>();
  let webhook: FakeTelegram['webhook'] = null;
  let webhookError: { date: number; message: string } | null = null;
  let commands: FakeTelegram['commands'] = null;
  const botStatus = new Map<number, string>();
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let nextThreadId = 100;
  let closed = false;
  const maxPollMs = options.maxPollMs ?? 1000;
  const behaviours = new Map<string, Array<{ kind: 'stall' | 'slow' | 'reset'; ms?: number; times: number }>>();
  let outageUntil = 0;
  let dropped = 0;
  const nextBehaviour = (method: string) => {
    const list = behaviours.get(method);
    const b = list?.[0];
    if (b && --b.times <= 0) list?.shift();
    return b;
  };
  const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  const fail = (code: number, description: string, parameters?: Params): Outcome => ({ ok: false, error_code: code, description: `${STATUS_TEXT[code] ?? 'Error'}: ${description}`, ...(parameters ? { parameters } : {}) });
  const bad = (description: string) => fail(400, description);

  const botUser = (token: string) => ({ id: Number(token.split(':')[0]) || 1, is_bot: true, first_name: 'Trợ lý CCHC', username: 'cchc_test_bot' });

  const storeMessage = (token: string, p: Params, text: string): Params => {
    const chatId = Number(p.chat_id);
    const message: Params = { message_id: nextMessageId++, from: botUser(token), chat: chatOf(chatId), date: Math.floor(Date.now() / 1000), text };
    if (p.message_thread_id !== undefined) Object.assign(message, { message_thread_id: Number(p.message_thread_id), is_topic_message: true });
    if (p.reply_markup) message.reply_markup = p.reply_markup;
    messages.set(`${chatId}:${message.message_id as number}`, message);
    return message;
  };

  const chatOf = (chatId: number): Params => {
    const declared = chats.get(chatId);
    if (!declared) return { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' };
    return { id: chatId, type: declared.type, ...(declared.title ? { title: declared.title } : {}), ...(declared.is_forum ? { is_forum: true } : {}) };
  };

  const checkText = (p: Params): { text: string } | Outcome => {
    const raw = typeof p.text === 'string' ? p.text : '';
    const parsed = p.parse_mode === 'HTML' ? parseHtml(raw) : { text: raw };
    if ('error' in parsed) return bad(`can't parse entities: ${parsed.error}`);
    if (!parsed.text.trim()) return bad('message text is empty');
    if (parsed.text.length > 4096) return bad('message is too long');
    if (!buttonsValid(p.reply_markup)) return bad('BUTTON_DATA_INVALID');
    return parsed;
  };

  const edit = (p: Params, change: (m: Params) => Outcome | null): Outcome => {
    const m = messages.get(`${Number(p.chat_id)}:${Number(p.message_id)}`);
    if (!m) return bad('message to edit not found');
    const before = JSON.stringify(m);
    const problem = change(m);
    if (problem) return problem;
    if (JSON.stringify(m) === before) return bad('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    m.edit_date = Math.floor(Date.now() / 1000);
    return { ok: true, result: m };
  };

  const longPoll = async (p: Params): Promise<Outcome> => {
    if (webhook) return fail(409, "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(p.offset ?? 0);
    const pending = () => queue.filter((u) => (u.update_id as number) >= offset);
    for (let i = queue.length - 1; i >= 0; i--) if ((queue[i].update_id as number) < offset) queue.splice(i, 1);
    if (!pending().length && Number(p.timeout ?? 0) > 0 && !closed) {
      await new Promise<void>((resolve) => {
        const done = () => (clearTimeout(timer), pollers.delete(done), resolve());
        const timer = setTimeout(done, Math.min(Number(p.timeout) * 1000, maxPollMs));
        pollers.add(done);
      });
    }
    return { ok: true, result: pending().slice(0, Number(p.limit ?? 100)) };
  };

  const handlers: Record<string, (p: Params, token: string) => Outcome | Promise<Outcome>> = {
    getMe: (_p, token) => ({ ok: true, result: { ...botUser(token), can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } }),
    setWebhook: (p) => {
      const secret = p.secret_token;
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(secret))) return bad('secret token contains unallowed characters');
      webhook = { url: String(p.url ?? ''), secretToken: secret === undefined ? undefined : String(secret), allowedUpdates: p.allowed_updates };
      return { ok: true, result: true };
    },
    deleteWebhook: (p) => {
      webhook = null;
      if (p.drop_pending_updates) queue.length = 0;
      return { ok: true, result: true };
    },
    getWebhookInfo: () => ({
      ok: true,
      result: {
        url: webhook?.url ?? '',
        has_custom_certificate: false,
        pending_update_count: webhook ? queue.length : 0,
        ...(webhook ? { max_connections: 40, ip_address: '127.0.0.1' } : {}),
        ...(webhook && Array.isArray(webhook.allowedUpdates) ? { allowed_updates: webhook.allowedUpdates } : {}),
        ...(webhook && webhookError ? { last_error_date: webhookError.date, last_error_message: webhookError.message } : {}),
      },
    }),
    setMyCommands: (p) => {
      if (!Array.isArray(p.commands)) return bad('parameter "commands" is required');
      const list = p.commands as Array<{ command?: unknown; description?: unknown }>;
      const valid = list.every((c) => typeof c.command === 'string' && /^[a-z0-9_]{1,32}$/.test(c.command) && typeof c.description === 'string' && c.description.length >= 1 && c.description.length <= 256);
      if (!valid) return bad('BOT_COMMAND_INVALID');
      commands = list as Array<{ command: string; description: string }>;
      return { ok: true, result: true };
    },
    getMyCommands: () => ({ ok: true, result: commands ?? [] }),
    getChatMember: (p, token) => {
      const chatId = Number(p.chat_id);
      if (!Number.isSafeInteger(chatId)) return bad('chat not found');
      return { ok: true, result: { status: botStatus.get(chatId) ?? 'administrator', user: botUser(token) } };
    },
    sendMessage: (p, token) => {
      const checked = checkText(p);
      return 'text' in checked ? { ok: true, result: storeMessage(token, p, checked.text) } : checked;
    },
    editMessageText: (p) => {
      const checked = checkText(p);
      if (!('text' in checked)) return checked;
      return edit(p, (m) => {
        m.text = checked.text;
        if (p.reply_markup) m.reply_markup = p.reply_markup;
        else delete m.reply_markup;
        return null;
      });
    },
    editMessageReplyMarkup: (p) =>
      edit(p, (m) => {
        if (!buttonsValid(p.reply_markup)) return bad('BUTTON_DATA_INVALID');
        if (p.reply_markup) m.reply_markup = p.reply_markup;
        else delete m.reply_markup;
        return null;
      }),
    answerCallbackQuery: (p) => (typeof p.callback_query_id === 'string' && p.callback_query_id ? { ok: true, result: true } : bad('QUERY_ID_INVALID')),
    sendChatAction: (p) => (p.chat_id !== undefined && typeof p.action === 'string' ? { ok: true, result: true } : bad('wrong parameter action in request')),
    getChat: (p) => {
      const id = Number(p.chat_id);
      return Number.isSafeInteger(id) ? { ok: true, result: chatOf(id) } : bad('chat not found');
    },
    createForumTopic: (p) => {
      const declared = chats.get(Number(p.chat_id));
      if (declared && !declared.is_forum) return bad('the chat is not a forum');
      const name = typeof p.name === 'string' ? p.name : '';
      if (name.length < 1 || name.length > 128) return bad('TOPIC_NAME_INVALID');
      return { ok: true, result: { message_thread_id: nextThreadId++, name, icon_color: 0x6fb9f0 } };
    },
    getUpdates: longPoll,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    if (Date.now() < outageUntil) {
      dropped++;
      req.socket.destroy();
      return;
    }
    const behaviour = match ? nextBehaviour(match[2]) : undefined;
    if (behaviour?.kind === 'reset') {
      dropped++;
      req.socket.destroy();
      return;
    }
    if (behaviour?.kind === 'stall') {
      let gone = false;
      res.once('close', () => (gone = !res.writableEnded));
      await wait(behaviour.ms ?? 1000);
      if (gone || req.socket.destroyed) {
        dropped++;
        return;
      }
    }
    let outcome: Outcome;
    if (!match) outcome = fail(404, 'not found');
    else if (options.token && match[1] !== options.token) outcome = fail(401, 'invalid token');
    else {
      const planned = failures.get(match[2])?.[0];
      if (planned) {
        if (--planned.times! <= 0) failures.get(match[2])!.shift();
        const retry = planned.code === 429 ? { retry_after: planned.retryAfter ?? 1 } : undefined;
        outcome = fail(planned.code, planned.description ?? (retry ? `retry after ${retry.retry_after}` : 'injected failure'), retry);
      } else {
        const handler = handlers[match[2]];
        outcome = handler ? await handler(params, match[1]) : fail(404, 'method not found');
      }
    }
    const status = outcome.ok ? 200 : outcome.error_code;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.clockOffsetMs) headers.date = new Date(Date.now() + options.clockOffsetMs).toUTCString();
    if (match) {
      // Recorded when handled: a `slow` call has delivered its message before the answer goes back.
      const call: FakeCall = { method: match[2], token: match[1], params, status, ...(outcome.ok ? { result: outcome.result } : {}) };
      calls.push(call);
      for (const listener of [...listeners]) listener(call);
    }
    if (behaviour?.kind === 'slow') await wait(behaviour.ms ?? 1000);
    if (!res.destroyed) res.writeHead(status, headers).end(JSON.stringify(outcome));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => res.writeHead(500).end(JSON.stringify({ ok: false, error_code: 500, description: String(err) })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    get webhook() {
      return webhook;
    },
    callsOf: (method) => calls.filter((c) => c.method === method),
    waitFor(method, predicate = () => true, timeoutMs = 2000) {
      const matches = (c: FakeCall) => c.method === method && predicate(c);
      const found = calls.find(matches);
      if (found) return Promise.resolve(found);
      return new Promise<FakeCall>((resolve, reject) => {
        const listener = (c: FakeCall) => {
          if (!matches(c)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(c);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`fake Telegram: no ${method} call matched within ${timeoutMs} ms (calls: ${calls.map((c) => c.method).join(', ') || 'none'})`));
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    failNext(method, failure) {
      failures.set(method, [...(failures.get(method) ?? []), { ...failure, times: failure.times ?? 1 }]);
    },
    setWebhookError(message) {
      webhookError = message === null ? null : { date: Math.floor(Date.now() / 1000), message };
    },
    setBotStatus(chatId, status) {
      botStatus.set(Number(chatId), status);
    },
    get commands() {
      return commands;
    },
    setChat(chatId, chat) {
      chats.set(Number(chatId), { ...chat });
    },
    behaveNext(method, b) {
      behaviours.set(method, [...(behaviours.get(method) ?? []), { ...b, times: b.times ?? 1 }]);
    },
    outageFor(ms) {
      outageUntil = ms > 0 ? Date.now() + ms : 0;
    },
    get dropped() {
      return dropped;
    },
    queueUpdate(update) {
      const id = typeof update.update_id === 'number' ? update.update_id : nextUpdateId;
      nextUpdateId = Math.max(nextUpdateId, id + 1);
      queue.push({ ...update, update_id: id });
      for (const wake of [...pollers]) wake();
      return id;
    },
    async close() {
      closed = true;
      for (const wake of [...pollers]) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return JSON.parse(raw) as Params;
  // Form bodies carry objects (reply_markup, commands) as JSON strings, as the real API accepts them.
  const out: Params = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** True when every inline button's `callback_data` is 1–64 bytes. */
function buttonsValid(markup: unknown): boolean {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return true;
  return rows.flat().every((b: { callback_data?: unknown }) => b.callback_data === undefined || (typeof b.callback_data === 'string' && Buffer.byteLength(b.callback_data) >= 1 && Buffer.byteLength(b.callback_data) <= 64));
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** Telegram-style HTML parse: returns the visible text, or the reason it would be refused. */
export function parseHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  const token = /<(\/?)([a-zA-Z][a-zA-Z-]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[<>&]|[^<>&]+/g;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const [whole, closing, tag, attrs, entity] = m;
    if (tag) {
      const name = tag.toLowerCase();
      if (!TAGS.has(name)) return { error: `Unsupported start tag "${name}" at byte offset ${m.index}` };
      if (closing) {
        if (stack.pop() !== name) return { error: `Can't find end tag corresponding to start tag "${name}"` };
      } else {
        if (name === 'a' && !/\shref="[^"]*"/.test(attrs)) return { error: 'Can\'t find "href" attribute of "a" tag' };
        stack.push(name);
      }
    } else if (entity) {
      if (entity.startsWith('#')) text += String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
      else if (ENTITIES[entity]) text += ENTITIES[entity];
      else return { error: `Unsupported HTML entity "&${entity};" at byte offset ${m.index}` };
    } else if (whole === '<' || whole === '>' || whole === '&') {
      return { error: `Unescaped "${whole}" at byte offset ${m.index}` };
    } else {
      text += whole;
    }
  }
  if (stack.length) return { error: `Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"` };
  return { text };
}
