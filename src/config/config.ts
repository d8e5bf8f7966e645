import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../common/errors.js';
import { zaloOaSettings } from './zalo-oa-settings.js';
import type { ZaloOaConfig } from './zalo-oa-settings.js';
import { opsSettings } from './ops-settings.js';
import { ocrSettings } from './ocr-settings.js';
import type { OcrConfig } from './ocr-settings.js';
import type { OpsConfig } from './ops-settings.js';
import { deliverySettings } from './delivery-settings.js';
import type { DeliveryConfig } from './delivery-settings.js';
import { ingestSettings } from './ingest-settings.js';
import type { IngestConfig } from './ingest-settings.js';
import { abuseSettings } from './abuse-settings.js';
import type { AbuseConfig } from './abuse-settings.js';

/** Validated, frozen application settings, read once from the environment. */
export interface Config extends OpsConfig, DeliveryConfig, IngestConfig, AbuseConfig {
  port: number;
  host: string;
  dataDir: string;
  knowledgeDir: string;
  /** `sqlite:<file>` by default, or a `postgres://` URL. */
  databaseUrl: string;
  /** PostgreSQL schema for every table (`DATABASE_SCHEMA`); unset: the server's search_path. */
  databaseSchema?: string;
  /**
   * How often, in ms, this instance picks up approved Q&As and index snapshots that another instance
   * made (`SYNC_INTERVAL_SECONDS`, default 5 s). It bounds how stale a second instance can be.
   */
  syncIntervalMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * Calibrated confidence at or above which the bot answers instead of abstaining; unset (the default)
   * uses the threshold fitted with the confidence model (`src/search/confidence-coefficients.ts`).
   */
  answerThreshold?: number;
  /**
   * A search answer below this confidence says it may not be what was asked and points to staff
   * (`ComposerOptions.cautionBelow`); unset: 0.8. 0 turns the line off.
   */
  answerCautionBelow?: number;
  publicUrl?: string;
  telegram?: { token: string; apiRoot: string; webhookSecret?: string; staffChatId?: string };
  zalo?: { token: string; apiRoot: string; webhookSecret?: string };
  /** Zalo Official Account channel (`ZALO_OA_*`, see zalo-oa-settings.ts); present when `ZALO_OA_APP_ID` is set. */
  zaloOa?: ZaloOaConfig;
  /**
   * Pass every question the bot cannot answer to staff without asking (`AUTO_ESCALATE`, default false:
   * the official is offered "Chuyển câu hỏi cho cán bộ" and a ticket is created only when they accept).
   */
  autoEscalate: boolean;
  /** Unit ids (`knowledge/units.yaml`) whose officials' questions go to staff without asking (`AUTO_ESCALATE_UNITS`). */
  autoEscalateUnits: string[];
  escalationRemindMinutes: number;
  adminToken?: string;
  /** Messages per user per minute before the polite rate-limit reply. */
  rateLimitPerMinute: number;
  /** Search results kept for repeated questions (`SEARCH_CACHE_SIZE`, default 2000, about 1 KB each; 0 = off). */
  searchCacheSize: number;
  /** Estimated memory those results may take, MB (`SEARCH_CACHE_MB`, default 4; the least recently used go first). */
  searchCacheMb: number;
  /** Longest a cached search result is reused, seconds (`SEARCH_CACHE_SECONDS`, default 300). */
  searchCacheSeconds: number;
  /** Quiz score (percent) an official needs to complete a course (`TRAINING_PASS_PERCENT`, default 80). */
  trainingPassPercent: number;
  /** Number of reverse proxies in front of the server (express `trust proxy`), so client IPs are real. */
  trustProxy: number;
  /**
   * Optional LLM answer layer (`answer/llm/`): present only when `LLM_BASE_URL` and `LLM_MODEL` are both
   * set. `baseUrl` is an OpenAI-compatible API including its version path (`http://127.0.0.1:11434/v1`);
   * `timeoutMs` (`LLM_TIMEOUT_MS`, default 8000) is the longest an official waits for the model.
   */
  llm?: { baseUrl: string; model: string; apiKey?: string; timeoutMs: number };
  /**
   * Optional dense retrieval (`EMBEDDING_MODEL_DIR`): a local transformers.js (ONNX) model folder, resolved
   * against the working directory. Unset: retrieval is lexical only.
   */
  embeddingModelDir?: string;
  /** OCR of scanned documents (`OCR_*`, see ocr-settings.ts). */
  ocr: OcrConfig;
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const SECRET_RE = /^[A-Za-z0-9_-]{8,256}$/;

/**
 * Reads and validates every setting at once. Invalid settings raise one CONFIG_INVALID error whose
 * detail lists every problem with the allowed values, so an operator fixes them in one go.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${raw}" must be an integer from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const num = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) {
      problems.push(`${name}="${raw}" must be a number from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return def;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name}="${env[name]}" must be one of: true, false, 1, 0, yes, no, on, off`);
    return def;
  };
  const url = (name: string, def?: string): string | undefined => {
    const raw = env[name] || def;
    if (!raw) return undefined;
    try {
      const u = new URL(raw);
      if (!['http:', 'https:'].includes(u.protocol)) throw new Error('protocol');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name}="${raw}" must be an http(s) URL`);
      return def;
    }
  };
  const secret = (name: string): string | undefined => {
    const raw = env[name];
    if (!raw) return undefined;
    if (!SECRET_RE.test(raw)) problems.push(`${name} must be 8–256 characters from A–Z, a–z, 0–9, "_" and "-"`);
    return raw;
  };

  const dataDir = resolve(cwd, env.DATA_DIR || './data');
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${env.LOG_LEVEL}" must be one of: ${LOG_LEVELS.join(', ')}`);
  const databaseUrl = env.DATABASE_URL || `sqlite:${resolve(dataDir, 'cchc.sqlite')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with "sqlite:" or "postgres://" (got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}")`);
  }
  const schema = env.DATABASE_SCHEMA || undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) problems.push(`DATABASE_SCHEMA="${schema}" must be lower-case letters, digits and "_" (at most 63, not starting with a digit)`);
  const tgToken = env.TELEGRAM_BOT_TOKEN;
  if (tgToken && !/^\d+:[A-Za-z0-9_-]+$/.test(tgToken)) problems.push('TELEGRAM_BOT_TOKEN does not look like "<digits>:<secret>"');
  const zaloToken = env.ZALO_BOT_TOKEN;
  const cfg: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir,
    knowledgeDir: resolve(cwd, env.KNOWLEDGE_DIR || './knowledge'),
    databaseUrl,
    databaseSchema: schema,
    syncIntervalMs: int('SYNC_INTERVAL_SECONDS', 5, 1, 300) * 1000,
    logLevel,
    answerThreshold: env.ANSWER_THRESHOLD ? num('ANSWER_THRESHOLD', 0.5, 0, 1) : undefined,
    answerCautionBelow: env.ANSWER_CAUTION_BELOW ? num('ANSWER_CAUTION_BELOW', 0.8, 0, 1) : undefined,
    publicUrl: url('PUBLIC_URL'),
    telegram: tgToken
      ? {
          token: tgToken,
          apiRoot: url('TELEGRAM_API_ROOT', 'https://api.telegram.org') ?? 'https://api.telegram.org',
          webhookSecret: secret('TELEGRAM_WEBHOOK_SECRET'),
          staffChatId: env.TELEGRAM_STAFF_CHAT_ID || undefined,
        }
      : undefined,
    zalo: zaloToken
      ? {
          token: zaloToken,
          apiRoot: url('ZALO_API_ROOT', 'https://bot-api.zaloplatforms.com') ?? 'https://bot-api.zaloplatforms.com',
          webhookSecret: secret('ZALO_WEBHOOK_SECRET'),
        }
      : undefined,
    zaloOa: zaloOaSettings(env, url, problems),
    autoEscalate: bool('AUTO_ESCALATE', false),
    autoEscalateUnits: idList('AUTO_ESCALATE_UNITS', env, problems),
    escalationRemindMinutes: int('ESCALATION_REMIND_MINUTES', 60, 1, 10_080),
    adminToken: env.ADMIN_TOKEN || undefined,
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 20, 1, 10_000),
    searchCacheSize: int('SEARCH_CACHE_SIZE', 2000, 0, 100_000),
    searchCacheMb: int('SEARCH_CACHE_MB', 4, 1, 1024),
    searchCacheSeconds: int('SEARCH_CACHE_SECONDS', 300, 1, 86_400),
    trainingPassPercent: int('TRAINING_PASS_PERCENT', 80, 1, 100),
    trustProxy: int('TRUST_PROXY', 0, 0, 10),
    llm: llmSettings(env, url, int, problems),
    embeddingModelDir: env.EMBEDDING_MODEL_DIR ? resolve(cwd, env.EMBEDDING_MODEL_DIR) : undefined,
    // Operations (webhook registration at start, /metrics): ops-settings.ts.
    ...opsSettings(env, int, bool, problems),
    // Answer delivery (reply outbox, send timeout): delivery-settings.ts.
    ...deliverySettings(int),
    // Parsing limits (issue 11): ingest-settings.ts.
    ...ingestSettings(int),
    // Abuse limits (issue 11): abuse-settings.ts.
    ...abuseSettings(env, int, problems),
    ocr: ocrSettings(int),
  };
  if (cfg.embeddingModelDir && !isDirectory(cfg.embeddingModelDir)) {
    problems.push(`EMBEDDING_MODEL_DIR="${env.EMBEDDING_MODEL_DIR}" must be an existing folder with the embedding model (resolved to ${cfg.embeddingModelDir}); see "npm run cchc -- model download --help"`);
  }
  if (env.TELEGRAM_STAFF_CHAT_ID && !/^-?\d+$/.test(env.TELEGRAM_STAFF_CHAT_ID)) {
    problems.push('TELEGRAM_STAFF_CHAT_ID must be a numeric chat id such as -1001234567890');
  }
  if (problems.length) {
    throw new AppError('CONFIG_INVALID', `invalid settings:\n- ${problems.join('\n- ')}`);
  }
  return Object.freeze(cfg);
}

/**
 * The LLM settings, or undefined when the layer is off. `LLM_TIMEOUT_MS` and `LLM_API_KEY` are checked even
 * then, so a typo shows up before someone turns the layer on.
 */
function llmSettings(
  env: Env,
  url: (name: string) => string | undefined,
  int: (name: string, def: number, min: number, max: number) => number,
  problems: string[],
): Config['llm'] {
  const baseUrl = url('LLM_BASE_URL');
  const model = env.LLM_MODEL?.trim() || undefined;
  const timeoutMs = int('LLM_TIMEOUT_MS', 8000, 100, 120_000);
  const apiKey = env.LLM_API_KEY || undefined;
  if (apiKey && !/^[\x21-\x7e]{1,512}$/.test(apiKey)) problems.push('LLM_API_KEY must be 1–512 printable ASCII characters without spaces');
  if (model && !/^[\x21-\x7e]{1,200}$/.test(model)) problems.push(`LLM_MODEL="${model}" must be 1–200 printable ASCII characters without spaces`);
  if (Boolean(env.LLM_BASE_URL) !== Boolean(model)) {
    problems.push('LLM_BASE_URL and LLM_MODEL must be set together (or both left empty to turn LLM answers off)');
  }
  return baseUrl && model ? { baseUrl, model, apiKey, timeoutMs } : undefined;
}

/** A comma-separated list of unit ids ("so-noi-vu, so-tu-phap"); ids as `units.yaml` writes them. */
function idList(name: string, env: Env, problems: string[]): string[] {
  const ids = (env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = ids.filter((id) => !/^[a-z0-9][a-z0-9_-]{0,99}$/.test(id));
  if (bad.length) problems.push(`${name} must list unit ids (lower-case letters, digits, "-" or "_") separated by commas; not: ${bad.join(', ')}`);
  return [...new Set(ids)];
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
