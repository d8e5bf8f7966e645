/**
 * Webhook load benchmark (loopback only, bounded): POSTs real-shaped Telegram updates to a bot's webhook
 * from a fixed number of concurrent connections and measures, per update, the time from the POST to the
 * moment the fake Bot API receives the matching sendMessage. Run against our bot (`serve`) and against a
 * bare telegraf echo bot as the ceiling, both pointed at the same fake Bot API in this process.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../../src/search/eval-runner.js';
import { startCommand } from '../start-command.js';

export interface LoadResult {
  name: string;
  updates: number;
  seconds: number;
  updatesPerSecond: number;
  p50: number;
  p95: number;
  lost: number;
  duplicated: number;
  /** CPU time (user + system) the bot process spent per update during the run, ms; NaN where /proc is missing. */
  cpuMsPerUpdate: number;
}

/** User + system CPU time of process `pid` so far, ms (Linux /proc); NaN when it cannot be read. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

const TOKEN = '4242:benchTokenForTheFakeBotApi';
const SECRET = 'bench-secret-0123456789';

/** A minimal fake Bot API: records the arrival time of each sendMessage per chat, answers everything ok. */
function startSink(): Promise<{ server: Server; root: string; replies: Map<number, number[]> }> {
  const replies = new Map<number, number[]>();
  let messageId = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop() ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
      } catch {
        /* form bodies are not used by either bot */
      }
      let result: unknown = true;
      if (method === 'sendMessage') {
        const chat = Number(body.chat_id);
        const list = replies.get(chat) ?? [];
        list.push(performance.now());
        replies.set(chat, list);
        result = { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private' }, text: String(body.text ?? '') };
      } else if (method === 'getMe') {
        result = { id: 4242, is_bot: true, first_name: 'bench', username: 'bench_bot' };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ server, root: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, replies });
  }));
}

function waitForPort(child: ChildProcess, pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${out.slice(-2000)}`)));
  });
}

/** POSTs update number `i` (its own chat) and records when it was sent. */
async function sendUpdate(name: string, url: string, questions: string[], i: number, chat: number, sentAt: Map<number, number>): Promise<void> {
  const update = {
    update_id: chat,
    message: { message_id: i + 1, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private', first_name: 'Bench' }, from: { id: chat, is_bot: false, first_name: 'Bench' }, text: questions[i % questions.length] },
  };
  sentAt.set(chat, performance.now());
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${name}: webhook answered ${res.status}`);
}

/**
 * Drives `count` updates through `url` and waits for the replies: closed loop with `concurrency` senders
 * (saturation: throughput), or open loop at `rate` updates/s (latency at a steady offered load).
 */
async function drive(name: string, url: string, replies: Map<number, number[]>, questions: string[], count: number, load: { concurrency: number } | { rate: number }, chatBase: number, pid?: number): Promise<LoadResult> {
  const sentAt = new Map<number, number>();
  const cpuAtStart = cpuMs(pid);
  let next = 0;
  const started = performance.now();
  if ('concurrency' in load) {
    const worker = async () => {
      for (let i = next++; i < count; i = next++) await sendUpdate(name, url, questions, i, chatBase + i, sentAt);
    };
    await Promise.all(Array.from({ length: load.concurrency }, worker));
  } else {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / load.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(sendUpdate(name, url, questions, i, chatBase + i, sentAt));
    }
    await Promise.all(pending);
  }
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline && [...sentAt.keys()].some((c) => !replies.has(c))) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 300)); // late duplicates would show up here
  const latencies: number[] = [];
  let lost = 0;
  let duplicated = 0;
  let last = started;
  for (const [chat, t0] of sentAt) {
    const got = replies.get(chat);
    if (!got) {
      lost++;
      continue;
    }
    if (got.length > 1) duplicated++;
    latencies.push(got[0] - t0);
    last = Math.max(last, got[0]);
  }
  const seconds = (last - started) / 1000;
  const cpuMsPerUpdate = (cpuMs(pid) - cpuAtStart) / count;
  return { name, updates: count, seconds, updatesPerSecond: count / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), lost, duplicated, cpuMsPerUpdate };
}

