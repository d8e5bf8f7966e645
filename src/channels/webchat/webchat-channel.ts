import { WebMailbox } from './web-mailbox.js';
/**
 * The web chat channel: the third channel on the same core as Telegram and Zalo. It validates what the
 * page posts, maps it to an {@link InboundMessage} and answers synchronously through
 * {@link Dispatcher.handleNow}, so the replies travel back in the HTTP response instead of through a
 * ReplySender.
 */
import { AppError } from '../../common/errors.js';
import type { Dispatcher, InboundMessage, ReplyAction } from '../../conversation/index.js';
import { renderWeb } from './render.js';
import type { WebReply } from './render.js';

/** What the page posts for a typed message (`POST /api/chat`). */
export interface WebChatMessageInput {
  /** Browser session id kept in localStorage: 8–64 characters of `[A-Za-z0-9_-]`. */
  sessionId: string;
  /** Client-generated id of this message (the deduplication key): 8–64 characters of `[A-Za-z0-9_-]`. */
  messageId: string;
  /** The question, 1–2000 characters after trimming; `/start`, `/help`… are commands. */
  text: string;
}

/** Action types the page may post: the feedback buttons and the unit choice. */
export type WebChatActionType = ReplyAction | 'unit';

/** What the page posts when a button is pressed (`POST /api/chat/action`). */
export interface WebChatActionInput {
  sessionId: string;
  /** Client-generated id of this press (the deduplication key), same rule as a message id. */
  actionId: string;
  type: WebChatActionType;
  /** The answer the button refers to. */
  questionId?: string;
  /** Extra value (the unit id for `unit`). */
  value?: string;
}

/** Options for {@link WebChatChannel}. */
export interface WebChatChannelOptions {
  /** Mailbox for late replies; default a new in-memory one. */
  mailbox?: WebMailbox;
  dispatcher: Dispatcher;
  /** Clock for message timestamps (epoch ms). Default `Date.now`. */
  now?: () => number;
}

/** Longest question accepted, in UTF-16 code units after trimming. */
export const MAX_TEXT_LENGTH = 2000;

const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;
/** Question ids and values come from our own replies; keep them short and printable. */
const TOKEN_RE = /^[^\u0000-\u001f\u007f]{1,200}$/u;
const ACTION_TYPES: readonly WebChatActionType[] = ['helpful', 'unhelpful', 'escalate', 'unit'];
const COMMAND_RE = /^\/([A-Za-z][A-Za-z0-9_]{0,31})(?:@\S+)?(?:\s+([\s\S]*))?$/;

/**
 * WebChatChannel: answers web chat messages and button presses with rendered {@link WebReply} lists.
 *
 * Use it from the HTTP layer; it does not know about express. Bad input throws AppError `INVALID_INPUT`
 * with a detail naming the field and the rule; a duplicate message (same id posted twice) returns `[]`
 * because the first request already got the answer.
 *
 * @example
 * const web = new WebChatChannel({ dispatcher });
 * const replies = await web.handleMessage({ sessionId, messageId, text: 'Thủ tục hành chính là gì?' });
 */
export class WebChatChannel {
  private readonly dispatcher: Dispatcher;
  private readonly now: () => number;

  /** Replies that arrive later (staff answers); the page collects them with {@link pollUpdates}. */
  readonly mailbox: WebMailbox;

  constructor(options: WebChatChannelOptions) {
    this.dispatcher = options.dispatcher;
    this.now = options.now ?? Date.now;
    this.mailbox = options.mailbox ?? new WebMailbox();
  }

  /** Replies waiting for a session (staff answers relayed later), each returned once. */
  async pollUpdates(input: { sessionId?: unknown }): Promise<WebReply[]> {
    const sessionId = checkId(input?.sessionId, 'sessionId');
    return (await this.mailbox.take(sessionId)).map(renderWeb);
  }

  /** Handles a typed message or command. Validates untrusted input (types included) first. */
  async handleMessage(input: WebChatMessageInput): Promise<WebReply[]> {
    const sessionId = checkId(input?.sessionId, 'sessionId');
    const messageId = checkId(input?.messageId, 'messageId');
    const text = checkText(input?.text);
    const msg: InboundMessage = {
      channel: 'web',
      chatId: sessionId,
      userId: sessionId,
      updateKey: messageId,
      messageId,
      ts: this.now(),
      ...textOrCommand(text),
    };
    return this.dispatch(msg);
  }

  /** Handles a button press (feedback, escalation, unit choice). Validates untrusted input first. */
  async handleAction(input: WebChatActionInput): Promise<WebReply[]> {
    const sessionId = checkId(input?.sessionId, 'sessionId');
    const actionId = checkId(input?.actionId, 'actionId');
    const type = checkActionType(input?.type);
    const questionId = checkOptionalToken(input?.questionId, 'questionId');
    const value = checkOptionalToken(input?.value, 'value');
    const action: NonNullable<InboundMessage['action']> = { type };
    if (questionId !== undefined) action.questionId = questionId;
    if (value !== undefined) action.value = value;
    return this.dispatch({
      channel: 'web',
      chatId: sessionId,
      userId: sessionId,
      updateKey: actionId,
      ts: this.now(),
      kind: 'action',
      action,
    });
  }

  private async dispatch(msg: InboundMessage): Promise<WebReply[]> {
    const replies = await this.dispatcher.handleNow(msg);
    return replies === null ? [] : replies.map(renderWeb);
  }
}

function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_RE.test(value)) {
    throw new AppError('INVALID_INPUT', `${field} must be 8–64 characters of A–Z, a–z, 0–9, "_" or "-"`);
  }
  return value;
}

function checkText(value: unknown): string {
  if (typeof value !== 'string') throw new AppError('INVALID_INPUT', 'text must be a string');
  const text = value.trim();
  if (text.length === 0) throw new AppError('INVALID_INPUT', 'text must not be empty');
  if (text.length > MAX_TEXT_LENGTH) {
    throw new AppError('INVALID_INPUT', `text must be at most ${MAX_TEXT_LENGTH} characters (got ${text.length})`);
  }
  return text;
}

function checkActionType(value: unknown): WebChatActionType {
  if (typeof value === 'string' && (ACTION_TYPES as readonly string[]).includes(value)) {
    return value as WebChatActionType;
  }
  throw new AppError('INVALID_INPUT', `type must be one of ${ACTION_TYPES.join(', ')}`);
}

function checkOptionalToken(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !TOKEN_RE.test(value)) {
    throw new AppError('INVALID_INPUT', `${field} must be a string of 1–200 printable characters when given`);
  }
  return value;
}

/** `/help` and `/donvi abc` become commands (name lower-cased, without the slash); anything else is text. */
function textOrCommand(text: string): Pick<InboundMessage, 'kind' | 'text' | 'command'> {
  const m = COMMAND_RE.exec(text);
  if (!m) return { kind: 'text', text };
  return { kind: 'command', command: { name: m[1].toLowerCase(), args: (m[2] ?? '').trim() } };
}
