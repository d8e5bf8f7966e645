/**
 * Framework-neutral webhook request/response shapes (the grammY `frameworks.ts` pattern): each channel
 * implements its webhook as a function of {@link WebhookRequest} to {@link WebhookResponse}, and http/
 * adapts it to express. The HTTP layer has already enforced the 1 MB body limit (413) and parsed JSON
 * (400 on malformed JSON) before the channel sees the request.
 */
import { timingSafeEqual, createHash } from 'node:crypto';

export interface WebhookRequest {
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body. */
  body: unknown;
  /** The body exactly as received, for channels that check a signature over it (Zalo OA). */
  rawBody?: Buffer;
  /** Request id for logs. */
  requestId?: string;
}

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}

/** A channel's webhook handler. */
export type WebhookHandler = (req: WebhookRequest) => Promise<WebhookResponse>;

/** First value of a header. */
export function header(req: WebhookRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Compares a received secret with the expected one in constant time (hashing both first so that lengths
 * do not leak either). A missing value never matches.
 */
export function secretMatches(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
