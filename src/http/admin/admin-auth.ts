/**
 * Authentication of the admin console (`/admin`) and the admin API (`/api/admin`), on the staff
 * console's login system: the same accounts, sessions table, password hashing, throttle and session
 * cookie (`cchc_staff`), resolved by {@link StaffAuth.loadSession}.
 *
 * Why a login of its own: the staff console scopes its cookie to `Path=/staff`, so a browser never sends
 * it to `/admin`. Signing in at `/admin/login` (admins only) creates a session in the same table and sets
 * the same cookie for `Path=/admin` and `Path=/api/admin` — the console's pages and the progress polling
 * of `admin.js`. The API also accepts `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { StaffAccount, StaffAccountStore } from '../../escalation/index.js';
import { SESSION_COOKIE, SESSION_TTL_MS, StaffAuth, field, readCookie, staffOf } from '../staff/auth.js';
import type { StaffContext } from '../staff/auth.js';
import { LoginThrottle, waitText } from '../staff/login-throttle.js';
import { dummyPasswordHash, verifyPassword } from '../staff/password.js';
import { ta } from './messages.js';
import { ADMIN_API_BASE, ADMIN_BASE, adminLoginPage, adminMessagePage } from './views/layout.js';

/** The pre-login double-submit cookie of the admin login form. */
export const ADMIN_LOGIN_COOKIE = 'cchc_admin_login';

/** Options of {@link AdminAuth}. */
export interface AdminAuthOptions {
  accounts: StaffAccountStore;
  /** Adds `Secure` to cookies; pass true when PUBLIC_URL is https. */
  secureCookies: boolean;
  logger: Logger;
  /** ADMIN_TOKEN for `Authorization: Bearer`; absent = bearer authentication disabled. */
  adminToken?: string;
  /** Share the staff console's to count failures across both login forms. Default: a new one (5 per 15 min). */
  throttle?: LoginThrottle;
  now?: () => number;
}

/** Who performs an admin request: `web:<username>` (console session) or `token` (ADMIN_TOKEN). */
export function adminActorOf(res: Response): string {
  const actor: unknown = res.locals.adminActor;
  if (typeof actor !== 'string') throw new AppError('UNAUTHORIZED', 'admin route reached without authentication');
  return actor;
}

/** Constant-time equality of two secrets (hashed first, so lengths never leak). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length > 0 && b.length > 0;
}

/** The store key of a session token: exactly what {@link StaffAuth} uses (SHA-256, base64url). */
function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The throttle's username for bearer-token attempts (not a valid account name: it has a space). */
const BEARER_USER = 'bearer token';

/**
 * Login, logout and guards for the admin console and API.
 *
 * @example
 * const auth = new AdminAuth({ accounts: store, secureCookies: true, logger, adminToken: config.adminToken });
 * apiRouter.use(auth.apiAuth());
 */
export class AdminAuth {
  private readonly staff: StaffAuth;
  private readonly throttle: LoginThrottle;
  private readonly now: () => number;

  constructor(private readonly o: AdminAuthOptions) {
    this.now = o.now ?? Date.now;
    this.throttle = o.throttle ?? new LoginThrottle({ now: this.now });
    this.staff = new StaffAuth({ accounts: o.accounts, secureCookies: o.secureCookies, logger: o.logger, throttle: this.throttle, now: this.now });
  }

  private cookie(path: string, maxAge?: number) {
    return { httpOnly: true, sameSite: 'strict' as const, path, secure: this.o.secureCookies, ...(maxAge ? { maxAge } : {}) };
  }

  /**
   * Middleware: the session named by the cookie (if valid, unexpired, account enabled) into
   * `res.locals.staff`. A stale cookie is cleared for the admin paths (StaffAuth clears only `/staff`).
   */
  loadSession(): RequestHandler {
    const load = this.staff.loadSession();
    return (req, res, next) => {
      load(req, res, (err?: unknown) => {
        if (!err && !staffOf(res) && readCookie(req, SESSION_COOKIE) !== undefined) {
          for (const path of [ADMIN_BASE, ADMIN_API_BASE]) res.clearCookie(SESSION_COOKIE, this.cookie(path));
        }
        next(err);
      });
    };
  }

