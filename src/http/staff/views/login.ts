/** The console's login page. */
import { html } from '../html.js';
import { t } from '../messages.js';
import { BASE, layout } from './layout.js';
import type { Flash } from './layout.js';

/**
 * The login form. `csrfToken` is the pre-login token (double-submit cookie); `username` refills the field
 * after a failed attempt (the password never is).
 */
export function loginPage(o: { csrfToken: string; username?: string; flash?: Flash }): string {
  return layout({
    title: t('login.title'),
    flash: o.flash,
    body: html`<p class="intro">${t('login.intro')}</p>
    <form method="post" action="${BASE}/login" class="card form login-form">
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
    </form>`,
  });
}
