/**
 * Helpers of the Zalo OA end-to-end tests: a cookie-keeping browser stand-in for the consoles, console
 * accounts, and the Telegram staff-group updates staff send.
 */
import { hashPassword } from '../../src/http/staff/index.js';
import type { AppStore } from '../../src/storage/index.js';

/** Console accounts of the OA tests; each password is `<username>-mat-khau-1`. */
export const OA_ACCOUNTS = [
  { username: 'quantri', displayName: 'Quản trị viên Hà', role: 'admin' },
  { username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'staff' },
] as const;

/** Creates {@link OA_ACCOUNTS} in `store`. */
export async function createAccounts(store: AppStore): Promise<void> {
  for (const a of OA_ACCOUNTS) await store.createAccount({ ...a, passwordHash: await hashPassword(`${a.username}-mat-khau-1`), createdAt: 0, disabled: false });
}

/** A browser stand-in: a cookie jar by name (path ignored), no redirects followed, the last page's CSRF token. */
export class Browser {
  readonly cookies = new Map<string, string>();
  page = '';

  constructor(private readonly base: string) {}

  /** Requests `path` (relative to the app, or an absolute URL) with the jar's cookies. */
  async go(method: string, path: string, body?: URLSearchParams) {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(path.startsWith('http') ? path : this.base + path, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const text = await res.text();
    if (res.headers.get('content-type')?.includes('text/html')) this.page = text;
    return { status: res.status, location: res.headers.get('location') ?? '', text };
  }

  csrf(): string {
    return /name="_csrf" value="([^"]*)"/.exec(this.page)?.[1] ?? '';
  }

  form(path: string, fields: Record<string, string>) {
    return this.go('POST', path, new URLSearchParams({ _csrf: this.csrf(), ...fields }));
  }

  /** Signs in at `/admin/login` or `/staff/login`. */
  async login(base: '/admin' | '/staff', username: string) {
    await this.go('GET', `${base}/login`);
    return this.form(`${base}/login`, { username, password: `${username}-mat-khau-1` });
  }
}

let updateId = 880_000;
const staffMember = { id: 4242, is_bot: false, first_name: 'Minh', last_name: 'Trần' };

/** A staff member's reply to a ticket card in the Telegram staff group. */
export function staffReply(chatId: number, cardMessageId: number, text: string) {
  const id = ++updateId;
  return {
    update_id: id,
    message: {
      message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'supergroup', title: 'Tổ CCHC' }, from: staffMember, text,
      reply_to_message: { message_id: cardMessageId, date: 1, chat: { id: chatId, type: 'supergroup' }, from: { id: 1, is_bot: true, first_name: 'bot' }, text: 'card' },
    },
  };
}
