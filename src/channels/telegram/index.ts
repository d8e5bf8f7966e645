/**
 * Telegram channel: public surface. See telegram-channel.ts for the adapter, render.ts for the HTML
 * layout of answers, callback-data.ts for the button format.
 */
export { TelegramChannel, TELEGRAM_WEBHOOK_PATH, TELEGRAM_SECRET_HEADER, telegramCommandMenu } from './telegram-channel.js';
export type { TelegramChannelOptions } from './telegram-channel.js';
export { TelegramClient, toPlatformError } from './telegram-client.js';
export type { TelegramClientOptions, SendMessageExtra, EditMessageTextExtra, SetWebhookExtra, GetUpdatesArgs } from './telegram-client.js';
export { mapTelegramUpdate, callbackQueryIdOf, TELEGRAM_COMMANDS, ALLOWED_UPDATES } from './map-update.js';
export type { MappedUpdate, TelegramCommand } from './map-update.js';
export { encodeCallbackData, decodeCallbackData, CALLBACK_DATA_MAX_BYTES } from './callback-data.js';
export type { CallbackAction } from './callback-data.js';
export { renderTelegram, inlineKeyboard, TELEGRAM_TEXT_LIMIT } from './render.js';
export type { TelegramMessagePiece } from './render.js';
export { escapeHtml, escapeAttr } from './html.js';
export { UpdatePoller } from './update-poller.js';
export type { UpdatePollerOptions, PollOutcome } from './update-poller.js';
export { COMMAND_DESCRIPTIONS } from './texts-vi.js';
export type { TelegramStaffOption } from './telegram-channel.js';
export { TelegramStaffNotifier, isNotModified } from './staff-notifier.js';
export type { TelegramStaffNotifierOptions } from './staff-notifier.js';
export { StaffGroupHandler, mapStaffUpdate, isStaffChatUpdate } from './staff-updates.js';
export type { StaffGroupHandlerOptions, StaffUpdate, StaffTicketRef, StaffTicketLookup } from './staff-updates.js';
export { renderStaffCard, staffTopicName, staffButtons, stateLabel, TOPIC_NAME_MAX } from './staff-card.js';
export type { StaffCardInput, StaffCardMessage } from './staff-card.js';
export { encodeStaffCallback, decodeStaffCallback } from './callback-data.js';
export type { StaffCallback, StaffButtonAction } from './callback-data.js';
export { STAFF_TEXTS_VI, staffMsg } from './staff-texts-vi.js';
export type { StaffTextKey } from './staff-texts-vi.js';
