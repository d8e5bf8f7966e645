/**
 * Public surface of the Zalo Official Account channel (see README.md in this folder): the channel
 * adapter, its clients, the token lifecycle, the admin connection flow, the reply window and the storage
 * port `storage/` implements.
 */
export { ZaloOaChannel, ZALO_OA_WEBHOOK_PATH, ZALO_OA_CALLBACK_PATH } from './zalo-oa-channel.js';
export type { ZaloOaChannelOptions } from './zalo-oa-channel.js';
export type { ZaloOaStore, OaConnectionRow, OaConnectionStatus, OaTokenWrite, OaAuthState, OaUserRow } from './ports.js';
export { ZaloOaClient, ZALO_OA_API_ROOT, OA_TEXT_LIMIT } from './oa-client.js';
export type { ZaloOaClientOptions, OaSentMessage } from './oa-client.js';
export { ZaloOaOAuthClient, ZALO_OA_OAUTH_ROOT, REFRESH_TOKEN_LIFETIME_MS } from './oauth-client.js';
export type { ZaloOaOAuthClientOptions, OaTokenPair } from './oauth-client.js';
export { OaApiError, OaOAuthRejectedError, OaNotConnectedError, oaFailureKind } from './oa-errors.js';
export type { OaFailureKind } from './oa-errors.js';
export { OaTokenManager } from './token-manager.js';
export type { OaTokenManagerOptions, OaTokenEvent } from './token-manager.js';
export { OaConnectionService, AUTH_STATE_TTL_MS } from './oa-connection.js';
export type { OaConnectionView, OaConnectionServiceOptions } from './oa-connection.js';
export { ZaloOaSender } from './oa-sender.js';
export type { ZaloOaSenderOptions } from './oa-sender.js';
export { replyWindowOf, describeReplyWindow, formatDuration, formatVnTime, FREE_REPLY_WINDOW_MS, FREE_REPLIES_PER_MESSAGE, REACH_WINDOW_MS } from './reply-window.js';
export type { OaReplyWindow } from './reply-window.js';
export { mapOaEvent } from './map-event.js';
export type { OaEvent } from './map-event.js';
export { parseLosslessJson } from './lossless-json.js';
export { oaSignature, oaSignatureMatches, OA_SIGNATURE_HEADER } from './oa-signature.js';
export type { OaSignedFields } from './oa-signature.js';
export { TokenCipher } from './token-cipher.js';
export { codeChallenge, newCodeVerifier, newState } from './pkce.js';
export { reauthAlertText } from './oa-texts-vi.js';
export type { SeedOutcome } from './token-seed.js';
