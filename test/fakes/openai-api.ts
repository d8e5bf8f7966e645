/**
 * A fake OpenAI-compatible chat API on 127.0.0.1 for tests (style.md §6): answers
 * `POST /v1/chat/completions` (non-streaming) with the real `chat.completion` shape, records every request
 * with its messages, and replies as scripted: a given text, after a delay, an HTTP error in the OpenAI
 * error shape, or a malformed body. `GET /v1/models` lists the one fake model.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat message as sent by the client. */
export interface FakeChatMessage {
  role: string;
  content: string;
}

/** One recorded request to `/v1/chat/completions`. */
export interface FakeOpenAICall {
  /** The parsed JSON body (`model`, `messages`, `temperature`, …); `{}` when it was not JSON. */
  body: Record<string, unknown>;
  /** `body.messages` with array contents joined into plain text. */
  messages: FakeChatMessage[];
  /** The `authorization` header as received, or undefined. */
  authorization?: string;
  /** HTTP status the fake answered (or was about to answer) with. */
  status: number;
  /** True when the client went away before the answer was sent (for example it timed out). */
  aborted: boolean;
  /** Milliseconds since the fake started. */
  at: number;
}

/**
 * How the fake answers one request:
 * - `reply`: HTTP 200 with `content` as the assistant message, after `delayMs` (default 0);
 * - `error`: the given HTTP status with an OpenAI-style `{ error: { message, type, code } }` body;
 * - `malformed`: HTTP 200 whose body is not valid JSON.
 */
export type FakeOpenAIBehaviour =
  | { kind: 'reply'; content: string; delayMs?: number }
  | { kind: 'error'; status: number; message?: string; delayMs?: number }
  | { kind: 'malformed'; delayMs?: number };

/** A running fake OpenAI-compatible API. */
export interface FakeOpenAI {
  /** Base URL to give the client, including `/v1` (`http://127.0.0.1:<port>/v1`), as `LLM_BASE_URL`. */
  baseUrl: string;
  /** Every chat-completions request, in arrival order. */
  calls: FakeOpenAICall[];
  /** Queues behaviours, used one per request in order; when the queue is empty the default applies. */
  script(...behaviours: FakeOpenAIBehaviour[]): void;
  /** Sets the behaviour used when nothing is queued. Initially an HTTP 500 "no scripted reply". */
  setDefault(behaviour: FakeOpenAIBehaviour): void;
  /** The system and user texts of the last request (empty strings when there was none). */
  lastPrompt(): { system: string; user: string };
  /** Forgets calls and queued behaviours and restores the default. */
  reset(): void;
  close(): Promise<void>;
}

const NO_SCRIPT: FakeOpenAIBehaviour = { kind: 'error', status: 500, message: 'fake OpenAI: no scripted reply' };

/** Shorthand for a `reply` behaviour. */
export function fakeReply(content: string, delayMs?: number): FakeOpenAIBehaviour {
  return { kind: 'reply', content, delayMs };
}

/**
 * Starts a fake OpenAI-compatible API on a random port of 127.0.0.1.
 *
 * @example
 * const fake = await startFakeOpenAI();
 * fake.script(fakeReply('Theo Điều 5 … [1].'));
 * const chat = createChatModel({ baseUrl: fake.baseUrl, model: 'fake-model', timeoutMs: 2000 });
 * await chat.invoke([new HumanMessage('Xin chào')]);
 * expect(fake.calls).toHaveLength(1);
 * await fake.close();
 */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const started = Date.now();
  const calls: FakeOpenAICall[] = [];
  const queue: FakeOpenAIBehaviour[] = [];
  let fallback: FakeOpenAIBehaviour = NO_SCRIPT;
  let seq = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    const raw = await readBody(req);
    if (req.method === 'GET' && path === '/v1/models') {
      return send(res, 200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'fake' }] });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return send(res, 404, errorBody(404, `Unknown request URL: ${req.method} ${path}`));
    }
    const body = parseBody(raw);
    const behaviour = queue.shift() ?? fallback;
    const streaming = body.stream === true;
    const status = streaming ? 400 : behaviour.kind === 'error' ? behaviour.status : 200;
    const call: FakeOpenAICall = {
      body,
      messages: toMessages(body.messages),
      authorization: req.headers.authorization,
      status,
      aborted: false,
      at: Date.now() - started,
    };
    calls.push(call);
    if (streaming) return send(res, 400, errorBody(400, 'fake OpenAI supports non-streaming requests only'));
    if (behaviour.delayMs) {
      const stillThere = await wait(behaviour.delayMs, res);
      if (!stillThere) {
        call.aborted = true;
        return;
      }
    }
    if (behaviour.kind === 'error') return send(res, behaviour.status, errorBody(behaviour.status, behaviour.message ?? 'The server had an error'));
    if (behaviour.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"chatcmpl-broken","choices":[{"message":');
      return;
    }
    const model = typeof body.model === 'string' ? body.model : 'fake-model';
    const promptTokens = call.messages.reduce((n, m) => n + approxTokens(m.content), 0);
    const completionTokens = approxTokens(behaviour.content);
    return send(res, 200, {
      id: `chatcmpl-fake${(++seq).toString(16).padStart(6, '0')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      system_fingerprint: 'fp_fake',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: behaviour.content, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    script: (...behaviours) => {
      queue.push(...behaviours);
    },
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    lastPrompt: () => {
      const last = calls[calls.length - 1];
      const pick = (role: string) => last?.messages.filter((m) => m.role === role).map((m) => m.content).join('\n') ?? '';
      return { system: pick('system') || pick('developer'), user: pick('user') };
    },
    reset: () => {
      calls.length = 0;
      queue.length = 0;
      fallback = NO_SCRIPT;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** The OpenAI error envelope. */
function errorBody(status: number, message: string): Record<string, unknown> {
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: null } };
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
}

/** Waits `ms`; resolves false early when the client closes the connection. */
function wait(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

function toMessages(value: unknown): FakeChatMessage[] {
  if (!Array.isArray(value)) return [];
  return value.map((m: unknown) => {
    const rec = (m ?? {}) as { role?: unknown; content?: unknown };
    const content = Array.isArray(rec.content)
      ? rec.content.map((part: unknown) => String((part as { text?: unknown })?.text ?? '')).join('')
      : String(rec.content ?? '');
    return { role: String(rec.role ?? ''), content };
  });
}

/** A rough token count (about four characters a token), enough for a realistic `usage` block. */
function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function parseBody(raw: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
