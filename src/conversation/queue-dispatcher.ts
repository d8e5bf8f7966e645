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
  /** Reply outbox retry policy. Default: give up after 24 h, backoff 2 s doubling to 5 min. */
  retry?: Partial<RetryPolicy>;
  /** Lease on a job being worked on, ms; renewed every third of it while the job is in flight. Default 30 000. */
  leaseMs?: number;
  /** How often the outbox is polled for due jobs, ms. Default 1000. */
  pollMs?: number;
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
}

/** Finished jobs are kept this long (for redeliveries and inspection), then pruned. */
const KEEP_DONE_MS = 7 * 24 * 3600_000;

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
  /** Jobs this instance still holds a lease on after a storage failure interrupted them: released when storage answers again. */
  private readonly interrupted = new Set<string>();

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
    if (!outbox) {
      if (!(await this.record(m))) return false;
      this.enqueue(m, () => this.process(m, sender));
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
    this.enqueue(m, () => this.runJob(job, sender));
    return true;
  }

  async handleNow(m: InboundMessage): Promise<OutboundReply[] | null> {
    if (!(await this.record(m))) return null;
    return this.answer(m);
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Queues `task` behind the chat's earlier tasks. */
  private enqueue(m: Pick<InboundMessage, 'channel' | 'chatId'>, task: () => Promise<void>): void {
    const key = `${m.channel}:${m.chatId}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    this.chains.set(key, run);
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      if (this.chains.get(key) === run) this.chains.delete(key);
    });
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
  private async process(m: InboundMessage, sender: ReplySender): Promise<void> {
    for (const reply of await this.answer(m, sender)) {
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
  private async runJob(job: ReplyJob, sender: ReplySender | undefined): Promise<void> {
    const outbox = this.o.outbox as ReplyOutbox;
    const m = job.message;
    const log = { channel: job.channel, updateKey: job.updateKey, jobId: job.id };
    try {
      let replies = job.replies;
      if (!replies) {
        const earlier = await outbox.failedRepliesForChat(job.channel, job.chatId);
        const resent = earlier.filter((j) => j.id !== job.id && j.replies?.length);
        replies = [...(resent.length ? [{ text: msg('chat.undeliveredBot') }, ...resent.flatMap((j) => j.replies ?? [])] : []), ...(await this.answer(m, sender))];
        if (!(await outbox.saveReplies(job.id, this.owner, replies))) {
          this.log.warn(log, 'reply job lease lost before its answer was stored; another instance has it');
          return;
        }
        if (earlier.length) await outbox.markRepliesReported(earlier.map((j) => j.id), this.now());
      }
      for (let i = job.delivered; i < replies.length; i++) {
        try {
          if (!sender) throw new Error(`channel ${job.channel} has no sender on this instance`);
          await sender.send(job.chatId, replies[i]);
        } catch (err: unknown) {
          await this.retryLater(job, err);
          return;
        }
        // Recorded before anything else awaits; if storage is down, retried (the lease is ours) rather than
        // leaving an accepted reply unrecorded, which would send it again.
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
   * Runs a storage write, retrying it while storage is unavailable (STORAGE_UNAVAILABLE) for up to
   * `recordRetryMs`; other errors, and the last failure, are thrown.
   */
  private async untilStored<T>(log: Record<string, unknown>, write: () => Promise<T>): Promise<T> {
    const end = Date.now() + (this.o.recordRetryMs ?? 600_000);
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err: unknown) {
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
      this.enqueue(job, () => this.runJob(job, this.senders[job.channel]));
    }
    if (now - this.lastPrune > 3600_000) {
      this.lastPrune = now;
      const pruned = await outbox.pruneReplyJobs(now - KEEP_DONE_MS);
      if (pruned) this.log.info({ pruned }, 'old reply jobs pruned');
    }
  }

  private async renew(): Promise<void> {
    if (!this.o.outbox || !this.held.size) return;
    await this.o.outbox.renewReplyLeases(this.owner, [...this.held], this.now() + this.leaseMs).catch((err: unknown) => {
      this.log.warn({ err: describeError(err) }, 'reply leases not renewed');
    });
  }
}
