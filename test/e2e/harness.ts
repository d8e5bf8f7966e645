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
import { REPO_ROOT } from '../support/shared.js';

export const TG_TOKEN = '123456789:AAtestTokenForFakeTelegramApi_xyz';
export const TG_SECRET = 'tg-secret-0123456789abcdef';
export const ZALO_SECRET = 'zalo-secret-0123456789abcdef';

/** A booted bot server wired to fake Telegram and Zalo APIs on 127.0.0.1, with its own data folder. */
export interface Harness {
  app: App;
  url: string;
  telegram: FakeTelegram;
  zalo: FakeZalo;
  logs: string[];
  dataDir: string;
  close(): Promise<void>;
}

/** Boots the real app through app/ (the composition root) against the fakes. */
export async function startHarness(env: Record<string, string> = {}, opts: BuildOptions = {}): Promise<Harness> {
  const telegram = await startFakeTelegram({ token: TG_TOKEN });
  const zalo = await startFakeZalo();
  const root = mkdtempSync(join(tmpdir(), 'cchc-e2e-'));
  const dataDir = join(root, 'data');
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(REPO_ROOT, 'knowledge'),
    LOG_LEVEL: 'info',
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    ZALO_BOT_TOKEN: zalo.token,
    ZALO_API_ROOT: zalo.apiRoot,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
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
    logs,
    dataDir,
    async close() {
      await app.stop();
      await Promise.all([telegram.close(), zalo.close()]);
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
