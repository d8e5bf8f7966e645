/**
 * The webhook fast path: `POST /webhooks/<channel>` for a configured channel, served on the plain
 * node:http request and response, without express's per-request setup (prototype swaps, router walk,
 * final handler, ETag). Under load every update pays that setup, and a webhook needs none of it.
 *
 * It keeps what the express route does for a webhook: request id and request log line
 * ({@link beginRequest}), the security headers, the body size limit (413 before or while reading), strict
 * JSON (400 `malformed JSON body`; an empty body is `{}`, as body-parser has it), the raw body for
 * signature checks, `Cache-Control: no-store`, the JSON escaping of `<`, `>` and `&`, and the error body
 * and logging of the error middleware. Anything it does not handle the same way (compressed bodies, a
 * declared charset, no body, other paths or methods, an unconfigured channel) goes to express unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookHandler } from '../channels/webhook.js';
import { AppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { errorBody, toAppError } from './error-handler.js';
import { beginRequest } from './request-context.js';
import { setSecurityHeaders } from './security-headers.js';
import { lowerCaseHeaders } from './webhook-route.js';

/** `/webhooks/<lower-case name>`, optionally with a query string (which is ignored). */
const WEBHOOK_PATH = /^\/webhooks\/([a-z][a-z-]{0,19})(?:\?|$)/;

/** Options of {@link webhookFastPath}. */
export interface WebhookFastPathOptions {
  /** Handlers by channel name (only configured channels; others go to express). */
  handlers: ReadonlyMap<string, WebhookHandler>;
  /** Largest body accepted, bytes. */
  limit: number;
  /** Names the limit in the 413 detail (`1 MB`). */
  limitLabel: string;
  logger: Logger;
}

/**
 * Returns a function that serves a webhook request and returns true, or returns false (having touched
 * nothing) when the request is not one the fast path handles, for express to serve instead.
 *
 * @example
 * const fast = webhookFastPath({ handlers, limit, limitLabel: '1 MB', logger });
 * const handle = app.handle.bind(app);
 * app.handle = (req, res, next) => { if (!fast(req, res)) handle(req, res, next); };
 */
export function webhookFastPath(o: WebhookFastPathOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || !o.handlers.size) return false;
    const m = WEBHOOK_PATH.exec(req.url ?? '');
    const handler = m ? o.handlers.get(m[1]) : undefined;
    if (!m || !handler) return false;
    const h = req.headers;
    const encoding = h['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
    if (h['content-type'] !== undefined && /;\s*charset\s*=/i.test(h['content-type'])) return false;
    const declared = h['content-length'];
    if (declared === undefined && h['transfer-encoding'] === undefined) return false;
    void serve(o, m[1], handler, req, res);
    return true;
  };
}

/** Reads, parses and hands the request to its channel; every failure ends as an error response. */
async function serve(o: WebhookFastPathOptions, channel: string, handler: WebhookHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = beginRequest(o.logger, req, res);
  setSecurityHeaders(res);
  try {
    const rawBody = await readBody(req, o.limit, o.limitLabel);
    const body = parseJson(rawBody);
    const result = await handler({ headers: lowerCaseHeaders(req.headers), body, rawBody, requestId });
    if (!Number.isInteger(result.status) || result.status < 200 || result.status > 599) {
      throw new Error(`webhook handler for ${channel} returned invalid status ${String(result.status)}`);
    }
    sendJson(res, result.status, result.body);
  } catch (err: unknown) {
    const appError = toAppError(err, o.limitLabel);
    const { status, body } = errorBody(appError);
    if (status >= 500) o.logger.error({ requestId, code: body.error_code, err }, 'request failed');
    else o.logger.warn({ requestId, code: body.error_code, detail: body.detail }, 'request rejected');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendJson(res, status, body);
  }
}

/**
 * The request body, at most `limit` bytes: a declared Content-Length over it is refused before reading,
 * a chunked body as soon as it passes it. On a refusal the rest of the body is read off (and dropped)
 * before the error is answered, as body-parser does, so the client sees the 413 rather than a reset.
 */
function readBody(req: IncomingMessage, limit: number, limitLabel: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${limitLabel}`);
    const refuse = (err: AppError) => {
      req.removeAllListeners('data');
      req.resume();
      if (req.complete) reject(err);
      else {
        req.once('end', () => reject(err));
        req.once('close', () => reject(err));
      }
    };
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      refuse(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        refuse(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!failed) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.once('close', () => {
      if (!failed && !req.complete) {
        failed = true;
        reject(new AppError('INVALID_INPUT', 'request aborted by the client'));
      }
    });
    req.once('error', (err) => {
      if (failed) return;
      failed = true;
      reject(new AppError('INVALID_INPUT', 'request aborted by the client', { cause: err }));
    });
  });
}

/** Strict JSON as body-parser parses it: empty → `{}`, otherwise an object or array; else 400. */
function parseJson(raw: Buffer): unknown {
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // body-parser's decoder drops a BOM too
  if (text.length === 0) return {};
  const first = /[^\x20\x09\x0a\x0d]/.exec(text)?.[0];
  const malformed = () => new AppError('INVALID_INPUT', 'malformed JSON body');
  if (first !== '{' && first !== '[') throw malformed();
  try {
    return JSON.parse(text) as unknown;
  } catch (err: unknown) {
    throw new AppError('INVALID_INPUT', 'malformed JSON body', { cause: err });
  }
}

/** `res.json` of express with `json escape` on, minus the ETag (webhook answers are never cached). */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  let text = JSON.stringify(body) ?? '';
  if (/[<>&]/.test(text)) text = text.replace(/[<>&]/g, (c) => (c === '<' ? '\\u003c' : c === '>' ? '\\u003e' : '\\u0026'));
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
