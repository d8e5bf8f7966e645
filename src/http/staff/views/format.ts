/**
 * Labels and formats shared by the console's pages: ticket states, channels, ages ("12 phút") and
 * times in Vietnam time.
 */
import type { Ticket, TicketState } from '../../../escalation/index.js';
import { t } from '../messages.js';

/** The Vietnamese label of a ticket state (the same words as the Telegram staff card). */
export function stateLabel(state: TicketState): string {
  return t(`staff.state.${state}`);
}

/** The Vietnamese label of a channel; an unknown channel name is shown as is. */
export function channelLabel(channel: string): string {
  return channel === 'telegram' || channel === 'zalo' || channel === 'zalo-oa' || channel === 'web' ? t(`channel.${channel}`) : channel;
}

/** Who asked: the display name the platform gave, or a neutral label. */
export function askerName(displayName: string | undefined): string {
  return displayName?.trim() || t('asker.unknown');
}

/** A duration as staff say it: "vừa xong", "12 phút", "3 giờ", "2 ngày" (rounded down). */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('age.justNow');
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('age.hours', { n: hours });
  return t('age.days', { n: Math.floor(hours / 24) });
}

/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** An instant as "14:05 20/11/2025" in Vietnam time (independent of the server's time zone). */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** True when the ticket still waits for staff (open or claimed) longer than the reminder limit. */
export function isOverdue(ticket: Ticket, now: number, remindMinutes: number): boolean {
  return (ticket.state === 'open' || ticket.state === 'claimed') && now - ticket.createdAt > remindMinutes * 60_000;
}

/** The text cut to `max` characters at a word boundary when possible, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The URL when it is an absolute http(s) URL (safe in `href`), else undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
