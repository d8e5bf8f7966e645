/**
 * Several instances, one truth: two real `serve` processes on one PostgreSQL schema, sharing DATA_DIR
 * and KNOWLEDGE_DIR, behind a small round-robin proxy written for this test, with the fake Telegram
 * server. Each scenario lands its steps on different instances: an official asks on one and accepts the
 * escalation on the other, staff answer on one and Telegram redelivers the staff update to the other; a
 * Q&A approved elsewhere is answered by both; a reindex started on one is joined, followed and served by
 * the other; failed sign-ins on both are throttled as one; one chat's messages answered on both keep their
 * order; one instance is killed mid-traffic and the other keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFakeTelegram } from '../fakes/telegram-api.js';
import type { FakeCall, FakeTelegram } from '../fakes/telegram-api.js';
import { REPO_ROOT } from '../support/shared.js';
import { TG_SECRET, TG_TOKEN, post, tgText } from './harness.js';
import { PgStore } from '../../src/storage/index.js';
import { TicketService } from '../../src/escalation/index.js';
import { Analyzer } from '../../src/text/analyzer.js';

const DB = 'postgres://postgres@127.0.0.1:5432/test';
const MAIN = join(REPO_ROOT, 'dist/src/cli/main.js');
const STAFF_CHAT = -1003334445556;
const ADMIN_TOKEN = 'multi-admin-token-0123456789';
const UNCOVERED = 'Quy trình thanh lý máy tính cũ là tài sản công của xã thực hiện ra sao?';
type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `serve` as a child process; resolves once it says where it listens. */
function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing. help: run "npm run build"`);
  const child = spawn(process.execPath, [MAIN, 'serve'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env, PORT: '0', LOG_LEVEL: 'warn' } });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running: open (http:\/\/[^/]+)\//.exec(out);
      if (m) resolve({ name, child, url: m[1], output: () => out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${out.slice(-3000)}`)));
  });
}

/**
 * A round-robin HTTP proxy over the instances that are up: each request goes to the next one, and a
 * request whose instance refuses the connection goes to the next (as a load balancer's retry on connect
 * failure does). `served` records which instance answered each request path, in order.
 */
