import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { isAppError } from '../../src/common/errors.js';
import { deleteWebhook, selectPlatforms, setWebhook, webhookInfo } from '../../src/app/ops/platform-webhooks.js';
import { startFakeTelegram } from '../fakes/telegram-api.js';
import type { FakeTelegram } from '../fakes/telegram-api.js';
import { startFakeZalo } from '../fakes/zalo-api.js';
import type { FakeZalo } from '../fakes/zalo-api.js';
import { TG_SECRET, TG_TOKEN, ZALO_SECRET } from '../e2e/harness.js';
import { runCli } from '../support/cli-process.js';

let telegram: FakeTelegram;
let zalo: FakeZalo;
let env: Record<string, string>;
beforeAll(async () => {
  telegram = await startFakeTelegram({ token: TG_TOKEN });
  zalo = await startFakeZalo();
  env = {
    PUBLIC_URL: 'https://cchc.example.gov.vn',
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: zalo.apiRoot,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
  };
});
afterAll(async () => Promise.all([telegram?.close(), zalo?.close()]));

async function detailOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(isAppError(err), `expected an AppError, got ${String(err)}`).toBe(true);
  return (err as { detail: string }).detail;
}

describe('platform webhooks', () => {
  it('sets the Telegram webhook at PUBLIC_URL with the secret, and the command menu in Vietnamese', async () => {
    const status = await setWebhook(loadConfig(env), 'telegram');
    expect(telegram.webhook).toMatchObject({ url: 'https://cchc.example.gov.vn/webhooks/telegram', secretToken: TG_SECRET });
    expect(status).toMatchObject({ url: 'https://cchc.example.gov.vn/webhooks/telegram', expectedUrl: 'https://cchc.example.gov.vn/webhooks/telegram', pendingUpdates: 0 });
    const menu = telegram.commands ?? [];
    expect(menu.map((c) => c.command).sort()).toEqual(['donvi', 'dunghoc', 'help', 'hoctap', 'hoicanbo', 'lienket', 'start', 'vanban']);
    for (const c of menu) expect(c.description, `/${c.command} needs a Vietnamese description`).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/i);
  });

  it('shows what Telegram reports: pending updates and the last delivery error', async () => {
    telegram.queueUpdate({ message: { message_id: 1, text: 'x', chat: { id: 1, type: 'private' }, date: 1 } });
    telegram.setWebhookError('Wrong response from the webhook: 503 Service Unavailable');
    const info = await webhookInfo(loadConfig(env), 'telegram');
    expect(info.pendingUpdates).toBe(1);
    expect(info.lastError?.message).toBe('Wrong response from the webhook: 503 Service Unavailable');
    expect(Math.abs((info.lastError?.at ?? 0) - Date.now())).toBeLessThan(60_000);
    telegram.setWebhookError(null);
  });

  it('sets, shows and deletes the Zalo webhook', async () => {
    const set = await setWebhook(loadConfig(env), 'zalo');
    expect(zalo.webhook).toMatchObject({ url: 'https://cchc.example.gov.vn/webhooks/zalo', secret_token: ZALO_SECRET });
    expect(set.url).toBe(set.expectedUrl);
    const gone = await deleteWebhook(loadConfig(env), 'zalo');
    expect(gone.url).toBe('');
    expect(zalo.webhook.url).toBe('');
  });

  it('refuses to register without PUBLIC_URL, over http, on a port Telegram does not call, or without a secret', async () => {
    const { PUBLIC_URL: _omit, TELEGRAM_WEBHOOK_SECRET: _secret, ...bare } = env;
    const detail = await detailOf(setWebhook(loadConfig(bare), 'telegram'));
    expect(detail).toContain('PUBLIC_URL is not set');
    expect(detail).toContain('TELEGRAM_WEBHOOK_SECRET is not set');
    expect(await detailOf(setWebhook(loadConfig({ ...env, PUBLIC_URL: 'http://cchc.example.gov.vn' }), 'zalo'))).toContain('must be https://');
    expect(await detailOf(setWebhook(loadConfig({ ...env, PUBLIC_URL: 'https://cchc.example.gov.vn:3000' }), 'telegram'))).toContain('ports 443, 80, 88 or 8443');
    expect(telegram.callsOf('setWebhook')).toHaveLength(1);
  });

  it('selects the configured platforms, or the one asked for when it is on', () => {
    expect(selectPlatforms(loadConfig(env))).toEqual(['telegram', 'zalo']);
    const { ZALO_BOT_TOKEN: _z, ...tgOnly } = env;
    expect(() => selectPlatforms(loadConfig(tgOnly), 'zalo')).toThrow(/ZALO_BOT_TOKEN is not set/);
    expect(() => selectPlatforms(loadConfig(env), 'viber')).toThrow(/--channel must be one of: telegram, zalo/);
  });
});

describe('cchc webhook (command line)', () => {
  it('sets both webhooks, then info exits 0 while they match PUBLIC_URL and 1 once one is gone', async () => {
    const set = await runCli(['webhook', 'set'], { env });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('telegram: webhook registered, command menu set');
    expect(set.stdout).toContain('zalo: webhook https://cchc.example.gov.vn/webhooks/zalo (matches PUBLIC_URL)');
    const info = await runCli(['webhook', 'info', '--json'], { env });
    expect(info.code).toBe(0);
    expect((JSON.parse(info.stdout) as Array<{ url: string }>).map((s) => s.url)).toEqual(['https://cchc.example.gov.vn/webhooks/telegram', 'https://cchc.example.gov.vn/webhooks/zalo']);
    const del = await runCli(['webhook', 'delete', '--channel', 'telegram', '--drop-pending'], { env });
    expect(del.code).toBe(0);
    expect(telegram.webhook).toBeNull();
    const after = await runCli(['webhook', 'info'], { env });
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('telegram: no webhook set');
  }, 180_000);

  it('names the action it expects', async () => {
    const r = await runCli(['webhook', 'register'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('webhook set|info|delete');
  }, 60_000);
});

describe('serve and WEBHOOK_SET_AT_START', () => {
  it('registers nothing at start when it is false, and the webhook and command menu when it is on', async () => {
    const { startHarness } = await import('../e2e/harness.js');
    const off = await startHarness({ PUBLIC_URL: 'https://cchc.example.gov.vn', WEBHOOK_SET_AT_START: 'false' });
    try {
      expect(off.telegram.callsOf('setWebhook')).toHaveLength(0);
      expect(off.telegram.callsOf('setMyCommands')).toHaveLength(0);
      expect(off.zalo.callsOf('setWebhook')).toHaveLength(0);
      expect(off.telegram.callsOf('getMe'), 'the token is still checked at start').toHaveLength(1);
    } finally {
      await off.close();
    }
    const on = await startHarness({ PUBLIC_URL: 'https://cchc.example.gov.vn' });
    try {
      expect(on.telegram.webhook?.url).toBe('https://cchc.example.gov.vn/webhooks/telegram');
      expect(on.telegram.commands?.length).toBe(8);
      expect(on.zalo.webhook.url).toBe('https://cchc.example.gov.vn/webhooks/zalo');
    } finally {
      await on.close();
    }
  }, 120_000);
});
