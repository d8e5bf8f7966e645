import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleClient, consoleFixture, seedTicket, testPassword } from '../../../test/support/memory-staff-store.js';
import type { ConsoleFixture } from '../../../test/support/memory-staff-store.js';

let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server = undefined;
});

async function start(o: { secureCookies?: boolean } = {}): Promise<{ fx: ConsoleFixture; client: ConsoleClient }> {
  const fx = await consoleFixture(o);
  server = fx.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { fx, client: new ConsoleClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`) };
}

describe('staff console authentication', () => {
  it('sends unauthenticated GETs to the login page and answers unauthenticated POSTs with a 401 page', async () => {
    const { fx, client } = await start();
    await seedTicket(fx.tickets, { id: 't1' });
    const list = await client.get('/staff');
    expect([list.status, list.location]).toEqual([303, '/staff/login']);
    const post = await client.request('POST', '/staff/tickets/t1/claim', { _csrf: 'x' });
    expect(post.status).toBe(401);
    expect(post.headers.get('content-type')).toMatch(/text\/html/);
    expect(post.text).toContain('Vui lòng đăng nhập lại');
    expect((await fx.tickets.getTicket('t1'))?.state).toBe('open');
  });

  it('shows a labelled login form', async () => {
    const { client } = await start();
    const page = await client.get('/staff/login');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<label for="username">Tên đăng nhập</label>');
    expect(page.text).toContain('<label for="password">Mật khẩu</label>');
    expect(page.text).toContain('<link rel="stylesheet" href="/staff.css">');
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a wrong password with a Vietnamese message and no session', async () => {
    const { fx, client } = await start();
    const res = await client.login('lan', 'not-the-password');
    expect(res.status).toBe(401);
    expect(res.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(res.text).toContain('value="lan"');
    expect(client.cookies.has('cchc_staff')).toBe(false);
    expect(fx.accounts.sessions.size).toBe(0);
    expect((await client.login('nobody', 'whatever-password')).status).toBe(401);
  });

  it('signs in: HttpOnly, SameSite=Strict, Path=/staff, 12-hour cookie; the store keeps only a hash of it', async () => {
    const { fx, client } = await start();
    const res = await client.login('LAN ', testPassword('lan'));
    expect([res.status, res.location]).toEqual([303, '/staff']);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cchc_staff='));
    expect(cookie).toMatch(/; Max-Age=43200/);
    expect(cookie).toMatch(/; Path=\/staff/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const token = client.cookies.get('cchc_staff') ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [session] = [...fx.accounts.sessions.values()];
    expect(session.username).toBe('lan');
    expect(session.id).not.toBe(token);
    expect(session.expiresAt - session.createdAt).toBe(12 * 3600_000);
    const list = await client.get('/staff');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Đang đăng nhập: Nguyễn Thị Lan');
  });

  it('marks cookies Secure when secureCookies is set', async () => {
    const { client } = await start({ secureCookies: true });
    const page = await client.get('/staff/login');
    expect(page.headers.getSetCookie().every((c) => /; Secure/.test(c))).toBe(true);
  });

  it('refuses a login post without the form token (login CSRF)', async () => {
    const { client } = await start();
    await client.get('/staff/login');
    const res = await client.request('POST', '/staff/login', { username: 'lan', password: testPassword('lan'), _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(client.cookies.has('cchc_staff')).toBe(false);
  });

  it('answers 403 to a signed-in POST with a missing or wrong CSRF token', async () => {
    const { fx, client } = await start();
    await seedTicket(fx.tickets, { id: 't1' });
    await client.login('lan', testPassword('lan'));
    const missing = await client.request('POST', '/staff/tickets/t1/claim', {});
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('Biểu mẫu đã hết hạn hoặc không hợp lệ');
    const wrong = await client.request('POST', '/staff/tickets/t1/claim', { _csrf: 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect((await fx.tickets.getTicket('t1'))?.state).toBe('open');
  });

  it('delays a (username, address) pair after 3 failures with a growing wait (429, even with the right password)', async () => {
    const { fx, client } = await start();
    for (let i = 0; i < 3; i++) expect((await client.login('lan', `wrong-${i}-password`)).status).toBe(401);
    const blocked = await client.login('lan', testPassword('lan'));
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Anh/chị đã đăng nhập sai nhiều lần. Vui lòng đợi 1 giây rồi thử lại.');
    fx.clock.now += 1000;
    expect((await client.login('lan', testPassword('lan'))).status).toBe(303);
  });

  it('does not lock a correct login out of an address where another account keeps failing (issue 11)', async () => {
    const { client } = await start();
    for (let i = 0; i < 8; i++) await client.login('lan', `wrong-${i}-password`);
    expect((await client.login('lan', testPassword('lan'))).status, 'the failing pair is delayed').toBe(429);
    expect((await client.login('minh', testPassword('minh'))).status, 'another account from the same address').toBe(303);
  });

  it('refuses disabled accounts, and ends the session of an account disabled while signed in', async () => {
    const { fx, client } = await start();
    await client.login('lan', testPassword('lan'));
    await fx.accounts.setDisabled('lan', true);
    expect((await client.get('/staff')).location).toBe('/staff/login');
    expect(fx.accounts.sessions.size).toBe(0);
    const again = await client.login('lan', testPassword('lan'));
    expect(again.status).toBe(403);
    expect(again.text).toContain('Tài khoản này đã bị khóa');
  });

  it('expires sessions after 12 hours', async () => {
    const { fx, client } = await start();
    await client.login('lan', testPassword('lan'));
    fx.clock.now += 12 * 3600_000;
    expect((await client.get('/staff')).location).toBe('/staff/login');
  });

  it('logs out: the session is deleted and the login page says so', async () => {
    const { fx, client } = await start();
    await client.login('lan', testPassword('lan'));
    await client.get('/staff');
    const out = await client.post('/staff/logout');
    expect([out.status, out.location]).toEqual([303, '/staff/login?out=1']);
    expect(fx.accounts.sessions.size).toBe(0);
    expect((await client.get('/staff/login?out=1')).text).toContain('Anh/chị đã đăng xuất.');
    expect((await client.get('/staff')).location).toBe('/staff/login');
  });
});
