/**
 * Maps `pg` failures to {@link AppError}s. The server being unreachable — refused or timed-out connections,
 * dropped sockets, server shutting down, too many connections, unknown database or failed login — becomes
 * STORAGE_UNAVAILABLE (the webhook answers 503 and the platform retries); a foreign key naming an unknown
 * row becomes NOT_FOUND; a duplicate key (23505) CONFLICT; anything else INTERNAL. The original error is
 * always kept as `cause`.
 */
import { AppError, describeError } from '../../common/errors.js';

/** Node socket error codes that mean the server could not be reached or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  'ENETUNREACH', 'EHOSTDOWN', 'EPIPE', 'ENETDOWN',
]);

/**
 * SQLSTATEs meaning "not reachable now": class 08 connection exception, class 53 insufficient resources,
 * 57P01–57P03 shutdown / cannot connect now, 3D000 unknown database, class 28 authentication failed.
 */
const UNAVAILABLE_SQLSTATE = /^(08|53|28)|^57P0[1-3]$|^3D000$/;

/** Messages pg and pg-pool use for timeouts and broken or ended connections (they carry no code). */
const UNAVAILABLE_MESSAGE = /timeout|timed out|Connection terminated|not queryable|after calling end on the pool|connection (is )?closed|server closed the connection/i;

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** True when `err` (or, for Node's AggregateError on multi-address connects, any inner error) is a connection failure. */
export function isConnectionFailure(err: unknown): boolean {
  const code = codeOf(err);
  if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true;
  if (err instanceof AggregateError && err.errors.some(isConnectionFailure)) return true;
  return code === '' && UNAVAILABLE_MESSAGE.test(describeError(err));
}

/** Wraps a `pg` error thrown during `op` as an {@link AppError} (unchanged when it already is one). */
export function pgError(err: unknown, op: string): AppError {
  if (err instanceof AppError) return err;
  const message = describeError(err) || codeOf(err) || 'unknown error';
  if (isConnectionFailure(err)) {
    return new AppError('STORAGE_UNAVAILABLE', `PostgreSQL unavailable during ${op}: ${message}`, { cause: err });
  }
  if (codeOf(err) === '23503') {
    return new AppError('NOT_FOUND', `PostgreSQL ${op}: referenced row does not exist (${message})`, { cause: err });
  }
  if (codeOf(err) === '23505') {
    return new AppError('CONFLICT', `PostgreSQL ${op}: a row with this key already exists (${message})`, { cause: err });
  }
  return new AppError('INTERNAL', `PostgreSQL ${op} failed: ${message}`, { cause: err });
}
