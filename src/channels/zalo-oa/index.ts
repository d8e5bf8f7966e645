/**
 * Public surface of the Zalo Official Account channel (see README.md in this folder).
 */
export type { ZaloOaStore, OaConnectionRow, OaConnectionStatus, OaTokenWrite, OaAuthState, OaUserRow } from './ports.js';
export { mapOaEvent } from './map-event.js';
export type { OaEvent } from './map-event.js';
export { parseLosslessJson } from './lossless-json.js';
export { oaSignature, oaSignatureMatches, OA_SIGNATURE_HEADER } from './oa-signature.js';
export type { OaSignedFields } from './oa-signature.js';
export { TokenCipher } from './token-cipher.js';
export { codeChallenge, newCodeVerifier, newState } from './pkce.js';
