/**
 * The express application: web chat page and API, channel webhooks and health, behind request ids,
 * request logging, security headers, a 1 MB JSON body limit and one error middleware. Webhook posts for
 * configured channels take a fast path with the same checks and answers (webhook-fast-path.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { Express, RequestHandler, Router } from 'express';
import type { WebChatActionInput, WebChatChannel, WebChatMessageInput } from '../channels/webchat/index.js';
import { AppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import type { Dispatcher } from '../conversation/index.js';
import { errorHandler, notFound } from './error-handler.js';
import { defaultPublicDir } from './public-dir.js';
import { requestContext, requestIdOf } from './request-context.js';
import { securityHeaders } from './security-headers.js';
import { configuredWebhooks, keepRawBody, webhookRoute } from './webhook-route.js';
import { webhookFastPath } from './webhook-fast-path.js';
import { metricsRoute } from './metrics-route.js';
import type { MetricsEndpoint } from './metrics-route.js';
import type { WebhookHandlers } from './webhook-route.js';
import { trustProxy } from './limits/client-address.js';
import type { ChatLimits } from './limits/chat-limits.js';

/** Proxy addresses trusted by default when TRUST_PROXY is on: loopback and private networks. */
export const DEFAULT_PROXY_ADDRESSES: readonly string[] = ['loopback', 'private'];

/** What `/healthz` reports; `details` (e.g. `{ storage: 'ok', documents: 42 }`) is merged into the JSON. */
export interface HealthReport {
  ok: boolean;
  details: Record<string, unknown>;
}

