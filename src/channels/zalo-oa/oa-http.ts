/**
 * The one place the OA clients talk HTTP: a request with a timeout, the body read as JSON (ids kept
 * exact), and failures to get an answer turned into {@link PlatformNetworkError}. Secrets travel in
 * headers or form bodies, never in URLs, and never in error messages.
 */
import { PlatformNetworkError } from '../platform-errors.js';
import { parseLosslessJson } from './lossless-json.js';

/** Options shared by the OA clients. */
export interface OaHttpOptions {
  /** Injectable fetch (tests). Default the global one. */
  fetch?: typeof fetch;
  /** Per-request timeout, ms. Default 10 000. */
  timeoutMs?: number;
}

/** An answer: HTTP status and the parsed JSON body (undefined when the body is not JSON). */
export interface OaHttpAnswer {
  status: number;
  json: unknown;
}

/**
 * Sends one request and reads the answer. Rejects with PlatformNetworkError (cause: a short safe
 * message) when no answer arrives in time or the connection fails.
 */
export async function oaRequest(method: string, url: string, init: RequestInit, opts: OaHttpOptions): Promise<OaHttpAnswer> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await (opts.fetch ?? fetch)(url, { ...init, signal });
    const text = await res.text();
    return { status: res.status, json: parse(text) };
  } catch (err: unknown) {
    const why = signal.aborted ? `timed out after ${timeoutMs} ms` : err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err);
    throw new PlatformNetworkError('zalo-oa', method, { cause: new Error(why), timedOut: signal.aborted });
  }
}

function parse(text: string): unknown {
  try {
    return parseLosslessJson(text);
  } catch {
    return undefined;
  }
}

/** True for a plain JSON object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
