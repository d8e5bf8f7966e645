/**
 * Turns a (signature-checked) Zalo OA webhook body into what the channel does with it: a message for the
 * conversation core, a follow (greeted with the help text), an unfollow (recorded), or nothing.
 * Payload shapes: platforms.md §2.2; `follow` carries `follower.id` instead of `sender.id` (third-party
 * copies of the docs; unconfirmed).
 */
import type { InboundMessage, MediaKind } from '../../conversation/index.js';
import { ZALO_COMMANDS } from '../zalo/index.js';

/** Media kind per `user_send_*` event; any other `user_send_*` event with a message is `other`. */
const MEDIA_BY_EVENT: Record<string, MediaKind> = {
  user_send_image: 'photo',
  user_send_gif: 'photo',
  user_send_sticker: 'sticker',
  user_send_audio: 'voice',
  user_send_voice: 'voice',
  user_send_video: 'video',
  user_send_file: 'file',
  user_send_location: 'location',
  user_send_link: 'other',
  user_send_business_card: 'other',
};

/** What one OA event means for the channel. `at` is the event time (epoch ms). */
export type OaEvent =
  | { kind: 'message'; userId: string; at: number; msgId: string; message: InboundMessage }
  | { kind: 'follow'; userId: string; at: number; message: InboundMessage }
  | { kind: 'unfollow'; userId: string; at: number }
  | { kind: 'ignored'; eventName: string; reason: 'not handled' | 'malformed' };

const COMMAND_RE = /^\/([A-Za-z]+)(?:\s+([\s\S]*))?$/;

/**
 * Maps one OA webhook body (parsed with `parseLosslessJson`, so ids are strings) to an {@link OaEvent}.
 * Never throws. Ids are kept as strings; a numeric id is kept as its digits.
 *
 * - `user_send_text` → a text message (or a command for the Zalo bot's commands, e.g. `/help`);
 *   `updateKey` is the `msg_id`, so a redelivered event is recognised as a duplicate.
 * - `user_send_image|file|sticker|…` → a media message (answered with a polite text).
 * - `follow` → the help command for the follower; `unfollow` → recorded, nothing sent.
 * - Delivery receipts (`user_received_message`, `user_seen_message`), the OA's own messages
 *   (`oa_send_*`), anonymous chats and anything unknown → ignored.
 *
 * @example
 * const e = mapOaEvent(parseLosslessJson(raw.toString('utf8')), Date.now());
 * if (e.kind === 'message') await dispatcher.accept(e.message, sender);
 */
export function mapOaEvent(body: unknown, now: number): OaEvent {
  try {
    return mapUnsafe(body, now);
  } catch {
    // Defensive only (a hostile getter); the checks below cover ordinary input.
    return { kind: 'ignored', eventName: '', reason: 'malformed' };
  }
}

function mapUnsafe(body: unknown, now: number): OaEvent {
  if (!isRecord(body) || typeof body.event_name !== 'string') return { kind: 'ignored', eventName: '', reason: 'malformed' };
  const eventName = body.event_name;
  const at = timeOf(body.timestamp, now);
  if (eventName === 'follow' || eventName === 'unfollow') {
    const userId = idOf(isRecord(body.follower) ? body.follower.id : undefined) ?? idOf(isRecord(body.sender) ? body.sender.id : undefined);
    if (!userId) return { kind: 'ignored', eventName, reason: 'malformed' };
    if (eventName === 'unfollow') return { kind: 'unfollow', userId, at };
    const message: InboundMessage = { ...base(userId, `follow:${userId}:${at}`, at), kind: 'command', command: { name: 'help', args: '' } };
    return { kind: 'follow', userId, at, message };
  }
  if (!eventName.startsWith('user_send_')) return { kind: 'ignored', eventName, reason: 'not handled' };
  const userId = idOf(isRecord(body.sender) ? body.sender.id : undefined);
  const msg = isRecord(body.message) ? body.message : undefined;
  const msgId = idOf(msg?.msg_id);
  if (!userId || !msg || !msgId) return { kind: 'ignored', eventName, reason: 'malformed' };
  const common = { ...base(userId, msgId, at), messageId: msgId };
  if (eventName === 'user_send_text') {
    if (typeof msg.text !== 'string') return { kind: 'ignored', eventName, reason: 'malformed' };
    const command = parseCommand(msg.text);
    const message: InboundMessage = command ? { ...common, kind: 'command', command } : { ...common, kind: 'text', text: msg.text };
    return { kind: 'message', userId, at, msgId, message };
  }
  return { kind: 'message', userId, at, msgId, message: { ...common, kind: 'media', media: MEDIA_BY_EVENT[eventName] ?? 'other' } };
}

/** The fields every OA message shares: the user is the chat (OA chats are one-to-one). */
function base(userId: string, updateKey: string, at: number): InboundMessage {
  // OA chats have no buttons: choices are numbers to type, so a bare "1" picks one (typedChoices).
  return { channel: 'zalo-oa', chatId: userId, userId, updateKey, ts: at, kind: 'text', typedChoices: true };
}

/** `/help`, `/vanban args` → `{ name, args }` for the Zalo bot's commands only; other "/…" text stays a question. */
function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = COMMAND_RE.exec(text.trim());
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  return (ZALO_COMMANDS as readonly string[]).includes(name) ? { name, args: (m[2] ?? '').trim() } : undefined;
}

/** `timestamp` is epoch ms as a string (or a number); missing, invalid or in the future → `now`. */
function timeOf(v: unknown, now: number): number {
  const n = typeof v === 'string' && /^\d{1,16}$/.test(v.trim()) ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) && n > 0 && n <= now ? n : now;
}

/** Ids are opaque strings; a number is kept as its digits (unsafe ones already arrive as strings). */
function idOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