/** Dependencies of {@link createHttpApp}, built by the composition root (`app/`). */
export interface HttpAppDeps {
  /** The core's entry point. The web chat reaches it through `webchat`; kept here for future routes. */
  dispatcher: Dispatcher;
  /** Answers `POST /api/chat` and `POST /api/chat/action`. */
  webchat: WebChatChannel;
  /** Channel webhooks; a channel left out answers 404 `channel not configured`. */
  webhooks: WebhookHandlers;
  /** Liveness/readiness check for `GET /healthz`; a rejection counts as unhealthy. */
  health: () => Promise<HealthReport>;
  /** Structured logger (a pino instance fits). Never receives bodies, headers or query strings. */
  logger: Logger;
  /** Folder with the chat page. Default: {@link defaultPublicDir} (`src/http/public` of the repository). */
  publicDir?: string;
  /** Largest JSON body accepted, in bytes. Default 1 MB (1 048 576). */
  bodyLimitBytes?: number;
  /** The staff console router, mounted at `/staff` when given. */
  staff?: Router;
  /** The admin JSON API, mounted at `/api/admin` when given. */
  adminApi?: Router;
  /** The admin console, mounted at `/admin` when given. */
  adminConsole?: Router;
  /** Reverse proxies in front of the server (express `trust proxy` hop count). Default 0. */
  trustProxy?: number;
  /**
   * Addresses, CIDR ranges or groups (`loopback`, `private`, `linklocal`) of the reverse proxies whose
   * X-Forwarded-For is believed (TRUST_PROXY_ADDRESSES). Default {@link DEFAULT_PROXY_ADDRESSES}.
   */
  trustProxyAddresses?: readonly string[];
  /** Web chat rate limits per address and global (issue 11); absent = none at the HTTP edge. */
  chatLimits?: ChatLimits;
  /** Serves `GET /metrics` (Prometheus) when given; give it a token on this public port. */
  metrics?: MetricsEndpoint;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the express app. It does not listen; the caller does (`app.listen(port)`).
 *
 * Routes: `GET /healthz`, `GET /` (chat page and its assets), `POST /api/chat`, `POST /api/chat/action`,
 * `POST /webhooks/telegram`, `POST /webhooks/zalo`, `POST /webhooks/zalo-oa`. Errors leave as `{ error_code, detail, message }`.
 *
 * @example
 * const app = createHttpApp({ dispatcher, webchat: new WebChatChannel({ dispatcher }), webhooks: {}, health, logger });
 * app.listen(8080);
 */
export function createHttpApp(deps: HttpAppDeps): Express {
  const limit = deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const limitLabel = limit % (1024 * 1024) === 0 ? `${limit / (1024 * 1024)} MB` : `${limit} bytes`;
  const publicDir = deps.publicDir ?? defaultPublicDir();
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy, take the client IP from X-Forwarded-For (login throttling counts per IP).
  // Only from the configured proxy addresses (issue 11): a client reaching the port directly cannot name
  // its own address in X-Forwarded-For and slip past per-address limits.
  if (deps.trustProxy) app.set('trust proxy', trustProxy(deps.trustProxy, deps.trustProxyAddresses ?? DEFAULT_PROXY_ADDRESSES));
  app.set('json escape', true);

  app.use(requestContext(deps.logger));
  app.use(securityHeaders());

  app.get('/healthz', healthRoute(deps));
  if (deps.metrics) app.get('/metrics', metricsRoute(deps.metrics, deps.logger));

  const apiJson = express.json({ limit, strict: true });
  const chatLimit: RequestHandler = deps.chatLimits ? deps.chatLimits.middleware() : (_req, _res, next) => next();
  app.post('/api/chat', chatLimit, requireJson(), apiJson, async (req, res) => {
    const replies = await deps.webchat.handleMessage(bodyOf(req.body) as unknown as WebChatMessageInput);
    res.set('Cache-Control', 'no-store').json({ replies });
  });
  app.post('/api/chat/updates', requireJson(), apiJson, async (req, res) => {
    const replies = await deps.webchat.pollUpdates(bodyOf(req.body));
    res.set('Cache-Control', 'no-store').json({ replies });
  });
  app.post('/api/chat/action', chatLimit, requireJson(), apiJson, async (req, res) => {
    const replies = await deps.webchat.handleAction(bodyOf(req.body) as unknown as WebChatActionInput);
    res.set('Cache-Control', 'no-store').json({ replies });
  });

  // Platforms decide their own Content-Type, so webhook bodies are parsed as JSON whatever it says.
  const webhookJson = express.json({ limit, strict: true, type: () => true, verify: keepRawBody });
  app.post('/webhooks/:channel', ...webhookRoute(deps.webhooks, webhookJson));

  if (deps.staff) app.use('/staff', deps.staff);
  if (deps.adminApi) app.use('/api/admin', deps.adminApi);
  if (deps.adminConsole) app.use('/admin', deps.adminConsole);

  app.use(
    express.static(publicDir, {
      index: 'index.html',
      dotfiles: 'ignore',
      redirect: false,
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );

  app.use(notFound());
  app.use(errorHandler(deps.logger, { limitLabel }));

  // Webhook posts for configured channels skip express's per-request setup (webhook-fast-path.ts); the
  // route above still serves what the fast path hands back (compressed bodies, a declared charset…).
  const fast = webhookFastPath({ handlers: configuredWebhooks(deps.webhooks), limit, limitLabel, logger: deps.logger });
  // `app(req, res)` calls `app.handle` (express 5, lib/express.js), which is not in express's types.
  type Handle = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;
  const handled = app as unknown as { handle: Handle };
  const handle = handled.handle.bind(app);
  handled.handle = (req, res, next) => {
    if (!fast(req, res)) handle(req, res, next);
  };
  return app;
}

/** `GET /healthz`: 200 `{ status: 'ok', …details }` or 503 `{ status: 'unavailable', … }`; never throws. */
function healthRoute(deps: HttpAppDeps): RequestHandler {
  return async (_req, res) => {
    let report: HealthReport;
    try {
      report = await deps.health();
    } catch (err: unknown) {
      deps.logger.error({ requestId: requestIdOf(res), err }, 'health check failed');
      report = { ok: false, details: { error: 'health check failed' } };
    }
    const status = report.ok ? 'ok' : 'unavailable';
    res
      .status(report.ok ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ ...(report.details ?? {}), status });
  };
}

/** Rejects API posts that do not declare a JSON body, before the parser silently skips them. */
function requireJson(): RequestHandler {
  return (req, _res, next) => {
    if (req.is('application/json')) return next();
    const got = req.get('content-type');
    next(new AppError('INVALID_INPUT', `expected Content-Type: application/json${got ? ` (got ${got.slice(0, 60)})` : ''}`));
  };
}

/** The parsed body when it is a JSON object, else an empty object (validation then names the fields). */
function bodyOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
