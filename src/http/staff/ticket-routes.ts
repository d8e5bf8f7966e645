/**
 * The console's ticket page and the staff actions on a ticket (claim, close, answer, draft a Q&A). Each
 * action goes through TicketService and redirects back (303) with a flash message; an expected refusal
 * (CONFLICT, INVALID_INPUT, FORBIDDEN) is shown on the ticket page in Vietnamese, keeping what was typed.
 */
import type { Request, Response, Router } from 'express';
import { AppError } from '../../common/errors.js';
import type { ErrorCode } from '../../common/errors.js';
import { field, staffOf } from './auth.js';
import type { StaffContext } from './auth.js';
import { t } from './messages.js';
import type { StaffRouterContext } from './router.js';
import { BASE, messagePage } from './views/layout.js';
import type { Flash, LayoutUser } from './views/layout.js';
import { stateLabel } from './views/format.js';
import { ticketDetailPage } from './views/ticket-detail.js';
import type { FaqFormValues } from './views/ticket-detail.js';

/** The refusals shown on the page; anything else goes on to the app's error middleware. */
export const SHOWN_CODES: ReadonlySet<ErrorCode> = new Set(['CONFLICT', 'INVALID_INPUT', 'FORBIDDEN', 'NOT_FOUND']);

type Action = 'claim' | 'close' | 'answer' | 'faq';

/** Flash keys a redirect may carry (`?ok=`), each with its message for ticket number `n`. */
const OK_MESSAGES: Record<string, (n: number) => string> = {
  claimed: (n) => t('staff.claimed', { number: n }),
  closed: (n) => t('staff.closed', { number: n }),
  answered: (n) => t('flash.answered', { number: n }),
  faqDrafted: () => t('flash.faqDrafted'),
};

/** The signed-in staff member (the guards ran before these routes). */
export function ctxOf(res: Response): StaffContext {
  const ctx = staffOf(res);
  if (!ctx) throw new AppError('UNAUTHORIZED', 'staff console route reached without a session');
  return ctx;
}

/** What the layout needs about the signed-in staff member. */
export function userOf(ctx: StaffContext): LayoutUser {
  return { name: ctx.actor.name, csrfToken: ctx.session.csrfToken };
}

/** The URL of a ticket's page. */
export function ticketUrl(id: string): string {
  return `${BASE}/tickets/${encodeURIComponent(id)}`;
}

/** Sends a 404 page for a ticket or Q&A that does not exist. */
export function sendNotFound(res: Response, ctx: StaffContext, key: 'notFound.ticket' | 'notFound.faq'): void {
  res.status(404).type('html').send(messagePage(t('error.notFound'), t(key), { href: BASE, label: t('page.back') }, userOf(ctx)));
}

function param(req: Request, name: string): string {
  const v: unknown = req.params[name];
  return typeof v === 'string' ? v : '';
}

