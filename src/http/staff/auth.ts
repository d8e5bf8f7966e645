/**
 * Staff console authentication: login sessions kept in the {@link StaffAccountStore}, the session cookie,
 * per-session CSRF tokens, login throttling and the `requireStaff` / `requireAdmin` guards.
 *
 * The cookie `cchc_staff` holds a random 32-byte token; the store only sees its SHA-256, so a leaked
 * sessions table cannot be replayed. Every POST must carry the session's token in a hidden `_csrf` field;
 * the login form, which has no session yet, uses a double-submit cookie instead.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../common/logger.js';
import type { StaffAccount, StaffAccountStore, StaffActor, StaffSession } from '../../escalation/index.js';
import { LoginThrottle, waitText } from './login-throttle.js';
import { t } from './messages.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { BASE, messagePage } from './views/layout.js';
import { loginPage } from './views/login.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'cchc_staff';
/** Name of the pre-login double-submit cookie. */
export const LOGIN_COOKIE = 'cchc_staff_login';
/** How long a console session lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** The signed-in staff member of a request (in `res.locals.staff`). */
export interface StaffContext {
  actor: StaffActor;
  account: StaffAccount;
  session: StaffSession;
}

/** Options of {@link StaffAuth}. */
export interface StaffAuthOptions {
  accounts: StaffAccountStore;
  /** Adds `Secure` to the cookies; pass true when the console is served over https. */
  secureCookies: boolean;
  logger: Logger;
  /** Default: 5 failures per username or IP within 15 minutes. */
  throttle?: LoginThrottle;
  now?: () => number;
}

/** The signed-in staff member of this request, if any (set by {@link StaffAuth.loadSession}). */
export function staffOf(res: Response): StaffContext | undefined {
  return res.locals.staff as StaffContext | undefined;
}

/** The actor a console account acts as: `web:<username>` with its display name and role. */
export function actorOf(account: StaffAccount): StaffActor {
  return { id: `web:${account.username}`, name: account.displayName, role: account.role };
}

/** A random 32-byte token, base64url (43 characters). */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keys a session by: the SHA-256 of the cookie token. */
function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Constant-time string equality (both sides hashed first so lengths match). */
function sameToken(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length > 0;
}

/** The value of one cookie from the Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A single string field of a urlencoded body ('' when absent or repeated). */
export function field(req: Request, name: string): string {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return '';
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}

/**
 * Sessions, CSRF and login for the console router. Create one per router.
 *
 * @example
 * const auth = new StaffAuth({ accounts, secureCookies: true, logger });
 * router.use(auth.loadSession());
 * router.get('/login', auth.loginForm());
 * router.post('/login', auth.login());
 * router.use(auth.requireStaff(), auth.checkCsrf());
 */
export class StaffAuth {
  private readonly throttle: LoginThrottle;
  private readonly now: () => number;

  constructor(private readonly o: StaffAuthOptions) {
    this.now = o.now ?? Date.now;
    this.throttle = o.throttle ?? new LoginThrottle({ now: this.now });
  }

  private cookieOptions(maxAge?: number) {
    return { httpOnly: true, sameSite: 'strict' as const, path: BASE, secure: this.o.secureCookies, ...(maxAge ? { maxAge } : {}) };
  }

  /** Middleware: loads the session named by the cookie (if valid, unexpired and its account enabled) into `res.locals.staff`. */
  loadSession(): RequestHandler {
    return async (req, res, next) => {
      const token = readCookie(req, SESSION_COOKIE);
      if (!token) return next();
      const ctx = TOKEN_RE.test(token) ? await this.resolve(token) : undefined;
      if (ctx) res.locals.staff = ctx;
      else res.clearCookie(SESSION_COOKIE, this.cookieOptions());
      next();
    };
  }

