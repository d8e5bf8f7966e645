import { randomUUID } from 'node:crypto';
import { describeError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import type { ReplySender } from '../conversation/ports.js';
import { DEFAULT_MAX_BACKOFF_MS, retryPlan } from '../conversation/reply-delivery.js';
import type { ChannelName } from '../conversation/types.js';
import type { StaffNotifier, TicketStore } from './ports.js';
import type { OutboxItem } from './types.js';

/** Options for {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  tickets: TicketStore;
  /** Senders per channel (the web chat has none: its answers are shown when the page polls). */
  senders: Partial<Record<ChannelName, ReplySender>>;
  notifier: StaffNotifier;
  /** Unique id of this instance, for leases. Default a random id. */
  owner?: string;
  /** How often to look for due items, ms. Default 1000. */
  pollMs?: number;
  /** How long a lease lasts, ms (an instance that dies mid-send loses it after this). Default 30 000. */
  leaseMs?: number;
  /**
   * How long after an item was created it is still retried, ms; then it is marked failed (staff are told,
   * and the official sees it on their next message). Default 24 h, so an outage of minutes or hours loses
   * nothing. Backoff: 2 s doubling to `maxBackoffMs`, never sooner than the platform's `retry_after`.
   */
  giveUpMs?: number;
  /** Longest backoff between attempts, ms (a platform's `retry_after` may ask for more). Default 60 000. */
  maxBackoffMs?: number;
  /** Attempts before an item is marked failed for good, whatever the time. Default: no limit. */
  maxAttempts?: number;
  logger?: Logger;
  now?: () => number;
}

/**
 * OutboxRelay: delivers recorded staff answers (and delay notices) to officials.
 *
 * Items are leased (exclusive across instances), sent through the official's channel, and marked sent
 * only while the lease is still held, so an answer accepted by the platform is never sent again; an
 * instance that crashes before sending leaves the item to be sent after restart or by another instance
 * once its lease expires. Failures are retried with exponential backoff, then reported to staff.
 */
export class OutboxRelay {
  readonly owner: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly o: OutboxRelayOptions) {
    this.owner = o.owner ?? `relay-${randomUUID()}`;
    this.log = o.logger ?? silentLogger;
    this.now = o.now ?? Date.now;
  }

  /** Starts polling. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.runOnce().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.o.pollMs ?? 1000);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the current round. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Delivers every due item once; returns how many were sent. Rounds never overlap. */
  runOnce(): Promise<number> {
    if (!this.running) {
      this.running = this.round().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async round(): Promise<number> {
    const now = this.now();
    let items: OutboxItem[];
    try {
      items = await this.o.tickets.leaseOutbox(this.owner, now, now + (this.o.leaseMs ?? 30_000), 20);
    } catch (err: unknown) {
      this.log.warn({ err: describeError(err) }, 'outbox unavailable');
      return 0;
    }
    let sent = 0;
    for (const item of items) if (await this.deliver(item)) sent++;
    return sent;
  }

  private async deliver(item: OutboxItem): Promise<boolean> {
    const sender = this.o.senders[item.channel];
    try {
      if (!sender) throw new Error(`channel ${item.channel} is not configured on this instance`);
      await sender.send(item.chatId, { text: item.text });
    } catch (err: unknown) {
      const attempts = item.attempts + 1;
      // A sender marks a failure `permanent` when retrying cannot help until the official writes again
      // (a closed reply window, a used-up quota, a 403): the item fails at once and waits for their next
      // message. Otherwise: backoff, honouring retry_after whatever its size, until the give-up time.
      const plan = retryPlan(err, item.attempts, item.createdAt, this.now(), { giveUpMs: this.o.giveUpMs ?? 24 * 3600_000, baseDelayMs: 2000, maxDelayMs: this.o.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS });
      const giveUp = plan.giveUp || attempts >= (this.o.maxAttempts ?? Infinity);
      await this.o.tickets.markOutboxRetry(item.id, this.owner, describeError(err), plan.nextAttemptAt, giveUp).catch(() => undefined);
      this.log.warn({ outboxId: item.id, ticketId: item.ticketId, attempts, giveUp, failure: plan.kind, retryInMs: plan.nextAttemptAt - this.now(), err: describeError(err) }, 'relay not delivered');
      if (giveUp && item.kind === 'staff_answer') await this.confirm(item, 'failed', describeError(err));
      return false;
    }
    const recorded = await this.o.tickets.markOutboxSent(item.id, this.owner, this.now()).catch((err: unknown) => {
      this.log.error({ outboxId: item.id, err: describeError(err) }, 'relay sent but not recorded');
      return false;
    });
    this.log.info({ outboxId: item.id, ticketId: item.ticketId, channel: item.channel, recorded }, 'relay delivered');
    if (item.kind === 'staff_answer') await this.confirm(item, 'delivered');
    return true;
  }

  private async confirm(item: OutboxItem, outcome: 'delivered' | 'failed', detail?: string): Promise<void> {
    try {
      const t = await this.o.tickets.getTicket(item.ticketId);
      if (t) await this.o.notifier.confirmRelay(t, outcome, detail);
    } catch (err: unknown) {
      this.log.warn({ ticketId: item.ticketId, err: describeError(err) }, 'relay confirmation to staff failed');
    }
  }
}

/**
 * True when a sender's error says retrying is pointless until the official writes again: an error
 * object with `permanent === true` (e.g. the Zalo OA channel's closed reply window or used-up quota).
 */
export function isPermanentFailure(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { permanent?: unknown }).permanent === true;
}
