/**
 * The admin console, mounted at `/admin`: server-rendered Vietnamese pages to manage the knowledge
 * documents, reindex with a progress page, and read the audit log. Admin role required; the login is
 * the staff console's system (see admin-auth.ts). The stylesheet `/staff.css` and the script `/admin.js`
 * are static files of the app.
 */
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { AuditLog, DocumentService } from '../../admin/index.js';
import { AppError, describeError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { StaffAccountStore } from '../../escalation/index.js';
import type { LoginThrottle } from '../staff/login-throttle.js';
import { AdminAuth } from './admin-auth.js';
import { actor, refusalText, registerDocumentRoutes, showList, user } from './console-documents.js';
import type { ConsoleContext } from './console-documents.js';
import { readMultipart } from './multipart.js';
import { auditPage, AUDIT_ACTIONS } from './views/audit.js';
import { ADMIN_BASE } from './views/layout.js';
import type { Flash, NavEntry } from './views/layout.js';
import { reindexPage } from './views/reindex.js';

/** An extra console section behind the same admin guard (e.g. `/reports`), with its navigation entry. */
export interface AdminSection {
  /** Path under `/admin`, e.g. `/reports`. */
  path: string;
  /** Vietnamese navigation label, e.g. "Báo cáo". */
  label: string;
  router: Router;
}

/** Options of {@link createAdminConsoleRouter}. */
export interface AdminConsoleOptions {
  documents: DocumentService;
  audit: AuditLog;
  /** Console accounts and sessions (the same store as the staff console's). */
  accounts: StaffAccountStore;
  /** Adds `Secure` to cookies; pass true when PUBLIC_URL is https. */
  secureCookies: boolean;
  logger: Logger;
  /** Pass the staff console's to count login failures across both forms. */
  throttle?: LoginThrottle;
  now?: () => number;
  /** Mounted after the guards (so they need no login or CSRF code of their own) and listed in the navigation. */
  sections?: readonly AdminSection[];
  /**
   * Routes mounted before the admin guard, for pages a browser reaches from outside without the
   * SameSite=Strict session cookie (the Zalo OA OAuth callback). They must authenticate on their own.
   */
  beforeLogin?: ReadonlyArray<{ path: string; router: Router }>;
  /** A standing warning shown on every console page (e.g. "connect the Zalo OA again"); undefined for none. */
  banner?: () => Promise<Flash | undefined>;
}

/** Audit entries per page. */
const AUDIT_LIMIT = 200;

/**
 * Builds the console router. Routes (relative to `/admin`): `GET|POST /login`, `POST /logout`, `GET /`
 * (documents, upload form, reindex button), `POST /documents` (multipart upload), `GET /documents/:id`,
 * `POST /documents/:id/{replace,meta}`, `GET|POST /documents/:id/delete` (confirmation, then delete),
 * `POST /reindex` → `GET /reindex/:job` (progress, then the change report), `GET /audit`.
 *
 * Every POST needs the session's CSRF token (`_csrf`, also inside multipart forms). Refused actions are
 * shown on the page in Vietnamese; unexpected errors go on to the app's error middleware.
 *
 * @example
 * app.use('/admin', createAdminConsoleRouter({ documents, audit: store, accounts: store, secureCookies, logger, sections: [{ path: '/reports', label: 'Báo cáo', router: reportsRouter }] }));
 */
export function createAdminConsoleRouter(o: AdminConsoleOptions): Router {
  const auth = new AdminAuth({ accounts: o.accounts, secureCookies: o.secureCookies, logger: o.logger, throttle: o.throttle, now: o.now });
  const extraNav: NavEntry[] = (o.sections ?? []).map((s) => ({ href: `${ADMIN_BASE}${s.path}`, label: s.label }));
  const c: ConsoleContext = { docs: o.documents, logger: o.logger, extraNav };
  const router = express.Router();

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }));
  router.use(auth.loadSession());
  router.get('/login', auth.loginForm());
  router.post('/login', auth.login());
  for (const r of o.beforeLogin ?? []) router.use(r.path, r.router);

  router.use(auth.requireAdmin(), multipartBody(c), auth.checkCsrf());
  if (o.banner) router.use(bannerLoader(o.banner, o.logger));
  router.post('/logout', auth.logout());

  registerDocumentRoutes(router, c);

  router.post('/reindex', async (_req, res) => {
    const job = await o.documents.reindex(actor(res));
    res.redirect(303, `${ADMIN_BASE}/reindex/${encodeURIComponent(job.id)}`);
  });
  router.get('/reindex/:job', async (req, res) => {
    const id = typeof req.params.job === 'string' ? req.params.job : '';
    const job = await o.documents.job(id);
    res.status(job ? 200 : 404).type('html').send(reindexPage({ user: user(res), job, extraNav }));
  });

  router.get('/audit', async (req, res) => {
    const action = typeof req.query.action === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(req.query.action) ? req.query.action : undefined;
    const typed = typeof req.query.actor === 'string' ? req.query.actor.trim().slice(0, 80) : '';
    // Staff type a username; the log stores "web:<username>" (or "token").
    const actorFilter = typed === '' ? undefined : typed.includes(':') || typed === 'token' ? typed : `web:${typed.toLowerCase()}`;
    const entries = await o.audit.listAudit({ action, actor: actorFilter, limit: AUDIT_LIMIT });
    res.type('html').send(auditPage({ user: user(res), entries, action, actor: typed, extraNav }));
  });

  for (const s of o.sections ?? []) router.use(s.path, s.router);
  return router;
}

/** Puts the console's standing warning in `res.locals.adminBanner` for the layout; a failure shows none. */
function bannerLoader(banner: () => Promise<Flash | undefined>, logger: Logger) {
  return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.locals.adminBanner = await banner();
    } catch (err: unknown) {
      logger.warn({ err: describeError(err) }, 'admin console: banner check failed');
    }
    next();
  };
}

/**
 * Parses multipart POST bodies (the upload forms) into `req.body` (text fields, so the CSRF check reads
 * `_csrf`) and `res.locals.upload` (the file). A refused body (too large, malformed) re-renders the list.
 */
function multipartBody(c: ConsoleContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    try {
      const form = await readMultipart(req, { maxFileBytes: c.docs.maxBytes });
      req.body = form.fields;
      res.locals.upload = form.file;
      next();
    } catch (err: unknown) {
      if (!(err instanceof AppError) || (err.code !== 'PAYLOAD_TOO_LARGE' && err.code !== 'INVALID_INPUT')) return next(err);
      c.logger.warn({ code: err.code, detail: err.detail }, 'admin console: upload refused');
      res.set('Connection', 'close');
      await showList(res, c, err.status, { kind: 'error', text: refusalText(err, c.docs.maxBytes) });
    }
  };
}

