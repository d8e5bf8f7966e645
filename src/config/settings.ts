/**
 * The catalogue of settings: every environment variable `loadConfig` reads, by group, with a flag for
 * secrets. Their explanation, default and example live in `.env.example` (one place for the operator);
 * `settings.test.ts` checks that this list, what `loadConfig` actually reads and `.env.example` agree.
 *
 * To add a setting: read it in `config.ts`, add it here and document it in `.env.example`.
 */

/** Groups, in the order `.env.example` and `cchc config` show them. */
export const SETTING_GROUPS = [
  'Server',
  'Storage and knowledge',
  'Answers',
  'Telegram',
  'Zalo',
  'Escalation to reform staff',
  'Administration',
  'Operations',
  'LLM answers (optional)',
  'Dense retrieval (optional)',
] as const;

/** One group of {@link SETTING_GROUPS}. */
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** One setting: its environment variable and whether its value must never be shown. */
export interface SettingInfo {
  name: string;
  group: SettingGroup;
  /** Tokens, passwords, URLs that may hold a password: shown as "(set)" only. */
  secret?: boolean;
}

/** Every setting, grouped. */
export const SETTINGS: readonly SettingInfo[] = Object.freeze([
  { name: 'PORT', group: 'Server' },
  { name: 'HOST', group: 'Server' },
  { name: 'PUBLIC_URL', group: 'Server' },
  { name: 'TRUST_PROXY', group: 'Server' },
  { name: 'TRUST_PROXY_ADDRESSES', group: 'Server' },
  { name: 'LOG_LEVEL', group: 'Server' },
  { name: 'DATA_DIR', group: 'Storage and knowledge' },
  { name: 'KNOWLEDGE_DIR', group: 'Storage and knowledge' },
  { name: 'DATABASE_URL', group: 'Storage and knowledge', secret: true },
  { name: 'DATABASE_SCHEMA', group: 'Storage and knowledge' },
  { name: 'SYNC_INTERVAL_SECONDS', group: 'Storage and knowledge' },
  { name: 'INGEST_MAX_UNCOMPRESSED_MB', group: 'Storage and knowledge' },
  { name: 'INGEST_MAX_ZIP_ENTRIES', group: 'Storage and knowledge' },
  { name: 'INGEST_MAX_PDF_PAGES', group: 'Storage and knowledge' },
  { name: 'INGEST_MAX_TEXT_CHARS', group: 'Storage and knowledge' },
  { name: 'INGEST_FILE_TIMEOUT_SECONDS', group: 'Storage and knowledge' },
  { name: 'INGEST_WORKER_MEMORY_MB', group: 'Storage and knowledge' },
  { name: 'INDEX_BUILD_WORKERS', group: 'Storage and knowledge' },
  { name: 'OCR_WORKERS', group: 'Storage and knowledge' },
  { name: 'OCR_PAGE_TIMEOUT_S', group: 'Storage and knowledge' },
  { name: 'OCR_FILE_TIMEOUT_S', group: 'Storage and knowledge' },
  { name: 'ANSWER_THRESHOLD', group: 'Answers' },
  { name: 'ANSWER_CAUTION_BELOW', group: 'Answers' },
  { name: 'RATE_LIMIT_PER_MINUTE', group: 'Answers' },
  { name: 'SEARCH_CACHE_SIZE', group: 'Answers' },
  { name: 'SEARCH_CACHE_MB', group: 'Answers' },
  { name: 'SEARCH_CACHE_SECONDS', group: 'Answers' },
  { name: 'TRAINING_PASS_PERCENT', group: 'Answers' },
  { name: 'WEBCHAT_RATE_PER_ADDRESS', group: 'Answers' },
  { name: 'WEBCHAT_RATE_GLOBAL', group: 'Answers' },
  { name: 'TELEGRAM_BOT_TOKEN', group: 'Telegram', secret: true },
  { name: 'TELEGRAM_WEBHOOK_SECRET', group: 'Telegram', secret: true },
  { name: 'TELEGRAM_STAFF_CHAT_ID', group: 'Telegram' },
  { name: 'TELEGRAM_API_ROOT', group: 'Telegram' },
  { name: 'ZALO_BOT_TOKEN', group: 'Zalo', secret: true },
  { name: 'ZALO_WEBHOOK_SECRET', group: 'Zalo', secret: true },
  { name: 'ZALO_API_ROOT', group: 'Zalo' },
  { name: 'ZALO_OA_APP_ID', group: 'Zalo' },
  { name: 'ZALO_OA_APP_SECRET', group: 'Zalo', secret: true },
  { name: 'ZALO_OA_SECRET_KEY', group: 'Zalo', secret: true },
  { name: 'ZALO_OA_TOKEN_KEY', group: 'Zalo', secret: true },
  { name: 'ZALO_OA_REFRESH_TOKEN', group: 'Zalo', secret: true },
  { name: 'ZALO_OA_API_ROOT', group: 'Zalo' },
  { name: 'ZALO_OA_OAUTH_ROOT', group: 'Zalo' },
  { name: 'AUTO_ESCALATE', group: 'Escalation to reform staff' },
  { name: 'AUTO_ESCALATE_UNITS', group: 'Escalation to reform staff' },
  { name: 'ESCALATION_REMIND_MINUTES', group: 'Escalation to reform staff' },
  { name: 'WEBCHAT_ESCALATIONS_PER_ADDRESS', group: 'Escalation to reform staff' },
  { name: 'WEBCHAT_ESCALATIONS_PER_HOUR', group: 'Escalation to reform staff' },
  { name: 'ADMIN_TOKEN', group: 'Administration', secret: true },
  { name: 'WEBHOOK_SET_AT_START', group: 'Operations' },
  { name: 'METRICS_TOKEN', group: 'Operations', secret: true },
  { name: 'METRICS_HOST', group: 'Operations' },
  { name: 'METRICS_PORT', group: 'Operations' },
  { name: 'REPLY_GIVE_UP_MINUTES', group: 'Operations' },
  { name: 'REPLY_MAX_BACKOFF_SECONDS', group: 'Operations' },
  { name: 'REPLY_LEASE_SECONDS', group: 'Operations' },
  { name: 'SEND_TIMEOUT_MS', group: 'Operations' },
  { name: 'WEBHOOK_ACK_WAIT_MS', group: 'Operations' },
  { name: 'LLM_BASE_URL', group: 'LLM answers (optional)' },
  { name: 'LLM_MODEL', group: 'LLM answers (optional)' },
  { name: 'LLM_API_KEY', group: 'LLM answers (optional)', secret: true },
  { name: 'LLM_TIMEOUT_MS', group: 'LLM answers (optional)' },
  { name: 'EMBEDDING_MODEL_DIR', group: 'Dense retrieval (optional)' },
] satisfies SettingInfo[]);

/** The names of {@link SETTINGS}. */
export const SETTING_NAMES: ReadonlySet<string> = new Set(SETTINGS.map((s) => s.name));
