/**
 * The page frame of the admin console: the staff console's layout (same head, stylesheet `/staff.css`,
 * header, flash box and CSRF field), with the admin navigation. The staff layout itself cannot be used
 * as is: its brand link, navigation and logout form point at `/staff`, where the admin's cookie is not sent.
 */
import { html } from '../../staff/html.js';
import type { SafeHtml } from '../../staff/html.js';
import { csrfField, flashBox } from '../../staff/views/layout.js';
import type { Flash, LayoutUser } from '../../staff/views/layout.js';
import { ta } from '../messages.js';

export { csrfField };
export type { Flash, LayoutUser };

/** Where the console router is mounted (cookies and links use it). */
export const ADMIN_BASE = '/admin';
/** Where the admin API router is mounted (the console session cookie is sent there too). */
export const ADMIN_API_BASE = '/api/admin';

/** An extra navigation entry (e.g. the reports pages mounted under `/admin`). */
export interface NavEntry {
  href: string;
  label: string;
}

/** What a page hands to {@link adminLayout}. */
export interface AdminPage {
  title: string;
  body: SafeHtml;
  user?: LayoutUser;
  flash?: Flash;
  /** `href` of the current navigation entry. */
  current?: string;
  /** Entries after "Văn bản" and "Nhật ký quản trị". */
  extraNav?: readonly NavEntry[];
  /** Scripts (same-origin paths) loaded with `defer`. */
  scripts?: readonly string[];
}

function nav(page: AdminPage, user: LayoutUser): SafeHtml {
  const entries: NavEntry[] = [
    { href: ADMIN_BASE, label: ta('nav.documents') },
    { href: `${ADMIN_BASE}/audit`, label: ta('nav.audit') },
    ...(page.extraNav ?? []),
    { href: '/staff', label: ta('nav.staff') },
  ];
  const link = (e: NavEntry) => (e.href === page.current ? html`<a href="${e.href}" aria-current="page">${e.label}</a>` : html`<a href="${e.href}">${e.label}</a>`);
  return html`<nav aria-label="${ta('nav.label')}" class="nav">${entries.map(link)}</nav>
    <div class="account">
      <span class="who">${ta('nav.signedInAs', { name: user.name })}</span>
      <form method="post" action="${ADMIN_BASE}/logout" class="inline">
        ${csrfField(user.csrfToken)}
        <button type="submit" class="link-button">${ta('nav.logout')}</button>
      </form>
    </div>`;
}

/** A whole HTML document in Vietnamese around `body`. */
export function adminLayout(page: AdminPage): string {
  return html`<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta name="color-scheme" content="light">
  <title>${page.title} — ${ta('app.title')}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/staff.css">
  ${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
  <header class="site-header">
    <p class="brand"><a href="${ADMIN_BASE}">${ta('app.title')}</a></p>
    ${page.user ? nav(page, page.user) : ''}
  </header>
  <main id="main">
    <h1>${page.title}</h1>
    ${flashBox(page.flash)}
    ${page.body}
  </main>
</body>
</html>
`.value;
}

/** A page with just a message and a link onwards, for 401/403/404 answers. */
export function adminMessagePage(title: string, text: string, link?: NavEntry, user?: LayoutUser): string {
  return adminLayout({ title, user, flash: { kind: 'error', text }, body: link ? html`<p><a href="${link.href}">${link.label}</a></p>` : html`` });
}

/** The admin login form; `csrfToken` is the pre-login double-submit token. */
export function adminLoginPage(o: { csrfToken: string; username?: string; flash?: Flash }): string {
  return adminLayout({
    title: ta('login.title'),
    flash: o.flash,
    body: html`<p class="intro">${ta('login.intro')}</p>
    <form method="post" action="${ADMIN_BASE}/login" class="card form login-form">
      <input type="hidden" name="_csrf" value="${o.csrfToken}">
      <div class="field">
        <label for="username">${ta('login.username')}</label>
        <input id="username" name="username" type="text" required autocomplete="username"
          autocapitalize="none" spellcheck="false" maxlength="64" value="${o.username ?? ''}">
      </div>
      <div class="field">
        <label for="password">${ta('login.password')}</label>
        <input id="password" name="password" type="password" required autocomplete="current-password" maxlength="1024">
      </div>
      <button type="submit" class="button primary">${ta('login.submit')}</button>
    </form>`,
  });
}
