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
 * - pg-down: a throwaway PostgreSQL (initdb + pg_ctl on a free port, see infra.ts) behind the bot, stopped
 *   like a crash for `--pg-down-s` seconds while questions arrive; webhooks refused meanwhile are
 *   redelivered every second, as Telegram does after a non-2xx answer.
 * - disk-full: DATA_DIR on a `--disk-mb` MiB tmpfs filled to leave less than a snapshot; a reindex must
 *   fail with its reason while the old snapshot keeps answering (root needed for the mount).
 * - soak: `--soak-minutes N` of mixed traffic (questions, feedback, escalations, staff replies in the fake
 *   staff group, a reindex, a hostile DOCX upload), RSS sampled every 5 s, /healthz polled every second.
 *
 * `--only kills,pg-down` runs only the named parts (kills, outage, flood, slow, resets, pg-down, disk-full,
 * soak).
 *
 * Set FAULTS_LOG=<file> to keep the servers' logs (LOG_LEVEL from the environment, default warn), and
 * FAULTS_SERVER_ENV="NAME=value …" to give the servers under test other settings (e.g. SEARCH_CACHE_SIZE=0).
 *
 * Prints faults injected, updates accepted, answers delivered, lost, duplicated, time to recover and RSS.
 *
 * @example
 * npm run build && npm run faults                       # every part, 10-minute soak (about 25 minutes)
 * npm run faults -- --only pg-down                      # one part alone
 * npm run faults -- --only soak --soak-minutes 2
 * npm run faults -- --kills 100 --outage-s 300 --retry-after-s 120 --slow-s 40   # the long run
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startFakeTelegram } from '../../test/fakes/telegram-api.js';
import type { FakeCall, FakeTelegram } from '../../test/fakes/telegram-api.js';
import { buildDocxBomb } from '../../test/fixtures/loaders/build-bomb.js';
import { renderTelegram } from '../../src/channels/telegram/render.js';
import type { OutboundReply } from '../../src/conversation/types.js';
import { cleanupAll, cleanupOnSignals, mountSmallDisk, startThrowawayPg } from './infra.js';
import { startCommand } from '../start-command.js';

const require_ = createRequire(import.meta.url);
const TOKEN = '123456789:AAfaultsTokenForTheFakeTelegramApi';
const SECRET = 'faults-secret-0123456789';
const ADMIN_TOKEN = 'faults-admin-token-0123456789abcdef';
const STAFF_CHAT = -1009876543210;
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const MAIN = join(ROOT, 'dist/src/cli/main.js');
/** The servers under test run as `npm start` runs them: its environment settings and node flags. */
const START = startCommand(ROOT);
const QUESTIONS = [
  'Cơ chế một cửa là gì?',
  'thu tuc hanh chinh la gi',
  'Bộ phận một cửa có nhiệm vụ gì?',
  'Dịch vụ công trực tuyến toàn trình là gì?',
  'Thời hạn giải quyết hồ sơ được tính thế nào?',
];
const PARTS = ['kills', 'outage', 'flood', 'slow', 'resets', 'pg-down', 'disk-full', 'soak'] as const;
type Part = (typeof PARTS)[number];

