export { loadConfig } from './config.js';
export type { Config } from './config.js';
export type { ZaloOaConfig } from './zalo-oa-settings.js';
export { ZALO_OA_DEFAULT_API_ROOT, ZALO_OA_DEFAULT_OAUTH_ROOT } from './zalo-oa-settings.js';
export type { OpsConfig } from './ops-settings.js';
export { applyEnvFile, parseSettingsText, DEFAULT_ENV_FILE } from './env-file.js';
export type { EnvFileResult, ApplyEnvFileOptions } from './env-file.js';
export { SETTINGS, SETTING_GROUPS, SETTING_NAMES } from './settings.js';
export type { SettingInfo, SettingGroup } from './settings.js';
