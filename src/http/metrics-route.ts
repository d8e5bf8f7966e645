/**
 * `GET /metrics`: the Prometheus scrape endpoint, on the public port behind a bearer token, or on a
 * separate admin listener ({@link createMetricsServer}).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../common/logger.js';
import { describeError } from '../common/errors.js';

/** What serves the scrape: the rendered metrics, and the token a scraper must send (none: open). */
export interface MetricsEndpoint {
  contentType: string;
  render(): Promise<string>;
  /** Required as `Authorization: Bearer <token>` when set. */
  token?: string;
}

/** True when the `Authorization` header carries the token (constant-time comparison). */
function authorized(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const a = createHash('sha256').update(m[1].trim()).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** The express handler for `GET /metrics`: 401 without the token, 200 text format, 500 when rendering fails. */
export function metricsRoute(ep: MetricsEndpoint, logger: Logger): RequestHandler {
  return async (req, res) => {
    const outcome = await scrape(ep, req.get('authorization'), logger);
    res.status(outcome.status).set(outcome.headers).send(outcome.body);
  };
}

/**
 * A bare HTTP server that serves only `GET /metrics` (for `METRICS_HOST:METRICS_PORT`, an admin address
 * Prometheus reaches and the public does not). Call `listen` on it.
 */
export function createMetricsServer(ep: MetricsEndpoint, logger: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found; metrics are at /metrics\n');
      return;
    }
    void scrape(ep, req.headers.authorization, logger).then((o) => res.writeHead(o.status, o.headers).end(o.body));
  });
}

async function scrape(ep: MetricsEndpoint, authorization: string | undefined, logger: Logger): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' };
  if (ep.token && !authorized(authorization, ep.token)) {
    return { status: 401, headers: { ...headers, 'www-authenticate': 'Bearer realm="metrics"' }, body: 'missing or wrong bearer token\n' };
  }
  try {
    return { status: 200, headers: { ...headers, 'content-type': ep.contentType }, body: await ep.render() };
  } catch (err: unknown) {
    logger.error({ err: describeError(err) }, 'metrics rendering failed');
    return { status: 500, headers, body: 'metrics unavailable\n' };
  }
}
