/**
 * What reform staff do in the Telegram staff group: press "Nhận xử lý" / "Đóng" on a ticket card, or
 * answer a ticket, either by replying to its card or (forum groups) by writing in the ticket's topic.
 *
 * {@link mapStaffUpdate} turns an Update into one of those actions (pure, never throws);
 * {@link StaffGroupHandler} carries it out through TicketService and answers in the group. Only updates
 * from the configured staff chat count: membership of that group is what makes someone staff, so a reply
 * to a card forwarded elsewhere, or a stranger's message, is never an answer.
 */
import { describeError, isAppError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { msg } from '../../common/messages-vi.js';
import type { StaffActor, Ticket, TicketService, TicketStore } from '../../escalation/index.js';
import { withRetry } from '../retry.js';
import type { RetryOptions } from '../retry.js';
import { decodeStaffCallback } from './callback-data.js';
import { callbackQueryIdOf } from './map-update.js';
import { stateWithActor } from './staff-card.js';
import { staffMsg } from './staff-texts-vi.js';
import type { SendMessageExtra, TelegramClient } from './telegram-client.js';

/** Which ticket a staff answer is for: the card it replies to, or the forum topic it was written in. */
export type StaffTicketRef = { cardMessageId: string } | { threadId: string };

/** A staff action recognised in the staff group. */
export type StaffUpdate =
  | { kind: 'claim' | 'close'; ticketNumber: number; callbackQueryId: string; actor: StaffActor }
  | { kind: 'answer'; ticketRef: StaffTicketRef; text: string; actor: StaffActor; messageId: string };

/** The ticket lookups the handler needs; pass the TicketStore itself. */
export type StaffTicketLookup = Pick<TicketStore, 'getTicketByNumber' | 'ticketByCard' | 'ticketByThread'>;

type Json = Record<string, unknown>;

/** `/cmd` or `/cmd@bot` at the start of a message: a command, never an answer. */
const COMMAND_RE = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?(?:\s|$)/;

/**
 * True when the update is a message, or a button press on a message, in the staff chat. The channel uses
 * it to route updates; anything else (private chats, other groups) is not the staff handler's.
 */
export function isStaffChatUpdate(update: unknown, staffChatId: string): boolean {
  if (!isObject(update)) return false;
  const message = isObject(update.message) ? update.message : isObject(update.callback_query) ? update.callback_query.message : undefined;
  return isObject(message) && isObject(message.chat) && isId(message.chat.id) && String(message.chat.id) === staffChatId;
}

/**
 * Maps a staff-group update to a staff action, or null when it is none: another chat, a bot (including
 * anonymous admins, who post as a bot), a command, a non-text message, a message neither in a topic nor
 * replying to a bot message, or a button that is not a ticket button.
 *
 * An answer in a forum topic (`is_topic_message`) is referred to by its topic, even when it replies to
 * something: a plain message in a topic carries `reply_to_message` = the topic's `forum_topic_created`
 * service message (platforms.md §3.5), and a reply to the card there is in the same topic anyway. Outside
 * topics, an answer must reply to a message from a bot (the card); the handler checks it is a card.
 *
 * @example
 * const action = mapStaffUpdate(req.body, '-1001234567890');
 * if (action?.kind === 'claim') await tickets.claim((await store.getTicketByNumber(action.ticketNumber))!.id, action.actor);
 */
export function mapStaffUpdate(update: unknown, staffChatId: string): StaffUpdate | null {
  if (!isStaffChatUpdate(update, staffChatId) || !isObject(update)) return null;
  if (isObject(update.callback_query)) return mapButton(update.callback_query);
  if (isObject(update.message)) return mapAnswer(update.message);
  return null;
}

function mapButton(q: Json): StaffUpdate | null {
  const actor = actorOf(q.from);
  const button = decodeStaffCallback(q.data);
  if (!actor || !button || typeof q.id !== 'string' || !q.id) return null;
  return { kind: button.action, ticketNumber: button.ticketNumber, callbackQueryId: q.id, actor };
}

function mapAnswer(m: Json): StaffUpdate | null {
  const actor = actorOf(m.from);
  if (!actor || m.sender_chat !== undefined || m.via_bot !== undefined || !isId(m.message_id)) return null;
  if (typeof m.text !== 'string' || !m.text.trim() || COMMAND_RE.test(m.text.trim())) return null;
  let ticketRef: StaffTicketRef;
  if (m.is_topic_message === true && isId(m.message_thread_id)) {
    ticketRef = { threadId: String(m.message_thread_id) };
  } else {
    const target = m.reply_to_message;
    if (!isObject(target) || !isId(target.message_id) || target.forum_topic_created !== undefined) return null;
    if (!isObject(target.from) || target.from.is_bot !== true) return null;
    ticketRef = { cardMessageId: String(target.message_id) };
  }
  return { kind: 'answer', ticketRef, text: m.text.trim(), actor, messageId: String(m.message_id) };
}

/** `{ id: 'tg:<user id>', name, role: 'staff' }` for a human sender; null for bots and malformed senders. */
function actorOf(from: unknown): StaffActor | null {
  if (!isObject(from) || !isId(from.id) || from.is_bot === true) return null;
  const parts = [from.first_name, from.last_name].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  const username = typeof from.username === 'string' && from.username ? from.username : undefined;
  const name = parts.length ? parts.join(' ').trim() : (username ?? `tg:${from.id}`);
  return { id: `tg:${from.id}`, name, role: 'staff' };
}

/** Options for {@link StaffGroupHandler}. */
export interface StaffGroupHandlerOptions {
  /** The ticket service; only `claim`, `close` and `answer` are used. */
  tickets: Pick<TicketService, 'claim' | 'close' | 'answer'>;
  /** Finds tickets by number (buttons), card message or topic (answers); pass the TicketStore. */
  lookup: StaffTicketLookup;
  client: TelegramClient;
  /** Numeric id of the staff group as Telegram sends it (`-100…`). */
  staffChatId: string;
  logger: Logger;
  /** Retry policy for Bot API calls (see withRetry; defaults: 5 attempts from 500 ms). */
  retry?: RetryOptions;
}

/** Telegram's limit on an answerCallbackQuery notice. */
const CALLBACK_TEXT_MAX = 200;

/**
 * Carries out staff actions from the staff group: claim and close buttons (the press is always answered,
 * with "đã nhận", "đã đóng" or who got there first), and answers (recorded through TicketService, which
 * queues them for every waiting official; a short "đã ghi nhận, đang gửi" note replies to the staff
 * message, and the delivery confirmation follows from the notifier).
 *
 * It does not dedupe redeliveries (the channel does; TicketService's version checks catch the rest) and
 * does not draw cards (TicketService calls the notifier).
 *
 * @example
 * const staff = new StaffGroupHandler({ tickets, lookup: ticketStore, client, staffChatId, logger });
 * const channel = new TelegramChannel({ ...options, staff: { chatId: staffChatId, handler: staff } });
 */
export class StaffGroupHandler {
  private readonly log: Logger;

  constructor(private readonly o: StaffGroupHandlerOptions) {
    this.log = o.logger;
  }

  /**
   * Handles one update. Resolves true when it came from the staff chat (acted on or ignored), false
   * otherwise. For an answer, a failing ticket lookup and AppError STORAGE_UNAVAILABLE from recording it
   * are thrown, so the channel answers 503/500 and Telegram redelivers the answer instead of it being
   * lost; every other failure is told to staff (callback notice or a reply in the group).
   */
  async handle(update: unknown): Promise<boolean> {
    if (!isStaffChatUpdate(update, this.o.staffChatId)) return false;
    const action = mapStaffUpdate(update, this.o.staffChatId);
    if (!action) {
      const queryId = callbackQueryIdOf(update); // a button that is not ours (or stale): stop the spinner
      if (queryId) await this.answerCallback(queryId);
      return true;
    }
    if (action.kind === 'answer') await this.answer(action);
    else await this.press(action);
    return true;
  }

  private async press(a: Extract<StaffUpdate, { kind: 'claim' | 'close' }>): Promise<void> {
    const number = a.ticketNumber;
    let notice: string;
    try {
      const ticket = await this.o.lookup.getTicketByNumber(number);
      if (!ticket) notice = staffMsg('staff.notFound', { number });
      else {
        await (a.kind === 'claim' ? this.o.tickets.claim(ticket.id, a.actor) : this.o.tickets.close(ticket.id, a.actor));
        notice = msg(a.kind === 'claim' ? 'staff.claimed' : 'staff.closed', { number });
        this.log.info({ channel: 'telegram', ticketId: ticket.id, number, staff: a.actor.id, action: a.kind }, 'staff button handled');
      }
    } catch (err: unknown) {
      notice = isAppError(err, 'CONFLICT') ? await this.conflictNotice(number) : staffMsg('staff.failed', { number });
      if (!isAppError(err, 'CONFLICT')) this.log.error({ channel: 'telegram', number, action: a.kind, err: describeError(err) }, 'staff button failed');
    }
    await this.answerCallback(a.callbackQueryId, notice);
  }

  private async answer(a: Extract<StaffUpdate, { kind: 'answer' }>): Promise<void> {
    const chatId = this.o.staffChatId;
    const ref = a.ticketRef;
    const ticket = 'cardMessageId' in ref ? await this.o.lookup.ticketByCard(chatId, ref.cardMessageId) : await this.o.lookup.ticketByThread(chatId, ref.threadId);
    if (!ticket) {
      this.log.debug({ channel: 'telegram', ref, messageId: a.messageId }, 'staff-group message is not about a ticket; ignored');
      return;
    }
    let note: string;
    try {
      await this.o.tickets.answer(ticket.id, a.actor, a.text);
      note = staffMsg('staff.answer.recorded', { number: ticket.number });
    } catch (err: unknown) {
      if (isAppError(err, 'STORAGE_UNAVAILABLE')) throw err;
      if (isAppError(err, 'CONFLICT')) note = await this.conflictNotice(ticket.number, ticket);
      else {
        this.log.error({ channel: 'telegram', ticketId: ticket.id, err: describeError(err) }, 'staff answer not recorded');
        note = staffMsg('staff.answer.failed', { number: ticket.number });
      }
    }
    await this.reply(a.messageId, 'threadId' in ref ? ref.threadId : ticket.card?.threadId, note);
  }

  /** "Phiếu #n đã được người khác cập nhật (Đang xử lý: Minh)." with the ticket as it is now. */
  private async conflictNotice(number: number, fallback?: Ticket): Promise<string> {
    const current = await this.o.lookup.getTicketByNumber(number).catch(() => null);
    const t = current ?? fallback;
    return t ? msg('staff.conflict', { number, state: stateWithActor(t) }) : staffMsg('staff.failed', { number });
  }

  /** Answers a button press (best effort: a failure is logged, the press may be too old to answer). */
  private async answerCallback(queryId: string, text?: string): Promise<void> {
    const extra = text ? { text: text.length > CALLBACK_TEXT_MAX ? `${text.slice(0, CALLBACK_TEXT_MAX - 1)}…` : text } : {};
    try {
      await this.call('answerCallbackQuery', () => this.o.client.answerCallbackQuery(queryId, extra));
    } catch (err: unknown) {
      this.log.warn({ channel: 'telegram', err: describeError(err) }, 'answerCallbackQuery failed');
    }
  }

  /** A short note replying to a staff message (best effort). */
  private async reply(messageId: string, threadId: string | undefined, text: string): Promise<void> {
    const extra: SendMessageExtra = { reply_parameters: { message_id: Number(messageId), allow_sending_without_reply: true } };
    if (threadId) extra.message_thread_id = Number(threadId);
    try {
      await this.call('sendMessage', () => this.o.client.sendMessage(this.o.staffChatId, text, extra));
    } catch (err: unknown) {
      this.log.warn({ channel: 'telegram', err: describeError(err) }, 'staff-group note not sent');
    }
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

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}
