/**
 * Checks against the outside: Telegram and Zalo tokens, webhooks, the staff group, the clock (the
 * platform's `Date` header) and this server through PUBLIC_URL.
 */
import type { Config } from '../../../config/index.js';
import { describeError } from '../../../common/errors.js';
import { PlatformApiError } from '../../../channels/platform-errors.js';
import { telegramClient, webhookInfo, zaloClient } from '../platform-webhooks.js';
import type { PlatformName, WebhookStatus } from '../platform-webhooks.js';
import { fail, ok, skip, warn } from './check.js';
import type { CheckResult } from './check.js';

/** Pending updates above which a webhook is falling behind. */
const PENDING_WARN = 100;
/** A delivery error more recent than this is reported. */
const RECENT_ERROR_MS = 60 * 60_000;

/** The Telegram checks: token, webhook, staff group. */
export async function checkTelegram(config: Config, now = Date.now()): Promise<CheckResult[]> {
  if (!config.telegram) return [skip('Telegram', 'TELEGRAM_BOT_TOKEN not set: channel off')];
  const client = telegramClient(config, 10_000);
  let me;
  try {
    me = await client.getMe();
  } catch (err: unknown) {
    return [tokenFailure('Telegram token', err, 'TELEGRAM_BOT_TOKEN', '@BotFather (/mybots → API Token)', config.telegram.apiRoot)];
  }
  const out = [ok('Telegram token', `bot @${me.username} (id ${me.id})`)];
  out.push(await webhookCheck(config, 'telegram', now));
  if (config.telegram.staffChatId) out.push(await staffGroupCheck(config, me.id));
  else out.push(warn('Telegram staff group', 'TELEGRAM_STAFF_CHAT_ID not set: escalated questions appear only in the web console (/staff)', 'create a supergroup with topics, add the bot as admin, and set TELEGRAM_STAFF_CHAT_ID (docs/production.md)'));
  return out;
}

/** The Zalo checks: token, webhook. */
export async function checkZalo(config: Config, now = Date.now()): Promise<CheckResult[]> {
  if (!config.zalo) return [skip('Zalo', 'ZALO_BOT_TOKEN not set: channel off')];
  let me;
  try {
    me = await zaloClient(config, 10_000).getMe();
  } catch (err: unknown) {
    return [tokenFailure('Zalo token', err, 'ZALO_BOT_TOKEN', 'Zalo Bot Manager (Bot Creator in the Zalo app)', config.zalo.apiRoot)];
  }
  return [ok('Zalo token', `bot "${me.account_name}" (id ${me.id})`), await webhookCheck(config, 'zalo', now)];
}

function tokenFailure(title: string, err: unknown, setting: string, where: string, apiRoot: string): ReturnType<typeof fail> {
  if (err instanceof PlatformApiError && (err.code === 401 || err.code === 404)) {
    return fail(title, `the platform refused the token (${err.code} ${err.description})`, `copy the token again from ${where} into ${setting}`);
  }
  return fail(title, `cannot reach ${apiRoot}: ${describeError(err)}`, 'check outbound HTTPS (firewall, proxy, DNS) from this server to the platform');
}

