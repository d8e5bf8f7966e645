/**
 * The admin JSON API, mounted at `/api/admin`: documents, metadata, background reindex and the audit
 * log. Authenticated by `Authorization: Bearer <ADMIN_TOKEN>` or an admin console session (see
 * {@link AdminAuth.apiAuth}); every error leaves through the app's error middleware as JSON.
 */
import express from 'express';
import type { Request, RequestHandler, Router } from 'express';
import type { AuditLog, DocumentService } from '../../admin/index.js';
import { AppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { StaffAccountStore } from '../../escalation/index.js';
import { toAppError } from '../error-handler.js';
import type { LoginThrottle } from '../staff/login-throttle.js';
import { AdminAuth, adminActorOf } from './admin-auth.js';
import { formatBytes } from './messages.js';
import { ADMIN_API_BASE } from './views/layout.js';

/** Options of {@link createAdminApiRouter}. */
export interface AdminApiOptions {
  documents: DocumentService;
  audit: AuditLog;
  /** Console accounts and sessions (the same store as the staff console's). */
  accounts: StaffAccountStore;
  /** ADMIN_TOKEN; absent = only console sessions are accepted. */
  adminToken?: string;
  secureCookies: boolean;
  logger: Logger;
  throttle?: LoginThrottle;
  now?: () => number;
}

/** Content types that are forms, not a raw file: refused on the upload routes. */
const FORM_TYPES = ['multipart/*', 'application/x-www-form-urlencoded', 'application/json'];

/**
 * Builds the API router. Routes (relative to `/api/admin`):
 * - `GET /documents` → `{ snapshot: { version, createdAt }, documents: DocumentInfo[] }`; `GET /documents/:id` → `{ document, meta }`
 * - `POST /documents?name=<file name>` with the file as the raw body (`application/octet-stream` or the
 *   file's own type) → 201 `{ document }`; `PUT /documents/:id` (raw body) replaces → `{ document }`
 * - `DELETE /documents/:id` → `{ removed: id }`
 * - `GET /documents/:id/meta` → `{ meta }`; `PATCH /documents/:id/meta` (JSON object of fields) → `{ meta }`
 * - `POST /reindex` → 202 `{ job }` (Location: the job); `GET /reindex` → `{ jobs }`; `GET /reindex/:job` → `{ job }`
 * - `GET /audit?from=&to=&actor=&action=&limit=` → `{ entries }` (epoch ms; newest first)
 *
 * Ids are URL-encoded relative paths (`nd-30-2020.pdf`, `van-ban%2Fnd-30.md`).
 *
 * @example
 * app.use('/api/admin', createAdminApiRouter({ documents, audit: store, accounts: store, adminToken: config.adminToken, secureCookies, logger }));
 * // curl -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/octet-stream' \
 * //   --data-binary @nd-118.pdf 'https://bot.example/api/admin/documents?name=nd-118.pdf'
 */
export function createAdminApiRouter(o: AdminApiOptions): Router {
  const auth = new AdminAuth({ accounts: o.accounts, secureCookies: o.secureCookies, logger: o.logger, adminToken: o.adminToken, throttle: o.throttle, now: o.now });
  const docs = o.documents;
  const router = express.Router();
  const json = express.json({ limit: '64kb', strict: true });
  const raw = rawFile(docs.maxBytes);

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(auth.apiAuth());

  router.get('/documents', async (_req, res) => {
    res.json({ snapshot: docs.snapshotInfo(), documents: await docs.list() });
  });
  router.get('/documents/:id', async (req, res) => {
    const id = param(req, 'id');
    res.json({ document: await docs.get(id), meta: await docs.readMeta(id) });
  });
  router.post('/documents', raw, async (req, res) => {
    const name = typeof req.query.name === 'string' ? req.query.name : '';
    if (!name) throw new AppError('INVALID_INPUT', 'give the file name as ?name=<file name>');
    const document = await docs.upload(name, bodyBytes(req), adminActorOf(res));
    res.status(201).location(`${ADMIN_API_BASE}/documents/${encodeURIComponent(document.id)}`).json({ document });
  });
  router.put('/documents/:id', raw, async (req, res) => {
    res.json({ document: await docs.replace(param(req, 'id'), bodyBytes(req), adminActorOf(res)) });
  });
  router.delete('/documents/:id', async (req, res) => {
    const id = param(req, 'id');
    await docs.remove(id, adminActorOf(res));
    res.json({ removed: id });
  });
  router.get('/documents/:id/meta', async (req, res) => {
    res.json({ meta: await docs.readMeta(param(req, 'id')) });
  });
  router.patch('/documents/:id/meta', requireJson(), json, async (req, res) => {
    res.json({ meta: await docs.updateMeta(param(req, 'id'), req.body, adminActorOf(res)) });
  });

  router.post('/reindex', async (_req, res) => {
    const job = await docs.reindex(adminActorOf(res));
    res.status(202).location(`${ADMIN_API_BASE}/reindex/${encodeURIComponent(job.id)}`).json({ job });
  });
  router.get('/reindex', async (_req, res) => {
    res.json({ jobs: await docs.recentJobs() });
  });
  router.get('/reindex/:job', async (req, res) => {
    const job = await docs.job(param(req, 'job'));
    if (!job) throw new AppError('NOT_FOUND', 'no such reindex job');
    res.json({ job });
  });

  router.get('/audit', async (req, res) => {
    res.json({ entries: await o.audit.listAudit(auditFilter(req)) });
  });
  return router;
}

/** express.raw for any non-form body up to `maxBytes`, with the 413 naming the real limit. */
function rawFile(maxBytes: number): RequestHandler {
  const parse = express.raw({ type: () => true, limit: maxBytes });
  const label = formatBytes(maxBytes);
  return (req, res, next) => {
    if (req.is(FORM_TYPES)) {
      return next(new AppError('UNSUPPORTED_FORMAT', 'send the file itself as the body (Content-Type: application/octet-stream), not a form'));
    }
    parse(req, res, (err?: unknown) => next(err ? (toAppError(err, label) ?? err) : undefined));
  };
}

/** The raw body as bytes (empty when there was none). */
function bodyBytes(req: Request): Uint8Array {
  return Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
}

function requireJson(): RequestHandler {
  return (req, _res, next) => {
    next(req.is('application/json') ? undefined : new AppError('INVALID_INPUT', 'expected Content-Type: application/json'));
  };
}

function param(req: Request, name: string): string {
  const v: unknown = req.params[name];
  return typeof v === 'string' ? v : '';
}

/** The audit filter from the query string; bad numbers are refused rather than ignored. */
function auditFilter(req: Request): Parameters<AuditLog['listAudit']>[0] {
  const num = (name: string): number | undefined => {
    const v = req.query[name];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string' || !/^\d{1,15}$/.test(v)) throw new AppError('INVALID_INPUT', `${name} must be a whole number (epoch milliseconds for from/to)`);
    return Number(v);
  };
  const str = (name: string): string | undefined => (typeof req.query[name] === 'string' && req.query[name] !== '' ? String(req.query[name]).slice(0, 200) : undefined);
  return { from: num('from'), to: num('to'), actor: str('actor'), action: str('action'), limit: num('limit') };
}
