import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/index.js';
import type { AppStore as Store, StorePorts } from '../../src/storage/index.js';
import { AppError } from '../../src/common/errors.js';
import { startHarness, tgText, post, TG_SECRET } from './harness.js';
import type { Harness } from './harness.js';

/** While `state.down` is set, every method of `target` but `close` fails the way an unreachable database does. */
function guard<T extends object>(target: T, state: { down: boolean }): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver);
      if (typeof v !== 'function' || prop === 'close') return v;
      return (...args: unknown[]) => (state.down ? Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'database unreachable (simulated)')) : v.apply(t, args));
    },
  });
}

/**
 * Wraps a real store; while `down` is set it fails like an unreachable database. The app hands each service
 * a port object (`store.ports.*`) and pings the store itself, so every port object is wrapped (whatever
 * ports there are), and so is the store (ping, and the mounted methods tests call directly).
 */
function flaky(store: Store): Store & { down: boolean } {
  const state = { down: false };
  const ports = Object.fromEntries(Object.entries(store.ports).map(([name, port]) => [name, guard(port as object, state)])) as unknown as StorePorts;
  const whole = guard(store, state);
  return new Proxy(whole as Store & { down: boolean }, {
    get(target, prop, receiver) {
      if (prop === 'down') return state.down;
      if (prop === 'ports') return ports;
      return Reflect.get(target, prop, receiver);
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
