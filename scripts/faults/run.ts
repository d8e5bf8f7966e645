/**
 * Fault suite (issue 11): starts the real server (`serve`, built) as a child process against the fake
 * Telegram Bot API on loopback and injects faults on the update → answer → send path, then counts what
 * the officials received. Not a unit test: it kills real processes and waits real time.
 *
 * Phases (each can be skipped with its count or duration set to 0):
 * - kills: `--kills N` runs; each posts a few updates and kills the server with SIGKILL after a random
 *   delay (before the ack, between ack and answer, while a send is held in flight), restarts it, and
 *   redelivers what was not acknowledged, as Telegram does.
 * - outage: the platform resets every connection for `--outage-s` seconds while questions arrive.
 * - flood: one 429 with `retry_after` of `--retry-after-s` seconds.
 * - slow: one sendMessage answered after `--slow-s` seconds (it is delivered at once; the old client gave
 *   up at 30 s and sent again).
 * - resets: `--resets N` sends whose connection is reset unhandled.
 *
 * Prints faults injected, updates accepted, answers delivered, lost, duplicated, time to recover and RSS.
 *
 * @example
 * npm run build && npm run faults                       # quick run (about 3 minutes)
 * npm run faults -- --kills 100 --outage-s 300 --retry-after-s 120 --slow-s 40   # the long run
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeTelegram } from '../../test/fakes/telegram-api.js';
import type { FakeTelegram } from '../../test/fakes/telegram-api.js';

const TOKEN = '123456789:AAfaultsTokenForTheFakeTelegramApi';
const SECRET = 'faults-secret-0123456789';
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const MAIN = join(ROOT, 'dist/src/cli/main.js');
const QUESTIONS = [
  'Cơ chế một cửa là gì?',
  'thu tuc hanh chinh la gi',
  'Bộ phận một cửa có nhiệm vụ gì?',
  'Dịch vụ công trực tuyến toàn trình là gì?',
  'Thời hạn giải quyết hồ sơ được tính thế nào?',
];

interface Options {
  kills: number;
  updatesPerKill: number;
  outageS: number;
  retryAfterS: number;
  slowS: number;
  resets: number;
  recoverS: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { kills: 20, updatesPerKill: 3, outageS: 20, retryAfterS: 35, slowS: 35, resets: 5, recoverS: 60 };
  const names: Record<string, keyof Options> = {
    '--kills': 'kills', '--updates-per-kill': 'updatesPerKill', '--outage-s': 'outageS', '--retry-after-s': 'retryAfterS',
    '--slow-s': 'slowS', '--resets': 'resets', '--recover-s': 'recoverS',
  };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isFinite(value) || value < 0) throw new Error(`unknown option or bad value: ${argv[i]} ${argv[i + 1] ?? ''}; options: ${Object.keys(names).join(', ')}`);
    o[key] = value;
    i++;
  }
  return o;
}

/** A running `serve` child. */
interface Server {
  child: ChildProcess;
  url: string;
  startedAt: number;
  exited: Promise<void>;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [MAIN, 'serve'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running: open (http:\/\/[^/]+)\//.exec(out);
      if (m) {
        child.stdout?.removeListener('data', onData);
        child.stderr?.removeListener('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolvePromise({ child, url: m[1].replace('localhost', '127.0.0.1'), startedAt, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`server exited before listening:\n${out.slice(-2000)}`)));
  });
}

async function kill9(s: Server): Promise<void> {
  s.child.kill('SIGKILL');
  await s.exited;
}

async function stop(s: Server): Promise<void> {
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 20_000);
  await s.exited;
  clearTimeout(timer);
}

function rssMb(pid: number | undefined): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

let nextUpdateId = 5_000_000;
let nextChat = 900_000;

/** One question sent to the bot: its own chat, so every message to that chat is its answer. */
interface Sent {
  update: Record<string, unknown>;
  chatId: number;
  acked: boolean;
  at: number;
}

