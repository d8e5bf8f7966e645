/**
 * The console's document routes: list, upload, document page, replace, metadata, delete. Each action
 * goes through {@link DocumentService} and redirects (303) with a flash message; an expected refusal
 * (bad name, wrong type, too large, unreadable, name taken, bad metadata) is shown on the page.
 */
import type { Request, Response, Router } from 'express';
import type { DocumentService, MetaValues } from '../../admin/index.js';
import { META_FIELDS } from '../../admin/index.js';
import { AppError } from '../../common/errors.js';
import { failureFacts } from '../../search/parse-file.js';
import type { ErrorCode } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { field, staffOf } from '../staff/auth.js';
import { formatBytes, refusalText as refusalTextOf, ta } from './messages.js';
import type { UploadedFile } from './multipart.js';
import { confirmDeletePage, documentDetailPage } from './views/document-detail.js';
import { documentListPage, documentUrl } from './views/documents.js';
import { ADMIN_BASE, adminMessagePage } from './views/layout.js';
import type { AdminLayoutUser, Flash, NavEntry } from './views/layout.js';

/** What the console's route modules share. */
export interface ConsoleContext {
  docs: DocumentService;
  logger: Logger;
  extraNav: readonly NavEntry[];
}

/** Refusals shown on the page; anything else goes on to the app's error middleware. */
const SHOWN: ReadonlySet<ErrorCode> = new Set([
  'INVALID_INPUT', 'UNSUPPORTED_FORMAT', 'LEGACY_DOC_FORMAT', 'NO_TEXT_LAYER', 'DOCUMENT_UNREADABLE', 'PAYLOAD_TOO_LARGE', 'CONFLICT', 'FRONT_MATTER_INVALID', 'NOT_FOUND',
]);

/** Flash keys a redirect may carry (`?ok=`). */
const OK: Record<string, (file: string) => string> = {
  uploaded: (file) => ta('flash.uploaded', { file }),
  replaced: (file) => ta('flash.replaced', { file }),
  deleted: (file) => ta('flash.deleted', { file }),
  meta: () => ta('flash.meta'),
};

/** The signed-in admin as the layout needs them, with the console's standing warning (`res.locals.adminBanner`). */
export function user(res: Response): AdminLayoutUser {
  const staff = staffOf(res);
  if (!staff) throw new AppError('UNAUTHORIZED', 'admin console route reached without a session');
  const banner = res.locals.adminBanner as Flash | undefined;
  return { name: staff.actor.name, csrfToken: staff.session.csrfToken, ...(banner ? { banner } : {}) };
}

/** The signed-in admin's actor id (`web:<username>`). */
export function actor(res: Response): string {
  const staff = staffOf(res);
  if (!staff) throw new AppError('UNAUTHORIZED', 'admin console route reached without a session');
  return staff.actor.id;
}

/** The Vietnamese message of a refusal, with the English technical detail for the admin. */
export function refusalText(err: AppError, maxBytes: number): string {
  const { limit } = failureFacts(err);
  if (limit) return `${ta(`limit.${limit}`)} ${ta('error.detail', { detail: err.detail })}`;
  return `${refusalTextOf(err.code, err.messageKey, { max: formatBytes(maxBytes) })} ${ta('error.detail', { detail: err.detail })}`;
}

/** Renders the document list with `status` and an optional flash. */
export async function showList(res: Response, c: ConsoleContext, status: number, flash?: Flash): Promise<void> {
  const documents = await c.docs.list();
  const running = (await c.docs.recentJobs()).find((j) => j.state === 'running');
  const snapshot = c.docs.snapshotInfo();
  res.status(status).type('html').send(documentListPage({ user: user(res), documents, snapshot, maxBytes: c.docs.maxBytes, running, flash, extraNav: c.extraNav }));
}

function param(req: Request, name: string): string {
  const v: unknown = req.params[name];
  return typeof v === 'string' ? v : '';
}

