import { AppError, describeError, isAppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { msg } from '../common/messages-vi.js';
import type { Dispatcher, ReplyJob, ReplyOutbox, ReplySender, UpdateLog } from './ports.js';
import { isDeadLocalOwner, newOwnerId, retryPlan } from './reply-delivery.js';
import type { RetryPolicy } from './reply-delivery.js';
import type { ChannelName, InboundMessage, OutboundReply } from './types.js';

/** What the dispatcher runs for each new update: the conversation core. */
export interface MessageHandler {
  handle(m: InboundMessage): Promise<OutboundReply[]>;
}

/** Options for {@link QueueDispatcher}. */
export interface QueueDispatcherOptions {
  updates: UpdateLog;
  handler: MessageHandler;
  /**
   * The durable reply outbox. With it, every accepted update is recorded with its job before the webhook
   * is acknowledged, and its answer is delivered (after a crash, a restart or an outage) until the
   * platform accepts it or `retry.giveUpMs` passes. Without it (unit tests), replies are sent once.
   */
  outbox?: ReplyOutbox;
  /** Reply outbox retry policy. Default: give up after 24 h, backoff 2 s doubling to 60 s. */
  retry?: Partial<RetryPolicy>;
  /** Lease on a job being worked on, ms; renewed every third of it while the job is in flight. Default 30 000. */
  leaseMs?: number;
  /** How often the outbox is polled for due jobs, ms. Default 1000. */
  pollMs?: number;
  /**
   * Longest wait, ms, for an earlier message of the same chat that another instance is still answering
   * before this one is answered anyway (so a chat is never stuck behind a dead instance). Default 1.5 × `leaseMs`.
   */
  chatOrderWaitMs?: number;
  /** Lease owner id of this instance. Default {@link newOwnerId}. */
  owner?: string;
  /**
   * How long to keep retrying (every `pollMs`, at least 250 ms) the write that records a reply the platform
   * accepted while the database is unavailable, ms. Giving it up means the reply is sent again once the
   * job is taken up, so this spans a database restart. Default 600 000.
   */
  recordRetryMs?: number;
  logger?: Logger;
  now?: () => number;
  /** Delay before showing "typing…" (then repeated every 4.5 s while the answer is prepared). Default 400 ms. */
  typingDelayMs?: number;
  /**
   * Jobs (answer and send) worked on at once; later ones wait their turn in arrival order. Default 8: the
   * work is mostly synchronous (search, SQLite), so more at once only interleaves them and makes every
   * answer late under load, while a few cover the time replies spend on the network.
   */
  maxConcurrentJobs?: number;
  /**
   * Accepted jobs waiting for a turn beyond which `accept` holds the next update back (so the webhook's
   * acknowledgement waits and the platform slows down) instead of queueing it. Default 8.
   */
  maxWaitingJobs?: number;
  /** Longest `accept` holds an update back for a turn, ms; then it is recorded and queued anyway. Default 2000. */
  maxAdmissionWaitMs?: number;
  /**
   * Longest `accept` waits, once the update is recorded, for its answer to be worked on (sent, or a retry
   * scheduled), ms; at most a quarter of the sender's `ackWithinMs`. The webhook is acknowledged after it,
   * so a platform that sends its next update only when the last one is acknowledged (Telegram: a few
   * connections, one update at a time each) slows down to the pace answers are given instead of filling a
   * queue in the bot: each official's wait then starts at the platform, and the answers in the bot's hands
   * stay few. 0 (the default here; the app sets `WEBHOOK_ACK_WAIT_MS`) acknowledges once the update is recorded.
   */
  ackWaitMs?: number;
}

/** A job between its queueing and its turn: counted by {@link QueuedJob.waiting} for admission. */
interface QueuedJob {
  waiting: boolean;
}

/** How often a job waiting for an earlier answer of its chat checks again, ms. */
const ORDER_POLL_MS = 100;

/** Finished jobs are kept this long (for redeliveries and inspection), then pruned. */
const KEEP_DONE_MS = 7 * 24 * 3600_000;
/**
 * Update keys are kept this long, then pruned once no job refers to them: far beyond any platform's
 * redelivery (Telegram keeps an unacknowledged update for 24 hours).
 */
const KEEP_KEYS_MS = 30 * 24 * 3600_000;
/** Update keys deleted per statement, and statements per prune round (the rest waits for the next hour). */
const PRUNE_KEY_BATCH = 2000;
const PRUNE_KEY_ROUNDS = 50;

/**
 * QueueDispatcher: records each update once, then handles it in the background, one update at a time
 * per chat (so replies keep the order of questions) and concurrently across chats.
 *
 * With a {@link ReplyOutbox}, the update and (once the handler ran) its replies are stored, and delivery
 * is leased: a crash at any point leaves the job to this or another instance after restart, a failed send
 * is retried with backoff (honouring `retry_after`), and a redelivered update whose answer is still
 * pending is taken up again rather than reported as a duplicate. Each update runs inside an error
 * boundary: an error is logged with channel and update id and the official gets the polite fallback reply.
 */
export class QueueDispatcher implements Dispatcher {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: Logger;
  private readonly now: () => number;
  readonly owner: string;
  /** Jobs this instance works on (their leases are renewed). */
  private readonly held = new Set<string>();
  private senders: Partial<Record<ChannelName, ReplySender>> = {};
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private round: Promise<void> | null = null;
  private lastPrune = 0;
  /** Jobs holding a turn, jobs queued for one (per-chat chains included), and the turns' FIFO. */
  private running = 0;
  private waitingJobs = 0;
  private readonly turns: Array<() => void> = [];
  /** `accept` calls held back until fewer jobs wait. */
  private readonly admissions: Array<() => void> = [];
  /** Jobs this instance still holds a lease on after a storage failure interrupted them: released when storage answers again. */
  private readonly interrupted = new Set<string>();
  /** The last answer's pass through the event loop (see {@link afterPendingIo}). */
  private ioPass: Promise<void> = Promise.resolve();

  constructor(private readonly o: QueueDispatcherOptions) {
    this.log = o.logger ?? silentLogger;
    this.now = o.now ?? Date.now;
    this.owner = o.owner ?? newOwnerId();
  }

  private get leaseMs(): number {
    return this.o.leaseMs ?? 30_000;
  }

  /**
   * Starts delivering the outbox: polls for due jobs (answers left by a crash, retries after a failure)
   * and renews the leases of jobs in flight. `senders` are the channels' senders for those jobs.
   */
  startDelivery(senders: Partial<Record<ChannelName, ReplySender>>): void {
    this.senders = { ...senders, ...this.senders };
    if (!this.o.outbox || this.timer) return;
    const tick = () => {
      void this.poll().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.o.pollMs ?? 1000);
      });
    };
    this.timer = setTimeout(tick, 0);
    this.heartbeat = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.leaseMs / 3)));
  }

  /** Stops polling, finishes the jobs in flight (their leases still renewed), then stops the heartbeat. */
  async stopDelivery(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
    await this.drain();
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  async accept(m: InboundMessage, sender: ReplySender): Promise<boolean | 'pending'> {
    const outbox = this.o.outbox;
    await this.admission(sender.ackWithinMs);
    if (!outbox) {
      if (!(await this.record(m))) return false;
      await this.ackWait(this.enqueue(m, (queued) => this.process(m, sender, queued)), sender.ackWithinMs);
      return true;
    }
    this.senders[m.channel] = sender;
    const now = this.now();
    const { outcome, job } = await this.storage(m, () => outbox.recordUpdate(m, this.owner, now, now + this.leaseMs));
    if (outcome === 'done') {
      this.log.info({ channel: m.channel, updateKey: m.updateKey }, 'duplicate update ignored');
      return false;
    }
    if (outcome === 'pending' || !job) {
      // Redelivered while its answer is still on its way (e.g. the instance that took it died): take it up.
      this.log.info({ channel: m.channel, updateKey: m.updateKey }, 'redelivered update still pending; delivering');
      void this.poll();
      return 'pending';
    }
    this.held.add(job.id);
    await this.ackWait(this.enqueue(m, (queued) => this.runJob(job, sender, queued)), sender.ackWithinMs);
    return true;
  }

  /** Waits for `run` (an accepted update's first pass) at most `ackWaitMs` (see the option); never rejects. */
  private async ackWait(run: Promise<void>, ackWithinMs?: number): Promise<void> {
    const most = Math.min(this.o.ackWaitMs ?? 0, ackWithinMs === undefined ? Infinity : ackWithinMs / 4);
    if (!(most > 0)) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run.catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, most)))]);
    clearTimeout(timer);
  }

  async handleNow(m: InboundMessage): Promise<OutboundReply[] | null> {
    if (!(await this.record(m))) return null;
    return this.withTurn(undefined, () => this.answer(m));
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Jobs running and waiting for a turn (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waitingJobs };
  }

  /**
   * Waits (at most `maxAdmissionWaitMs`, and a quarter of the sender's `ackWithinMs`) while `maxWaitingJobs` jobs already wait for a turn: under
   * overload the platform's next updates wait at its end, before they are recorded, rather than here
   * behind hundreds of others, each of which would then be answered late.
   */
  private async admission(ackWithinMs?: number): Promise<void> {
    const limit = this.o.maxWaitingJobs ?? 8;
    if (this.waitingJobs < limit) return;
    const most = this.o.maxAdmissionWaitMs ?? 2000;
    const deadline = this.now() + (ackWithinMs === undefined ? most : Math.min(most, ackWithinMs / 4));
    while (this.waitingJobs >= limit) {
      const left = deadline - this.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          const i = this.admissions.indexOf(wake);
          if (i >= 0) this.admissions.splice(i, 1);
          resolve();
        }, left);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.admissions.push(wake);
      });
    }
  }

  /** Queues `task` behind the chat's earlier tasks; the job counts as waiting until it takes a turn or ends. */
  private enqueue(m: Pick<InboundMessage, 'channel' | 'chatId'>, task: (queued: QueuedJob) => Promise<void>): Promise<void> {
    const key = `${m.channel}:${m.chatId}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const queued: QueuedJob = { waiting: true };
    this.waitingJobs++;
    const run = previous.then(() => task(queued)).finally(() => this.stopWaiting(queued));
    this.chains.set(key, run);
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      if (this.chains.get(key) === run) this.chains.delete(key);
    });
    return run;
  }

  private stopWaiting(queued: QueuedJob | undefined): void {
    if (!queued?.waiting) return;
    queued.waiting = false;
    this.waitingJobs--;
    this.admissions.shift()?.();
  }

  /**
   * Runs `fn` (answering: search, composition, storage) when it has one of the `maxConcurrentJobs` turns,
   * given in arrival order. Sending is left outside: it waits on the network, not on this process.
   */
  private async withTurn<T>(queued: QueuedJob | undefined, fn: () => Promise<T>): Promise<T> {
    if (this.running < (this.o.maxConcurrentJobs ?? 8)) this.running++;
    else await new Promise<void>((resolve) => this.turns.push(resolve)); // handed over below, count kept
    this.stopWaiting(queued);
    try {
      await this.afterPendingIo();
      return await fn();
    } finally {
      const next = this.turns.shift();
      if (next) next();
      else this.running--;
    }
  }

  /**
   * Resolves once the event loop has polled for I/O since the previous answer started (two `setImmediate`
   * hops: the first may run in the current iteration's check phase, the second only after the next poll
   * phase). Answering is mostly synchronous (search, SQLite), so answers started back to back would hold
   * the loop for all of them together; with a poll between each, a platform's 200 that arrived meanwhile is
   * read and its acceptance recorded (and a waiting webhook acknowledged) after at most one answer instead
   * of several. This narrows the window in which a crash resends an answer the platform already accepted.
   */
  private afterPendingIo(): Promise<void> {
    const pass = this.ioPass.then(() => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve))));
    this.ioPass = pass;
    return pass;
  }

  /** Records the update; false for a duplicate; STORAGE_UNAVAILABLE when the database does not answer. */
  private async record(m: InboundMessage): Promise<boolean> {
    const fresh = await this.storage(m, () => this.o.updates.markUpdate(m.channel, m.updateKey, this.now()));
    if (!fresh) this.log.info({ channel: m.channel, updateKey: m.updateKey }, 'duplicate update ignored');
    return fresh;
  }

  private async storage<T>(m: InboundMessage, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err: unknown) {
      if (isAppError(err, 'STORAGE_UNAVAILABLE')) throw err;
      throw new AppError('STORAGE_UNAVAILABLE', `cannot record ${m.channel} update ${m.updateKey}`, { cause: err });
    }
  }

  /** Runs the handler inside the error boundary, with "typing…" when it takes noticeably long. */
  private async answer(m: InboundMessage, sender?: ReplySender): Promise<OutboundReply[]> {
    // Platforms show "typing…" for about 5 s; a quick answer needs no indicator and saves a platform call.
    let repeat: NodeJS.Timeout | undefined;
    const typing = sender?.typing
      ? setTimeout(() => {
          void sender.typing?.(m.chatId);
          repeat = setInterval(() => void sender.typing?.(m.chatId), 4500);
        }, this.o.typingDelayMs ?? 400)
      : undefined;
    try {
      return await this.o.handler.handle(m);
    } catch (err: unknown) {
      this.log.error({ channel: m.channel, updateKey: m.updateKey, err: describeError(err) }, 'update failed');
      return [{ text: msg('chat.fallback') }];
    } finally {
      clearTimeout(typing);
      clearInterval(repeat);
    }
  }

  /** Without an outbox: answer and send once; a reply the channel could not deliver is logged. */
  private async process(m: InboundMessage, sender: ReplySender, queued: QueuedJob): Promise<void> {
    for (const reply of await this.withTurn(queued, () => this.answer(m, sender))) {
      try {
        await sender.send(m.chatId, reply);
      } catch (err: unknown) {
        this.log.error({ channel: m.channel, updateKey: m.updateKey, chatId: m.chatId, err: describeError(err) }, 'reply not delivered');
      }
    }
  }

  /**
   * Works on one leased job: runs the handler when no answer is recorded yet (and stores it, with any
   * earlier answers to this chat that were given up on), then sends the replies not yet accepted, recording
   * each acceptance. A failed send schedules a retry (or gives up); a storage failure leaves the lease to
   * expire so the job is taken up again.
   */
  private async runJob(job: ReplyJob, sender: ReplySender | undefined, queued: QueuedJob): Promise<void> {
    const outbox = this.o.outbox as ReplyOutbox;
    const m = job.message;
    const log = { channel: job.channel, updateKey: job.updateKey, jobId: job.id };
    try {
      await this.afterEarlierReplies(job);
      let replies: OutboundReply[] | null | undefined = job.replies;
      if (!replies) {
        replies = await this.withTurn(queued, async () => {
          const earlier = await outbox.failedRepliesForChat(job.channel, job.chatId);
          const resent = earlier.filter((j) => j.id !== job.id && j.replies?.length);
          const answered = [...(resent.length ? [{ text: msg('chat.undeliveredBot') }, ...resent.flatMap((j) => j.replies ?? [])] : []), ...(await this.answer(m, sender))];
          if (!(await outbox.saveReplies(job.id, this.owner, answered))) return null;
          if (earlier.length) await outbox.markRepliesReported(earlier.map((j) => j.id), this.now());
          return answered;
        });
        if (!replies) {
          this.log.warn(log, 'reply job lease lost before its answer was stored; another instance has it');
          return;
        }
      }
      for (let i = job.delivered; i < replies.length; i++) {
        try {
          if (!sender) throw new Error(`channel ${job.channel} has no sender on this instance`);
          await sender.send(job.chatId, replies[i]);
        } catch (err: unknown) {
          await this.retryLater(job, err);
          return;
        }
        // Recorded before anything else awaits (the write is issued in the same microtask as the send's
        // resolution: nothing may be awaited, batched or timed in between, since a crash in that window sends
        // the reply again); if storage is down, retried (the lease is ours) rather than leaving an accepted
        // reply unrecorded, which would send it again.
        const recorded = await this.untilStored(log, () => outbox.markRepliesDelivered(job.id, this.owner, i + 1, this.now(), i + 1 === replies.length));
        if (!recorded) this.log.warn({ ...log, reply: i + 1 }, 'reply sent but its lease was lost; it may be sent again');
      }
      if (replies.length === 0) await outbox.markRepliesDelivered(job.id, this.owner, 0, this.now(), true);
      if (job.attempts > 0) this.log.info({ ...log, attempts: job.attempts }, 'reply delivered after retries');
    } catch (err: unknown) {
      this.interrupted.add(job.id);
      this.log.error({ ...log, err: describeError(err) }, 'reply job interrupted (storage); taken up again when storage answers');
    } finally {
      this.held.delete(job.id);
    }
  }

  /**
   * Keeps a chat's answers in order across instances: waits (bounded by `chatOrderWaitMs`) while an earlier
   * job of the chat is pending elsewhere. Within this instance the per-chat chain already orders them.
   */
  private async afterEarlierReplies(job: ReplyJob): Promise<void> {
    const outbox = this.o.outbox as ReplyOutbox;
    const maxWait = this.o.chatOrderWaitMs ?? 1.5 * this.leaseMs;
    // Counted in real sleeps, not `now()`, so a test's frozen clock cannot make the wait endless.
    for (let waited = 0; await outbox.earlierReplyPending(job, this.owner, this.now()); waited += ORDER_POLL_MS) {
      if (waited >= maxWait) {
        this.log.warn({ channel: job.channel, updateKey: job.updateKey, jobId: job.id }, 'an earlier answer to this chat is still pending; answering anyway');
        return;
      }
      await new Promise((r) => setTimeout(r, ORDER_POLL_MS));
    }
  }

  /**
   * Runs a storage write, retrying it while storage is unavailable (STORAGE_UNAVAILABLE) for up to
   * `recordRetryMs`; other errors, and the last failure, are thrown.
   */
  private async untilStored<T>(log: Record<string, unknown>, write: () => Promise<T>): Promise<T> {
    let end: number | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await write(); // the first attempt is issued synchronously, before anything else
      } catch (err: unknown) {
        end ??= Date.now() + (this.o.recordRetryMs ?? 600_000);
        if (!isAppError(err, 'STORAGE_UNAVAILABLE') || Date.now() >= end) throw err;
        if (attempt === 1) this.log.warn({ ...log, err: describeError(err) }, 'reply accepted by the platform but not recorded (storage unavailable); retrying the write');
        await new Promise((r) => setTimeout(r, Math.max(250, this.o.pollMs ?? 1000)));
      }
    }
  }

  private async retryLater(job: ReplyJob, err: unknown): Promise<void> {
    const attempts = job.attempts + 1;
    const plan = retryPlan(err, job.attempts, job.createdAt, this.now(), { giveUpMs: 24 * 3600_000, ...this.o.retry });
    const fields = { channel: job.channel, updateKey: job.updateKey, jobId: job.id, chatId: job.chatId, attempts, failure: plan.kind, err: describeError(err) };
    await (this.o.outbox as ReplyOutbox).markReplyRetry(job.id, this.owner, describeError(err), plan.nextAttemptAt, plan.giveUp);
    if (plan.giveUp) this.log.error(fields, 'reply not delivered; given up (shown on the official\'s next message)');
    else this.log.warn({ ...fields, retryInMs: plan.nextAttemptAt - this.now() }, 'reply not delivered; will retry');
  }

  /** One outbox round (never two at once): free dead holders' leases, then lease and queue due jobs. */
  private poll(): Promise<void> {
    if (!this.round) {
      this.round = this.pollOnce()
        .catch((err: unknown) => this.log.warn({ err: describeError(err) }, 'reply outbox unavailable'))
        .finally(() => {
          this.round = null;
        });
    }
    return this.round;
  }

  private async pollOnce(): Promise<void> {
    const outbox = this.o.outbox;
    if (!outbox || this.held.size >= 200) return;
    const now = this.now();
    // Jobs a storage failure interrupted still carry our lease: release them so they are leased below at
    // once instead of after the lease expires.
    for (const id of [...this.interrupted]) {
      await outbox.markReplyRetry(id, this.owner, 'interrupted by a storage failure', now, false);
      this.interrupted.delete(id);
    }
    const dead = (await outbox.replyLeaseOwners(now)).filter((o) => isDeadLocalOwner(o, this.owner));
    if (dead.length) {
      this.log.info({ owners: dead }, 'taking over reply jobs of a stopped process');
      await outbox.expireReplyLeases(dead);
    }
    for (const job of await outbox.leaseReplyJobs(this.owner, now, now + this.leaseMs, 50)) {
      // Its lease expired while this instance still works on it (e.g. retrying a write through a database
      // outage): the renewed lease is enough; a second run would send what the first already sent.
      if (this.held.has(job.id)) continue;
      this.held.add(job.id);
      this.enqueue(job, (queued) => this.runJob(job, this.senders[job.channel], queued));
    }
    if (now - this.lastPrune > 3600_000) {
      this.lastPrune = now;
      const pruned = await outbox.pruneReplyJobs(now - KEEP_DONE_MS);
      if (pruned) this.log.info({ pruned }, 'old reply jobs pruned');
      // In batches with the event loop let in between: a first prune may find a year of keys.
      let keys = 0;
      for (let round = 0; round < PRUNE_KEY_ROUNDS; round++) {
        const n = await outbox.pruneUpdateKeys(now - KEEP_KEYS_MS, PRUNE_KEY_BATCH);
        keys += n;
        if (n < PRUNE_KEY_BATCH) break;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (keys) this.log.info({ keys }, 'old update keys pruned');
    }
  }

  private async renew(): Promise<void> {
    if (!this.o.outbox || !this.held.size) return;
    await this.o.outbox.renewReplyLeases(this.owner, [...this.held], this.now() + this.leaseMs).catch((err: unknown) => {
      this.log.warn({ err: describeError(err) }, 'reply leases not renewed');
    });
  }
}
