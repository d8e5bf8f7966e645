/**
 * The page frame of the staff console: document head, header with navigation and the logout form,
 * a flash message and the page body. No inline script or style (the CSP forbids both).
 */
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { t } from '../messages.js';

/** Base path the console is mounted at (cookies are scoped to it too). */
export const BASE = '/staff';

/** A one-line message shown above the page content. */
export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/** The signed-in staff member, as the header needs them. */
export interface LayoutUser {
  name: string;
  csrfToken: string;
}

/** What a page hands to {@link layout}. */
export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Absent on the login and error pages of a visitor who is not signed in. */
  user?: LayoutUser;
  flash?: Flash;
  /** Which navigation entry is the current page. */
  current?: 'tickets' | 'faq';
}

/** A hidden `_csrf` field for a form of a signed-in page. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A flash message box: a status region for success, an alert for errors (announced by screen readers). */
export function flashBox(flash: Flash | undefined): SafeHtml {
  if (!flash) return html``;
  return flash.kind === 'ok'
    ? html`<p class="flash flash-ok" role="status">${flash.text}</p>`
    : html`<p class="flash flash-error" role="alert">${flash.text}</p>`;
}

function nav(user: LayoutUser, current: PageOptions['current']): SafeHtml {
  const link = (key: 'tickets' | 'faq', href: string, label: string) =>
    current === key ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`;
  return html`<nav aria-label="${t('nav.label')}" class="nav">
      ${link('tickets', BASE, t('nav.tickets'))}
      ${link('faq', `${BASE}/faq`, t('nav.faq'))}
    </nav>
    <div class="account">
      <span class="who">${t('nav.signedInAs', { name: user.name })}</span>
      <form method="post" action="${BASE}/logout" class="inline">
        ${csrfField(user.csrfToken)}
        <button type="submit" class="link-button">${t('nav.logout')}</button>
      </form>
    </div>`;
}

/** What every console page (staff and admin) is made of. */
export interface ShellOptions {
  title: string;
  /** Where the brand link in the header goes (the console's home). */
  brandHref: string;
  /** Navigation and account box, when signed in. */
  header?: SafeHtml;
  flash?: Flash;
  /** A standing warning above the page (e.g. the Zalo OA needs to be connected again). */
  banner?: Flash;
  body: SafeHtml;
  /** Same-origin scripts (the CSP forbids inline ones). */
  scripts?: readonly string[];
  /** The console's name in the title and header. Default: the staff console's. */
  appTitle?: string;
}

/** A whole HTML document in Vietnamese: the shared frame of the staff and admin consoles. */
export function pageShell(o: ShellOptions): string {
  const appTitle = o.appTitle ?? t('app.title');
  return html`<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta name="color-scheme" content="light">
  <title>${o.title} — ${appTitle}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/staff.css">
  ${(o.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
  <header class="site-header">
    <p class="brand"><a href="${o.brandHref}">${appTitle}</a></p>
    ${o.header ?? ''}
  </header>
  <main id="main">
    ${o.banner ? html`<div class="banner">${flashBox(o.banner)}</div>` : ''}
    <h1>${o.title}</h1>
    ${flashBox(o.flash)}
    ${o.body}
  </main>
</body>
</html>
`.value;
}

/** A whole staff-console page around `body`. */
export function layout(page: PageOptions): string {
  return pageShell({ title: page.title, brandHref: BASE, header: page.user ? nav(page.user, page.current) : undefined, flash: page.flash, body: page.body });
}

/** The sign-in form shared by the staff and admin consoles (`csrfToken`: the pre-login double-submit token). */
export function loginForm(o: { action: string; csrfToken: string; username?: string; intro?: string }): SafeHtml {
  return html`<p class="intro">${o.intro ?? t('login.intro')}</p>
    <form method="post" action="${o.action}" class="card form login-form">
      <input type="hidden" name="_csrf" value="${o.csrfToken}">
      <div class="field">
        <label for="username">${t('login.username')}</label>
        <input id="username" name="username" type="text" required autocomplete="username"
          autocapitalize="none" spellcheck="false" maxlength="64" value="${o.username ?? ''}">
      </div>
      <div class="field">
        <label for="password">${t('login.password')}</label>
        <input id="password" name="password" type="password" required autocomplete="current-password" maxlength="1024">
      </div>
      <button type="submit" class="button primary">${t('login.submit')}</button>
    </form>`;
}

/** A page with just a message (and a link onwards), for 401/403/404/429 answers. */
export function messagePage(title: string, text: string, link?: { href: string; label: string }, user?: LayoutUser): string {
  return layout({
    title,
    user,
    flash: { kind: 'error', text },
    body: link ? html`<p><a href="${link.href}">${link.label}</a></p>` : html``,
  });
}
