export { loadConfig } from './config.js';
export type { Config } from './config.js';
export type { ZaloOaConfig } from './zalo-oa-settings.js';
export { ZALO_OA_DEFAULT_API_ROOT, ZALO_OA_DEFAULT_OAUTH_ROOT } from './zalo-oa-settings.js';
