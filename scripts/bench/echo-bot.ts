/**
 * The ceiling for the webhook load benchmark: a bare telegraf bot that echoes every text message, mounted
 * with telegraf's own `webhookCallback` on a plain node:http server. Started as a child process by
 * webhook-load.ts with PORT, TELEGRAM_API_ROOT, TOKEN and SECRET in the environment.
 *
 * With ECHO_DB=<file>, the same bot keeps the least a bot must keep for its answers to survive a crash
 * (issue 11 items 1–3): per update one transaction recording the update key and its reply job before the
 * reply, and one marking the job delivered after it, on a SQLite file in WAL mode with the server's
 * durability settings (`synchronous = NORMAL`, checkpoints every second on a worker thread). It measures
 * what durability alone costs on this machine, with no search, answer or conversation work.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Telegraf } from 'telegraf';

const bot = new Telegraf(process.env.TOKEN ?? '', { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT, webhookReply: false } });
bot.botInfo = { id: 1, is_bot: true, first_name: 'echo', username: 'echo_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
const file = process.env.ECHO_DB;
if (file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec(`CREATE TABLE IF NOT EXISTS processed_updates (update_key TEXT PRIMARY KEY, processed_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS reply_jobs (id TEXT PRIMARY KEY, chat_id TEXT NOT NULL, text TEXT NOT NULL,
      state TEXT NOT NULL, created_at INTEGER NOT NULL, done_at INTEGER)`);
  const claim = db.prepare('INSERT OR IGNORE INTO processed_updates (update_key, processed_at) VALUES (?, ?)');
  const job = db.prepare(`INSERT INTO reply_jobs (id, chat_id, text, state, created_at) VALUES (?, ?, ?, 'pending', ?)`);
  const done = db.prepare(`UPDATE reply_jobs SET state = 'done', done_at = ? WHERE id = ?`);
  const record = db.transaction((key: string, chatId: string, text: string): string | undefined => {
    if (claim.run(key, Date.now()).changes !== 1) return undefined;
    const id = randomUUID();
    job.run(id, chatId, text, Date.now());
    return id;
  });
  // The server's checkpointer in miniature: a second connection copies the WAL back every second.
  new Worker(`const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))}); const db = new D(${JSON.stringify(file)});
    db.pragma('busy_timeout = 50'); setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, 1000);`, { eval: true }).unref();
  bot.on('text', async (ctx) => {
    const id = record.immediate(String(ctx.update.update_id), String(ctx.chat.id), ctx.message.text);
    if (!id) return;
    await ctx.reply(ctx.message.text);
    done.run(Date.now(), id);
  });
} else {
  bot.on('text', (ctx) => ctx.reply(ctx.message.text));
}
bot.catch(() => {});
const handler = bot.webhookCallback('/webhooks/telegram', { secretToken: process.env.SECRET });
const server = createServer((req, res) => void handler(req, res));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`listening ${typeof a === 'object' && a ? a.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
