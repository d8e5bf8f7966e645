import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTelegram } from '../fakes/telegram-api.js';
import type { FakeTelegram } from '../fakes/telegram-api.js';
import { startFakeZalo, zaloTextEvent } from '../fakes/zalo-api.js';
import type { FakeZalo } from '../fakes/zalo-api.js';
import { REPO_ROOT } from '../support/shared.js';
import { TG_SECRET, TG_TOKEN, ZALO_SECRET, post } from './harness.js';

const STAFF_CHAT = -1005556667778;
const MAIN = join(REPO_ROOT, 'dist/src/cli/main.js');

/** Starts the real server (`serve`) as a child process; resolves with its URL. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing. help: run "npm run build" (npm install runs it)`);
  const child = spawn(process.execPath, [MAIN, 'serve'], { env: { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'warn' } });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running: open (http:\/\/[^/]+)\//.exec(out);
      if (m) resolve({ child, url: m[1] });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out.slice(-3000)}`)));
  });
}

describe('a staff answer survives a crash between recording and sending', () => {
  let telegram: FakeTelegram;
  let zalo: FakeZalo;
  const dir = mkdtempSync(join(tmpdir(), 'cchc-crash-'));
  let env: Record<string, string>;
  beforeAll(async () => {
    telegram = await startFakeTelegram({ token: TG_TOKEN });
    zalo = await startFakeZalo();
    env = {
      DATA_DIR: join(dir, 'data'),
      KNOWLEDGE_DIR: join(REPO_ROOT, 'knowledge'),
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT),
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.apiRoot,
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    };
  });
  afterAll(async () => {
    await Promise.all([telegram?.close(), zalo?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is delivered after restart, exactly once', async () => {
    let server = await startServer(env);
    try {
      await post(`${server.url}/webhooks/zalo`, zaloTextEvent({ chatId: 'zc-1', text: 'Quy trình thanh lý tài sản công là máy tính cũ của xã thực hiện ra sao?' }, { envelope: 'flat' }), { 'x-bot-api-secret-token': ZALO_SECRET });
      // The bot offers the staff; the official accepts by typing "1".
      await zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zc-1' && /Trả lời 1/.test(String(c.body.text)), 15_000);
      await post(`${server.url}/webhooks/zalo`, zaloTextEvent({ chatId: 'zc-1', text: '1' }, { envelope: 'flat' }), { 'x-bot-api-secret-token': ZALO_SECRET });
      const card = await telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(STAFF_CHAT), 15_000);
      const cardId = (card.result as { message_id: number }).message_id;
      // Zalo refuses every send from now on: the answer is recorded but cannot go out.
      zalo.failNext('sendMessage', 500, 1000);
      await post(
        `${server.url}/webhooks/telegram`,
        { update_id: 91, message: { message_id: 91, date: 1, chat: { id: STAFF_CHAT, type: 'supergroup' }, from: { id: 7, is_bot: false, first_name: 'Minh' }, text: 'Câu trả lời của cán bộ: lập hội đồng thanh lý theo quy định.', reply_to_message: { message_id: cardId, date: 1, chat: { id: STAFF_CHAT, type: 'supergroup' }, from: { id: 1, is_bot: true, first_name: 'bot' }, text: 'card' } } },
        { 'x-telegram-bot-api-secret-token': TG_SECRET },
      );
      await zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zc-1' && String(c.body.text).includes('lập hội đồng') && c.status === 500, 15_000);
    } finally {
      server.child.kill('SIGKILL');
      await new Promise((r) => server.child.once('exit', r));
    }
    expect(zalo.sentTexts('zc-1').some((t) => t.includes('lập hội đồng')), 'nothing was delivered before the crash').toBe(false);
    zalo.reset();
    server = await startServer(env);
    try {
      await zalo.waitFor('sendMessage', (c) => c.body.chat_id === 'zc-1' && String(c.body.text).includes('lập hội đồng') && c.status === 200, 30_000);
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
    }
    // and a further restart does not send it again
    server = await startServer(env);
    try {
      await new Promise((r) => setTimeout(r, 2500));
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));
    }
    expect(zalo.sentTexts('zc-1').filter((t) => t.includes('lập hội đồng'))).toHaveLength(1);
  }, 90_000);
});
