/**
 * The page frame of the admin console: the staff console's layout (same head, stylesheet `/staff.css`,
 * header, flash box and CSRF field), with the admin navigation. The staff layout itself cannot be used
 * as is: its brand link, navigation and logout form point at `/staff`, where the admin's cookie is not sent.
 */
import { html } from '../../staff/html.js';
import type { SafeHtml } from '../../staff/html.js';
import { csrfField, loginForm, pageShell } from '../../staff/views/layout.js';
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

/** The signed-in admin, with the standing warning the console shows on every page (if any). */
export interface AdminLayoutUser extends LayoutUser {
  banner?: Flash;
}

/** What a page hands to {@link adminLayout}. */
export interface AdminPage {
  title: string;
  body: SafeHtml;
  user?: AdminLayoutUser;
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

/** A whole admin-console page around `body` (the staff console's frame with the admin navigation). */
export function adminLayout(page: AdminPage): string {
  return pageShell({ title: page.title, brandHref: ADMIN_BASE, header: page.user ? nav(page, page.user) : undefined, flash: page.flash, banner: page.user?.banner, body: page.body, scripts: page.scripts, appTitle: ta('app.title') });
}

/** A page with just a message and a link onwards, for 401/403/404 answers. */
export function adminMessagePage(title: string, text: string, link?: NavEntry, user?: LayoutUser): string {
  return adminLayout({ title, user, flash: { kind: 'error', text }, body: link ? html`<p><a href="${link.href}">${link.label}</a></p>` : html`` });
}

/** The admin login form; `csrfToken` is the pre-login double-submit token. */
export function adminLoginPage(o: { csrfToken: string; username?: string; flash?: Flash }): string {
  return adminLayout({ title: ta('login.title'), flash: o.flash, body: loginForm({ action: `${ADMIN_BASE}/login`, csrfToken: o.csrfToken, username: o.username, intro: ta('login.intro') }) });
}
