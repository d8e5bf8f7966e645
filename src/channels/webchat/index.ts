/**
 * Web chat channel: validates what the chat page posts, answers through the core's Dispatcher and renders
 * replies as JSON for the page (`src/http/public/`).
 */
export { WebChatChannel, MAX_TEXT_LENGTH } from './webchat-channel.js';
export type { WebChatChannelOptions, WebChatMessageInput, WebChatActionInput, WebChatActionType } from './webchat-channel.js';
export { renderWeb } from './render.js';
export type { WebReply, WebAnswer, WebCitation, WebChoice } from './render.js';
export { WebMailbox, MemoryWebInbox } from './web-mailbox.js';
export type { WebInboxStore } from './web-mailbox.js';