  private async resolve(token: string): Promise<StaffContext | undefined> {
    const session = await this.o.accounts.getSession(sessionKey(token));
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      await this.o.accounts.deleteSession(session.id);
      return undefined;
    }
    // The account is read on every request so that disabling it takes effect at once.
    const account = await this.o.accounts.getAccount(session.username);
    if (!account || account.disabled) {
      await this.o.accounts.deleteSession(session.id);
      return undefined;
    }
    return { actor: actorOf(account), account, session };
  }

  /** Guard: a signed-in staff member (any role). GET/HEAD without one go to the login page; other methods get a 401 page. */
  requireStaff(): RequestHandler {
    return (req, res, next) => {
      if (staffOf(res)) return next();
      if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, `${BASE}/login`);
      res.status(401).set('Cache-Control', 'no-store');
      res.type('html').send(messagePage(t('error.unauthorized'), t('auth.required'), { href: `${BASE}/login`, label: t('auth.toLogin') }));
    };
  }

  /** Guard: a signed-in admin; anyone else gets a 403 page (run after {@link requireStaff}). */
  requireAdmin(): RequestHandler {
    return (_req, res, next) => {
      const staff = staffOf(res);
      if (staff?.account.role === 'admin') return next();
      const user = staff ? { name: staff.actor.name, csrfToken: staff.session.csrfToken } : undefined;
      res.status(403).set('Cache-Control', 'no-store').type('html').send(messagePage(t('page.error'), t('error.forbidden'), undefined, user));
    };
  }

  /** Guard: every POST carries the session's CSRF token in `_csrf` (run after {@link requireStaff} and the body parser). */
  checkCsrf(): RequestHandler {
    return (req, res, next) => {
      const staff = staffOf(res);
      if (req.method !== 'POST' || (staff && sameToken(field(req, '_csrf'), staff.session.csrfToken))) return next();
      this.o.logger.warn({ staff: staff?.actor.id, path: req.path }, 'staff console: CSRF token mismatch');
      this.csrfFailed(res);
    };
  }

  private csrfFailed(res: Response): void {
    res.status(403).set('Cache-Control', 'no-store').type('html');
    res.send(messagePage(t('page.error'), t('csrf.invalid'), { href: `${BASE}/login`, label: t('auth.toLogin') }));
  }

  /** `GET /login`: the form, with a fresh pre-login CSRF cookie; a signed-in visitor goes to the list. */
  loginForm(): RequestHandler {
    return (req, res) => {
      if (staffOf(res)) return res.redirect(303, BASE);
      this.sendLogin(res, 200, req.query.out === '1' ? { ok: t('login.loggedOut') } : {});
    };
  }

  private sendLogin(res: Response, status: number, o: { username?: string; error?: string; ok?: string }): void {
    const csrfToken = newToken();
    res.cookie(LOGIN_COOKIE, csrfToken, this.cookieOptions());
    const flash = o.error ? { kind: 'error' as const, text: o.error } : o.ok ? { kind: 'ok' as const, text: o.ok } : undefined;
    res.status(status).set('Cache-Control', 'no-store').type('html').send(loginPage({ csrfToken, username: o.username, flash }));
  }

  /** `POST /login`: checks throttling, then the password; on success starts a session and goes to the list. */
  login(): RequestHandler {
    return async (req, res) => {
      const pre = readCookie(req, LOGIN_COOKIE);
      if (!pre || !sameToken(field(req, '_csrf'), pre)) return this.csrfFailed(res);
      const username = field(req, 'username').trim().toLowerCase().slice(0, 64);
      const password = field(req, 'password');
      if (!username || !password) return this.sendLogin(res, 400, { username, error: t('login.missing') });
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const wait = await this.throttle.waitMs(username, ip);
      if (wait > 0) {
        this.o.logger.warn({ username, ip, waitMs: wait }, 'staff console: login throttled');
        res.set('Retry-After', String(Math.ceil(wait / 1000)));
        return this.sendLogin(res, 429, { username, error: t('login.throttledFor', { wait: waitText(wait) }) });
      }
      const account = await this.o.accounts.getAccount(username);
      // Spend the same scrypt time for unknown usernames, so timing does not tell which exist.
      const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash()));
      if (!account || !ok) {
        await this.throttle.recordFailure(username, ip);
        this.o.logger.warn({ username, ip }, 'staff console: login failed');
        return this.sendLogin(res, 401, { username, error: t('login.invalid') });
      }
      if (account.disabled) {
        this.o.logger.warn({ username }, 'staff console: login to a disabled account');
        return this.sendLogin(res, 403, { username, error: t('login.disabled') });
      }
      await this.throttle.recordSuccess(username, ip);
      await this.startSession(req, res, account);
      this.o.logger.info({ staff: `web:${username}` }, 'staff console: signed in');
      res.redirect(303, BASE);
    };
  }

  private async startSession(req: Request, res: Response, account: StaffAccount): Promise<void> {
    // A new id at every login (no session fixation); an older session in this browser ends.
    const old = readCookie(req, SESSION_COOKIE);
    if (old && TOKEN_RE.test(old)) await this.o.accounts.deleteSession(sessionKey(old));
    const token = newToken();
    const now = this.now();
    await this.o.accounts.createSession({ id: sessionKey(token), username: account.username, csrfToken: newToken(), createdAt: now, expiresAt: now + SESSION_TTL_MS });
    res.clearCookie(LOGIN_COOKIE, this.cookieOptions());
    res.cookie(SESSION_COOKIE, token, this.cookieOptions(SESSION_TTL_MS));
  }

  /** `POST /logout` (behind the guards): ends the session and goes to the login page. */
  logout(): RequestHandler {
    return async (_req, res) => {
      const staff = staffOf(res);
      if (staff) {
        await this.o.accounts.deleteSession(staff.session.id);
        this.o.logger.info({ staff: staff.actor.id }, 'staff console: signed out');
      }
      res.clearCookie(SESSION_COOKIE, this.cookieOptions());
      res.redirect(303, `${BASE}/login?out=1`);
    };
  }
}
