/**
 * Registering the bot with the platforms: set, show and delete the Telegram and Zalo webhooks from the
 * settings (`PUBLIC_URL`, the webhook secrets), and set the Telegram command menu in Vietnamese. Used by
 * `cchc webhook` and `cchc doctor`; `serve` does the same at start unless WEBHOOK_SET_AT_START=false.
 */
import type { Config } from '../../config/index.js';
import { AppError } from '../../common/errors.js';
import { ALLOWED_UPDATES, TELEGRAM_WEBHOOK_PATH, TelegramClient, telegramCommandMenu } from '../../channels/telegram/index.js';
import { ZALO_WEBHOOK_PATH, ZaloClient } from '../../channels/zalo/index.js';

/** A platform the bot registers with. */
export type PlatformName = 'telegram' | 'zalo';

/** The platforms' names, for option validation. */
export const PLATFORMS: readonly PlatformName[] = ['telegram', 'zalo'];

/** A webhook as the platform reports it. */
export interface WebhookStatus {
  channel: PlatformName;
  /** Registered URL; '' when none (the bot then has to long-poll). */
  url: string;
  /** What it should be: PUBLIC_URL + the channel's path; undefined without PUBLIC_URL. */
  expectedUrl?: string;
  /** Updates waiting for delivery (Telegram only). */
  pendingUpdates?: number;
  /** The last failed delivery (Telegram only): when (epoch ms) and what the platform saw. */
  lastError?: { at: number; message: string };
  /** When the webhook was last changed (Zalo only, epoch ms). */
  updatedAt?: number;
  maxConnections?: number;
  allowedUpdates?: string[];
}

/** Telegram accepts webhooks only on these ports (Bot API `setWebhook`). */
const TELEGRAM_PORTS = new Set(['443', '80', '88', '8443']);

/** The platforms configured in `config` (those with a token), or the one asked for; CONFIG_INVALID when it is off. */
export function selectPlatforms(config: Config, asked?: string): PlatformName[] {
  if (asked !== undefined) {
    if (!PLATFORMS.includes(asked as PlatformName)) throw new AppError('INVALID_INPUT', `--channel must be one of: ${PLATFORMS.join(', ')} (got "${asked}")`);
    const name = asked as PlatformName;
    if (!config[name]) throw new AppError('CONFIG_INVALID', `${name === 'telegram' ? 'TELEGRAM_BOT_TOKEN' : 'ZALO_BOT_TOKEN'} is not set, so the ${name} channel is off`);
    return [name];
  }
  const on = PLATFORMS.filter((p) => config[p]);
  if (!on.length) throw new AppError('CONFIG_INVALID', 'no platform is configured: set TELEGRAM_BOT_TOKEN and/or ZALO_BOT_TOKEN');
  return on;
}

/** The URL the platform should call: PUBLIC_URL + the channel's webhook path, or undefined without PUBLIC_URL. */
export function expectedWebhookUrl(config: Config, channel: PlatformName): string | undefined {
  if (!config.publicUrl) return undefined;
  return `${config.publicUrl.replace(/\/+$/, '')}${channel === 'telegram' ? TELEGRAM_WEBHOOK_PATH : ZALO_WEBHOOK_PATH}`;
}

/** A Bot API client from the settings (the channel must be configured). */
export function telegramClient(config: Config, timeoutMs = 15_000): TelegramClient {
  const tg = requireChannel(config, 'telegram');
  return new TelegramClient({ token: tg.token, apiRoot: tg.apiRoot, timeoutMs });
}

/** A Zalo Bot API client from the settings (the channel must be configured). */
export function zaloClient(config: Config, timeoutMs = 15_000): ZaloClient {
  const z = requireChannel(config, 'zalo');
  return new ZaloClient({ token: z.token, baseUrl: z.apiRoot, timeoutMs });
}

/**
 * Registers the webhook at PUBLIC_URL with the channel's secret (and, on Telegram, the command menu).
 * CONFIG_INVALID when PUBLIC_URL or the secret is missing or the URL cannot work for the platform.
 */
export async function setWebhook(config: Config, channel: PlatformName, opts: { dropPending?: boolean } = {}): Promise<WebhookStatus> {
  const url = webhookUrlToSet(config, channel);
  if (channel === 'telegram') {
    const client = telegramClient(config);
    const secret = requireChannel(config, 'telegram').webhookSecret as string;
    await client.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: opts.dropPending });
    await client.setMyCommands(telegramCommandMenu());
  } else {
    await zaloClient(config).setWebhook({ url, secret_token: requireChannel(config, 'zalo').webhookSecret as string });
  }
  return webhookInfo(config, channel);
}

/** The webhook as the platform sees it. */
export async function webhookInfo(config: Config, channel: PlatformName): Promise<WebhookStatus> {
  const expectedUrl = expectedWebhookUrl(config, channel);
  if (channel === 'zalo') {
    const info = await zaloClient(config).getWebhookInfo();
    return { channel, url: info.url ?? '', expectedUrl, updatedAt: info.updated_at };
  }
  const info = await telegramClient(config).getWebhookInfo();
  return {
    channel,
    url: info.url ?? '',
    expectedUrl,
    pendingUpdates: info.pending_update_count,
    lastError: info.last_error_date && info.last_error_message ? { at: info.last_error_date * 1000, message: info.last_error_message } : undefined,
    maxConnections: info.max_connections,
    allowedUpdates: info.allowed_updates,
  };
}

/** Removes the webhook (the platform then keeps updates for `getUpdates`, or drops them with `dropPending`, Telegram only). */
export async function deleteWebhook(config: Config, channel: PlatformName, opts: { dropPending?: boolean } = {}): Promise<WebhookStatus> {
  if (channel === 'telegram') await telegramClient(config).deleteWebhook({ drop_pending_updates: opts.dropPending });
  else await zaloClient(config).deleteWebhook();
  return webhookInfo(config, channel);
}

/** PUBLIC_URL + path, checked against what the platform accepts. */
function webhookUrlToSet(config: Config, channel: PlatformName): string {
  const secretName = channel === 'telegram' ? 'TELEGRAM_WEBHOOK_SECRET' : 'ZALO_WEBHOOK_SECRET';
  const problems: string[] = [];
  if (!requireChannel(config, channel).webhookSecret) problems.push(`${secretName} is not set (the platform sends it back so forged calls get 401)`);
  const url = expectedWebhookUrl(config, channel);
  if (!url) problems.push('PUBLIC_URL is not set (the public HTTPS address of this server, e.g. https://cchc.example.gov.vn)');
  else {
    const u = new URL(url);
    if (u.protocol !== 'https:') problems.push(`PUBLIC_URL must be https:// for webhooks (got ${u.protocol}//); put a TLS reverse proxy in front (docs/production.md)`);
    if (channel === 'telegram' && !TELEGRAM_PORTS.has(u.port || '443')) problems.push(`Telegram calls webhooks only on ports 443, 80, 88 or 8443 (PUBLIC_URL uses ${u.port})`);
  }
  if (problems.length) throw new AppError('CONFIG_INVALID', `cannot set the ${channel} webhook:\n- ${problems.join('\n- ')}`);
  return url as string;
}

function requireChannel<P extends PlatformName>(config: Config, channel: P): NonNullable<Config[P]> {
  const c = config[channel];
  if (!c) throw new AppError('CONFIG_INVALID', `${channel === 'telegram' ? 'TELEGRAM_BOT_TOKEN' : 'ZALO_BOT_TOKEN'} is not set, so the ${channel} channel is off`);
  return c as NonNullable<Config[P]>;
}
