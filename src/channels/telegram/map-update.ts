/**
 * Telegram `Update` JSON → platform-neutral {@link InboundMessage}. The body comes straight from the
 * network (webhook or getUpdates), so every field is checked before use: a malformed update maps to null
 * and never throws. Telegram's numeric ids become strings here, at the edge (style.md §2); they fit in a
 * double (Bot API: "at most 52 significant bits"), including negative `-100…` supergroup ids.
 */
import type { InboundMessage, MediaKind } from '../../conversation/index.js';
import { decodeCallbackData } from './callback-data.js';

/** The commands the bot understands, without the slash. */
export const TELEGRAM_COMMANDS = ['start', 'help', 'vanban', 'hoicanbo', 'donvi', 'hoctap', 'dunghoc', 'lienket'] as const;

/** One of {@link TELEGRAM_COMMANDS}. */
export type TelegramCommand = (typeof TELEGRAM_COMMANDS)[number];

/** Update kinds we ask Telegram for (`allowed_updates`); everything else is ignored anyway. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** Result of {@link mapTelegramUpdate}: the message plus the Telegram-only data the channel needs. */
export interface MappedUpdate {
  message: InboundMessage;
  /** Set for a button press: the channel must `answerCallbackQuery` it or the client keeps spinning. */
  callbackQueryId?: string;
}

type Json = Record<string, unknown>;

/** Message fields that make a message a "media" message, checked in order, with the kind they map to. */
const MEDIA_FIELDS: Array<[string, MediaKind]> = [
  ['photo', 'photo'],
  ['sticker', 'sticker'],
  ['voice', 'voice'],
  ['audio', 'voice'],
  ['video', 'video'],
  ['video_note', 'video'],
  ['animation', 'video'], // an animation also carries `document`; check it first
  ['document', 'file'],
  ['venue', 'location'],
  ['location', 'location'],
  ['contact', 'other'],
  ['poll', 'other'],
  ['dice', 'other'],
  ['game', 'other'],
  ['story', 'other'],
];

const COMMAND_RE = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/**
 * Maps a Telegram Update to an InboundMessage, or returns null for updates we ignore: edited messages,
 * channel posts, membership changes, service messages, messages outside private chats (the staff group
 * has its own handling), unknown button data, and anything malformed.
 *
 * Private-chat text becomes kind `text`; `/start`, `/help`, `/vanban`, `/hoicanbo`, `/donvi` (also
 * `/cmd@BotName args`) become kind `command` (any other `/word` stays `text`); our buttons become kind
 * `action`; photos, stickers, voice, video, documents and locations become kind `media`.
 *
 * @param now Epoch ms used as `ts` for button presses, which carry no date of their own.
 * @example
 * const mapped = mapTelegramUpdate(req.body);
 * if (mapped) await dispatcher.accept(mapped.message, sender);
 */
export function mapTelegramUpdate(update: unknown, now: number = Date.now()): MappedUpdate | null {
  if (!isObject(update) || !isId(update.update_id)) return null;
  const updateKey = String(update.update_id);
  if (isObject(update.message)) return mapMessage(update.message, updateKey);
  if (isObject(update.callback_query)) return mapCallback(update.callback_query, updateKey, now);
  return null;
}

/**
 * The callback query id of an update, even when {@link mapTelegramUpdate} ignores it (stale or foreign
 * button data), so the channel can still stop the client's spinner. Undefined when there is none.
 */
export function callbackQueryIdOf(update: unknown): string | undefined {
  if (!isObject(update) || !isObject(update.callback_query)) return undefined;
  const id = update.callback_query.id;
  return typeof id === 'string' && id ? id : undefined;
}

function mapMessage(m: Json, updateKey: string): MappedUpdate | null {
  const chat = m.chat;
  const from = m.from;
  if (!isObject(chat) || !isId(chat.id) || chat.type !== 'private') return null;
  if (!isObject(from) || !isId(from.id) || from.is_bot === true) return null;
  if (!isId(m.message_id) || typeof m.date !== 'number') return null;
  const base: InboundMessage = {
    channel: 'telegram',
    chatId: String(chat.id),
    userId: String(from.id),
    updateKey,
    messageId: String(m.message_id),
    ts: m.date * 1000,
    kind: 'text',
  };
  const displayName = displayNameOf(from);
  if (displayName) base.displayName = displayName;

  if (typeof m.text === 'string') {
    const command = parseCommand(m.text);
    if (command) return { message: { ...base, kind: 'command', command } };
    if (!m.text.trim()) return null;
    return { message: { ...base, kind: 'text', text: m.text } };
  }
  const media = MEDIA_FIELDS.find(([field]) => m[field] !== undefined && m[field] !== null)?.[1];
  if (media) return { message: { ...base, kind: 'media', media } };
  return null; // service message (pinned, write_access_allowed, …): nothing to answer
}

function mapCallback(q: Json, updateKey: string, now: number): MappedUpdate | null {
  if (typeof q.id !== 'string' || !q.id) return null;
  const from = q.from;
  if (!isObject(from) || !isId(from.id)) return null;
  const action = decodeCallbackData(q.data);
  if (!action) return null;
  // The message with the button; absent only for inline-mode messages, which we never send. In a
  // private chat the chat id equals the user id, so fall back to it.
  const msg = isObject(q.message) ? q.message : undefined;
  const chat = msg && isObject(msg.chat) ? msg.chat : undefined;
  if (chat && (!isId(chat.id) || chat.type !== 'private')) return null;
  const message: InboundMessage = {
    channel: 'telegram',
    chatId: String(chat ? chat.id : from.id),
    userId: String(from.id),
    updateKey,
    ts: now,
    kind: 'action',
    action,
  };
  if (msg && isId(msg.message_id)) message.messageId = String(msg.message_id);
  const displayName = displayNameOf(from);
  if (displayName) message.displayName = displayName;
  return { message, callbackQueryId: q.id };
}

/** Parses `/cmd`, `/cmd args`, `/cmd@BotName args` for our commands; null for text and other commands. */
function parseCommand(text: string): { name: TelegramCommand; args: string } | null {
  const match = COMMAND_RE.exec(text.trim());
  if (!match) return null;
  const name = match[1].toLowerCase();
  if (!(TELEGRAM_COMMANDS as readonly string[]).includes(name)) return null;
  return { name: name as TelegramCommand, args: (match[3] ?? '').trim() };
}

function displayNameOf(user: Json): string | undefined {
  const parts = [user.first_name, user.last_name].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  if (parts.length) return parts.join(' ').trim();
  return typeof user.username === 'string' && user.username ? user.username : undefined;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}
