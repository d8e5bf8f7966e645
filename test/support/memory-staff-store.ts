import express from 'express';
import type { Express } from 'express';
import { AppError } from '../../src/common/errors.js';
import { silentLogger } from '../../src/common/logger.js';
import type { Logger } from '../../src/common/logger.js';
import { TicketService, nullStaffNotifier } from '../../src/escalation/index.js';
import type { StaffAccount, StaffAccountStore, StaffSession, Ticket, TicketWaiter } from '../../src/escalation/index.js';
import type { FaqEntry } from '../../src/ingest/faq-file.js';
import { securityHeaders } from '../../src/http/security-headers.js';
import { createStaffRouter, hashPassword } from '../../src/http/staff/index.js';
import { Analyzer } from '../../src/text/analyzer.js';
import { MemoryTicketStore } from './memory-ticket-store.js';

/** An in-memory {@link StaffAccountStore} for console tests: accounts and sessions in maps, copied in and out. */
export class MemoryStaffAccountStore implements StaffAccountStore {
  readonly accounts = new Map<string, StaffAccount>();
  readonly sessions = new Map<string, StaffSession>();

  async createAccount(a: StaffAccount) {
    if (this.accounts.has(a.username)) throw new AppError('CONFLICT', `account ${a.username} exists`);
    this.accounts.set(a.username, { ...a });
  }
  async getAccount(username: string) {
    const a = this.accounts.get(username);
    return a ? { ...a } : null;
  }
  async listAccounts() {
    return [...this.accounts.values()].sort((a, b) => a.username.localeCompare(b.username)).map((a) => ({ ...a }));
  }
  async setPassword(username: string, passwordHash: string) {
    const a = this.accounts.get(username);
    if (!a) throw new AppError('NOT_FOUND', `no account ${username}`);
    a.passwordHash = passwordHash;
  }
  async setDisabled(username: string, disabled: boolean) {
    const a = this.accounts.get(username);
    if (!a) throw new AppError('NOT_FOUND', `no account ${username}`);
    a.disabled = disabled;
  }
  async createSession(s: StaffSession) {
    if (!this.accounts.has(s.username)) throw new AppError('NOT_FOUND', `no account ${s.username}`);
    this.sessions.set(s.id, { ...s });
  }
  async getSession(id: string) {
    const s = this.sessions.get(id);
    return s ? { ...s } : null;
  }
  async deleteSession(id: string) {
    this.sessions.delete(id);
  }
  async close() {}
}

/** Test accounts: one staff member, a colleague, and an admin; each password is `<username>-mat-khau-1`. */
export const TEST_ACCOUNTS = [
  { username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'staff' },
  { username: 'minh', displayName: 'Trần Văn Minh', role: 'staff' },
  { username: 'admin', displayName: 'Quản trị viên', role: 'admin' },
] as const;

/** The password of a {@link TEST_ACCOUNTS} entry. */
export function testPassword(username: string): string {
  return `${username}-mat-khau-1`;
}

const hashes = new Map<string, Promise<string>>();

/** The scrypt hash of a test password, computed once per test file (scrypt is deliberately slow). */
function testHash(username: string): Promise<string> {
  let h = hashes.get(username);
  if (!h) hashes.set(username, (h = hashPassword(testPassword(username))));
  return h;
}

/** Opens a ticket directly in the store (no analyzer, no notifier), with `waiters` officials waiting. */
export async function seedTicket(store: MemoryTicketStore, o: Partial<Ticket> & { id: string; waiters?: number }): Promise<Ticket> {
  const { waiters = 1, ...fields } = o;
  const base: Omit<Ticket, 'number' | 'version'> = {
    state: 'open',
    questionId: `q-${o.id}`,
    questionText: 'Thời hạn giải quyết thủ tục cấp giấy phép xây dựng là bao lâu?',
    channel: 'zalo',
    chatId: `chat-${o.id}`,
    userId: `user-${o.id}`,
    displayName: 'Lê Văn Hùng',
    excerpt: ['Người hỏi: Cho tôi hỏi về giấy phép xây dựng', 'Bot: Anh/chị hỏi cụ thể thủ tục nào?'],
    sources: [],
    reason: 'auto',
    createdAt: 0,
    reopenCount: 0,
    ...fields,
  };
  const first: TicketWaiter = { questionId: base.questionId, channel: base.channel, chatId: base.chatId, userId: base.userId, displayName: base.displayName, questionText: base.questionText, joinedAt: base.createdAt };
  let ticket = await store.createTicket(base, first);
  for (let i = 1; i < waiters; i++) {
    await store.addWaiter(ticket.id, { ...first, questionId: `${first.questionId}-${i}`, chatId: `${first.chatId}-${i}`, userId: `${first.userId}-${i}`, displayName: `Cán bộ xã ${i}` });
  }
  if (ticket.state !== base.state) ticket = await store.updateTicket(ticket.id, ticket.version, { state: base.state });
  return ticket;
}

