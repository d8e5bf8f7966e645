import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/index.js';
import type { AppStore as Store } from '../../src/storage/index.js';
import { AppError } from '../../src/common/errors.js';
import { startHarness, tgText, post, TG_SECRET } from './harness.js';
import type { Harness } from './harness.js';

/** Wraps a real store; while `down` is set every call fails the way an unreachable database does. */
function flaky(store: Store): Store & { down: boolean } {
  const state = { down: false };
  return new Proxy(store as Store & { down: boolean }, {
    get(target, prop, receiver) {
      if (prop === 'down') return state.down;
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function' || prop === 'close') return v;
      return (...args: unknown[]) => (state.down ? Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'database unreachable (simulated)')) : v.apply(target, args));
    },
    set(_t, prop, value) {
      if (prop === 'down') state.down = Boolean(value);
      return true;
    },
  });
}

describe('database outage', () => {
  let h: Harness;
  let store: Store & { down: boolean };
  const dir = mkdtempSync(join(tmpdir(), 'cchc-outage-'));
  beforeAll(async () => {
    store = flaky(await openStore(`sqlite:${join(dir, 'db.sqlite')}`));
    h = await startHarness({}, { store });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while the database is down, then processes the redelivered update once', async () => {
    const update = tgText(888, 'Cơ chế một cửa là gì?');
    store.down = true;
    const during = await post(`${h.url}/webhooks/telegram`, update, { 'x-telegram-bot-api-secret-token': TG_SECRET });
    expect(during.status).toBe(503);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(503);
    store.down = false;
    const after = await post(`${h.url}/webhooks/telegram`, update, { 'x-telegram-bot-api-secret-token': TG_SECRET });
    const again = await post(`${h.url}/webhooks/telegram`, update, { 'x-telegram-bot-api-secret-token': TG_SECRET });
    expect([after.status, again.status]).toEqual([200, 200]);
    await h.telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === '888', 10_000);
    await h.app.dispatcher.drain();
    expect(h.telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === '888')).toHaveLength(1);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
