/** The console's login page. */
import { t } from '../messages.js';
import { BASE, layout, loginForm } from './layout.js';
import type { Flash } from './layout.js';

/**
 * The login form. `csrfToken` is the pre-login token (double-submit cookie); `username` refills the field
 * after a failed attempt (the password never is).
 */
export function loginPage(o: { csrfToken: string; username?: string; flash?: Flash }): string {
  return layout({ title: t('login.title'), flash: o.flash, body: loginForm({ action: `${BASE}/login`, csrfToken: o.csrfToken, username: o.username }) });
}
