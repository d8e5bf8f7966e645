import type { Answer } from '../answer/index.js';

/** The channels officials reach the bot on (`zalo`: Zalo Bot Platform; `zalo-oa`: a Zalo Official Account). */
export type ChannelName = 'telegram' | 'zalo' | 'zalo-oa' | 'web';

/** Non-text message kinds the bot explains politely instead of answering. */
export type MediaKind = 'photo' | 'sticker' | 'voice' | 'video' | 'file' | 'location' | 'other';

/** Actions an official can take on an answer (inline buttons on Telegram, typed numbers on Zalo). */
export type ReplyAction = 'helpful' | 'unhelpful' | 'escalate';

/** One update from any channel, mapped to a platform-neutral shape at the channel edge. */
export interface InboundMessage {
  channel: ChannelName;
  /** Where to reply. Platform ids are strings throughout the core. */
  chatId: string;
  userId: string;
  displayName?: string;
  /**
   * Deduplication key, unique within the channel: Telegram `update_id`, Zalo `event_name:message_id`,
   * web chat a client-generated message id.
   */
  updateKey: string;
  /** Platform message id, when there is one. */
  messageId?: string;
  /** Epoch milliseconds. */
  ts: number;
  kind: 'text' | 'command' | 'action' | 'media';
  /** The typed text (kind `text`). */
  text?: string;
  /** `/start`, `/help`, `/vanban`, `/hoicanbo`, `/donvi` without the slash (kind `command`). */
  command?: { name: string; args: string };
  /** A button press (kind `action`); `questionId` names the answer it refers to. */
  action?: { type: ReplyAction | 'unit' | 'learn'; questionId?: string; value?: string };
  /** What was sent instead of text (kind `media`). */
  media?: MediaKind;
  /**
   * Set by channel adapters whose platform has no buttons (Zalo): choices are offered as numbers to type,
   * so a bare "1", "2" or "3" picks one of the choices offered with the last answer.
   */
  typedChoices?: boolean;
}

/** A choice offered with a reply: a button on Telegram and web chat, a numbered typed reply on Zalo. */
export interface ReplyChoice {
  /** `learn`: a step of a course (next lesson, quiz option…); its `value` is read by the {@link Learning} port. */
  action: ReplyAction | 'unit' | 'learn';
  /** Vietnamese label, e.g. "👍 Hữu ích". */
  label: string;
  questionId?: string;
  value?: string;
  /**
   * The number an official types to pick this choice where there are no buttons. Set by the core for
   * the choices under an answer or an abstention, because it maps a typed number back through the stored
   * question; channels print it as is. Absent (unit lists): channels number the choices 1, 2, 3… in order.
   */
  number?: number;
}

/** What the core asks a channel to send: plain text or a structured answer, with optional choices. */
export interface OutboundReply {
  /** Plain Vietnamese text (greeting, help, notices). */
  text?: string;
  /** A structured answer the channel renders with its citations. */
  answer?: Answer;
  /** Question id the reply answers (feedback and escalation refer to it). */
  questionId?: string;
  /**
   * A question put to the official after the answer and before the choices, e.g. "chuyển câu hỏi cho cán
   * bộ, hay đặt lại câu hỏi?" under an abstention.
   */
  prompt?: string;
  choices?: ReplyChoice[];
}