/**
 * Updates sent between the run right after start and the warm run (per bot): V8 compiles hot functions
 * on helper threads for the first few thousand updates (bench/results.md, "Webhook latency under load"),
 * so the run right after start measures JIT warm-up as much as the bot. `BENCH_WARM_UPDATES` overrides it.
 */
const WARM_UPDATES = 5000;

/**
 * Runs the webhook load benchmark against the echo bot and our bot. Per bot: 100 warm-up updates, a
 * saturated run right after start (JIT still compiling), `warmUpdates` more, the saturated run again
 * (warm), then the steady rate. Results in this order: echo cold, echo warm, echo steady, ours cold, ours
 * warm, ours steady, then the same three for the echo bot with a durable outbox (ECHO_DB).
 */
export async function runWebhookLoad(root: string, questions: string[], count = 1500, concurrency = 16, rate = 100, warmUpdates = Number(process.env.BENCH_WARM_UPDATES ?? WARM_UPDATES)): Promise<LoadResult[]> {
  const sink = await startSink();
  const results: LoadResult[] = [];
  const work = mkdtempSync(join(tmpdir(), 'cchc-bench-'));
  const env = { ...process.env, TELEGRAM_API_ROOT: sink.root, TOKEN, SECRET };
  // Chat ids: each run of each bot its own range, so no update is a duplicate of an earlier one.
  const runBot = async (name: string, url: string, pid: number | undefined, base: number) => {
    await drive('warm-up', url, sink.replies, questions, 100, { concurrency }, base);
    results.push(await drive(`${name}, saturated, right after start`, url, sink.replies, questions, count, { concurrency }, base + 100_000, pid));
    await drive('warm-up', url, sink.replies, questions, warmUpdates, { concurrency }, base + 200_000);
    results.push(await drive(`${name}, saturated, warm`, url, sink.replies, questions, count, { concurrency }, base + 400_000, pid));
    results.push(await drive(`${name}, steady ${rate}/s`, url, sink.replies, questions, rate * 5, { rate }, base + 500_000, pid));
  };
  try {
    const echo = spawn(process.execPath, [join(root, 'dist/scripts/bench/echo-bot.js')], { env: { ...env, PORT: '0' } });
    const echoPort = await waitForPort(echo, /listening (\d+)/);
    await runBot('bare telegraf echo bot (ceiling)', `http://127.0.0.1:${echoPort}/webhooks/telegram`, echo.pid, 1_000_000);
    echo.kill('SIGTERM');
    // BENCH_PROFILE=<dir>: a CPU profile of the bot; BENCH_NODE_ARGS: further node flags (e.g. `--import <probe>`).
    const nodeArgs = [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
    // BENCH_BOT_ROOT: another built checkout's bot (before/after comparisons in the same conditions).
    const botRoot = process.env.BENCH_BOT_ROOT ?? root;
    // Started as `npm start` starts it (its node flags and environment settings), like the fault suite's servers.
    const start = startCommand(root);
    const bot = spawn(process.execPath, [...start.nodeFlags, ...nodeArgs, join(botRoot, 'dist/src/cli/main.js'), 'serve'], {
      env: {
        ...env,
        ...start.env,
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATA_DIR: join(work, 'data'),
        KNOWLEDGE_DIR: join(root, 'knowledge'),
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        RATE_LIMIT_PER_MINUTE: '1000',
      },
    });
    const botPort = await waitForPort(bot, /running: open http:\/\/[^:]+:(\d+)/);
    await runBot('cchc-bot (search + answer + SQLite)', `http://127.0.0.1:${botPort}/webhooks/telegram`, bot.pid, 3_000_000);
    bot.kill('SIGTERM');
    await new Promise((r) => bot.once('exit', r));
    // The echo bot again, keeping its answers durably (what durability alone costs; see echo-bot.ts).
    const durable = spawn(process.execPath, [join(root, 'dist/scripts/bench/echo-bot.js')], { env: { ...env, PORT: '0', ECHO_DB: join(work, 'echo.db') } });
    const durablePort = await waitForPort(durable, /listening (\d+)/);
    await runBot('echo bot with a durable outbox (2 SQLite commits per update)', `http://127.0.0.1:${durablePort}/webhooks/telegram`, durable.pid, 5_000_000);
    durable.kill('SIGTERM');
  } finally {
    sink.server.close();
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

/**
 * The "Webhook load" section of bench/results.md from one run's results (echo saturated, echo steady,
 * cchc saturated, cchc steady), with its targets; `note` is added under the heading (command, load).
 */
export function webhookSection(load: LoadResult[], note = ''): string {
  const [echoCold, echo, , botCold, bot, botSteady, durableCold, durable] = load;
  const f = (v: number, d = 3) => v.toFixed(d);
  const rate = (b: LoadResult, e: LoadResult) => `${Math.round(b.updatesPerSecond)} vs ${Math.round(e.updatesPerSecond)} (${f(b.updatesPerSecond / e.updatesPerSecond, 2)}×)`;
  const p95 = (b: LoadResult, e: LoadResult) => `${f(b.p95, 1)} vs ${f(e.p95, 1)} ms (${f(b.p95 / e.p95, 2)}×)`;
  const checks = [
    ['updates/s ≥ half the echo bot (saturated, warm)', bot.updatesPerSecond >= echo.updatesPerSecond / 2, `${rate(bot, echo)}; right after start ${rate(botCold, echoCold)}`],
    ['saturated p95 ≤ 2× the echo bot\'s (issue 11 item 9; warm)', bot.p95 <= 2 * echo.p95, `${p95(bot, echo)}; right after start ${p95(botCold, echoCold)}`],
    ['webhook → sendMessage p95 ≤ 50 ms at the steady rate', botSteady.p95 <= 50, `${f(botSteady.p95, 1)} ms (saturated: ${f(bot.p95, 1)} ms warm, ${f(botCold.p95, 1)} ms right after start)`],
    ...(durable ? [['(no target) saturated p95 against the echo bot with a durable outbox (warm)', true, `${p95(bot, durable)}; the durable echo bot against the bare one: ${p95(durable, echo)}; right after start ${p95(botCold, durableCold)} and ${p95(durableCold, echoCold)}`] as const] : []),
    ['zero lost or duplicated replies (all runs)', load.every((r) => r.lost === 0 && r.duplicated === 0), load.map((r) => `${r.lost}/${r.duplicated}`).join(', ')],
  ] as const;
  return [
    '## Webhook load (Telegram webhook → fake Bot API sendMessage, loopback)',
    '',
    `Per bot: 100 warm-up updates, then ${bot.updates} updates from 16 concurrent senders right after start (saturation: the throughput figure; latency there is mostly queueing), ${WARM_UPDATES.toLocaleString('en')} more (default; V8 is still compiling the hot code during the first run), the ${bot.updates} saturated updates again (warm: the targets), then ${botSteady.updates} updates sent at a steady ${Math.round(botSteady.updates / 5)} updates/s (open loop: the latency figure). Each update has its own chat; an update's latency is the time from its POST to the arrival of its sendMessage at the fake Bot API. Questions: the FAQ questions and their variants, a third of them reworded so they go through search. Last, the echo bot again keeping its answers across a crash the least way (\`ECHO_DB\`: one SQLite transaction recording the update and its reply job before the reply, one marking it delivered after; WAL, \`synchronous = NORMAL\`, a checkpointer thread): what durability alone costs. Load generator, fake API and bot share the 2 cores. CPU ms/update: user + system time of the bot process over the run, divided by its updates (less sensitive than rates to other processes on the machine).`,
    ...(note ? ['', note] : []),
    '',
    '| bot | updates | updates/s | p50 ms | p95 ms | CPU ms/update | lost | duplicated |',
    '|---|---|---|---|---|---|---|---|',
    ...load.map((r) => `| ${r.name} | ${r.updates} | ${Math.round(r.updatesPerSecond)} | ${f(r.p50, 1)} | ${f(r.p95, 1)} | ${f(r.cpuMsPerUpdate, 2)} | ${r.lost} | ${r.duplicated} |`),
    '',
    '| target | met | value |',
    '|---|---|---|',
    ...checks.map(([name, ok, v]) => `| ${name} | ${name.startsWith('(no target)') ? '–' : ok ? 'yes' : '**no**'} | ${v} |`),
    '',
  ].join('\n');
}
