import { AppError, describeError, isAppError } from '../common/errors.js';
import type { Logger } from '../common/logger.js';
import { silentLogger } from '../common/logger.js';
import { msg } from '../common/messages-vi.js';
import type { Dispatcher, ReplySender, UpdateLog } from './ports.js';
import type { InboundMessage, OutboundReply } from './types.js';

/** What the dispatcher runs for each new update: the conversation core. */
export interface MessageHandler {
  handle(m: InboundMessage): Promise<OutboundReply[]>;
}

/** Options for {@link QueueDispatcher}. */
export interface QueueDispatcherOptions {
  updates: UpdateLog;
  handler: MessageHandler;
  logger?: Logger;
  now?: () => number;
  /** Delay before showing "typing…" (then repeated every 4.5 s while the answer is prepared). Default 400 ms. */
  typingDelayMs?: number;
}

/**
 * QueueDispatcher: records each update once, then handles it in the background, one update at a time
 * per chat (so replies keep the order of questions) and concurrently across chats.
 *
 * Each update runs inside an error boundary: an error is logged with channel and update id and the
 * official gets the polite fallback reply. A reply that the channel could not deliver after its retries
 * is logged as an error with the update id (it is never dropped silently).
 */
export class QueueDispatcher implements Dispatcher {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly o: QueueDispatcherOptions) {
    this.log = o.logger ?? silentLogger;
    this.now = o.now ?? Date.now;
  }

  async accept(m: InboundMessage, sender: ReplySender): Promise<boolean> {
    if (!(await this.record(m))) return false;
    const key = `${m.channel}:${m.chatId}`;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.process(m, sender));
    this.chains.set(key, run);
    this.inFlight.add(run);
    void run.finally(() => {
      this.inFlight.delete(run);
      if (this.chains.get(key) === run) this.chains.delete(key);
    });
    return true;
  }

  async handleNow(m: InboundMessage): Promise<OutboundReply[] | null> {
    if (!(await this.record(m))) return null;
    try {
      return await this.o.handler.handle(m);
    } catch (err: unknown) {
      this.log.error({ channel: m.channel, updateKey: m.updateKey, err: describeError(err) }, 'update failed');
      return [{ text: msg('chat.fallback') }];
    }
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** Records the update; false for a duplicate; STORAGE_UNAVAILABLE when the database does not answer. */
  private async record(m: InboundMessage): Promise<boolean> {
    try {
      const fresh = await this.o.updates.markUpdate(m.channel, m.updateKey, this.now());
      if (!fresh) this.log.info({ channel: m.channel, updateKey: m.updateKey }, 'duplicate update ignored');
      return fresh;
    } catch (err: unknown) {
      if (isAppError(err, 'STORAGE_UNAVAILABLE')) throw err;
      throw new AppError('STORAGE_UNAVAILABLE', `cannot record ${m.channel} update ${m.updateKey}`, { cause: err });
    }
  }

  private async process(m: InboundMessage, sender: ReplySender): Promise<void> {
    let replies: OutboundReply[];
    // "typing…" only when the answer takes noticeably long, repeated while it lasts (platforms show it
    // for about 5 s); a quick answer needs no indicator and saves a platform call per message.
    let repeat: NodeJS.Timeout | undefined;
    const typing = sender.typing
      ? setTimeout(() => {
          void sender.typing?.(m.chatId);
          repeat = setInterval(() => void sender.typing?.(m.chatId), 4500);
        }, this.o.typingDelayMs ?? 400)
      : undefined;
    try {
      replies = await this.o.handler.handle(m);
    } catch (err: unknown) {
      this.log.error({ channel: m.channel, updateKey: m.updateKey, err: describeError(err) }, 'update failed');
      replies = [{ text: msg('chat.fallback') }];
    } finally {
      clearTimeout(typing);
      clearInterval(repeat);
    }
    for (const reply of replies) {
      try {
        await sender.send(m.chatId, reply);
      } catch (err: unknown) {
        this.log.error({ channel: m.channel, updateKey: m.updateKey, chatId: m.chatId, err: describeError(err) }, 'reply not delivered');
      }
    }
  }
}
