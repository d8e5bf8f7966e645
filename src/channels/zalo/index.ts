/**
 * Public surface of the Zalo Bot Platform channel: the channel adapter, its fetch client, the event
 * mapper and the plain-text renderer (with the typed-reply numbering the conversation core shares).
 */
export { ZaloChannel, ZALO_WEBHOOK_PATH, ZALO_SECRET_HEADER } from './zalo-channel.js';
export type { ZaloChannelOptions } from './zalo-channel.js';
export { ZaloClient, ZALO_API_ROOT } from './zalo-client.js';
export type { ZaloClientOptions, ZaloCallOptions, ZaloBotInfo, ZaloWebhookInfo, ZaloSentMessage } from './zalo-client.js';
export { ZaloSender } from './zalo-sender.js';
export type { ZaloSenderOptions } from './zalo-sender.js';
export { ZaloPoller } from './zalo-poller.js';
export type { ZaloPollerOptions } from './zalo-poller.js';
export { mapZaloEvent, ZALO_COMMANDS } from './map-event.js';
export {
  renderZalo,
  numberedChoices,
  numberedChoiceText,
  isSkipChoice,
  ZALO_TEXT_LIMIT,
} from './render.js';
export type { NumberedChoice } from './render.js';
export type { ZaloUpdate, ZaloMessage, ZaloPeer, ZaloEventName } from './zalo-types.js';