/** Registers `GET /tickets/:id` and `POST /tickets/:id/{claim,close,answer,faq}` on the console router. */
export function registerTicketRoutes(router: Router, c: StaffRouterContext): void {
  async function showTicket(res: Response, id: string, status: number, extra: { flash?: Flash; answerDraft?: string; faqDraft?: FaqFormValues } = {}): Promise<void> {
    const ctx = ctxOf(res);
    const detail = await c.tickets.detail(id);
    if (!detail) return sendNotFound(res, ctx, 'notFound.ticket');
    const windows = await replyWindows(c, detail.waiters);
    const page = ticketDetailPage({ user: userOf(ctx), detail, now: c.now(), remindMinutes: c.remindMinutes, windows, ...extra });
    res.status(status).type('html').send(page);
  }

  router.get('/tickets/:id', async (req, res) => {
    const id = param(req, 'id');
    const ok = typeof req.query.ok === 'string' ? OK_MESSAGES[req.query.ok] : undefined;
    const ticket = ok ? await c.tickets.get(id) : null;
    await showTicket(res, id, 200, ticket && ok ? { flash: { kind: 'ok', text: ok(ticket.number) } } : {});
  });

  /** Runs one action; on a shown refusal re-renders the page with the message and the typed values. */
  async function act(req: Request, res: Response, action: Action, okKey: string, run: (ctx: StaffContext) => Promise<unknown>, keep: { answerDraft?: string; faqDraft?: FaqFormValues } = {}): Promise<void> {
    const ctx = ctxOf(res);
    const id = param(req, 'id');
    try {
      await run(ctx);
    } catch (err: unknown) {
      if (!(err instanceof AppError) || !SHOWN_CODES.has(err.code)) throw err;
      c.logger.info({ staff: ctx.actor.id, ticketId: id, action, code: err.code, detail: err.detail }, 'staff console: action refused');
      if (err.code === 'NOT_FOUND') return sendNotFound(res, ctx, 'notFound.ticket');
      const current = await c.tickets.get(id);
      if (!current) return sendNotFound(res, ctx, 'notFound.ticket');
      const text = refusalMessage(action, err.code, current.number, stateLabel(current.state));
      return showTicket(res, id, err.status, { flash: { kind: 'error', text }, ...keep });
    }
    c.logger.info({ staff: ctx.actor.id, ticketId: id, action }, 'staff console: ticket action');
    res.redirect(303, `${ticketUrl(id)}?ok=${okKey}`);
  }

  router.post('/tickets/:id/claim', (req, res) => act(req, res, 'claim', 'claimed', (ctx) => c.tickets.claim(param(req, 'id'), ctx.actor)));
  router.post('/tickets/:id/close', (req, res) => act(req, res, 'close', 'closed', (ctx) => c.tickets.close(param(req, 'id'), ctx.actor)));
  router.post('/tickets/:id/answer', (req, res) => {
    const text = field(req, 'text');
    return act(req, res, 'answer', 'answered', (ctx) => c.tickets.answer(param(req, 'id'), ctx.actor, text), { answerDraft: text });
  });
  router.post('/tickets/:id/faq', (req, res) => {
    const values: FaqFormValues = {
      question: field(req, 'question'),
      answer: field(req, 'answer'),
      sourceNumber: field(req, 'sourceNumber'),
      sourceArticle: field(req, 'sourceArticle'),
    };
    // An emptied field stays empty (and is refused) rather than falling back to the ticket's own text.
    const input = { ...values, question: values.question.trim() || ' ', answer: values.answer.trim() || ' ' };
    return act(req, res, 'faq', 'faqDrafted', (ctx) => c.tickets.draftFaq(param(req, 'id'), ctx.actor, input), { faqDraft: values });
  });
}

/** The Vietnamese message for a refused action. */
function refusalMessage(action: Action, code: ErrorCode, number: number, state: string): string {
  if (code === 'CONFLICT') return t('staff.conflict', { number, state });
  if (code === 'INVALID_INPUT') return action === 'answer' ? t('answer.invalid') : action === 'faq' ? t('faq.invalid') : t('error.invalidInput');
  if (code === 'FORBIDDEN') return t('error.forbidden');
  return t('error.internal');
}

/** The reply-window sentence of each waiter on a channel that has one, by chat id (failures leave it out). */
async function replyWindows(c: StaffRouterContext, waiters: ReadonlyArray<{ channel: string; chatId: string }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!c.replyWindow) return out;
  for (const w of waiters) {
    if (out.has(`${w.channel}:${w.chatId}`)) continue;
    try {
      const text = await c.replyWindow(w.channel, w.chatId);
      if (text) out.set(`${w.channel}:${w.chatId}`, text);
    } catch (err: unknown) {
      c.logger.warn({ channel: w.channel, err: err instanceof Error ? err.message : String(err) }, 'reply window unavailable');
    }
  }
  return out;
}
