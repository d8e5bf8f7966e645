/**
 * Routes of the "Kết nối Zalo OA" admin page. The page, `connect` and `disconnect` sit behind the admin
 * guard (as an {@link AdminSection}); the OAuth callback cannot: the browser arrives from Zalo's site, so
 * the SameSite=Strict session cookie is not sent. The callback is authenticated by the single-use state
 * an admin created (stored server-side, 10 minutes) and bound to the browser that started it by a
 * SameSite=Lax cookie scoped to the callback path.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Request, Response, Router } from 'express';
import type { AuditLog } from '../../admin/index.js';
import type { OaConnectionService } from '../../channels/zalo-oa/index.js';
import { AUTH_STATE_TTL_MS } from '../../channels/zalo-oa/index.js';
import { AppError, describeError, isAppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { field, readCookie } from '../staff/auth.js';
import { actor, user } from './console-documents.js';
import { ADMIN_BASE } from './views/layout.js';
import type { Flash, NavEntry } from './views/layout.js';
import { ZALO_OA_ADMIN_PATH, tz, zaloOaCallbackPage, zaloOaPage } from './views/zalo-oa.js';

/** The cookie binding an authorisation to the browser that started it. */
export const ZALO_OA_STATE_COOKIE = 'cchc_zoa_state';
const CALLBACK_PATH = `${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}/callback`;

/** Options of the OA admin routes. */
export interface ZaloOaAdminOptions {
  connection: OaConnectionService;
  audit: AuditLog;
  logger: Logger;
  /** Adds `Secure` to the state cookie (PUBLIC_URL is https). */
  secureCookies: boolean;
  /** The console's other navigation entries (the page's own is included). */
  extraNav: readonly NavEntry[];
  now?: () => number;
}

/**
 * The section router, mounted at `/admin/zalo-oa` behind the admin guard: `GET /` (the page),
 * `GET /connect` (starts the OAuth flow and redirects to Zalo; a link, not a form, because the console's
 * CSP `form-action 'self'` would block a form redirecting to Zalo), `POST /disconnect`.
 */
export function createZaloOaAdminRouter(o: ZaloOaAdminOptions): Router {
  const now = o.now ?? Date.now;
  const router = express.Router();
  const show = async (res: Response, status: number, flash?: Flash) => {
    res.status(status).type('html').send(zaloOaPage({ user: user(res), view: await o.connection.status(), now: now(), flash, extraNav: o.extraNav }));
  };

  router.get('/', async (req, res) => {
    await show(res, 200, req.query.ok === 'disconnected' ? { kind: 'ok', text: tz('flash.disconnected') } : undefined);
  });

  router.get('/connect', async (_req, res) => {
    if (!o.connection.canConnect) return show(res, 409, { kind: 'error', text: tz('connect.needPublicUrl') });
    const { url, state } = await o.connection.start(actor(res));
    res.cookie(ZALO_OA_STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: o.secureCookies, path: CALLBACK_PATH, maxAge: AUTH_STATE_TTL_MS });
    res.redirect(303, url);
  });

  router.post('/disconnect', async (req, res) => {
    if (field(req, 'confirm') !== 'yes') return show(res, 400, { kind: 'error', text: tz('flash.confirmMissing') });
    await o.connection.disconnect(actor(res));
    await audit(o, actor(res), 'zalo_oa.disconnect', {});
    res.redirect(303, `${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}?ok=disconnected`);
  });
  return router;
}

/**
 * The callback router, mounted at `/admin/zalo-oa/callback` before the admin guard: `GET /?code&oa_id&state`
 * completes the authorisation and shows the result with a link back to the (signed-in) page.
 */
export function createZaloOaCallbackRouter(o: Omit<ZaloOaAdminOptions, 'extraNav'>): Router {
  const router = express.Router();
  router.get('/', async (req: Request, res: Response) => {
    res.clearCookie(ZALO_OA_STATE_COOKIE, { path: CALLBACK_PATH });
    const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    const state = q('state');
    if (!state || readCookie(req, ZALO_OA_STATE_COOKIE) !== state) {
      o.logger.warn({ component: 'zalo-oa' }, 'zalo-oa callback refused: the state does not match this browser');
      return void res.status(400).type('html').send(zaloOaCallbackPage({ ok: false, text: tz('callback.failed', { reason: tz('callback.reason.browser') }) }));
    }
    try {
      const view = await o.connection.complete({ code: q('code'), state, oaId: q('oa_id') });
      await audit(o, view.connectedBy ?? 'web:?', 'zalo_oa.connect', { oaId: view.oaId ?? null, oaName: view.oaName ?? null });
      o.logger.info({ component: 'zalo-oa', oaId: view.oaId }, 'zalo-oa connected from the admin console');
      res.type('html').send(zaloOaCallbackPage({ ok: true, text: tz('callback.ok', { name: view.oaName ?? view.oaId ?? '' }) }));
    } catch (err: unknown) {
      o.logger.warn({ component: 'zalo-oa', err: describeError(err) }, 'zalo-oa callback failed');
      res.status(isAppError(err) ? err.status : 502).type('html').send(zaloOaCallbackPage({ ok: false, text: tz('callback.failed', { reason: reasonOf(err, q('code')) }) }));
    }
  });
  return router;
}

/** The Vietnamese reason a callback failed. */
function reasonOf(err: unknown, code: string | undefined): string {
  if (isAppError(err, 'FORBIDDEN')) return tz('callback.reason.refused', { detail: err.detail.replace(/^Zalo refused the authorisation code: /, '') });
  if (isAppError(err, 'INVALID_INPUT')) return code ? tz('callback.reason.state') : tz('callback.reason.noCode');
  return tz('callback.reason.other', { detail: err instanceof AppError ? err.detail : describeError(err) });
}

async function audit(o: Pick<ZaloOaAdminOptions, 'audit' | 'logger' | 'now'>, who: string, action: string, details: Record<string, unknown>): Promise<void> {
  try {
    await o.audit.recordAudit({ id: randomUUID(), at: (o.now ?? Date.now)(), actor: who, action, target: 'zalo-oa', details });
  } catch (err: unknown) {
    o.logger.warn({ component: 'zalo-oa', action, err: describeError(err) }, 'audit entry not recorded');
  }
}