interface Options {
  kills: number;
  updatesPerKill: number;
  outageS: number;
  retryAfterS: number;
  slowS: number;
  resets: number;
  recoverS: number;
  pgDownS: number;
  diskMb: number;
  soakMinutes: number;
  only: Set<Part>;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { kills: 20, updatesPerKill: 3, outageS: 20, retryAfterS: 35, slowS: 35, resets: 5, recoverS: 60, pgDownS: 10, diskMb: 24, soakMinutes: 10, only: new Set(PARTS) };
  const names: Record<string, Exclude<keyof Options, 'only'>> = {
    '--kills': 'kills', '--updates-per-kill': 'updatesPerKill', '--outage-s': 'outageS', '--retry-after-s': 'retryAfterS',
    '--slow-s': 'slowS', '--resets': 'resets', '--recover-s': 'recoverS', '--pg-down-s': 'pgDownS', '--disk-mb': 'diskMb',
    '--soak-minutes': 'soakMinutes',
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') {
      const parts = (argv[i + 1] ?? '').split(',').filter(Boolean);
      const bad = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (!parts.length || bad.length) throw new Error(`--only takes a comma-separated list of: ${PARTS.join(', ')}`);
      o.only = new Set(parts as Part[]);
      i++;
      continue;
    }
    const key = names[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isFinite(value) || value < 0) throw new Error(`unknown option or bad value: ${argv[i]} ${argv[i + 1] ?? ''}; options: --only, ${Object.keys(names).join(', ')}`);
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
  const child = spawn(process.execPath, [...START.nodeFlags, MAIN, 'serve'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running: open (http:\/\/[^/]+)\//.exec(out);
      if (m) {
        child.stdout?.removeListener('data', onData);
        child.stderr?.removeListener('data', onData);
        if (process.env.FAULTS_LOG) {
          const log = (d: Buffer) => appendFileSync(process.env.FAULTS_LOG as string, d);
          log(Buffer.from(out));
          child.stdout?.on('data', log);
          child.stderr?.on('data', log);
        }
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

/** One SIGKILL: when it happened, when the next server was started, and what the dead process had recorded. */
interface Kill {
  at: number;
  restartAt: number;
  /** Reply jobs per chat as the killed process left them in SQLite (read before the restart). */
  jobs: Map<number, RecordedJob>;
}

interface RecordedJob {
  state: string;
  /** Replies whose acceptance was recorded. */
  delivered: number;
  replies: OutboundReply[] | null;
}

async function kill9(s: Server): Promise<number> {
  const at = Date.now();
  s.child.kill('SIGKILL');
  await s.exited;
  return at;
}

async function stop(s: Server): Promise<void> {
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 20_000);
  await s.exited;
  clearTimeout(timer);
}

/** Whether the server process has exited since this was called (a crash, during a fault part). */
function crashWatch(server: { exited: Promise<unknown> }): () => boolean {
  let crashed = false;
  void server.exited.then(() => {
    crashed = true;
  });
  return () => crashed;
}

function rssMb(pid: number | undefined): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return Math.round(kb / 1024);
  } catch {
    return NaN;
  }
}

/** Reads the reply jobs of `chats` from the SQLite file of a stopped server. */
function readJobs(dataDir: string, chats: number[]): Map<number, RecordedJob> {
  const Database = require_('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(join(dataDir, 'cchc.sqlite'));
  try {
    const out = new Map<number, RecordedJob>();
    const stmt = db.prepare(`SELECT chat_id, state, delivered, replies FROM reply_jobs WHERE channel = 'telegram' AND chat_id = ?`);
    for (const chat of chats) {
      const row = stmt.get(String(chat)) as { state: string; delivered: number; replies: string | null } | undefined;
      if (row) out.set(chat, { state: row.state, delivered: row.delivered, replies: row.replies ? (JSON.parse(row.replies) as OutboundReply[]) : null });
    }
    return out;
  } finally {
    db.close();
  }
}

/** When each done job was recorded as delivered (`done_at`), by chat. */
function readDoneAt(dataDir: string): Map<number, number> {
  const Database = require_('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(join(dataDir, 'cchc.sqlite'), { readonly: true });
  try {
    const rows = db.prepare(`SELECT chat_id, done_at FROM reply_jobs WHERE channel = 'telegram' AND state = 'done'`).all() as Array<{ chat_id: string; done_at: number }>;
    return new Map(rows.map((r) => [Number(r.chat_id), r.done_at]));
  } finally {
    db.close();
  }
}

let nextUpdateId = 5_000_000;
let nextChat = 900_000;

/** One update sent to the bot. */
interface Sent {
  update: Record<string, unknown>;
  chatId: number;
  acked: boolean;
  at: number;
  /** Webhook answers other than 200 (refused while the database was down, …). */
  refused: number;
}

function newUpdate(text?: string, chatId = ++nextChat): Sent {
  const id = ++nextUpdateId;
  const update = {
    update_id: id,
    message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Lan' }, from: { id: chatId, is_bot: false, first_name: 'Lan' }, text: text ?? QUESTIONS[id % QUESTIONS.length] },
  };
  return { update, chatId, acked: false, at: Date.now(), refused: 0 };
}

async function deliver(url: string, s: Sent): Promise<boolean> {
  try {
    const res = await fetch(`${url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(s.update) });
    await res.text();
    if (res.status === 200) s.acked = true;
    else s.refused++;
    return res.status === 200;
  } catch {
    s.refused++;
    return false;
  }
}

/** Delivers until the webhook answers 200 (Telegram retries a non-2xx answer), at most until `deadline`. */
async function deliverUntilAcked(url: string, s: Sent, deadline: number): Promise<boolean> {
  while (!(await deliver(url, s))) {
    if (Date.now() > deadline) return false;
    await sleep(1000);
  }
  return true;
}

/** What each chat received: accepted sendMessage calls, in order. */
function deliveries(fake: FakeTelegram, chatId: number): FakeCall[] {
  return fake.calls.filter((c) => c.method === 'sendMessage' && c.status === 200 && Number(c.params.chat_id) === chatId);
}

function received(fake: FakeTelegram, chatId: number): string[] {
  return deliveries(fake, chatId).map((c) => String(c.params.text));
}

const t0Global = Date.now();

/** Waits until every update's chat got at least one message, or `ms` passes; returns when the last one arrived. */
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
  /** Second copies no platform limit explains: a bug. */
  duplicated: number;
  /**
   * Second copies after a kill that hit between the platform's 200 and our write of it: the fake answered
   * the first copy before the kill and the killed process's database shows that reply not recorded.
   */
  acceptedUnrecorded: number;
  /** Second copies whose first request was still in flight at the kill (the fake handled it after). */
  inFlight: number;
  recoverMs: number[];
  rss?: [number, number];
  /** Max /healthz latency, ms. */
  healthMaxMs?: number;
  note?: string;
  /** A check of the phase that did not hold (the server died, a reindex did not fail as it should, …). */
  failedCheck?: string;
}

/** Index (0-based) of the reply that the `piece`-th Telegram message of a job belongs to, given its replies. */
function replyOfPiece(replies: OutboundReply[], piece: number): number {
  let seen = 0;
  for (let i = 0; i < replies.length; i++) {
    seen += renderTelegram(replies[i]).length;
    if (piece < seen) return i;
  }
  return replies.length;
}

/**
 * Counts, per update, what its chat received. Each further copy of a message is classified against the
 * copy before it, by the kill that ended the process which sent that copy (the first kill whose restart
 * came after it), using that process's database as the kill left it:
 * - the killed process had recorded that reply as delivered → duplicated (a bug: a recorded reply resent);
 * - the fake answered 200 at most `windowMs` before the kill and the reply was not recorded →
 *   accepted-unrecorded (the process died between the platform's 200 and its write);
 * - the fake handled the copy after the kill, before the restart → in flight (sent, outcome unknown);
 * - anything else (no kill after it, or accepted long before the kill) → duplicated.
 */
function tally(phase: string, fake: FakeTelegram, sent: Sent[], faults: number, recoverMs: number[], kills: Kill[] = [], windowMs = 1000): Tally {
  let delivered = 0;
  let lost = 0;
  let duplicated = 0;
  let acceptedUnrecorded = 0;
  let inFlight = 0;
  const seenChats = new Set<number>();
  for (const s of sent) {
    const calls = deliveries(fake, s.chatId);
    if (calls.length) delivered++;
    else lost++;
    if (seenChats.has(s.chatId)) continue;
    seenChats.add(s.chatId);
    const firsts: FakeCall[] = [];
    const last = new Map<string, FakeCall>();
    for (const c of calls) {
      const text = String(c.params.text);
      const first = firsts.find((f) => String(f.params.text) === text);
      const previous = last.get(text);
      last.set(text, c);
      if (!first || !previous) {
        firsts.push(c);
        continue;
      }
      // Judged against the copy before it: the process that sent that one is the one whose death matters.
      const kill = kills.find((k) => k.restartAt > previous.at);
      const job = kill?.jobs.get(s.chatId);
      const replyIndex = job?.replies ? replyOfPiece(job.replies, firsts.indexOf(first)) : 0;
      const recorded = job ? job.state === 'done' || replyIndex < job.delivered : false;
      let verdict = 'duplicated';
      if (kill && !recorded && previous.at <= kill.at && kill.at - previous.at <= windowMs) verdict = 'accepted-unrecorded';
      else if (kill && !recorded && previous.at > kill.at) verdict = 'in-flight';
      if (verdict === 'accepted-unrecorded') acceptedUnrecorded++;
      else if (verdict === 'in-flight') inFlight++;
      else duplicated++;
      const near = kill ? `${previous.at - kill.at} ms from the kill, ${recorded ? 'recorded' : 'not recorded'} in the killed process's database` : 'no kill after it';
      process.stdout.write(`  another copy (${verdict}): chat ${s.chatId} (update ${String(s.update.update_id)}); deliveries at ${calls.map((x) => x.at - t0Global).join(', ')} ms; the copy before it accepted ${near}\n`);
    }
  }
  return { phase, faults, accepted: sent.filter((s) => s.acked).length, delivered, lost, duplicated, acceptedUnrecorded, inFlight, recoverMs };
}

function baseEnv(fake: FakeTelegram, dataDir: string): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    WEBHOOK_SET_AT_START: 'false',
    RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    PORT: '0',
    // As `npm start`, the Dockerfile and the systemd unit run the server (docs/production.md, "What you need").
    ...START.env,
    ...serverEnvOverrides(),
  };
}

/** Extra settings for the server under test: `FAULTS_SERVER_ENV="SEARCH_CACHE_SIZE=0 WEBHOOK_ACK_WAIT_MS=0"`. */
function serverEnvOverrides(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (process.env.FAULTS_SERVER_ENV ?? '').split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`FAULTS_SERVER_ENV: "${pair}" is not NAME=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

async function killPhase(o: Options, env: Record<string, string>, fake: FakeTelegram): Promise<Tally> {
  const sent: Sent[] = [];
  const recover: number[] = [];
  const kills: Kill[] = [];
  let server = await startServer(env);
  for (let run = 0; run < o.kills; run++) {
    const batch = Array.from({ length: o.updatesPerKill }, () => newUpdate());
    sent.push(...batch);
    // Sometimes hold the first send so the kill lands while a request is in flight.
    if (run % 3 === 1) fake.behaveNext('sendMessage', { kind: 'stall', ms: 5000 });
    const posts = batch.map((s) => deliver(server.url, s));
    await sleep(Math.floor(Math.random() * 400));
    const at = await kill9(server);
    await Promise.allSettled(posts);
    const jobs = readJobs(env.DATA_DIR, sent.map((s) => s.chatId));
    // From here on, whatever the fake handles comes from the new process (the killed one has exited).
    const restartAt = Date.now();
    kills.push({ at, restartAt, jobs });
    server = await startServer(env);
    // Telegram redelivers what it did not see acknowledged; redeliver everything once more at random too.
    for (const s of batch) if (!s.acked || Math.random() < 0.3) await deliver(server.url, s);
    const pending = sent.filter((s) => received(fake, s.chatId).length === 0);
    const doneAt = await waitAnswered(fake, pending, o.recoverS * 1000);
    recover.push(doneAt - restartAt);
    process.stdout.write(`kill ${run + 1}/${o.kills}: ${pending.length} pending after restart, recovered in ${doneAt - restartAt} ms\n`);
  }
  await waitAnswered(fake, sent, 5000);
  await sleep(2000);
  await stop(server);
  const t = tally(`kill -9 (${o.kills} runs × ${o.updatesPerKill} updates)`, fake, sent, o.kills, recover, kills);
  // How long the platform's acceptance waits to be recorded when nothing is killed: the kill window.
  const doneAt = readDoneAt(env.DATA_DIR);
  const lags: number[] = [];
  for (const s of sent) {
    const calls = deliveries(fake, s.chatId);
    const done = doneAt.get(s.chatId);
    if (calls.length === 1 && done !== undefined) lags.push(done - calls[0].at);
  }
  if (lags.length) t.note = `platform 200 → acceptance recorded (answers sent once, ${lags.length}): p50 ${percentile(lags, 0.5)} ms, p95 ${percentile(lags, 0.95)} ms, max ${Math.max(...lags)} ms`;
  return t;
}

async function platformPhases(o: Options, env: Record<string, string>, fake: FakeTelegram): Promise<Tally[]> {
  const server = await startServer(env);
  await sleep(500);
  const rssStart = rssMb(server.child.pid);
  const out: Tally[] = [];
  if (o.only.has('outage') && o.outageS > 0) {
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
  if (o.only.has('flood') && o.retryAfterS > 0) {
    const s = newUpdate();
    fake.failNext('sendMessage', { code: 429, retryAfter: o.retryAfterS });
    const t0 = Date.now();
    await deliver(server.url, s);
    const doneAt = await waitAnswered(fake, [s], (o.retryAfterS + o.recoverS) * 1000);
    const early = doneAt - t0 < o.retryAfterS * 1000;
    process.stdout.write(`429 retry_after ${o.retryAfterS} s: answered after ${doneAt - t0} ms${early ? ' (TOO EARLY)' : ''}\n`);
    out.push(tally(`429 retry_after ${o.retryAfterS} s`, fake, [s], 1, [doneAt - t0]));
  }
  if (o.only.has('slow') && o.slowS > 0) {
    const s = newUpdate();
    fake.behaveNext('sendMessage', { kind: 'slow', ms: o.slowS * 1000 });
    const t0 = Date.now();
    await deliver(server.url, s);
    await waitAnswered(fake, [s], 10_000);
    // Wait past the slow answer and the old client's retry window, then count copies.
    await sleep(o.slowS * 1000 + 5000);
    out.push(tally(`slow sendMessage ${o.slowS} s`, fake, [s], 1, [Date.now() - t0]));
  }
  if (o.only.has('resets') && o.resets > 0) {
    const sent = Array.from({ length: o.resets }, () => newUpdate());
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

/** Polls `/healthz` every `everyMs` and keeps the latency of each answer (a failure counts as its time too). */
function pollHealth(url: string, everyMs = 1000) {
  const samples: Array<{ at: number; ms: number; status: number }> = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      let status = 0;
      try {
        const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) });
        await res.text();
        status = res.status;
      } catch {
        status = 0;
      }
      samples.push({ at: Date.now(), ms: Math.round(performance.now() - t), status });
      await sleep(Math.max(0, everyMs - (performance.now() - t)));
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
    },
    max: (from = 0, to = Infinity) => Math.max(0, ...samples.filter((x) => x.at >= from && x.at <= to).map((x) => x.ms)),
  };
}

/** Keeps posting a question every `everyMs` (each from its own chat), redelivering refused ones, until `stop()`. */
function steadyTraffic(url: () => string, everyMs: number) {
  const sent: Sent[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const s = newUpdate();
      sent.push(s);
      const p = deliverUntilAcked(url(), s, Date.now() + 300_000);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      await sleep(everyMs);
    }
  })();
  return {
    sent,
    async stop() {
      stopped = true;
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}

async function pgDownPhase(o: Options, fake: FakeTelegram, dir: string): Promise<Tally> {
  const pg = await startThrowawayPg();
  try {
    process.stdout.write(`pg-down: throwaway PostgreSQL on port ${pg.port}\n`);
    const env = { ...baseEnv(fake, join(dir, 'pg-data')), DATABASE_URL: pg.url, ADMIN_TOKEN };
    const server = await startServer(env);
    const crashed = crashWatch(server);
    await sleep(1000);
    const rssStart = rssMb(server.child.pid);
    const health = pollHealth(server.url);
    const traffic = steadyTraffic(() => server.url, 300);
    await sleep(3000);
    const downAt = Date.now();
    await pg.stop();
    process.stdout.write(`pg-down: PostgreSQL stopped (immediate) at +${Date.now() - t0Global} ms\n`);
    await sleep(o.pgDownS * 1000);
    await pg.start();
    const upAt = Date.now();
    process.stdout.write(`pg-down: PostgreSQL back after ${upAt - downAt} ms\n`);
    await sleep(5000);
    await traffic.stop();
    const duringOutage = traffic.sent.filter((s) => s.at < upAt);
    const doneAt = await waitAnswered(fake, traffic.sent, Math.max(o.recoverS, 120) * 1000);
    await sleep(3000);
    const refusedStatuses = traffic.sent.reduce((a, s) => a + s.refused, 0);
    await health.stop();
    const rssEnd = rssMb(server.child.pid);
    const died = crashed();
    if (!died) await stop(server);
    const t = tally(`PostgreSQL down ${o.pgDownS} s (stopped -m immediate, restarted)`, fake, traffic.sent, 1, [Math.max(0, doneAt - upAt)]);
    t.rss = [rssStart, rssEnd];
    t.healthMaxMs = health.max();
    t.note = `${died ? 'SERVER DIED; ' : 'server stayed up; '}${traffic.sent.length} updates (${duringOutage.length} sent before PostgreSQL was back), ${refusedStatuses} webhook deliveries refused (non-200) and redelivered; last answer ${((doneAt - upAt) / 1000).toFixed(1)} s after PostgreSQL was back; /healthz non-200 ${health.samples.filter((x) => x.status !== 200).length} of ${health.samples.length} polls`;
    if (died) t.failedCheck = 'the server died during the database outage';
    return t;
  } finally {
    await pg.cleanup();
  }
}

async function adminFetch(url: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/api/admin${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(init.headers ?? {}) } });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text.slice(0, 500) };
  }
  return { status: res.status, body };
}

interface JobView {
  id: string;
  state: string;
  error?: string;
  report?: Record<string, unknown>;
}

/** Starts a reindex through the admin API and waits for it to finish. */
async function reindex(url: string, timeoutMs = 300_000): Promise<JobView> {
  const started = await adminFetch(url, '/reindex', { method: 'POST' });
  if (started.status !== 202) throw new Error(`reindex not started: ${started.status} ${JSON.stringify(started.body)}`);
  const id = (started.body.job as JobView).id;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await adminFetch(url, `/reindex/${encodeURIComponent(id)}`);
    const job = body.job as JobView;
    if (job.state !== 'running') return job;
    if (Date.now() > end) throw new Error(`reindex ${id} still running after ${timeoutMs} ms`);
    await sleep(500);
  }
}

async function snapshotVersion(url: string): Promise<string> {
  const { body } = await adminFetch(url, '/documents');
  return String((body.snapshot as { version?: string } | undefined)?.version);
}

const EXTRA_DOC = (n: number) => `# Ghi chú thử nghiệm ${n}\n\n${'Nội dung ghi chú về cải cách hành chính dùng để kiểm tra việc lập chỉ mục khi đĩa đầy. '.repeat(40)}\n`;

async function diskFullPhase(o: Options, fake: FakeTelegram, dir: string): Promise<Tally> {
  const disk = await mountSmallDisk(o.diskMb);
  try {
    const knowledge = join(dir, 'disk-knowledge');
    cpSync(join(ROOT, 'knowledge'), knowledge, { recursive: true });
    const env = { ...baseEnv(fake, disk.path), KNOWLEDGE_DIR: knowledge, ADMIN_TOKEN };
    const server = await startServer(env);
    const crashed = crashWatch(server);
    await sleep(1000);
    const rssStart = rssMb(server.child.pid);
    const health = pollHealth(server.url);
    const before = await snapshotVersion(server.url);
    const snapshotBytes = Number(/^(\d+)/.exec((await import('node:child_process')).execFileSync('du', ['-sb', join(disk.path, 'index', before)]).toString())?.[1] ?? 2_000_000);
    // Fill the volume so only 3/4 of a snapshot fits; a new document forces a real rebuild.
    const { bavail, bsize } = statfsSync(disk.path);
    const leave = Math.floor(snapshotBytes * 0.75);
    const filler = join(disk.path, 'filler.bin');
    writeFileSync(filler, Buffer.alloc(Math.max(0, Number(bavail) * Number(bsize) - leave)));
    writeFileSync(join(knowledge, 'ghi-chu-thu-nghiem.md'), EXTRA_DOC(1));
    process.stdout.write(`disk-full: ${o.diskMb} MiB tmpfs, snapshot ${snapshotBytes} bytes, ${Number(statfsSync(disk.path).bavail) * Number(bsize)} bytes left\n`);
    const traffic = steadyTraffic(() => server.url, 300);
    await sleep(2000);
    const faultAt = Date.now();
    const failed = await reindex(server.url);
    const afterFailure = await snapshotVersion(server.url);
    process.stdout.write(`disk-full: reindex ${failed.state}: ${failed.error ?? JSON.stringify(failed.report ?? {})}\n`);
    await sleep(3000);
    rmSync(filler, { force: true });
    const freedAt = Date.now();
    const retried = await reindex(server.url);
    const afterRetry = await snapshotVersion(server.url);
    await sleep(2000);
    await traffic.stop();
    const doneAt = await waitAnswered(fake, traffic.sent, o.recoverS * 1000);
    await sleep(2000);
    await health.stop();
    const rssEnd = rssMb(server.child.pid);
    const died = crashed();
    if (!died) await stop(server);
    const t = tally(`disk full in DATA_DIR during a reindex (${o.diskMb} MiB tmpfs)`, fake, traffic.sent, 1, [Math.max(0, doneAt - freedAt)]);
    const answeredWhileFull = traffic.sent.filter((x) => deliveries(fake, x.chatId).some((c) => c.at >= faultAt && c.at < freedAt)).length;
    const refused = traffic.sent.reduce((a, x) => a + x.refused, 0);
    t.rss = [rssStart, rssEnd];
    t.healthMaxMs = health.max();
    const okFailure = failed.state === 'failed' && /no space left/.test(failed.error ?? '') && afterFailure === before;
    t.note = `${died ? 'SERVER DIED; ' : ''}reindex on the full disk: ${failed.state} (${failed.error ?? 'no error'}); snapshot ${afterFailure === before ? 'unchanged' : `CHANGED to ${afterFailure}`}; ` +
      `${answeredWhileFull} answers delivered while the disk was full, ${refused} webhook deliveries refused (non-200) and redelivered; ` +
      `after freeing the space (time to recover counted from then) the next reindex ${retried.state} (${afterRetry !== before ? 'new snapshot' : 'same snapshot'}, ${((Date.now() - freedAt) / 1000).toFixed(1)} s)${okFailure ? '' : '; EXPECTED A FAILED REINDEX NAMING THE FULL DISK'}`;
    if (died) t.failedCheck = 'the server died during the disk-full reindex';
    else if (!okFailure) t.failedCheck = 'the reindex on a full disk did not fail naming the full disk, or the snapshot changed';
    return t;
  } finally {
    await disk.cleanup();
  }
}

const OUT_OF_SCOPE = [
  'Quy trình thanh lý tài sản công là máy tính cũ của xã thực hiện ra sao',
  'Xe ô tô công của huyện hết niên hạn thì bán đấu giá theo trình tự nào',
  'Cán bộ xã đi học thạc sĩ thì được hỗ trợ học phí bao nhiêu',
  'Nhà văn hóa thôn bị dột thì xin kinh phí sửa chữa ở đâu',
  'Phụ cấp trách nhiệm của thủ quỹ cơ quan tính thế nào',
];
const staffMember = { id: 4242, is_bot: false, first_name: 'Minh', last_name: 'Trần' };

/** Waits until chat `chatId` has received more than `count` messages (true) or `ms` passes (false). */
async function waitMessages(fake: FakeTelegram, chatId: number, count: number, ms: number, match?: (text: string) => boolean): Promise<FakeCall | null> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const calls = deliveries(fake, chatId).slice(count);
    const hit = calls.find((c) => !match || match(String(c.params.text)));
    if (hit) return hit;
    await sleep(100);
  }
  return null;
}

