/**
 * The ceiling for the webhook load benchmark: a bare telegraf bot that echoes every text message, mounted
 * with telegraf's own `webhookCallback` on a plain node:http server. Started as a child process by
 * webhook-load.ts with PORT, TELEGRAM_API_ROOT, TOKEN and SECRET in the environment.
 */
import { createServer } from 'node:http';
import { Telegraf } from 'telegraf';

const bot = new Telegraf(process.env.TOKEN ?? '', { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT, webhookReply: false } });
bot.botInfo = { id: 1, is_bot: true, first_name: 'echo', username: 'echo_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
bot.on('text', (ctx) => ctx.reply(ctx.message.text));
bot.catch(() => {});
const handler = bot.webhookCallback('/webhooks/telegram', { secretToken: process.env.SECRET });
const server = createServer((req, res) => void handler(req, res));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`listening ${typeof a === 'object' && a ? a.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