  /** Console guard: a signed-in admin. GETs without a session go to the login page; others get 401; staff get 403. */
  requireAdmin(): RequestHandler {
    return (req, res, next) => {
      const staff = staffOf(res);
      if (staff?.account.role === 'admin') {
        res.locals.adminActor = staff.actor.id;
        return next();
      }
      res.set('Cache-Control', 'no-store');
      if (staff) return void res.status(403).type('html').send(adminMessagePage(ta('page.error'), ta('auth.forbidden'), { href: '/staff', label: ta('nav.staff') }));
      if (req.method === 'GET' || req.method === 'HEAD') return res.redirect(303, `${ADMIN_BASE}/login`);
      res.status(401).type('html').send(adminMessagePage(ta('error.unauthorized'), ta('auth.required'), { href: `${ADMIN_BASE}/login`, label: ta('auth.toLogin') }));
    };
  }

  /** Console guard: every POST carries the session's CSRF token in `_csrf` (run after the body is parsed). */
  checkCsrf(): RequestHandler {
    return (req, res, next) => {
      const staff = staffOf(res);
      if (req.method !== 'POST' || (staff && sameSecret(field(req, '_csrf'), staff.session.csrfToken))) return next();
      this.o.logger.warn({ staff: staff?.actor.id, path: req.path }, 'admin console: CSRF token mismatch');
      res.status(403).set('Cache-Control', 'no-store').type('html').send(adminMessagePage(ta('page.error'), ta('csrf.invalid'), { href: ADMIN_BASE, label: ta('detail.back') }));
    };
  }

  /**
   * API guard: `Authorization: Bearer <ADMIN_TOKEN>` (when configured), else an admin console session;
   * a session's POST/PUT/PATCH/DELETE must also send its CSRF token in `X-CSRF-Token`. A wrong bearer
   * token never falls back to the session. Failures go to the app's error middleware (401/403 JSON).
   */
  apiAuth(): RequestHandler {
    const load = this.loadSession();
    return (req, res, next) => {
      const header = req.get('authorization');
      if (header !== undefined) {
        this.bearer(header, req, res).then((err) => next(err), next);
        return;
      }
      load(req, res, (err?: unknown) => {
        if (err) return next(err);
        next(this.sessionForApi(req, res, staffOf(res)));
      });
    };
  }

  /**
   * Checks a bearer token. Wrong tokens are throttled per client address like console logins (issue 11):
   * after a few, the address waits a doubling delay before any token is even compared.
   */
  private async bearer(header: string, req: Request, res: Response): Promise<AppError | undefined> {
    res.set('WWW-Authenticate', 'Bearer realm="cchc-admin"');
    if (!this.o.adminToken) return new AppError('UNAUTHORIZED', 'bearer authentication is disabled: ADMIN_TOKEN is not set');
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = await this.throttle.waitMs(BEARER_USER, ip);
    if (wait > 0) {
      this.o.logger.warn({ ip, waitMs: wait }, 'admin API: bearer attempts throttled');
      res.set('Retry-After', String(Math.ceil(wait / 1000)));
      return new AppError('RATE_LIMITED', `too many wrong bearer tokens from this address; retry in ${Math.ceil(wait / 1000)} s`);
    }
    const token = /^Bearer +([^\s]+) *$/i.exec(header)?.[1] ?? '';
    if (!sameSecret(token, this.o.adminToken)) {
      await this.throttle.recordFailure(BEARER_USER, ip);
      this.o.logger.warn({ ip }, 'admin API: wrong bearer token');
      return new AppError('UNAUTHORIZED', 'invalid bearer token');
    }
    await this.throttle.recordSuccess(BEARER_USER, ip);
    res.locals.adminActor = 'token';
    return undefined;
  }

  private sessionForApi(req: Request, res: Response, staff: StaffContext | undefined): AppError | undefined {
    if (!staff) {
      res.set('WWW-Authenticate', 'Bearer realm="cchc-admin"');
      return new AppError('UNAUTHORIZED', `send Authorization: Bearer <ADMIN_TOKEN> or sign in at ${ADMIN_BASE}/login`);
    }
    if (staff.account.role !== 'admin') return new AppError('FORBIDDEN', 'the admin API needs an admin account');
    const safe = req.method === 'GET' || req.method === 'HEAD';
    if (!safe && !sameSecret(req.get('x-csrf-token') ?? '', staff.session.csrfToken)) {
      return new AppError('FORBIDDEN', 'a console session must send its CSRF token in X-CSRF-Token');
    }
    res.locals.adminActor = staff.actor.id;
    return undefined;
  }

