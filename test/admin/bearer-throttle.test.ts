/**
 * Issue 11, failure 7: wrong admin bearer tokens were never throttled. Now an address that sends a few
 * wrong tokens waits a doubling delay (429) before any token from it is compared again; other addresses
 * are unaffected, and the right token works again once the wait is over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startAdminApp } from './support.js';
import type { AdminHarness } from './support.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminApp();
});
afterAll(async () => {
  await h?.close();
});

const list = (token: string) => fetch(`${h.url}/api/admin/documents`, { headers: { authorization: `Bearer ${token}` } });

describe('admin bearer token throttling', () => {
  it('refuses every token from an address after repeated wrong ones, until the wait is over', async () => {
    for (let i = 0; i < 3; i += 1) expect((await list(`wrong-token-${i}-xxxxxxxxxxxx`)).status).toBe(401);
    const throttled = await list(ADMIN_TOKEN);
    expect(throttled.status, 'help: AdminAuth.bearer must consult the throttle before comparing').toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toMatchObject({ error_code: 'RATE_LIMITED' });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await list(ADMIN_TOKEN)).status, 'the right token works after the wait').toBe(200);
  });
});
