import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/index.js';
import { buildApp } from '../../src/app/index.js';
import type { App, BuildOptions } from '../../src/app/index.js';
import { startFakeTelegram } from '../fakes/telegram-api.js';
import type { FakeTelegram } from '../fakes/telegram-api.js';
import { startFakeZalo } from '../fakes/zalo-api.js';
import type { FakeZalo } from '../fakes/zalo-api.js';
import { startFakeZaloOa } from '../fakes/zalo-oa-api.js';
import type { FakeZaloOa } from '../fakes/zalo-oa-api.js';
import { createServer } from 'node:net';
import { REPO_ROOT } from '../support/shared.js';

export const TG_TOKEN = '123456789:AAtestTokenForFakeTelegramApi_xyz';
export const TG_SECRET = 'tg-secret-0123456789abcdef';
export const ZALO_SECRET = 'zalo-secret-0123456789abcdef';
/** ZALO_OA_TOKEN_KEY of the harness (32 bytes, hex). */
export const OA_TOKEN_KEY = 'a1'.repeat(32);

/** A booted bot server wired to fake Telegram and Zalo APIs on 127.0.0.1, with its own data folder. */
export interface Harness {
  app: App;
  url: string;
  telegram: FakeTelegram;
  zalo: FakeZalo;
  /** The fake Zalo OA platform; the app's OA is connected with a seed refresh token at start. */
  zaloOa: FakeZaloOa;
  logs: string[];
  dataDir: string;
  close(): Promise<void>;
}

/** A free port on 127.0.0.1 (so PUBLIC_URL can name the app's address before it starts). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The ZALO_OA_* settings pointing the app at `fake`, connected through a seed refresh token. */
export function zaloOaEnv(fake: FakeZaloOa): Record<string, string> {
  return {
    ZALO_OA_APP_ID: fake.appId, ZALO_OA_APP_SECRET: fake.appSecret, ZALO_OA_SECRET_KEY: fake.secretKey, ZALO_OA_TOKEN_KEY: OA_TOKEN_KEY,
    ZALO_OA_API_ROOT: fake.apiRoot, ZALO_OA_OAUTH_ROOT: fake.oauthRoot, ZALO_OA_REFRESH_TOKEN: fake.issueRefreshToken(),
  };
}

/**
 * Boots the real app through app/ (the composition root) against the fakes. With `publicUrl`, the app
 * listens on a port picked beforehand and PUBLIC_URL names it (the OA OAuth callback needs it).
 */
export async function startHarness(env: Record<string, string> = {}, opts: BuildOptions = {}, h: { publicUrl?: boolean } = {}): Promise<Harness> {
  const telegram = await startFakeTelegram({ token: TG_TOKEN });
  const zalo = await startFakeZalo();
  const zaloOa = await startFakeZaloOa();
  const fixedPort = h.publicUrl ? await freePort() : 0;
  const root = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
  const dataDir = join(root, 'data');
  const config = loadConfig({
    PORT: String(fixedPort),
    ...(h.publicUrl ? { PUBLIC_URL: `http://127.0.0.1:${fixedPort}` } : {}),
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(REPO_ROOT, 'knowledge'),
    LOG_LEVEL: 'info',
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: zalo.apiRoot,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ...zaloOaEnv(zaloOa),
    // Every test client is 127.0.0.1: the web chat's per-address limits (issue 11) would throttle scenario
    // tests that are not about them. Tests of the limits set their own values.
    WEBCHAT_RATE_PER_ADDRESS: '10000',
    WEBCHAT_ESCALATIONS_PER_ADDRESS: '1000',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const app = await buildApp(config, { logDestination: sink, retry: { baseDelayMs: 5, maxDelayMs: 50, attempts: 5 }, zaloMinSendIntervalMs: 0, ...opts });
  const port = await app.start();
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    url,
    telegram,
    zalo,
    zaloOa,
    logs,
    dataDir,
    async close() {
      await app.stop();
      await Promise.all([telegram.close(), zalo.close(), zaloOa.close()]);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

let updateId = 1000;
/** A real-shaped Telegram private-chat text update. */
export function tgText(chatId: number, text: string, extra: Record<string, unknown> = {}) {
  const id = ++updateId;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Lan' },
      from: { id: chatId, is_bot: false, first_name: 'Lan', language_code: 'vi' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0].length }] } : {}),
      ...extra,
    },
  };
}

/** POSTs JSON to the server. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json: json as Record<string, unknown> | null, text };
}
