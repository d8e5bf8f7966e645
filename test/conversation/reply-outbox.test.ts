/**
 * The dispatcher with the durable reply outbox, on a real SQLite store: retries with backoff, `retry_after`
 * honoured whatever its size, timed-out sends not repeated at once, giving up (then shown on the next
 * message), redelivered pending updates, and jobs left by a dead process taken over.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { hostname } from 'node:os';
import { openStore } from '../../src/storage/index.js';
import type { AppStore } from '../../src/storage/index.js';
import { QueueDispatcher } from '../../src/conversation/index.js';
import type { InboundMessage, OutboundReply, ReplyOutbox, ReplySender } from '../../src/conversation/index.js';
import { AppError } from '../../src/common/errors.js';
import { PlatformApiError, PlatformNetworkError } from '../../src/channels/platform-errors.js';

let n = 0;
function text(chatId: string, t: string): InboundMessage {
  return { channel: 'telegram', chatId, userId: chatId, updateKey: `k${++n}`, ts: 1, kind: 'text', text: t };
}

/** A sender whose next sends fail with the queued errors; records what it delivered. */
function flakySender() {
  const failures: unknown[] = [];
  const sent: string[] = [];
  const attempts: string[] = [];
  const sender: ReplySender = {
    async send(chatId: string, r: OutboundReply) {
      attempts.push(`${chatId}:${r.text}`);
      const f = failures.shift();
      if (f) throw f;
      sent.push(`${chatId}:${r.text}`);
    },
  };
  return { sender, failures, sent, attempts };
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('QueueDispatcher with the reply outbox', () => {
  let store: AppStore;
  const dispatchers: QueueDispatcher[] = [];
  let clock = 1_000_000;
  const now = () => clock;

  async function setup(opts: { giveUpMs?: number; ackWaitMs?: number; owner?: string; chatOrderWaitMs?: number; outbox?: (s: AppStore) => ReplyOutbox; handle?: (m: InboundMessage) => Promise<OutboundReply[]> } = {}) {
    store ??= await openStore('sqlite::memory:');
    const d = new QueueDispatcher({
      updates: store,
      outbox: opts.outbox ? opts.outbox(store) : store,
      handler: { handle: opts.handle ?? (async (m) => [{ text: `re ${m.text}` }]) },
      now,
      pollMs: 5,
      leaseMs: 30_000,
      owner: opts.owner,
      chatOrderWaitMs: opts.chatOrderWaitMs,
      ackWaitMs: opts.ackWaitMs,
      retry: { giveUpMs: opts.giveUpMs ?? 3600_000, baseDelayMs: 1000, maxDelayMs: 60_000, unknownOutcomeDelayMs: 60_000 },
    });
    dispatchers.push(d);
    return d;
  }
  /** The job of a pending update (recording the same key again only reads it); undefined once done or failed. */
  const job = async (key: string) => (await store.recordUpdate({ channel: 'telegram', updateKey: key } as InboundMessage, 'probe', clock, clock)).job;

  afterEach(async () => {
    for (const d of dispatchers.splice(0)) await d.stopDelivery();
    await store?.close();
    store = undefined as unknown as AppStore;
  });

  it('with ackWaitMs, acknowledges a recorded update once its answer is delivered and recorded as such', async () => {
    const d = await setup({ ackWaitMs: 1000 });
    const s = flakySender();
    d.startDelivery({ telegram: s.sender });
    const m = text('A', 'một');
    expect(await d.accept(m, s.sender)).toBe(true);
    expect(s.sent, 'the answer went out before the acknowledgement').toEqual(['A:re một']);
    await until(async () => (await job(m.updateKey)) === undefined);
    // A failed first attempt does not hold the acknowledgement either: the retry is scheduled, the webhook answered.
    s.failures.push(new PlatformApiError('telegram', 'sendMessage', 502, 'Bad Gateway'));
    const t0 = Date.now();
    expect(await d.accept(text('B', 'hai'), s.sender)).toBe(true);
    expect(Date.now() - t0, 'acknowledged after the failed attempt, not after the whole backoff').toBeLessThan(900);
    expect(s.attempts).toContain('B:re hai');
  });

  it('prunes a finished job after 7 days and its update key after 30, so the tables stop growing', async () => {
    const d = await setup();
    const s = flakySender();
    d.startDelivery({ telegram: s.sender });
    const m = text('A', 'một');
    expect(await d.accept(m, s.sender)).toBe(true);
    await until(() => s.sent.length === 1);
    await until(async () => (await job(m.updateKey)) === undefined);
    const day = 24 * 3600_000;
    clock += 8 * day;
    await new Promise((r) => setTimeout(r, 30)); // a few delivery rounds: the job is pruned
    expect(await d.accept(m, s.sender), 'the key outlives its job: still a duplicate after 8 days').toBe(false);
    clock += 31 * day;
    await new Promise((r) => setTimeout(r, 30));
    // A key goes only once no job refers to it, so this also shows that the job went.
    expect(await d.accept(m, s.sender), 'after 30 days the key is pruned too').toBe(true);
    await until(() => s.sent.length === 2);
  });

  it('retries a refused send with backoff until the platform accepts it, sending it once', async () => {
    const d = await setup();
    const s = flakySender();
    s.failures.push(new PlatformApiError('telegram', 'sendMessage', 502, 'Bad Gateway'), new PlatformNetworkError('telegram', 'sendMessage', { cause: new Error('ECONNREFUSED') }));
    d.startDelivery({ telegram: s.sender });
    const m = text('A', 'một');
    expect(await d.accept(m, s.sender)).toBe(true);
    await until(() => s.attempts.length === 1);
    await d.drain();
    const pending = await job(m.updateKey);
    expect(pending, 'a failed answer stays pending').toMatchObject({ state: 'pending', attempts: 1 });
    expect(pending!.nextAttemptAt - clock).toBeGreaterThanOrEqual(800);
    expect(await d.accept(m, s.sender), 'a redelivery while the answer is pending is not a duplicate').toBe('pending');
    clock += 1200;
    await until(() => s.attempts.length === 2);
    clock += 5000;
    await until(() => s.sent.length === 1);
    await d.drain();
    expect(s.sent).toEqual(['A:re một']);
    expect(await d.accept(m, s.sender), 'done: now a duplicate').toBe(false);
    clock += 3600_000;
    await new Promise((r) => setTimeout(r, 50));
    expect(s.sent, 'never sent again').toEqual(['A:re một']);
  });

  it('waits as long as retry_after says, however large', async () => {
    const d = await setup();
    const s = flakySender();
    s.failures.push(new PlatformApiError('telegram', 'sendMessage', 429, 'Too Many Requests: retry after 600', 600));
    d.startDelivery({ telegram: s.sender });
    const m = text('B', 'hai');
    await d.accept(m, s.sender);
    await until(async () => (await job(m.updateKey))?.attempts === 1);
    expect((await job(m.updateKey))!.nextAttemptAt - clock).toBeGreaterThanOrEqual(600_000);
    clock += 599_000;
    await new Promise((r) => setTimeout(r, 50));
    expect(s.attempts, 'resent before retry_after passed').toHaveLength(1);
    clock += 2000;
    await until(() => s.sent.length === 1);
  });

  it('does not resend at once a send that timed out (it may have arrived)', async () => {
    const d = await setup();
    const s = flakySender();
    s.failures.push(new PlatformNetworkError('telegram', 'sendMessage', { cause: new Error('timed out'), timedOut: true }));
    d.startDelivery({ telegram: s.sender });
    const m = text('C', 'ba');
    await d.accept(m, s.sender);
    await until(async () => (await job(m.updateKey))?.attempts === 1);
    clock += 30_000;
    await new Promise((r) => setTimeout(r, 50));
    expect(s.attempts).toHaveLength(1);
    expect((await job(m.updateKey))!.nextAttemptAt - (clock - 30_000)).toBeGreaterThanOrEqual(60_000);
  });

  it('gives up after the give-up time and shows the answer on the official\'s next message', async () => {
    const d = await setup({ giveUpMs: 10_000 });
    const s = flakySender();
    const down = () => new PlatformApiError('telegram', 'sendMessage', 502, 'Bad Gateway');
    s.failures.push(down(), down(), down(), down(), down(), down());
    d.startDelivery({ telegram: s.sender });
    const m = text('D', 'bốn');
    await d.accept(m, s.sender);
    for (let i = 0; i < 8 && (await job(m.updateKey))?.state === 'pending'; i++) {
      const attempts = s.attempts.length;
      clock += 20_000;
      await until(async () => s.attempts.length > attempts || (await job(m.updateKey))?.state !== 'pending');
      await d.drain();
    }
    expect(await job(m.updateKey), 'given up: no longer pending').toBeUndefined();
    const failed = await store.failedRepliesForChat('telegram', 'D');
    expect(failed.map((j) => j.updateKey)).toEqual([m.updateKey]);
    s.failures.length = 0;
    await d.accept(text('D', 'năm'), s.sender);
    await until(() => s.sent.length === 3);
    expect(s.sent[0]).toMatch(/^D:Trước đó hệ thống chưa gửi được/);
    expect(s.sent.slice(1)).toEqual(['D:re bốn', 'D:re năm']);
    expect(await store.failedRepliesForChat('telegram', 'D')).toEqual([]);
  });

  it('gives up at once on a permanent refusal (403 blocked)', async () => {
    const d = await setup();
    const s = flakySender();
    s.failures.push(new PlatformApiError('telegram', 'sendMessage', 403, 'Forbidden: bot was blocked by the user'));
    d.startDelivery({ telegram: s.sender });
    const m = text('E', 'sáu');
    await d.accept(m, s.sender);
    await until(async () => (await store.failedRepliesForChat('telegram', 'E')).length === 1);
    expect(s.attempts).toHaveLength(1);
  });

  it('takes over at once the jobs of a stopped process on this host, and after the lease for others', async () => {
    store = await openStore('sqlite::memory:');
    const deadLocal = `reply:${hostname()}:999999:0badc0de`;
    const remote = 'reply:other-host:1:0badc0de';
    const a = text('F', 'bảy');
    const b = text('G', 'tám');
    await store.recordUpdate(a, deadLocal, clock, clock + 30_000);
    await store.recordUpdate(b, remote, clock, clock + 30_000);
    const d = await setup();
    const s = flakySender();
    d.startDelivery({ telegram: s.sender });
    await until(() => s.sent.length === 1);
    expect(s.sent).toEqual(['F:re bảy']);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.sent, 'a live lease on another host is respected').toHaveLength(1);
    clock += 31_000;
    await until(() => s.sent.length === 2);
    expect(s.sent[1]).toBe('G:re tám');
  });

  it('keeps a chat\'s answers in order across instances: the later one waits until the earlier is delivered', async () => {
    const one = await setup({ owner: 'reply:host-1:1:aaaa' });
    const two = await setup({ owner: 'reply:host-2:1:bbbb' });
    const delivered: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const slow: ReplySender = { send: async (chatId, r) => { await held; delivered.push(`${chatId}:${r.text}`); } };
    const fast: ReplySender = { send: async (chatId, r) => void delivered.push(`${chatId}:${r.text}`) };
    expect(await one.accept(text('H', 'một'), slow)).toBe(true);
    expect(await two.accept(text('H', 'hai'), fast)).toBe(true);
    expect(await two.accept(text('I', 'ba'), fast), 'another chat is not held up').toBe(true);
    await until(() => delivered.includes('I:re ba'));
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered, 'the second message of H waits for the first, answered on the other instance').toEqual(['I:re ba']);
    release();
    await until(() => delivered.length === 3);
    expect(delivered.filter((d) => d.startsWith('H:'))).toEqual(['H:re một', 'H:re hai']);
  });

  it('stops waiting for an earlier answer of the chat after chatOrderWaitMs (its instance may be gone)', async () => {
    store = await openStore('sqlite::memory:');
    // Recorded by an instance on another host that never answers; its lease is still live.
    await store.recordUpdate(text('J', 'bốn'), 'reply:gone-host:1:cccc', clock, clock + 30_000);
    const d = await setup({ chatOrderWaitMs: 300 });
    const s = flakySender();
    const started = Date.now();
    await d.accept(text('J', 'năm'), s.sender);
    await until(() => s.sent.length === 1);
    expect(s.sent).toEqual(['J:re năm']);
    expect(Date.now() - started, 'it waited for the earlier answer first').toBeGreaterThanOrEqual(250);
  });

  /** The store as the outbox, with `method` failing `times` times as a database that went away does. */
  const failing = (method: 'markRepliesDelivered' | 'saveReplies', times: number) => (s: AppStore): ReplyOutbox => {
    let left = times;
    return new Proxy(s, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === method) {
          return (...args: unknown[]) => (left-- > 0 ? Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'PostgreSQL unavailable during test')) : (v as (...a: unknown[]) => unknown).apply(target, args));
        }
        return (v as (...a: unknown[]) => unknown).bind(target);
      },
    });
  };

  it('records a reply the platform accepted while storage was down once storage answers, and never sends it again', async () => {
    const d = await setup({ outbox: failing('markRepliesDelivered', 4) });
    const s = flakySender();
    d.startDelivery({ telegram: s.sender });
    const m = text('D', 'bốn');
    expect(await d.accept(m, s.sender)).toBe(true);
    await until(() => s.attempts.length === 1);
    // The outage outlasts the lease: the poller may lease the job again, but must not run it a second time.
    clock += 120_000;
    await until(async () => (await job(m.updateKey)) === undefined, 5000);
    clock += 120_000; // far past the lease: a job still marked pending would be leased and sent again
    await new Promise((r) => setTimeout(r, 100));
    await d.drain();
    expect(s.attempts).toEqual(['D:re bốn']);
  });

  /** The store as the outbox, calling `spy` just before each acceptance is written. */
  const spying = (spy: () => void) => (s: AppStore): ReplyOutbox =>
    new Proxy(s, {
      get(target, prop) {
        const v = Reflect.get(target, prop) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === 'markRepliesDelivered') return (...args: unknown[]) => (spy(), (v as (...a: unknown[]) => unknown).apply(target, args));
        return (v as (...a: unknown[]) => unknown).bind(target);
      },
    });

  /** Counts turns of the event loop (one `setImmediate` each) until stopped. */
  function loopTurns() {
    let turns = 0;
    let on = true;
    const step = () => {
      if (!on) return;
      turns++;
      setImmediate(step);
    };
    setImmediate(step);
    return { get now() { return turns; }, stop: () => void (on = false) };
  }

  it('writes the platform\'s acceptance in the same turn of the event loop as the send resolves', async () => {
    const loop = loopTurns();
    const recordedAt: number[] = [];
    const d = await setup({ outbox: spying(() => recordedAt.push(loop.now)) });
    const resolvedAt: number[] = [];
    const sender: ReplySender = {
      // The platform's 200 arrives as I/O does: in a later macrotask.
      send: () => new Promise<void>((resolve) => setTimeout(() => (resolvedAt.push(loop.now), resolve()), 5)),
    };
    d.startDelivery({ telegram: sender });
    for (const chat of ['P', 'Q', 'R']) expect(await d.accept(text(chat, 'sáu'), sender)).toBe(true);
    await until(() => recordedAt.length === 3);
    loop.stop();
    expect(recordedAt).toEqual(resolvedAt);
  });

  it('reads a platform 200 that arrives while answers are queued after at most one of them, not after all', async () => {
    const events: string[] = [];
    const busy = (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end); // answering is synchronous work (search, SQLite)
    };
    const d = await setup({
      outbox: spying(() => events.push('recorded')),
      handle: async (m) => {
        if (m.chatId !== 'A') busy(30);
        events.push(`${m.chatId} answered`);
        return [{ text: `re ${m.text}` }];
      },
    });
    const sender: ReplySender = { send: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) };
    d.startDelivery({ telegram: sender });
    await Promise.all(['A', 'B', 'C', 'D'].map((chat) => d.accept(text(chat, 'bảy'), sender)));
    await until(() => events.filter((e) => e === 'recorded').length === 4);
    // A is answered first (quickly) and sent; its 200 comes while B, C and D wait to be answered.
    const firstRecord = events.indexOf('recorded');
    expect(events.indexOf('A answered')).toBe(0);
    expect(events.slice(0, firstRecord).filter((e) => e !== 'A answered').length, events.join(', ')).toBeLessThanOrEqual(1);
  });

  it('takes up a job interrupted by a storage failure as soon as storage answers, not after its lease expires', async () => {
    const d = await setup({ outbox: failing('saveReplies', 1) });
    const s = flakySender();
    d.startDelivery({ telegram: s.sender });
    const m = text('E', 'năm');
    expect(await d.accept(m, s.sender)).toBe(true);
    // The clock stands still: the 30 s lease never expires in this test.
    await until(() => s.sent.length === 1);
    expect(s.sent).toEqual(['E:re năm']);
    expect(await job(m.updateKey)).toBeUndefined();
  });
});
