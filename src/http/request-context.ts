/**
 * Request ids and request logging: one small middleware instead of pino-http, so what is logged is
 * explicit. It logs method, a redacted path, status and duration — never headers (webhook secrets), query
 * strings (tokens) or bodies (officials' questions).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../common/logger.js';

/** Incoming `x-request-id` values we echo; anything else is replaced (no log injection). */
const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_LOGGED_PATH = 200;

/** The request id assigned by {@link requestContext} (empty string before it ran). */
export function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : '';
}

/** Path segments that may be credentials: Telegram-style `123:abc`/`bot123:abc`, or anything long. */
const SECRET_LIKE = /^(?:bot)?\d+:|^.{33,}$/i;

/**
 * The path as logged: no query string, webhook paths cut to `/webhooks/<channel>` (the channel only when
 * it is a plain word), segments that look like tokens replaced by `:redacted`, and at most 200 characters.
 */
export function loggedPath(originalUrl: string): string {
  let segments = originalUrl.split(/[?#]/)[0].split('/');
  if (segments[1] === 'webhooks') {
    segments = segments.slice(0, 3);
    if (segments[2] !== undefined && !/^[a-z]{1,20}$/.test(segments[2])) segments[2] = ':redacted';
  }
  const path = segments.map((s) => (SECRET_LIKE.test(s) ? ':redacted' : s)).join('/');
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}

/**
 * Middleware that assigns the request id (the caller's `x-request-id` when it is a safe token, else a new
 * UUID), echoes it in the response header, stores it in `res.locals.requestId` and logs one line when the
 * response finishes (or the client goes away first).
 *
 * @example
 * app.use(requestContext(logger));
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next) => {
    res.locals.requestId = beginRequest(logger, req, res);
    next();
  };
}

/**
 * What {@link requestContext} does for one request, on plain node:http objects (the webhook fast path
 * uses it without express): picks the request id, echoes it in `x-request-id` and logs one line when the
 * response finishes or the client goes away first. Returns the request id.
 */
export function beginRequest(logger: Logger, req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', requestId);
  const started = process.hrtime.bigint();
  const method = req.method;
  const path = loggedPath(req.url ?? '/');
  let logged = false;
  const log = (aborted: boolean): void => {
    if (logged) return;
    logged = true;
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const entry = { requestId, method, path, status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 };
    if (aborted) logger.warn({ ...entry, aborted: true }, 'request aborted');
    else if (res.statusCode >= 500) logger.error(entry, 'request');
    else logger.info(entry, 'request');
  };
  res.on('finish', () => log(false));
  res.on('close', () => log(!res.writableFinished));
  return requestId;
}