/** The `?ok=` flash of a redirect, naming the file from `?doc=` (only a plausible file name is echoed). */
function okFlash(req: Request): Flash | undefined {
  const make = typeof req.query.ok === 'string' ? OK[req.query.ok] : undefined;
  if (!make) return undefined;
  const doc = typeof req.query.doc === 'string' && /^[\w./-]{1,200}$/.test(req.query.doc) ? req.query.doc : '';
  return { kind: 'ok', text: make(doc) };
}

/** Registers the document routes on the console router (after the guards). */
export function registerDocumentRoutes(router: Router, c: ConsoleContext): void {
  /** Runs an action; a shown refusal is rendered by `onRefusal`, anything else is rethrown. */
  async function attempt(res: Response, run: () => Promise<void>, onRefusal: (err: AppError, flash: Flash) => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err: unknown) {
      if (!(err instanceof AppError) || !SHOWN.has(err.code)) throw err;
      c.logger.info({ staff: actor(res), code: err.code, detail: err.detail }, 'admin console: action refused');
      await onRefusal(err, { kind: 'error', text: refusalText(err, c.docs.maxBytes) });
    }
  }

  async function showDocument(res: Response, id: string, status: number, extra: { flash?: Flash; typed?: Partial<MetaValues> } = {}): Promise<void> {
    let page: string;
    try {
      page = documentDetailPage({ user: user(res), doc: await c.docs.get(id), meta: await c.docs.readMeta(id), extraNav: c.extraNav, ...extra });
    } catch (err: unknown) {
      if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
      return void res.status(404).type('html').send(adminMessagePage(ta('error.notFound'), ta('error.NOT_FOUND'), { href: ADMIN_BASE, label: ta('detail.back') }, user(res)));
    }
    res.status(status).type('html').send(page);
  }

  router.get('/', async (req, res) => showList(res, c, 200, okFlash(req)));

  router.post('/documents', async (req, res) => {
    const file = res.locals.upload as UploadedFile | undefined;
    if (!file) return showList(res, c, 400, { kind: 'error', text: ta('upload.missing') });
    const name = field(req, 'name').trim() || file.filename;
    await attempt(res, async () => {
      const doc = await c.docs.upload(name, file.bytes, actor(res));
      res.redirect(303, `${ADMIN_BASE}?ok=uploaded&doc=${encodeURIComponent(doc.id)}`);
    }, (err, flash) => showList(res, c, err.status, flash));
  });

  router.get('/documents/:id', async (req, res) => showDocument(res, param(req, 'id'), 200, { flash: okFlash(req) }));

  router.post('/documents/:id/replace', async (req, res) => {
    const id = param(req, 'id');
    const file = res.locals.upload as UploadedFile | undefined;
    if (!file) return showDocument(res, id, 400, { flash: { kind: 'error', text: ta('upload.missing') } });
    await attempt(res, async () => {
      await c.docs.replace(id, file.bytes, actor(res));
      res.redirect(303, documentUrl(id, `?ok=replaced&doc=${encodeURIComponent(id)}`));
    }, (err, flash) => showDocument(res, id, err.status, { flash }));
  });

  router.post('/documents/:id/meta', async (req, res) => {
    const id = param(req, 'id');
    const typed = Object.fromEntries(META_FIELDS.map((f) => [f, field(req, f)])) as MetaValues;
    await attempt(res, async () => {
      await c.docs.updateMeta(id, typed, actor(res));
      res.redirect(303, documentUrl(id, '?ok=meta'));
    }, (err, flash) => showDocument(res, id, err.status, { flash, typed }));
  });

  router.get('/documents/:id/delete', async (req, res) => {
    await attempt(res, async () => {
      const doc = await c.docs.get(param(req, 'id'));
      res.type('html').send(confirmDeletePage({ user: user(res), doc, extraNav: c.extraNav }));
    }, (err, flash) => showList(res, c, err.status, flash));
  });

  router.post('/documents/:id/delete', async (req, res) => {
    const id = param(req, 'id');
    await attempt(res, async () => {
      await c.docs.remove(id, actor(res));
      res.redirect(303, `${ADMIN_BASE}?ok=deleted&doc=${encodeURIComponent(id)}`);
    }, (err, flash) => showList(res, c, err.status, flash));
  });
}
