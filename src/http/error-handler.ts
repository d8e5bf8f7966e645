/**
 * The HTTP layer's single error middleware (style.md §3) and the helpers that feed it: body-parser and
 * router errors are translated to {@link AppError} here, so malformed JSON, oversized bodies, unknown
 * routes and handler failures all leave through one place.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { MESSAGES_VI, msg } from '../common/messages-vi.js';
import type { MessageKey } from '../common/messages-vi.js';
import { requestIdOf } from './request-context.js';

/** The JSON body of every error response. */
export interface ErrorBody {
  error_code: string;
  /** English detail for developers and admins; generic for 5xx so no internals leak. */
  detail: string;
  /** Vietnamese message for the official, from the catalogue. */
  message: string;
}

/** Shape of the errors thrown by body-parser / raw-body / http-errors. */
interface HttpLikeError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
}

/**
 * Translates errors raised by express's body parser and router into AppErrors; returns undefined for
 * anything else (which then becomes a 500). `limitLabel` names the body limit in the 413 detail.
 */
export function toAppError(err: unknown, limitLabel = '1 MB'): AppError | undefined {
  if (err instanceof AppError) return err;
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as HttpLikeError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  switch (e.type) {
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${limitLabel}`, { cause: err });
    case 'entity.parse.failed':
      return new AppError('INVALID_INPUT', 'malformed JSON body', { cause: err });
    case 'encoding.unsupported':
      return new AppError('INVALID_INPUT', 'unsupported Content-Encoding; send identity, gzip or deflate', { cause: err });
    case 'charset.unsupported':
      return new AppError('INVALID_INPUT', 'unsupported charset; send UTF-8 JSON', { cause: err });
    case 'request.aborted':
      return new AppError('INVALID_INPUT', 'request aborted by the client', { cause: err });
    case 'request.size.invalid':
      return new AppError('INVALID_INPUT', 'request body size does not match Content-Length', { cause: err });
  }
  // Other http-errors from the router or static files (e.g. an undecodable URL): client errors only.
  if (status === 404) return new AppError('NOT_FOUND', 'no such route', { cause: err });
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', `request body is larger than ${limitLabel}`, { cause: err });
  if (status !== undefined && status >= 400 && status < 500) return new AppError('INVALID_INPUT', 'bad request', { cause: err });
  return undefined;
}

/** The final middleware for unmatched routes: a 404 through the error middleware. */
export function notFound(): RequestHandler {
  return (_req, _res, next) => next(new AppError('NOT_FOUND', 'no such route'));
}

/** The Vietnamese message for a catalogue key, falling back to the generic error text. */
function userMessage(key: string): string {
  return key in MESSAGES_VI ? msg(key as MessageKey) : msg('error.internal');
}

/** Body of an error response for `err` (an AppError, or undefined for an unknown failure). */
export function errorBody(err: AppError | undefined): { status: number; body: ErrorBody } {
  if (!err) {
    return { status: 500, body: { error_code: 'INTERNAL', detail: 'internal error', message: msg('error.internal') } };
  }
  // A 5xx AppError's detail is written for logs (it may name hosts or files): send a generic one instead.
  const detail = err.status >= 500 ? err.code.toLowerCase().replace(/_/g, ' ') : err.detail;
  return { status: err.status, body: { error_code: err.code, detail, message: userMessage(err.messageKey) } };
}

/**
 * The single error middleware: an AppError (or a translated parser/router error) becomes
 * `{ error_code, detail, message }` with its status; anything else becomes a 500 `INTERNAL` with no
 * internals and is logged with the request id. Client errors are logged at `warn` without the body.
 *
 * @example
 * app.use(notFound());
 * app.use(errorHandler(logger));
 */
export function errorHandler(logger: Logger, options: { limitLabel?: string } = {}): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const requestId = requestIdOf(res);
    const appError = toAppError(err, options.limitLabel);
    const { status, body } = errorBody(appError);
    if (status >= 500) logger.error({ requestId, code: body.error_code, err }, 'request failed');
    else logger.warn({ requestId, code: body.error_code, detail: body.detail }, 'request rejected');
    if (res.headersSent) {
      // Too late for an error body: end the connection so the client sees a truncated response.
      res.destroy();
      return;
    }
    res.status(status).set('Cache-Control', 'no-store').json(body);
  };
}

