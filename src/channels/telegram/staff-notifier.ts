/**
 * TelegramStaffNotifier: the escalation core's {@link StaffNotifier} for a Telegram staff group. A new
 * ticket gets its own forum topic when the group has topics (platforms.md §3.5), otherwise its card is
 * posted in the group; state changes edit the card in place; reminders and relay confirmations go into the
 * topic, or reply to the card.
 */
import { describeError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { msg } from '../../common/messages-vi.js';
import type { StaffCardRef, StaffNotifier, Ticket } from '../../escalation/index.js';
import { PlatformApiError } from '../platform-errors.js';
import { withRetry } from '../retry.js';
import type { RetryOptions } from '../retry.js';
import { renderStaffCard, staffTopicName } from './staff-card.js';
import type { SendMessageExtra, TelegramClient } from './telegram-client.js';

/** Options for {@link TelegramStaffNotifier}. */
export interface TelegramStaffNotifierOptions {
  client: TelegramClient;
  /** Numeric id of the staff group as Telegram sends it in updates (`-100…` for a supergroup). */
  staffChatId: string;
  /**
   * One forum topic per ticket: `true`, `false`, or `'auto'` (default) to ask `getChat` once whether the
   * group is a forum (`is_forum`). When the lookup fails, that ticket goes in the group and the next one asks again.
   */
  useTopics?: boolean | 'auto';
  /**
   * Number of officials waiting on a ticket, shown on the card, e.g.
   * `(t) => ticketStore.waiters(t.id).then((w) => w.length)`. Default: not shown.
   */
  countWaiting?: (t: Ticket) => Promise<number>;
  /**
   * A note on reaching the ticket's official, shown on the card (the Zalo OA reply window: how long the
   * free window has left, when the official can no longer be reached). Default: none.
   */
  reachNote?: (t: Ticket) => Promise<string | undefined>;
  logger: Logger;
  /** Retry policy for Bot API calls (see withRetry; defaults: 5 attempts from 500 ms). */
  retry?: RetryOptions;
}

/**
 * Shows tickets to reform staff in a Telegram group.
 *
 * Use it as TicketService's `notifier` when a staff group is configured; StaffGroupHandler handles what
 * staff do with the cards. It does not react to updates, and never closes or renames forum topics.
 * Errors are thrown (TicketService logs them and carries on); "message is not modified" is not an error.
 *
 * @example
 * const notifier = new TelegramStaffNotifier({ client, staffChatId: '-1001234567890', logger });
 * const tickets = new TicketService({ tickets: store, notifier, analyzer, addFaq, logger });
 */
export class TelegramStaffNotifier implements StaffNotifier {
  private readonly log: Logger;
  private readonly useTopics: boolean | 'auto';
  private forum: Promise<boolean> | undefined;

  constructor(private readonly o: TelegramStaffNotifierOptions) {
    this.log = o.logger;
    this.useTopics = o.useTopics ?? 'auto';
  }

  /** Creates the ticket's topic (forum groups) and posts its card there, or in the group; returns where it is. */
  async postTicket(t: Ticket): Promise<StaffCardRef> {
    const chatId = this.o.staffChatId;
    const threadId = (await this.topicsEnabled()) ? await this.createTopic(t) : undefined;
    const { text, ...extra } = renderStaffCard({ ticket: t, waitingCount: await this.waiting(t), inTopic: threadId !== undefined, reachNote: await this.reachNote(t) });
    const sent = await this.call('sendMessage', () =>
      this.o.client.sendMessage(chatId, text, threadId === undefined ? extra : { ...extra, message_thread_id: threadId }),
    );
    const card: StaffCardRef = { chatId: String(sent.chat.id), messageId: String(sent.message_id) };
    if (threadId !== undefined) card.threadId = String(threadId);
    this.log.info({ channel: 'telegram', ticketId: t.id, number: t.number, messageId: card.messageId, threadId: card.threadId }, 'staff card posted');
    return card;
  }

  /** Redraws the card with the ticket's current state; buttons stay only while it is open or claimed. */
  async updateTicket(t: Ticket): Promise<void> {
    const card = t.card;
    if (!card) {
      this.log.debug({ channel: 'telegram', ticketId: t.id }, 'ticket has no staff card to update');
      return;
    }
    const { text, ...extra } = renderStaffCard({ ticket: t, waitingCount: await this.waiting(t), inTopic: card.threadId !== undefined, reachNote: await this.reachNote(t) });
    try {
      await this.call('editMessageText', () => this.o.client.editMessageText(card.chatId, Number(card.messageId), text, extra));
    } catch (err: unknown) {
      // Nothing changed on the card (e.g. a second "closed" update): Telegram refuses with a 400.
      if (!isNotModified(err)) throw err;
    }
  }

  /** "⏰ Phiếu #n đã m phút chưa được nhận xử lý / trả lời", in the ticket's topic or replying to its card. */
  async remind(t: Ticket, ageMinutes: number): Promise<void> {
    const what = msg(t.state === 'open' ? 'staff.remind.claim' : 'staff.remind.answer');
    await this.sendNearCard(t, msg('staff.remind', { number: t.number, minutes: ageMinutes, what }));
  }

  /** Tells staff the answer reached the official ("✅ …") or could not be delivered ("⚠️ …", with why). */
  async confirmRelay(t: Ticket, outcome: 'delivered' | 'failed', detail?: string): Promise<void> {
    const key = outcome === 'delivered' ? 'staff.relay.delivered' : 'staff.relay.failed';
    await this.sendNearCard(t, msg(key, { number: t.number, detail: detail ?? '' }));
  }

  /** Whether tickets get their own topic; 'auto' asks getChat once and remembers a successful answer. */
  private topicsEnabled(): Promise<boolean> {
    if (this.useTopics !== 'auto') return Promise.resolve(this.useTopics);
    this.forum ??= this.call('getChat', () => this.o.client.getChat(this.o.staffChatId)).then(
      (chat) => (chat as { is_forum?: boolean }).is_forum === true,
      (err: unknown) => {
        this.log.warn({ channel: 'telegram', err: describeError(err) }, 'could not tell whether the staff group has topics; posting in the group');
        this.forum = undefined;
        return false;
      },
    );
    return this.forum;
  }

  /** Creates the ticket's topic; undefined (card goes in the group) when Telegram refuses, e.g. no admin right. */
  private async createTopic(t: Ticket): Promise<number | undefined> {
    try {
      const topic = await this.call('createForumTopic', () => this.o.client.createForumTopic(this.o.staffChatId, staffTopicName(t)));
      return topic.message_thread_id;
    } catch (err: unknown) {
      this.log.warn({ channel: 'telegram', ticketId: t.id, err: describeError(err) }, 'could not create a forum topic (is the bot an admin with can_manage_topics?); posting the card in the group');
      return undefined;
    }
  }

  private async reachNote(t: Ticket): Promise<string | undefined> {
    if (!this.o.reachNote) return undefined;
    try {
      return await this.o.reachNote(t);
    } catch (err: unknown) {
      this.log.warn({ channel: 'telegram', ticketId: t.id, err: describeError(err) }, 'reach note unavailable');
      return undefined;
    }
  }

  private async waiting(t: Ticket): Promise<number | undefined> {
    if (!this.o.countWaiting) return undefined;
    try {
      return await this.o.countWaiting(t);
    } catch (err: unknown) {
      this.log.warn({ channel: 'telegram', ticketId: t.id, err: describeError(err) }, 'could not count waiting officials; card shows no count');
      return undefined;
    }
  }

  /** Plain text in the ticket's topic, or replying to its card, or (no card) in the group. */
  private async sendNearCard(t: Ticket, text: string): Promise<void> {
    const card = t.card;
    const extra: SendMessageExtra = { link_preview_options: { is_disabled: true } };
    if (card?.threadId) extra.message_thread_id = Number(card.threadId);
    else if (card) extra.reply_parameters = { message_id: Number(card.messageId), allow_sending_without_reply: true };
    await this.call('sendMessage', () => this.o.client.sendMessage(card?.chatId ?? this.o.staffChatId, text, extra));
  }

  private call<T>(method: string, fn: () => Promise<T>): Promise<T> {
    const retry = this.o.retry ?? {};
    return withRetry(fn, {
      ...retry,
      onRetry: (err, attempt, delayMs) => {
        this.log.warn({ channel: 'telegram', method, attempt, delayMs, err: describeError(err) }, 'telegram staff call failed; retrying');
        retry.onRetry?.(err, attempt, delayMs);
      },
    });
  }
}

/** True for Telegram's 400 "message is not modified" (the edit would change nothing), which is success for us. */
export function isNotModified(err: unknown): boolean {
  return err instanceof PlatformApiError && err.code === 400 && /message is not modified/i.test(err.description);
}