function newUpdate(): Sent {
  const chatId = ++nextChat;
  const id = ++nextUpdateId;
  const text = QUESTIONS[id % QUESTIONS.length];
  const update = {
    update_id: id,
    message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Lan' }, from: { id: chatId, is_bot: false, first_name: 'Lan' }, text },
  };
  return { update, chatId, acked: false, at: Date.now() };
}

async function deliver(url: string, s: Sent): Promise<boolean> {
  try {
    const res = await fetch(`${url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(s.update) });
    await res.text();
    if (res.status === 200) s.acked = true;
    return res.status === 200;
  } catch {
    return false;
  }
}

/** What each chat received: accepted sendMessage texts. */
function received(fake: FakeTelegram, chatId: number): string[] {
  return fake.calls.filter((c) => c.method === 'sendMessage' && c.status === 200 && Number(c.params.chat_id) === chatId).map((c) => String(c.params.text));
}

/** Waits until every question got at least one message, or `ms` passes; returns when the last one arrived. */
async function waitAnswered(fake: FakeTelegram, sent: Sent[], ms: number): Promise<number> {
  const end = Date.now() + ms;
  while (Date.now() < end && sent.some((s) => received(fake, s.chatId).length === 0)) await sleep(100);
  return Date.now();
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Tally {
  phase: string;
  faults: number;
  accepted: number;
  delivered: number;
  lost: number;
  duplicated: number;
  recoverMs: number[];
  rss?: [number, number];
}

function tally(phase: string, fake: FakeTelegram, sent: Sent[], faults: number, recoverMs: number[], rss?: [number, number]): Tally {
  let delivered = 0;
  let lost = 0;
  let duplicated = 0;
  for (const s of sent) {
    const texts = received(fake, s.chatId);
    if (texts.length) delivered++;
    else lost++;
    duplicated += texts.length - new Set(texts).size;
  }
  return { phase, faults, accepted: sent.filter((s) => s.acked).length, delivered, lost, duplicated, recoverMs, rss };
}

async function killPhase(o: Options, env: Record<string, string>, fake: FakeTelegram): Promise<Tally> {
  const sent: Sent[] = [];
  const recover: number[] = [];
  let server = await startServer(env);
  for (let run = 0; run < o.kills; run++) {
    const batch = Array.from({ length: o.updatesPerKill }, newUpdate);
    sent.push(...batch);
    // Sometimes hold the first send so the kill lands while a request is in flight.
    if (run % 3 === 1) fake.behaveNext('sendMessage', { kind: 'stall', ms: 5000 });
    const posts = batch.map((s) => deliver(server.url, s));
    await sleep(Math.floor(Math.random() * 400));
    await kill9(server);
    await Promise.allSettled(posts);
    const restartAt = Date.now();
    server = await startServer(env);
    // Telegram redelivers what it did not see acknowledged; redeliver everything once more at random too.
    for (const s of batch) if (!s.acked || Math.random() < 0.3) await deliver(server.url, s);
    const pending = sent.filter((s) => received(fake, s.chatId).length === 0);
    const doneAt = await waitAnswered(fake, pending, o.recoverS * 1000);
    recover.push(doneAt - restartAt);
    process.stdout.write(`kill ${run + 1}/${o.kills}: ${pending.length} pending after restart, recovered in ${doneAt - restartAt} ms\n`);
  }
  await waitAnswered(fake, sent, 5000);
  await stop(server);
  return tally(`kill -9 (${o.kills} runs × ${o.updatesPerKill} updates)`, fake, sent, o.kills, recover);
}

async function platformPhases(o: Options, env: Record<string, string>, fake: FakeTelegram): Promise<Tally[]> {
  const server = await startServer(env);
  await sleep(500);
  const rssStart = rssMb(server.child.pid);
  const out: Tally[] = [];
  if (o.outageS > 0) {
    const sent: Sent[] = [];
    fake.outageFor(o.outageS * 1000);
    const until = Date.now() + o.outageS * 1000;
    while (Date.now() < until - 1000) {
      const s = newUpdate();
      sent.push(s);
      await deliver(server.url, s);
      await sleep(Math.max(250, (o.outageS * 1000) / 40));
    }
    await sleep(Math.max(0, until - Date.now()));
    const endedAt = Date.now();
    process.stdout.write(`outage of ${o.outageS} s over; ${sent.length} questions waiting\n`);
    const doneAt = await waitAnswered(fake, sent, Math.max(o.recoverS, 330) * 1000);
    out.push(tally(`platform outage ${o.outageS} s (connections reset)`, fake, sent, 1, [doneAt - endedAt]));
  }
  if (o.retryAfterS > 0) {
    const s = newUpdate();
    fake.failNext('sendMessage', { code: 429, retryAfter: o.retryAfterS });
    const t0 = Date.now();
    await deliver(server.url, s);
    const doneAt = await waitAnswered(fake, [s], (o.retryAfterS + o.recoverS) * 1000);
    const early = doneAt - t0 < o.retryAfterS * 1000;
    process.stdout.write(`429 retry_after ${o.retryAfterS} s: answered after ${doneAt - t0} ms${early ? ' (TOO EARLY)' : ''}\n`);
    out.push(tally(`429 retry_after ${o.retryAfterS} s`, fake, [s], 1, [doneAt - t0]));
  }
  if (o.slowS > 0) {
    const s = newUpdate();
    fake.behaveNext('sendMessage', { kind: 'slow', ms: o.slowS * 1000 });
    const t0 = Date.now();
    await deliver(server.url, s);
    await waitAnswered(fake, [s], 10_000);
    // Wait past the slow answer and the old client's retry window, then count copies.
    await sleep(o.slowS * 1000 + 5000);
    out.push(tally(`slow sendMessage ${o.slowS} s`, fake, [s], 1, [Date.now() - t0]));
  }
  if (o.resets > 0) {
    const sent = Array.from({ length: o.resets }, newUpdate);
    fake.behaveNext('sendMessage', { kind: 'reset', times: o.resets });
    const t0 = Date.now();
    for (const s of sent) await deliver(server.url, s);
    const doneAt = await waitAnswered(fake, sent, o.recoverS * 1000);
    out.push(tally(`connection resets ×${o.resets}`, fake, sent, o.resets, [doneAt - t0]));
  }
  const rssEnd = rssMb(server.child.pid);
  await stop(server);
  if (out.length) out[out.length - 1].rss = [rssStart, rssEnd];
  return out;
}

function report(rows: Tally[], seconds: number): void {
  const fmt = (ms: number[]) => (ms.length ? `${(Math.max(...ms) / 1000).toFixed(1)} s max, ${(ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)] / 1000).toFixed(1)} s median` : '-');
  const lines = [
    '| phase | faults injected | updates accepted | answers delivered | lost | duplicated | time to recover |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.phase} | ${r.faults} | ${r.accepted} | ${r.delivered} | ${r.lost} | ${r.duplicated} | ${fmt(r.recoverMs)} |`),
  ];
  const total = rows.reduce((a, r) => ({ lost: a.lost + r.lost, duplicated: a.duplicated + r.duplicated, faults: a.faults + r.faults }), { lost: 0, duplicated: 0, faults: 0 });
  const rss = rows.find((r) => r.rss)?.rss;
  process.stdout.write(`\n${lines.join('\n')}\n\nTotal: ${total.faults} faults, ${total.lost} lost, ${total.duplicated} duplicated; ` +
    `server RSS ${rss ? `${rss[0]} MB at start, ${rss[1]} MB at end (platform phases, one process)` : 'not measured'}; ${seconds.toFixed(0)} s in all.\n`);
  process.stdout.write(`${JSON.stringify({ rows, total, rss })}\n`);
  if (total.lost || total.duplicated) process.exitCode = 1;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const fake = await startFakeTelegram({ token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'cchc-faults-'));
  const env = {
    DATA_DIR: join(dir, 'data'),
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    WEBHOOK_SET_AT_START: 'false',
    RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
    PORT: '0',
  };
  try {
    const rows: Tally[] = [];
    if (o.kills > 0) rows.push(await killPhase(o, env, fake));
    rows.push(...(await platformPhases(o, env, fake)));
    report(rows, (Date.now() - t0) / 1000);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`faults: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
