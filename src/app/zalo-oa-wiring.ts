/**
 * Composition of the Zalo OA channel (issue 15), kept out of `build-app.ts`: the channel itself, what it
 * tells admins when Zalo refuses the refresh token (log line, staff-group message, console banner, the
 * counters a metrics endpoint can export), its admin console page and callback, and the reply-window
 * notes staff see on tickets.
 */
import type { Router } from 'express';
import type { Logger as PinoLogger } from 'pino';
import type { Config } from '../config/index.js';
import { describeError } from '../common/errors.js';
import type { Dispatcher } from '../conversation/index.js';
import { ZaloOaChannel, reauthAlertText } from '../channels/zalo-oa/index.js';
import type { OaTokenEvent } from '../channels/zalo-oa/index.js';
import type { RetryOptions } from '../channels/retry.js';
import type { Ticket } from '../escalation/index.js';
import { ADMIN_BASE, ZALO_OA_ADMIN_PATH, createZaloOaAdminRouter, createZaloOaCallbackRouter, zaloOaText } from '../http/admin/index.js';
import type { Flash, NavEntry } from '../http/admin/index.js';
import type { ZaloOaStore } from '../channels/zalo-oa/index.js';
import type { AuditLog } from '../admin/ports.js';

/** Counters of the OA token pair's life, for `/metrics` (monotonic) and `/healthz`. */
export interface ZaloOaTokenCounters {
  refreshed: number;
  refreshFailed: number;
  /** Times Zalo refused the refresh token (each one needs an admin to reconnect). */
  reauthRequired: number;
}

/** What `buildApp` gets back. */
export interface ZaloOaWiring {
  channel: ZaloOaChannel;
  counters: ZaloOaTokenCounters;
  /** The console navigation entry of the page. */
  nav: NavEntry;
  /** Section router (`/zalo-oa`, behind the admin guard) and the callback router (before it). */
  adminSection: (extraNav: readonly NavEntry[]) => { path: string; label: string; router: Router };
  callback: { path: string; router: Router };
  /** The console banner while the OA must be reconnected. */
  banner: () => Promise<Flash | undefined>;
  /** Reply-window sentence for a Zalo OA official (staff console). */
  replyWindow: (channel: string, chatId: string) => Promise<string | undefined>;
  /** Reply-window note for a ticket's card (Telegram staff group). */
  reachNote: (t: Ticket) => Promise<string | undefined>;
  /** `/healthz` details: connection status and access-token expiry, never a token. */
  health: () => Promise<Record<string, unknown>>;
}

/** Dependencies of {@link wireZaloOa}. */
export interface ZaloOaWiringDeps {
  config: Config & { zaloOa: NonNullable<Config['zaloOa']> };
  store: ZaloOaStore;
  /** Where the admin page and the callback record connects and disconnects. */
  audit: AuditLog;
  dispatcher: Dispatcher;
  logger: PinoLogger;
  retry?: RetryOptions;
  minSendIntervalMs?: number;
  /** Posts a message to the staff group, when there is one. */
  tellStaff?: (text: string) => Promise<void>;
  secureCookies: boolean;
}

/** Builds the OA channel and everything around it. */
export function wireZaloOa(d: ZaloOaWiringDeps): ZaloOaWiring {
  const log = d.logger.child({ channel: 'zalo-oa' });
  const counters: ZaloOaTokenCounters = { refreshed: 0, refreshFailed: 0, reauthRequired: 0 };
  const pageUrl = d.config.publicUrl ? `${d.config.publicUrl}${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}` : undefined;
  const onTokenEvent = (e: OaTokenEvent) => {
    if (e.kind === 'refreshed') counters.refreshed++;
    if (e.kind === 'refresh_failed') counters.refreshFailed++;
    if (e.kind !== 'reauth_required') return;
    counters.reauthRequired++;
    void d.tellStaff?.(reauthAlertText(e.problem, pageUrl)).catch((err: unknown) => log.warn({ err: describeError(err) }, 'zalo-oa reconnect alert not posted to the staff group'));
  };
  const c = d.config.zaloOa;
  const channel = new ZaloOaChannel({
    appId: c.appId, appSecret: c.appSecret, secretKey: c.secretKey, tokenKey: c.tokenKey, apiRoot: c.apiRoot, oauthRoot: c.oauthRoot,
    seedRefreshToken: c.refreshToken, publicUrl: d.config.publicUrl, store: d.store, dispatcher: d.dispatcher, logger: log,
    retry: d.retry, minSendIntervalMs: d.minSendIntervalMs, onTokenEvent,
  });
  const adminLog = d.logger.child({ component: 'admin' });
  const nav: NavEntry = { href: `${ADMIN_BASE}${ZALO_OA_ADMIN_PATH}`, label: zaloOaText('nav') };
  const describe = async (chatId: string) => channel.describeWindow(chatId);
  return {
    channel,
    counters,
    nav,
    adminSection: (extraNav) => ({
      path: ZALO_OA_ADMIN_PATH,
      label: nav.label,
      router: createZaloOaAdminRouter({ connection: channel.connection, audit: d.audit, logger: adminLog, secureCookies: d.secureCookies, extraNav }),
    }),
    callback: { path: `${ZALO_OA_ADMIN_PATH}/callback`, router: createZaloOaCallbackRouter({ connection: channel.connection, audit: d.audit, logger: adminLog, secureCookies: d.secureCookies }) },
    banner: async () => ((await channel.connection.status()).status === 'reauth_required' ? { kind: 'error', text: zaloOaText('banner') } : undefined),
    replyWindow: async (ch, chatId) => (ch === 'zalo-oa' ? describe(chatId) : undefined),
    reachNote: async (t) => (t.channel === 'zalo-oa' ? describe(t.chatId) : undefined),
    health: async () => {
      const s = await channel.connection.status();
      return { status: s.status, accessExpiresAt: s.accessExpiresAt ?? null, ...counters };
    },
  };
}