  /** `GET /login`: the form with a fresh pre-login CSRF cookie; a signed-in admin goes to the console. */
  loginForm(): RequestHandler {
    return (req, res) => {
      if (staffOf(res)?.account.role === 'admin') return res.redirect(303, ADMIN_BASE);
      this.sendLogin(res, 200, req.query.out === '1' ? { ok: ta('login.loggedOut') } : {});
    };
  }

  private sendLogin(res: Response, status: number, o: { username?: string; error?: string; ok?: string }): void {
    const csrfToken = randomBytes(32).toString('base64url');
    res.cookie(ADMIN_LOGIN_COOKIE, csrfToken, this.cookie(ADMIN_BASE));
    const flash = o.error ? { kind: 'error' as const, text: o.error } : o.ok ? { kind: 'ok' as const, text: o.ok } : undefined;
    res.status(status).set('Cache-Control', 'no-store').type('html').send(adminLoginPage({ csrfToken, username: o.username, flash }));
  }

  /** `POST /login`: throttle, password, admin role; then a session for the console and the API. */
  login(): RequestHandler {
    return async (req, res) => {
      const pre = readCookie(req, ADMIN_LOGIN_COOKIE);
      if (!pre || !sameSecret(field(req, '_csrf'), pre)) {
        return void res.status(403).set('Cache-Control', 'no-store').type('html').send(adminMessagePage(ta('page.error'), ta('csrf.invalid'), { href: `${ADMIN_BASE}/login`, label: ta('auth.toLogin') }));
      }
      const username = field(req, 'username').trim().toLowerCase().slice(0, 64);
      const password = field(req, 'password');
      if (!username || !password) return this.sendLogin(res, 400, { username, error: ta('login.missing') });
      const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const wait = await this.throttle.waitMs(username, ip);
      if (wait > 0) {
        this.o.logger.warn({ username, ip, waitMs: wait }, 'admin console: login throttled');
        res.set('Retry-After', String(Math.ceil(wait / 1000)));
        return this.sendLogin(res, 429, { username, error: ta('login.throttledFor', { wait: waitText(wait) }) });
      }
      const account = await this.o.accounts.getAccount(username);
      const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyPasswordHash()));
      if (!account || !ok) {
        await this.throttle.recordFailure(username, ip);
        this.o.logger.warn({ username, ip }, 'admin console: login failed');
        return this.sendLogin(res, 401, { username, error: ta('login.invalid') });
      }
      if (account.disabled) return this.sendLogin(res, 403, { username, error: ta('login.disabled') });
      await this.throttle.recordSuccess(username, ip);
      if (account.role !== 'admin') {
        this.o.logger.warn({ username }, 'admin console: sign-in by a non-admin account refused');
        return this.sendLogin(res, 403, { username, error: ta('login.notAdmin') });
      }
      await this.startSession(req, res, account);
      this.o.logger.info({ staff: `web:${username}` }, 'admin console: signed in');
      res.redirect(303, ADMIN_BASE);
    };
  }

  private async startSession(req: Request, res: Response, account: StaffAccount): Promise<void> {
    const old = readCookie(req, SESSION_COOKIE);
    if (old && /^[A-Za-z0-9_-]{43}$/.test(old)) await this.o.accounts.deleteSession(sessionKey(old));
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.o.accounts.createSession({ id: sessionKey(token), username: account.username, csrfToken: randomBytes(32).toString('base64url'), createdAt: now, expiresAt: now + SESSION_TTL_MS });
    res.clearCookie(ADMIN_LOGIN_COOKIE, this.cookie(ADMIN_BASE));
    for (const path of [ADMIN_BASE, ADMIN_API_BASE]) res.cookie(SESSION_COOKIE, token, this.cookie(path, SESSION_TTL_MS));
  }

  /** `POST /logout` (behind the guards): ends the session and clears both cookies. */
  logout(): RequestHandler {
    return async (_req, res) => {
      const staff = staffOf(res);
      if (staff) {
        await this.o.accounts.deleteSession(staff.session.id);
        this.o.logger.info({ staff: staff.actor.id }, 'admin console: signed out');
      }
      for (const path of [ADMIN_BASE, ADMIN_API_BASE]) res.clearCookie(SESSION_COOKIE, this.cookie(path));
      res.redirect(303, `${ADMIN_BASE}/login?out=1`);
    };
  }
}
