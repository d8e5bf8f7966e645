/**
 * Turns a Zalo Bot webhook body or `getUpdates` result into the platform-neutral {@link InboundMessage}.
 */
import type { InboundMessage, MediaKind } from '../../conversation/index.js';

/** Bot commands recognised in typed text (without the slash). Other "/…" text stays a question. */
export const ZALO_COMMANDS = ['start', 'help', 'vanban', 'hoicanbo', 'donvi', 'hoctap', 'dunghoc', 'lienket'] as const;

/** Media kind per event name; any other `message.*` event that carries a message is `other`. */
const MEDIA_BY_EVENT: Record<string, MediaKind> = {
  'message.image.received': 'photo',
  'message.sticker.received': 'sticker',
  'message.voice.received': 'voice',
  'message.audio.received': 'voice',
  'message.video.received': 'video',
  'message.document.received': 'file',
  'message.file.received': 'file',
  'message.location.received': 'location',
  'message.unsupported.received': 'other',
};

const COMMAND_RE = /^\/([A-Za-z]+)(?:@\S+)?(?:\s+([\s\S]*))?$/;

/**
 * Maps one Zalo update to an {@link InboundMessage}, or `null` when there is nothing to answer.
 *
 * Accepts both envelopes seen in practice (platforms.md §1.3): the documented `{ ok: true, result: {
 * event_name, message } }` and the flat `{ event_name, message }`. Text is `text`, or `command` for
 * {@link ZALO_COMMANDS}; images, stickers, voice, documents and unsupported messages are `media`. Events
 * without a message (e.g. `user.follow`) and malformed bodies give `null`; it never throws.
 *
 * A typed "1" stays plain text, flagged `typedChoices`: Zalo has no buttons, so choices are offered as
 * numbers, and only the conversation core knows which answer the number refers to.
 *
 * @example
 * const msg = mapZaloEvent(req.body);
 * if (msg) await dispatcher.accept(msg, sender);
 */
export function mapZaloEvent(body: unknown): InboundMessage | null {
  try {
    return mapUnsafe(body);
  } catch {
    // Defensive only (e.g. a throwing getter on a hostile object); the checks below should cover input.
    return null;
  }
}

function mapUnsafe(body: unknown): InboundMessage | null {
  const update = unwrap(body);
  if (!update) return null;
  const eventName = update.event_name;
  const message = update.message;
  if (typeof eventName !== 'string' || !eventName || !isRecord(message)) return null;

  const messageId = idOf(message.message_id);
  const chatId = idOf(isRecord(message.chat) ? message.chat.id : undefined);
  const from = isRecord(message.from) ? message.from : undefined;
  const userId = idOf(from?.id) ?? chatId;
  // In a private chat chat.id == from.id; reply to chat.id and fall back to the sender when it is missing.
  const replyTo = chatId ?? userId;
  if (!messageId || !replyTo || !userId) return null;

  const displayName = typeof from?.display_name === 'string' && from.display_name.trim() ? from.display_name.trim() : undefined;
  const date = typeof message.date === 'number' && Number.isFinite(message.date) ? message.date : Date.now();
  const base: InboundMessage = {
    channel: 'zalo',
    chatId: replyTo,
    userId,
    updateKey: `${eventName}:${messageId}`,
    messageId,
    ts: date,
    kind: 'text',
    typedChoices: true,
    ...(displayName ? { displayName } : {}),
  };

  if (eventName === 'message.text.received') {
    if (typeof message.text !== 'string') return null;
    const command = parseCommand(message.text);
    return command ? { ...base, kind: 'command', command } : { ...base, kind: 'text', text: message.text };
  }
  if (!eventName.startsWith('message.')) return null;
  return { ...base, kind: 'media', media: MEDIA_BY_EVENT[eventName] ?? 'other' };
}

/** The update inside either envelope, or undefined when the body is neither. */
function unwrap(body: unknown): Record<string, unknown> | undefined {
  if (!isRecord(body)) return undefined;
  if (body.ok === true && isRecord(body.result)) return body.result;
  return body;
}

/** `/start`, `/help@bot args` → `{ name, args }` for known commands only. */
function parseCommand(text: string): { name: string; args: string } | undefined {
  const m = COMMAND_RE.exec(text.trim());
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  if (!(ZALO_COMMANDS as readonly string[]).includes(name)) return undefined;
  return { name, args: (m[2] ?? '').trim() };
}

/** Ids are opaque strings; a number (seen in some integrations) is accepted and kept as its digits. */
function idOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
