/**
 * The staff web console: server-rendered Vietnamese pages where reform staff list tickets, claim, answer
 * and close them, and approve Q&A drafted from answers. Mount it at `/staff`; the stylesheet `/staff.css`
 * is one of the app's static files.
 */
import express from 'express';
import type { Router } from 'express';
import { AppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { StaffAccountStore, TicketService, TicketState, TicketStore } from '../../escalation/index.js';
import { StaffAuth } from './auth.js';
import type { LoginThrottle } from './login-throttle.js';
import { t } from './messages.js';
import { ctxOf, registerTicketRoutes, sendNotFound, userOf } from './ticket-routes.js';
import { faqListPage } from './views/faq.js';
import { BASE } from './views/layout.js';
import { CHANNELS, STATE_FILTERS, ticketListPage } from './views/ticket-list.js';
import type { StateFilter } from './views/ticket-list.js';

/** What the console needs of {@link TicketService} (a TicketService fits; tests may pass a stub). */
export type ConsoleTickets = Pick<TicketService, 'list' | 'get' | 'detail' | 'claim' | 'close' | 'answer' | 'draftFaq' | 'decideFaq'>;

/** Read-only ticket queries TicketService does not offer: waiting counts for the list, pending Q&A drafts. */
export type ConsoleTicketReads = Pick<TicketStore, 'waiters' | 'listFaqDrafts'>;

/** Options of {@link createStaffRouter}. */
export interface StaffRouterOptions {
  /** Every change goes through it (state machine, version checks, relays, the second-person Q&A rule). */
  tickets: ConsoleTickets;
  /** The ticket store, for reads only. */
  ticketStore: ConsoleTicketReads;
  /** Console accounts and sessions. */
  accounts: StaffAccountStore;
  /** Adds `Secure` to cookies; pass true when PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Tickets open or claimed for longer get an SLA badge (ESCALATION_REMIND_MINUTES). */
  remindMinutes: number;
  logger: Logger;
  /** Q&As whose cited source changed (KnowledgeBase.faqReview), listed on the Q&A page for review. */
  faqReview?: () => Array<{ faqId: string; question: string; reason: string }>;
  /** Clock for ages, sessions and throttling. Default `Date.now`. */
  now?: () => number;
  /** Login throttle. Default: 5 failures per username or IP within 15 minutes. */
  throttle?: LoginThrottle;
  /**
   * For officials on channels with a reply window (Zalo OA): one Vietnamese sentence saying how long the
   * free reply window has left and when they can no longer be reached; undefined for other channels.
   */
  replyWindow?: ReplyWindowText;
}

/** See {@link StaffRouterOptions.replyWindow}. */
export type ReplyWindowText = (channel: string, chatId: string) => Promise<string | undefined>;

/** What the route modules share. */
export interface StaffRouterContext {
  tickets: ConsoleTickets;
  ticketStore: ConsoleTicketReads;
  remindMinutes: number;
  logger: Logger;
  now: () => number;
  faqReview?: () => Array<{ faqId: string; question: string; reason: string }>;
  replyWindow?: ReplyWindowText;
}

/** Tickets per list page. */
const PAGE_SIZE = 50;
/** Most pending Q&A drafts shown at once. */
const MAX_DRAFTS = 200;

const STATES_OF: Record<StateFilter, TicketState[] | undefined> = {
  active: ['open', 'claimed'],
  open: ['open'],
  claimed: ['claimed'],
  answered: ['answered'],
  closed: ['closed'],
  all: undefined,
};

function pick<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Builds the console router. Routes (relative to the mount point `/staff`): `GET /login`, `POST /login`,
 * `POST /logout`, `GET /` (ticket list; `?state=active|open|claimed|answered|closed|all&channel=&page=`),
 * `GET /tickets/:id`, `POST /tickets/:id/{claim,close,answer,faq}`, `GET /faq`, `POST /faq/:id/{approve,reject}`.
 *
 * Pages are `Cache-Control: no-store`. Unauthenticated GETs redirect to the login page, other methods get
 * a 401 page; every POST needs the session's CSRF token. Unexpected errors go on to the app's error middleware.
 *
 * @example
 * app.use('/staff', createStaffRouter({ tickets, ticketStore: store, accounts: store, secureCookies: true, remindMinutes: 60, logger }));
 */
export function createStaffRouter(o: StaffRouterOptions): Router {
  const now = o.now ?? Date.now;
  const c: StaffRouterContext = { tickets: o.tickets, ticketStore: o.ticketStore, remindMinutes: o.remindMinutes, logger: o.logger, now, faqReview: o.faqReview, replyWindow: o.replyWindow };
  const auth = new StaffAuth({ accounts: o.accounts, secureCookies: o.secureCookies, logger: o.logger, throttle: o.throttle, now });
  const router = express.Router();

  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 50 }));
  router.use(auth.loadSession());
  router.get('/login', auth.loginForm());
  router.post('/login', auth.login());

  router.use(auth.requireStaff(), auth.checkCsrf());
  router.post('/logout', auth.logout());

  router.get('/', async (req, res) => {
    const ctx = ctxOf(res);
    const state = pick(req.query.state, STATE_FILTERS) ?? 'active';
    const channel = pick(req.query.channel, CHANNELS);
    const pageParam = typeof req.query.page === 'string' && /^\d{1,5}$/.test(req.query.page) ? Number(req.query.page) : 1;
    const page = Math.max(1, pageParam);
    const found = await c.tickets.list({ states: STATES_OF[state], channel, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    const shown = found.slice(0, PAGE_SIZE);
    const waiting = await Promise.all(shown.map(async (tk) => (await c.ticketStore.waiters(tk.id)).length));
    const rows = shown.map((ticket, i) => ({ ticket, waiting: waiting[i] }));
    res.type('html').send(ticketListPage({ user: userOf(ctx), state, channel, rows, page, hasNext: found.length > PAGE_SIZE, now: now(), remindMinutes: c.remindMinutes }));
  });

  registerTicketRoutes(router, c);
  registerFaqRoutes(router, c);
  return router;
}

const FAQ_OK: Record<string, () => string> = { approved: () => t('flash.faqApproved'), rejected: () => t('flash.faqRejected') };

/** `GET /faq` and `POST /faq/:id/{approve,reject}`. */
function registerFaqRoutes(router: Router, c: StaffRouterContext): void {
  async function showDrafts(res: express.Response, status: number, flash?: { kind: 'ok' | 'error'; text: string }): Promise<void> {
    const ctx = ctxOf(res);
    const pending = (await c.ticketStore.listFaqDrafts('pending')).slice(0, MAX_DRAFTS);
    const numbers = await Promise.all(pending.map(async (d) => (await c.tickets.get(d.ticketId))?.number));
    const drafts = pending.map((draft, i) => ({ draft, ticketNumber: numbers[i] }));
    const review = c.faqReview?.() ?? [];
    res.status(status).type('html').send(faqListPage({ user: userOf(ctx), actorName: ctx.actor.name, drafts, review, flash }));
  }

  router.get('/faq', async (req, res) => {
    const ok = typeof req.query.ok === 'string' ? FAQ_OK[req.query.ok] : undefined;
    await showDrafts(res, 200, ok ? { kind: 'ok', text: ok() } : undefined);
  });

  for (const [action, approve] of [['approve', true], ['reject', false]] as const) {
    router.post(`/faq/:id/${action}`, async (req, res) => {
      const ctx = ctxOf(res);
      const id = typeof req.params.id === 'string' ? req.params.id : '';
      try {
        await c.tickets.decideFaq(id, ctx.actor, approve);
      } catch (err: unknown) {
        if (!(err instanceof AppError) || !['FORBIDDEN', 'CONFLICT', 'NOT_FOUND'].includes(err.code)) throw err;
        c.logger.info({ staff: ctx.actor.id, draftId: id, action, code: err.code }, 'staff console: Q&A decision refused');
        if (err.code === 'NOT_FOUND') return sendNotFound(res, ctx, 'notFound.faq');
        return showDrafts(res, err.status, { kind: 'error', text: err.code === 'FORBIDDEN' ? t('faq.forbidden') : t('faq.conflict') });
      }
      c.logger.info({ staff: ctx.actor.id, draftId: id, action }, 'staff console: Q&A decided');
      res.redirect(303, `${BASE}/faq?ok=${approve ? 'approved' : 'rejected'}`);
    });
  }
}