async function startProxy(targets: () => Instance[]): Promise<{ url: string; served: Array<{ path: string; by: string }>; close: () => Promise<void> }> {
  let next = 0;
  const served: Array<{ path: string; by: string }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (left: number): void => {
        const up = targets();
        if (!up.length || left === 0) {
          res.writeHead(502).end();
          return;
        }
        const target = up[next++ % up.length];
        const u = new URL(target.url);
        const fwd = request({ host: u.hostname, port: u.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
          served.push({ path: req.url ?? '', by: target.name });
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        fwd.on('error', () => attempt(left - 1));
        fwd.end(body);
      };
      attempt(3);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, served, close: () => new Promise((r) => server.close(() => r())) };
}

describe('two instances on one PostgreSQL database behind a round-robin proxy', () => {
  const schema = `t_multi_${randomBytes(4).toString('hex')}`;
  const root = mkdtempSync(join(tmpdir(), 'cchc-multi-'));
  const knowledgeDir = join(root, 'knowledge');
  const admin = new pg.Pool({ connectionString: DB, max: 2 });
  let telegram: FakeTelegram;
  let a: Instance;
  let b: Instance;
  const up: Instance[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const tgH = { 'x-telegram-bot-api-secret-token': TG_SECRET };
  const hook = () => `${proxy.url}/webhooks/telegram`;
  const toChat = (chat: number, re: RegExp) => (c: FakeCall) => String(c.params.chat_id) === String(chat) && re.test(String(c.params.text));
  const isCard = (c: FakeCall) => String(c.params.chat_id) === String(STAFF_CHAT) && JSON.stringify(c.params.reply_markup ?? '').includes('tk:');
  /** Which instance served the last request to `path`. */
  const lastBy = (path: string) => [...proxy.served].reverse().find((s) => s.path === path)?.by;

  /** Waits until the ticket's staff card id is recorded (the card is stored right after Telegram returns it). */
  const cardRecorded = async (cardId: number) => {
    for (let until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      const { rows } = await admin.query(`SELECT 1 FROM "${schema}".tickets WHERE card_message_id = $1`, [String(cardId)]);
      if (rows.length) return;
    }
    throw new Error(`card ${cardId} was never recorded on its ticket`);
  };

  beforeAll(async () => {
    cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
    telegram = await startFakeTelegram({ token: TG_TOKEN });
    const env = {
      DATABASE_URL: DB,
      DATABASE_SCHEMA: schema,
      DATA_DIR: join(root, 'data'),
      KNOWLEDGE_DIR: knowledgeDir,
      SYNC_INTERVAL_SECONDS: '1',
      ADMIN_TOKEN,
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT),
    };
    a = await startInstance('a', env); // builds the index snapshot into the shared DATA_DIR
    b = await startInstance('b', env); // loads it
    up.push(a, b);
    proxy = await startProxy(() => up.filter((i) => i.child.exitCode === null && i.child.signalCode === null));
  }, 180_000);

  afterAll(async () => {
    for (const i of [a, b]) i?.child.kill('SIGTERM');
    await proxy?.close();
    await telegram?.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
    rmSync(root, { recursive: true, force: true });
  });

  it('escalates on one instance what was asked on the other, and relays the staff answer once, even when the staff update is redelivered to the other', async () => {
    const chat = 8101;
    await post(hook(), tgText(chat, UNCOVERED), tgH);
    const askedOn = lastBy('/webhooks/telegram');
    const offer = await telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(chat), 30_000);
    const button = (offer.params.reply_markup as Keyboard).inline_keyboard.flat()[0];
    const press = { update_id: 8_101_001, callback_query: { id: 'cbq-8101', from: { id: chat, is_bot: false, first_name: 'Lan' }, chat_instance: 'x', data: button.callback_data, message: { message_id: (offer.result as { message_id: number }).message_id, date: 1, chat: { id: chat, type: 'private' } } } };
    expect((await post(hook(), press, tgH)).status).toBe(200);
    expect(lastBy('/webhooks/telegram'), 'the press lands on the other instance').not.toBe(askedOn);
    const card = await telegram.waitFor('sendMessage', isCard, 30_000);
    expect(String(card.params.text)).toContain('thanh lý máy tính cũ');

    const answer = 'Việc thanh lý máy tính cũ thực hiện theo quy định về quản lý, sử dụng tài sản công; đơn vị lập hội đồng và trình cấp có thẩm quyền quyết định.';
    const cardId = (card.result as { message_id: number }).message_id;
    await cardRecorded(cardId);
    const staffUpdate = {
      update_id: 8_101_100,
      message: {
        message_id: 9_101, date: Math.floor(Date.now() / 1000), chat: { id: STAFF_CHAT, type: 'supergroup', title: 'Tổ CCHC' },
        from: { id: 4242, is_bot: false, first_name: 'Minh' }, text: answer,
        reply_to_message: { message_id: cardId, date: 1, chat: { id: STAFF_CHAT, type: 'supergroup' }, from: { id: 1, is_bot: true, first_name: 'bot' }, text: 'card' },
      },
    };
    expect((await post(hook(), staffUpdate, tgH)).status).toBe(200);
    const firstBy = lastBy('/webhooks/telegram');
    await telegram.waitFor('sendMessage', toChat(chat, /thanh lý máy tính cũ thực hiện theo quy định/), 30_000);
    // Telegram redelivers the same update (it did not see the 200): it lands on the other instance.
    expect((await post(hook(), staffUpdate, tgH)).status).toBe(200);
    expect(lastBy('/webhooks/telegram')).not.toBe(firstBy);
    // Both relays poll every second: wait past several polls before counting.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(telegram.callsOf('sendMessage').filter(toChat(chat, /thanh lý máy tính cũ thực hiện theo quy định/)), 'the official gets the staff answer exactly once').toHaveLength(1);
    const notes = telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(STAFF_CHAT) && (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id === 9_101);
    expect(notes.map((c) => String(c.params.text)), 'the redelivered staff update is dropped by the shared dedupe: one "recorded" note').toHaveLength(1);
  }, 60_000);

  it('delivers a staff answer to a web chat session whichever instance relays it and whichever the page polls', async () => {
    let n = 0;
    const web = async (path: string, body: Record<string, unknown>) => (await post(`${proxy.url}${path}`, body)).json as { replies: Array<{ text?: string; choices?: Array<{ questionId?: string }> }> };
    const session = 'websession-multi-1';
    const asked = await web('/api/chat', { sessionId: session, messageId: `webmulti${String(++n).padStart(6, '0')}`, text: 'Thủ tục xin cấp phép khai thác cát sỏi lòng sông gồm những giấy tờ gì?' });
    const offer = asked.replies.find((r) => r.choices?.length);
    expect(offer, 'the web chat offers to pass the question to staff').toBeDefined();
    await web('/api/chat/action', { sessionId: session, actionId: `webmultiact${String(++n).padStart(4, '0')}`, type: 'escalate', questionId: offer?.choices?.[0].questionId });
    const card = await telegram.waitFor('sendMessage', (c) => isCard(c) && String(c.params.text).includes('cát sỏi'), 30_000);
    const cardId = (card.result as { message_id: number }).message_id;
    await cardRecorded(cardId);
    const staffUpdate = {
      update_id: 8_150_100,
      message: {
        message_id: 9_150, date: Math.floor(Date.now() / 1000), chat: { id: STAFF_CHAT, type: 'supergroup', title: 'Tổ CCHC' },
        from: { id: 4242, is_bot: false, first_name: 'Minh' }, text: 'Hồ sơ cấp phép khai thác khoáng sản làm vật liệu xây dựng nộp tại Sở Nông nghiệp và Môi trường.',
        reply_to_message: { message_id: cardId, date: 1, chat: { id: STAFF_CHAT, type: 'supergroup' }, from: { id: 1, is_bot: true, first_name: 'bot' }, text: 'card' },
      },
    };
    // B is frozen while A takes the staff answer and relays it; the page's next poll then reaches B.
    b.child.kill('SIGSTOP');
    try {
      expect((await post(`${a.url}/webhooks/telegram`, staffUpdate, tgH)).status).toBe(200);
      for (let state = ''; state !== 'sent'; ) {
        const { rows } = await admin.query<{ state: string }>(`SELECT state FROM "${schema}".outbox WHERE chat_id = $1`, [session]);
        state = rows[0]?.state ?? '';
        if (state !== 'sent') await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      b.child.kill('SIGCONT');
    }
    const texts = async (url: string) => ((await post(`${url}/api/chat/updates`, { sessionId: session })).json as { replies: Array<{ text?: string }> }).replies.map((r) => r.text ?? '');
    const fromB = await texts(b.url);
    expect(fromB.filter((t) => t.includes('Sở Nông nghiệp và Môi trường')), 'the instance that did not relay hands the answer to the page').toHaveLength(1);
    expect([...(await texts(a.url)), ...(await texts(b.url))].filter((t) => t.includes('Sở Nông nghiệp và Môi trường')), 'and only once').toHaveLength(0);
  }, 60_000);

  it('answers on both instances a Q&A approved elsewhere, within the sync interval', async () => {
    // A third party (a staff console on another instance) approves a Q&A from the answered ticket.
    const store = new PgStore({ connectionString: DB, schema });
    const tickets = new TicketService({ tickets: store, notifier: { postTicket: async () => undefined, updateTicket: async () => undefined, remind: async () => undefined, confirmRelay: async () => undefined }, analyzer: new Analyzer(), addFaq: () => undefined });
    try {
      const ticket = (await tickets.list({ states: ['answered'] })).find((t) => t.questionText.includes('thanh lý'));
      expect(ticket, 'the ticket answered in the previous scenario').toBeDefined();
      if (!ticket) return;
      const draft = await tickets.draftFaq(ticket.id, { id: 'web:lan', name: 'Lan', role: 'staff' }, { sourceNumber: '', sourceArticle: '' });
      await tickets.decideFaq(draft.id, { id: 'web:hoa', name: 'Hòa', role: 'admin' }, true);
    } finally {
      await store.close();
    }
    await new Promise((r) => setTimeout(r, 2_500));
    const by = new Set<string>();
    for (const chat of [8201, 8202]) {
      await post(hook(), tgText(chat, UNCOVERED), tgH);
      by.add(lastBy('/webhooks/telegram') ?? '');
      const reply = await telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(chat), 30_000);
      expect(String(reply.params.text), `answered from the approved Q&A on instance ${lastBy('/webhooks/telegram')}`).toContain('lập hội đồng và trình cấp có thẩm quyền');
    }
    expect([...by].sort()).toEqual(['a', 'b']);
  }, 60_000);

  it('runs one reindex across instances: started on one, joined and followed on the other, the new document served by both', async () => {
    writeFileSync(join(knowledgeDir, 'huong-dan-zebra-multi.md'), '---\nnumber: 99/HD-TEST\ntitle: Hướng dẫn thử nghiệm đồng bộ\ndoc_type: Hướng dẫn\nissued: 2026-01-05\nstatus: còn hiệu lực\n---\nHướng dẫn thử nghiệm đồng bộ giữa các máy chủ.\n\nĐiều 1. Mã zebrasync\n1. Mã thử nghiệm zebrasync dùng để kiểm tra đồng bộ giữa các máy chủ của hệ thống.\n');
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const started = await fetch(`${proxy.url}/api/admin/reindex`, { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    const job = ((await started.json()) as { job: { id: string } }).job;
    const startedOn = lastBy('/api/admin/reindex');
    const again = await fetch(`${proxy.url}/api/admin/reindex`, { method: 'POST', headers: auth });
    expect(lastBy('/api/admin/reindex')).not.toBe(startedOn);
    const joined = ((await again.json()) as { job: { id: string; state: string } }).job;
    expect(joined.id, 'the second instance joins the running job instead of starting another').toBe(job.id);
    let state = 'running';
    const seenOn = new Set<string>();
    for (const until = Date.now() + 60_000; state === 'running' && Date.now() < until; ) {
      const r = await fetch(`${proxy.url}/api/admin/reindex/${job.id}`, { headers: auth });
      expect(r.status).toBe(200);
      seenOn.add(lastBy(`/api/admin/reindex/${job.id}`) ?? '');
      state = ((await r.json()) as { job: { state: string } }).job.state;
      if (state === 'running') await new Promise((res) => setTimeout(res, 200));
    }
    expect(state).toBe('succeeded');
    expect(seenOn.size, 'progress read from both instances').toBe(2);
    await new Promise((r) => setTimeout(r, 2_500));
    for (const chat of [8301, 8302]) {
      await post(hook(), tgText(chat, 'mã zebrasync dùng để làm gì'), tgH);
      const reply = await telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(chat), 30_000);
      expect(String(reply.params.text), `served by ${lastBy('/webhooks/telegram')}`).toContain('99/HD-TEST');
    }
  }, 120_000);

  it('counts failed sign-ins across instances: wrong bearer tokens spread over both are throttled as one', async () => {
    const wrong = { authorization: 'Bearer not-the-admin-token-000000000' };
    const statuses: number[] = [];
    const by = new Set<string>();
    // Three failures are free per address, then the next attempt waits. Spread over two instances, each
    // sees at most three in five: only shared counts throttle the fourth and fifth attempts.
    for (let i = 0; i < 5; i++) {
      statuses.push((await fetch(`${proxy.url}/api/admin/reindex`, { headers: wrong })).status);
      by.add(lastBy('/api/admin/reindex') ?? '');
    }
    expect([...by].sort()).toEqual(['a', 'b']);
    expect(statuses, 'after three failures the next attempts wait, whichever instance they reach').toEqual([401, 401, 401, 429, 429]);
  }, 30_000);

  it('keeps one chat\'s answers in order when its messages land on different instances', async () => {
    const chat = 8501;
    // The first answer's send is held by the platform for 4 s; the second message reaches the other instance meanwhile.
    telegram.behaveNext('sendMessage', { kind: 'stall', ms: 4_000, times: 1 });
    expect((await post(hook(), tgText(chat, 'Cơ chế một cửa là gì?'), tgH)).status).toBe(200);
    const firstOn = lastBy('/webhooks/telegram');
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await post(hook(), tgText(chat, 'xin chào'), tgH)).status).toBe(200);
    expect(lastBy('/webhooks/telegram')).not.toBe(firstOn);
    const toThisChat = () => telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(chat)).map((c) => String(c.params.text));
    for (const until = Date.now() + 30_000; toThisChat().length < 2 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    const texts = toThisChat();
    expect(texts).toHaveLength(2);
    expect(texts[0], 'the answer to the first message comes first').toMatch(/cơ chế một cửa/i);
    expect(texts[1], 'then the reply to "xin chào"').toMatch(/^(Xin chào|Trợ lý CCHC)/);
  }, 60_000);

  it('loses and doubles no answer when one instance is killed with answers in flight', async () => {
    const chats = Array.from({ length: 10 }, (_, i) => 8400 + i);
    // The platform holds the first five sends for 4 s: the instance killed meanwhile has answers in flight.
    telegram.behaveNext('sendMessage', { kind: 'stall', ms: 4_000, times: 5 });
    for (const chat of chats.slice(0, 5)) expect((await post(hook(), tgText(chat, 'Cơ chế một cửa là gì?'), tgH)).status).toBe(200);
    expect(proxy.served.slice(-5).map((s) => s.by)).toContain('a');
    await new Promise((r) => setTimeout(r, 500));
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    for (const chat of chats.slice(5)) expect((await post(hook(), tgText(chat, 'Cơ chế một cửa là gì?'), tgH)).status).toBe(200);
    expect(proxy.served.slice(-5).every((s) => s.by === 'b')).toBe(true);
    for (const chat of chats) await telegram.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(chat), 45_000);
    await new Promise((r) => setTimeout(r, 3_000));
    for (const chat of chats) expect(telegram.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(chat)), `chat ${chat} answered exactly once`).toHaveLength(1);
  }, 90_000);
});
