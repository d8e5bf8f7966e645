/**
 * Shapes of Zalo Bot Platform updates as documented (platforms.md §1.3). Every field is optional here
 * because the payload is untrusted: {@link mapZaloEvent} checks each one before use.
 */

/** Event names seen on the Zalo Bot Platform; voice, document and user.follow are unconfirmed. */
export type ZaloEventName =
  | 'message.text.received'
  | 'message.image.received'
  | 'message.sticker.received'
  | 'message.unsupported.received'
  | 'message.voice.received'
  | 'message.document.received'
  | 'user.follow'
  | (string & {});

/** The sender or chat of a Zalo message. Ids are opaque strings (they may exceed 2^53). */
export interface ZaloPeer {
  id?: string;
  display_name?: string;
  is_bot?: boolean;
  chat_type?: 'PRIVATE' | 'GROUP' | (string & {});
}

/** A message inside an update; `date` is epoch milliseconds. */
export interface ZaloMessage {
  message_id?: string;
  date?: number;
  text?: string;
  /** Image URL; the field name is unconfirmed (`photo_url` or `photo`). */
  photo_url?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  url?: string;
  chat?: ZaloPeer;
  from?: ZaloPeer;
}

/** One update, as delivered by `getUpdates` or inside a webhook body. */
export interface ZaloUpdate {
  event_name?: ZaloEventName;
  message?: ZaloMessage;
}