/** An express app with just the staff console (and the static `/staff.css`), over in-memory stores. */
export interface ConsoleFixture {
  app: Express;
  tickets: MemoryTicketStore;
  accounts: MemoryStaffAccountStore;
  service: TicketService;
  /** The Q&A entries approved through the console. */
  faq: FaqEntry[];
  /** The fixture clock (ms); tests move it. */
  clock: { now: number };
}

/**
 * Builds the console over a real {@link TicketService}, {@link MemoryTicketStore} and the
 * {@link TEST_ACCOUNTS}, behind the app's security headers (so the CSP applies as in production).
 */
export async function consoleFixture(o: { remindMinutes?: number; logger?: Logger; publicDir?: string; secureCookies?: boolean; faqReview?: () => Array<{ faqId: string; question: string; reason: string }> } = {}): Promise<ConsoleFixture> {
  const clock = { now: Date.UTC(2025, 10, 20, 3, 0, 0) };
  const tickets = new MemoryTicketStore();
  const accounts = new MemoryStaffAccountStore();
  const faq: FaqEntry[] = [];
  for (const a of TEST_ACCOUNTS) {
    await accounts.createAccount({ ...a, passwordHash: await testHash(a.username), createdAt: 0, disabled: false });
  }
  const now = () => clock.now;
  const service = new TicketService({ tickets, notifier: nullStaffNotifier, analyzer: new Analyzer(), addFaq: (e) => faq.push(e), now });
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use('/staff', createStaffRouter({ tickets: service, ticketStore: tickets, accounts, secureCookies: o.secureCookies ?? false, remindMinutes: o.remindMinutes ?? 60, logger: o.logger ?? silentLogger, now, faqReview: o.faqReview }));
  if (o.publicDir) app.use(express.static(o.publicDir, { index: false, redirect: false }));
  return { app, tickets, accounts, service, faq, clock };
}

/** A response as {@link ConsoleClient} returns it. */
export interface ConsoleResponse {
  status: number;
  location: string | null;
  text: string;
  headers: Headers;
}

/**
 * A tiny browser stand-in for in-process tests: keeps cookies, does not follow redirects, posts forms,
 * and reads the `_csrf` token from the last page.
 */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  lastPage = '';

  constructor(readonly baseUrl: string) {}

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<ConsoleResponse> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.baseUrl + path, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const cleared = attrs.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()) || /^max-age=0$/i.test(a.trim()));
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    const text = await res.text();
    if (res.headers.get('content-type')?.includes('text/html')) this.lastPage = text;
    return { status: res.status, location: res.headers.get('location'), text, headers: res.headers };
  }

  get(path: string): Promise<ConsoleResponse> {
    return this.request('GET', path);
  }

  /** Posts a form with the `_csrf` token of the last page (unless the form sets `_csrf` itself). */
  post(path: string, form: Record<string, string> = {}): Promise<ConsoleResponse> {
    return this.request('POST', path, { _csrf: this.csrf(), ...form });
  }

  /** The `_csrf` value on the last HTML page ('' when none). */
  csrf(): string {
    return /name="_csrf" value="([^"]*)"/.exec(this.lastPage)?.[1] ?? '';
  }

  /** Signs in through the form; returns the POST's response. */
  async login(username: string, password: string): Promise<ConsoleResponse> {
    await this.get('/staff/login');
    return this.post('/staff/login', { username, password });
  }
}