/** Counters of the soak's conversations. */
interface SoakCount {
  questions: number;
  feedback: number;
  escalations: number;
  staffReplies: number;
  /** Steps whose reply never came. */
  lost: string[];
}

/** One official asks a question (and sometimes rates the answer) or asks staff and gets the staff reply. */
async function conversation(fake: FakeTelegram, url: string, all: Sent[], n: SoakCount, token: number): Promise<void> {
  const chatId = ++nextChat;
  const ask = async (text: string, what: string): Promise<FakeCall | null> => {
    const before = deliveries(fake, chatId).length;
    const s = newUpdate(text, chatId);
    all.push(s);
    await deliverUntilAcked(url, s, Date.now() + 120_000);
    const got = await waitMessages(fake, chatId, before, 60_000);
    if (!got) n.lost.push(`${what} in chat ${chatId}`);
    return got;
  };
  const r = Math.random();
  if (r < 0.8) {
    n.questions++;
    const answer = await ask(QUESTIONS[token % QUESTIONS.length], 'answer');
    const buttons = JSON.stringify(answer?.params.reply_markup ?? '');
    const fb = /"(fb:[hu]:[^"]+)"/.exec(buttons);
    if (answer && fb && Math.random() < 0.6) {
      n.feedback++;
      const before = deliveries(fake, chatId).length;
      const id = ++nextUpdateId;
      const s: Sent = {
        update: { update_id: id, callback_query: { id: `cq-${id}`, from: { id: chatId, is_bot: false, first_name: 'Lan' }, chat_instance: 'ci', data: fb[1], message: { message_id: (answer.result as { message_id: number }).message_id, date: 1, chat: { id: chatId, type: 'private' } } } },
        chatId, acked: false, at: Date.now(), refused: 0,
      };
      all.push(s);
      await deliverUntilAcked(url, s, Date.now() + 120_000);
      if (!(await waitMessages(fake, chatId, before, 60_000))) n.lost.push(`feedback reply in chat ${chatId}`);
    }
    return;
  }
  n.escalations++;
  const mark = `hồ sơ số ${token}`;
  const confirmed = await ask(`/hoicanbo ${OUT_OF_SCOPE[token % OUT_OF_SCOPE.length]} (${mark})?`, 'escalation confirmation');
  if (!confirmed) return;
  const end = Date.now() + 30_000;
  let card: FakeCall | undefined;
  while (!card && Date.now() < end) {
    card = fake.calls.find((c) => c.method === 'sendMessage' && c.status === 200 && Number(c.params.chat_id) === STAFF_CHAT && String(c.params.text).includes(mark));
    if (!card) await sleep(200);
  }
  if (!card) {
    n.lost.push(`staff card of chat ${chatId}`);
    return;
  }
  n.staffReplies++;
  const before = deliveries(fake, chatId).length;
  const id = ++nextUpdateId;
  const reply = `Cán bộ trả lời ${mark}: anh/chị liên hệ phòng Tài chính - Kế hoạch.`;
  const s: Sent = {
    update: {
      update_id: id,
      message: {
        message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: STAFF_CHAT, type: 'supergroup', title: 'Tổ CCHC' }, from: staffMember, text: reply,
        reply_to_message: { message_id: (card.result as { message_id: number }).message_id, date: 1, chat: { id: STAFF_CHAT, type: 'supergroup' }, from: { id: 1, is_bot: true, first_name: 'bot' }, text: 'card' },
      },
    },
    chatId, acked: false, at: Date.now(), refused: 0,
  };
  all.push(s);
  await deliverUntilAcked(url, s, Date.now() + 120_000);
  if (!(await waitMessages(fake, chatId, before, 60_000, (t) => t.includes(mark)))) n.lost.push(`staff reply relayed to chat ${chatId}`);
}

