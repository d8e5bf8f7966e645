/**
 * The thin express adapter for framework-neutral channel webhooks (grammY's `frameworks.ts` pattern):
 * express request → {@link WebhookRequest}, {@link WebhookResponse} → express response.
 */
import type { Request, RequestHandler } from 'express';
import type { WebhookHandler, WebhookRequest } from '../channels/webhook.js';
import { AppError } from '../common/errors.js';
import { requestIdOf } from './request-context.js';

/** Webhook handlers by channel name, as the app configures them. */
export interface WebhookHandlers {
  telegram?: WebhookHandler;
  zalo?: WebhookHandler;
  /** Zalo Official Account (`POST /webhooks/zalo-oa`); it needs the raw body, see {@link keepRawBody}. */
  'zalo-oa'?: WebhookHandler;
}

/** A request whose body parser kept the exact bytes received (see {@link keepRawBody}). */
type RawBodyRequest = Request & { rawBody?: Buffer };

/**
 * The `verify` hook for `express.json`: keeps the exact bytes of the body on the request, so a channel
 * can check a signature over them (Zalo OA signs the raw body; re-serialising the parsed JSON breaks it).
 *
 * @example express.json({ limit, verify: keepRawBody })
 */
export function keepRawBody(req: Request, _res: unknown, buf: Buffer): void {
  (req as RawBodyRequest).rawBody = buf;
}

/** Copies the request headers with lower-cased names (Node already lower-cases; this guards the contract). */
export function lowerCaseHeaders(headers: Request['headers']): WebhookRequest['headers'] {
  const out: WebhookRequest['headers'] = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** The configured handlers by channel name (the names `/webhooks/<name>` answers for). */
export function configuredWebhooks(handlers: WebhookHandlers): Map<string, WebhookHandler> {
  const byName = new Map<string, WebhookHandler>();
  if (handlers.telegram) byName.set('telegram', handlers.telegram);
  if (handlers.zalo) byName.set('zalo', handlers.zalo);
  if (handlers['zalo-oa']) byName.set('zalo-oa', handlers['zalo-oa']);
  return byName;
}

/**
 * Express handlers for `POST /webhooks/:channel`: first finds the channel's handler (404 `channel not
 * configured` when there is none, including unknown channel names) so no body is read for it, then runs
 * `bodyParser`, then calls the handler with the parsed body, lower-cased headers and request id and sends
 * its status and JSON body. A handler's rejection goes to the error middleware; a response with an
 * invalid status is treated as a failure (500).
 *
 * @example
 * app.post('/webhooks/:channel', ...webhookRoute({ telegram: telegramWebhook }, express.json({ limit })));
 */
export function webhookRoute(handlers: WebhookHandlers, bodyParser: RequestHandler): RequestHandler[] {
  const byName = configuredWebhooks(handlers);
  const find = (req: Request): WebhookHandler | undefined => {
    const name = req.params.channel;
    return typeof name === 'string' ? byName.get(name) : undefined;
  };
  const requireChannel: RequestHandler = (req, _res, next) => {
    next(find(req) ? undefined : new AppError('NOT_FOUND', 'channel not configured'));
  };
  const handle: RequestHandler = async (req, res) => {
    const handler = find(req);
    if (!handler) throw new AppError('NOT_FOUND', 'channel not configured');
    const rawBody = (req as RawBodyRequest).rawBody;
    const result = await handler({ headers: lowerCaseHeaders(req.headers), body: req.body as unknown, rawBody, requestId: requestIdOf(res) });
    if (!Number.isInteger(result.status) || result.status < 200 || result.status > 599) {
      throw new Error(`webhook handler for ${req.params.channel} returned invalid status ${String(result.status)}`);
    }
    res.status(result.status).set('Cache-Control', 'no-store').json(result.body);
  };
  return [requireChannel, bodyParser, handle];
}