/** Webhook mode: registered at PUBLIC_URL, not falling behind, no recent delivery error. Polling mode: no webhook set. */
async function webhookCheck(config: Config, channel: PlatformName, now: number): Promise<CheckResult> {
  const title = `${channel === 'telegram' ? 'Telegram' : 'Zalo'} webhook`;
  const secretName = channel === 'telegram' ? 'TELEGRAM_WEBHOOK_SECRET' : 'ZALO_WEBHOOK_SECRET';
  let s: WebhookStatus;
  try {
    s = await webhookInfo(config, channel);
  } catch (err: unknown) {
    return fail(title, `cannot read the webhook: ${describeError(err)}`, 'check the token and outbound HTTPS');
  }
  const setIt = `run "npm run cchc -- webhook set --channel ${channel}"`;
  if (!config[channel]?.webhookSecret) {
    if (s.url) return warn(title, `${secretName} is not set (long polling), but a webhook is registered at ${s.url}: polling fails while it exists`, `set ${secretName} and PUBLIC_URL, or run "npm run cchc -- webhook delete --channel ${channel}"`);
    return warn(title, `${secretName} not set: the bot long-polls (fine for a trial, not for production)`, `set ${secretName} and PUBLIC_URL, then ${setIt}`);
  }
  if (!s.expectedUrl) return fail(title, `PUBLIC_URL is not set, so the webhook cannot be checked${s.url ? ` (registered: ${s.url})` : ''}`, 'set PUBLIC_URL to the public HTTPS address of this server');
  if (!s.url) return fail(title, 'no webhook registered: the platform does not deliver messages', setIt);
  if (s.url !== s.expectedUrl) return fail(title, `registered at ${s.url}, but PUBLIC_URL gives ${s.expectedUrl}`, setIt);
  if (s.lastError && now - s.lastError.at < RECENT_ERROR_MS) {
    return warn(title, `${s.url}; last delivery failed ${Math.round((now - s.lastError.at) / 60_000)} min ago: ${s.lastError.message}`, 'check the reverse proxy and TLS certificate, and that the server answers on PUBLIC_URL/healthz');
  }
  if ((s.pendingUpdates ?? 0) > PENDING_WARN) return warn(title, `${s.url}; ${s.pendingUpdates} updates waiting for delivery`, 'the platform cannot deliver fast enough: check the server logs and the reverse proxy');
  return ok(title, `${s.url}${s.pendingUpdates !== undefined ? `, ${s.pendingUpdates} pending` : ''}`);
}

/** The staff group exists, the bot is in it and can manage topics. */
async function staffGroupCheck(config: Config, botId: number): Promise<CheckResult> {
  const title = 'Telegram staff group';
  const chatId = config.telegram?.staffChatId as string;
  const client = telegramClient(config, 10_000);
  let chat;
  try {
    chat = await client.getChat(chatId);
  } catch (err: unknown) {
    return fail(title, `chat ${chatId} is not reachable: ${describeError(err)}`, 'add the bot to the staff group and check TELEGRAM_STAFF_CHAT_ID (a supergroup id starts with -100)');
  }
  const name = 'title' in chat && chat.title ? `"${chat.title}"` : chatId;
  const forum = 'is_forum' in chat && chat.is_forum;
  let status = 'unknown';
  try {
    status = (await client.getChatMember(chatId, botId)).status;
  } catch (err: unknown) {
    return warn(title, `${name} found, but the bot's membership cannot be read: ${describeError(err)}`, 'make the bot an administrator of the group');
  }
  if (status === 'left' || status === 'kicked') return fail(title, `${name}: the bot is not a member (${status})`, 'add the bot to the staff group again');
  if (forum && status !== 'administrator' && status !== 'creator') {
    return warn(title, `${name} has topics but the bot is only a ${status}: it cannot open one topic per ticket`, 'make the bot an administrator with "Manage topics"');
  }
  return ok(title, `${name}, ${forum ? 'one topic per ticket' : 'no topics (cards in the main chat)'}, bot is ${status}`);
}