/** The last RSS sample of each minute of the soak. */
function rssByMinute(rss: Array<{ at: number; mb: number }>, start: number): number[] {
  const out: number[] = [];
  for (const x of rss) out[Math.floor((x.at - start) / 60_000)] = x.mb;
  return out.filter((x) => x !== undefined);
}

async function soakPhase(o: Options, fake: FakeTelegram, dir: string): Promise<Tally> {
  const knowledge = join(dir, 'soak-knowledge');
  cpSync(join(ROOT, 'knowledge'), knowledge, { recursive: true });
  const env = { ...baseEnv(fake, join(dir, 'soak-data')), KNOWLEDGE_DIR: knowledge, ADMIN_TOKEN, TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT) };
  fake.setChat(STAFF_CHAT, { type: 'supergroup', title: 'Tổ CCHC' });
  const server = await startServer(env);
  const crashed = crashWatch(server);
  const start = Date.now();
  const durationMs = o.soakMinutes * 60_000;
  const end = start + durationMs;
  const rss: Array<{ at: number; mb: number }> = [];
  const sampler = setInterval(() => rss.push({ at: Date.now(), mb: rssMb(server.child.pid) }), 5000);
  rss.push({ at: start, mb: rssMb(server.child.pid) });
  const health = pollHealth(server.url);
  const all: Sent[] = [];
  const n: SoakCount = { questions: 0, feedback: 0, escalations: 0, staffReplies: 0, lost: [] };
  let token = 1000;
  const workers = Array.from({ length: 3 }, async () => {
    while (Date.now() < end && !crashed()) {
      await conversation(fake, server.url, all, n, ++token);
      await sleep(200 + Math.random() * 300);
    }
  });
  const events: string[] = [];
  let upload: [number, number] = [0, 0];
  let dense: ReturnType<typeof pollHealth> | undefined;
  let reindexAt = start + durationMs * 0.4;
  const scheduled = (async () => {
    await sleep(durationMs * 0.4);
    const t = Date.now();
    reindexAt = t;
    const job = await reindex(server.url);
    events.push(`reindex at ${((t - start) / 1000).toFixed(0)} s: ${job.state} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    await sleep(Math.max(0, start + durationMs * 0.6 - Date.now()));
    const bomb = buildDocxBomb({ megabytes: 300 });
    // A second, dense /healthz poller (every 100 ms) while the upload is being refused.
    dense = pollHealth(server.url, 100);
    const u0 = Date.now();
    const res = await adminFetch(server.url, '/documents?name=bom-300mb.docx', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bomb });
    upload = [u0, Date.now()];
    await sleep(1000);
    await dense.stop();
    events.push(`hostile upload (${(bomb.length / 1024).toFixed(0)} KB .docx inflating to 300 MiB) at ${((u0 - start) / 1000).toFixed(0)} s: ${res.status} ${String(res.body.error_code ?? '')} in ${upload[1] - u0} ms`);
    if (res.status !== 413) events.push('HOSTILE UPLOAD NOT REFUSED WITH 413');
  })();
  await Promise.all([...workers, scheduled]);
  await sleep(3000);
  clearInterval(sampler);
  rss.push({ at: Date.now(), mb: rssMb(server.child.pid) });
  await health.stop();
  const died = crashed();
  if (!died) await stop(server);
  // RSS rule: warm-up = the first 20 % of the soak; steady level = median of the samples in 20–40 % (before
  // the reindex); end level = median of the last 10 %. Flat when end − steady ≤ max(10 % of steady, 15 MB).
  const med = (from: number, to: number) => percentile(rss.filter((x) => x.at >= start + from * durationMs && x.at <= start + to * durationMs).map((x) => x.mb), 0.5);
  const steady = med(0.2, 0.4);
  const endLevel = med(0.9, 1.01);
  const flat = endLevel - steady <= Math.max(0.1 * steady, 15);
  // Not part of the verdict: the drift from one minute after the reindex to the end, to tell a step at
  // the reindex (a new snapshot, a larger heap) from steady growth.
  const afterReindex = percentile(rss.filter((x) => x.at >= reindexAt + 60_000 && x.at <= reindexAt + 90_000).map((x) => x.mb), 0.5);
  const t = tally(`soak ${o.soakMinutes} min (mixed traffic)`, fake, all, 0, []);
  t.lost = n.lost.length;
  t.delivered = all.length - n.lost.length;
  t.accepted = all.filter((s) => s.acked).length;
  t.rss = [rss[0].mb, rss[rss.length - 1].mb];
  t.healthMaxMs = Math.max(health.max(), dense?.max() ?? 0);
  const uploadMax = Math.max(health.max(upload[0], upload[1] + 2000), dense?.max() ?? 0);
  const densePolls = dense?.samples.length ?? 0;
  const slow = health.samples.filter((x) => x.ms >= 200);
  t.note = `${n.questions} questions, ${n.feedback} feedback presses, ${n.escalations} escalations, ${n.staffReplies} staff replies relayed; ${events.join('; ')}; ` +
    `RSS ${rss[0].mb} MB at start, steady ${steady} MB (median 20–40 %), end ${endLevel} MB (median last 10 %), max ${Math.max(...rss.map((x) => x.mb))} MB over ${rss.length} samples: ${flat ? 'flat' : 'NOT FLAT'} (from 60–90 s after the reindex, ${afterReindex} MB, to the end: ${endLevel - afterReindex >= 0 ? '+' : ''}${endLevel - afterReindex} MB); ` +
    `/healthz ${health.samples.length} polls, max ${t.healthMaxMs} ms, p99 ${percentile(health.samples.map((x) => x.ms), 0.99)} ms, ${slow.length} at ≥ 200 ms, ${health.samples.filter((x) => x.status !== 200).length} non-200 (at ≥ 200 ms: ${slow.map((x) => `${x.ms} ms at ${((x.at - start) / 1000).toFixed(0)} s`).join(', ') || 'none'}); RSS by minute ${rssByMinute(rss, start).join(', ')} MB; max ${uploadMax} ms while the hostile upload was refused (${densePolls} extra polls every 100 ms from the upload to 1 s after its refusal)` +
    (n.lost.length ? `; missing: ${n.lost.slice(0, 10).join(', ')}` : '');
  if (died) t.failedCheck = 'the server died during the soak';
  else if (!flat) t.failedCheck = 'RSS not flat over the soak';
  else if (events.some((e) => /NOT REFUSED/.test(e))) t.failedCheck = 'the hostile upload was not refused';
  return t;
}

function report(rows: Tally[], seconds: number): void {
  const fmt = (ms: number[]) => (ms.length ? `${(Math.max(...ms) / 1000).toFixed(1)} s max, ${(percentile(ms, 0.5) / 1000).toFixed(1)} s median` : '-');
  const lines = [
    '| phase | faults injected | updates accepted | answers delivered | lost | duplicated | resent: killed between platform 200 and our write | resent: request in flight at the kill | time to recover | RSS start → end MB | max /healthz ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|',
    ...rows.map((r) => `| ${r.phase} | ${r.faults} | ${r.accepted} | ${r.delivered} | ${r.lost} | ${r.duplicated} | ${r.acceptedUnrecorded} | ${r.inFlight} | ${fmt(r.recoverMs)} | ${r.rss ? `${r.rss[0]} → ${r.rss[1]}` : '-'} | ${r.healthMaxMs ?? '-'} |`),
  ];
  const total = rows.reduce(
    (a, r) => ({ lost: a.lost + r.lost, duplicated: a.duplicated + r.duplicated, acceptedUnrecorded: a.acceptedUnrecorded + r.acceptedUnrecorded, inFlight: a.inFlight + r.inFlight, faults: a.faults + r.faults }),
    { lost: 0, duplicated: 0, acceptedUnrecorded: 0, inFlight: 0, faults: 0 },
  );
  const notes = rows.filter((r) => r.note || r.failedCheck).map((r) => `- ${r.phase}: ${r.failedCheck ? `CHECK FAILED: ${r.failedCheck}; ` : ''}${r.note ?? ''}`);
  process.stdout.write(`\n${lines.join('\n')}\n\n${notes.join('\n')}\n\nTotal: ${total.faults} faults, ${total.lost} lost, ${total.duplicated} duplicated, ` +
    `${total.acceptedUnrecorded} resent after a kill between the platform's 200 and our write, ${total.inFlight} resent after a kill with the request in flight; ${seconds.toFixed(0)} s in all.\n`);
  process.stdout.write(`${JSON.stringify({ rows, total })}\n`);
  if (total.lost || total.duplicated || rows.some((r) => r.failedCheck)) process.exitCode = 1;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  cleanupOnSignals();
  const t0 = Date.now();
  const fake = await startFakeTelegram({ token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'cchc-faults-'));
  mkdirSync(join(dir, 'data'));
  const env = baseEnv(fake, join(dir, 'data'));
  const rows: Tally[] = [];
  const guard = async (name: string, fn: () => Promise<Tally | Tally[]>) => {
    try {
      const r = await fn();
      rows.push(...(Array.isArray(r) ? r : [r]));
    } catch (err: unknown) {
      process.stderr.write(`faults: part ${name} could not run: ${err instanceof Error ? err.stack : String(err)}\n`);
      rows.push({ phase: `${name} (did not run)`, faults: 0, accepted: 0, delivered: 0, lost: 0, duplicated: 0, acceptedUnrecorded: 0, inFlight: 0, recoverMs: [], failedCheck: `did not run: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
    }
  };
  try {
    if (o.only.has('kills') && o.kills > 0) await guard('kills', () => killPhase(o, env, fake));
    if (['outage', 'flood', 'slow', 'resets'].some((p) => o.only.has(p as Part))) await guard('platform', () => platformPhases(o, env, fake));
    if (o.only.has('pg-down') && o.pgDownS > 0) await guard('pg-down', () => pgDownPhase(o, fake, dir));
    if (o.only.has('disk-full') && o.diskMb > 0) await guard('disk-full', () => diskFullPhase(o, fake, dir));
    if (o.only.has('soak') && o.soakMinutes > 0) await guard('soak', () => soakPhase(o, fake, dir));
    report(rows, (Date.now() - t0) / 1000);
  } finally {
    await cleanupAll();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`faults: ${err instanceof Error ? err.stack : String(err)}\n`);
  void cleanupAll().finally(() => process.exit(1));
});
