export { loadConfig } from './config.js';
export type { Config } from './config.js';
export type { OpsConfig } from './ops-settings.js';
export { applyEnvFile, parseSettingsText, DEFAULT_ENV_FILE } from './env-file.js';
export type { EnvFileResult, ApplyEnvFileOptions } from './env-file.js';
export { SETTINGS, SETTING_GROUPS, SETTING_NAMES } from './settings.js';
export type { SettingInfo, SettingGroup } from './settings.js';