/** Clock skew against the platform's `Date` header (the first configured platform API answers). */
export async function checkClock(config: Config, fetchFn: typeof fetch = fetch): Promise<CheckResult> {
  const title = 'Clock';
  const root = config.telegram?.apiRoot ?? config.zalo?.apiRoot;
  if (!root) return skip(title, 'no platform configured to compare the clock with');
  let header: string | null;
  const sent = Date.now();
  try {
    const res = await fetchFn(root, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    header = res.headers.get('date');
  } catch (err: unknown) {
    return warn(title, `cannot reach ${root} to compare clocks: ${networkReason(err)}`, 'check outbound HTTPS');
  }
  const remote = header ? Date.parse(header) : NaN;
  if (Number.isNaN(remote)) return skip(title, `${root} sent no Date header`);
  const local = (sent + Date.now()) / 2;
  // The Date header has whole seconds: up to 1 s of the difference is rounding.
  const skewS = Math.round((local - remote) / 1000);
  const detail = `${Math.abs(skewS)} s ${skewS > 0 ? 'ahead of' : 'behind'} ${new URL(root).host}`;
  if (Math.abs(skewS) >= 300) return fail(title, detail, 'enable time synchronisation (timedatectl set-ntp true, or chrony); SLA times, logs and TLS depend on it');
  if (Math.abs(skewS) >= 30) return warn(title, detail, 'enable time synchronisation (timedatectl set-ntp true, or chrony)');
  return ok(title, Math.abs(skewS) <= 1 ? `in step with ${new URL(root).host}` : detail);
}

/** This server answers through PUBLIC_URL (reverse proxy, TLS, DNS), as the platforms will call it. */
export async function checkPublicUrl(config: Config, fetchFn: typeof fetch = fetch): Promise<CheckResult> {
  const title = 'Public URL';
  if (!config.publicUrl) return skip(title, 'PUBLIC_URL not set');
  const url = `${config.publicUrl}/healthz`;
  try {
    const res = await fetchFn(url, { signal: AbortSignal.timeout(10_000) });
    if (res.ok) return ok(title, `${url} answers ${res.status}`);
    return warn(title, `${url} answers ${res.status}`, res.status === 503 ? 'the server is up but unhealthy: see /healthz and the logs' : 'check the reverse proxy forwards to the bot (docs/production.md)');
  } catch (err: unknown) {
    return warn(title, `${url} is not reachable from here: ${networkReason(err)}`, 'is the server running, and do DNS, firewall and the reverse proxy let it through? (some networks block reaching their own public address)');
  }
}

/** A fetch failure with its underlying reason ("fetch failed: ENOTFOUND cchc.example.gov.vn"). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; hostname?: unknown; message?: unknown } }).cause;
  const detail = cause ? [cause.code, cause.hostname].filter((x) => typeof x === 'string').join(' ') || String(cause.message ?? '') : '';
  return detail ? `${describeError(err)}: ${detail}` : describeError(err);
}

/** The LLM endpoint (when LLM answers are on) lists its models and has the configured one. */
export async function checkLlm(config: Config, fetchFn: typeof fetch = fetch): Promise<CheckResult> {
  const title = 'LLM endpoint';
  const llm = config.llm;
  if (!llm) return skip(title, 'LLM answers off (extractive answers only)');
  const fallback = 'until it answers, officials get the extractive answer (nothing breaks)';
  let res: Response;
  try {
    res = await fetchFn(`${llm.baseUrl}/models`, { headers: llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {}, signal: AbortSignal.timeout(10_000) });
  } catch (err: unknown) {
    return warn(title, `${llm.baseUrl} is not reachable: ${networkReason(err)}`, `start the model server or fix LLM_BASE_URL; ${fallback}`);
  }
  if (res.status === 401 || res.status === 403) return warn(title, `${llm.baseUrl} refused the key (${res.status})`, `check LLM_API_KEY; ${fallback}`);
  if (!res.ok) return warn(title, `${llm.baseUrl}/models answers ${res.status}`, `check LLM_BASE_URL (it includes the version path, e.g. /v1); ${fallback}`);
  const ids = ((await res.json().catch(() => ({}))) as { data?: Array<{ id?: unknown }> }).data?.map((m) => String(m.id)) ?? [];
  if (ids.length && !ids.includes(llm.model)) return warn(title, `${llm.baseUrl} does not list model "${llm.model}" (it has: ${ids.slice(0, 5).join(', ')})`, `set LLM_MODEL to one of them; ${fallback}`);
  return ok(title, `${llm.baseUrl}, model ${llm.model}`);
}
