/**
 * The OA reply window (platforms.md §2.6) as staff need to see it: replies are free for 48 hours after
 * the user's last message (up to 8 of them), the user can be reached for 7 days after their last
 * interaction, and not at all after that until they write again.
 */
import type { OaUserRow } from './ports.js';

/** Free replies last 48 hours after the user's message. */
export const FREE_REPLY_WINDOW_MS = 48 * 3600_000;
/** Up to 8 free replies per user message. */
export const FREE_REPLIES_PER_MESSAGE = 8;
/** Customer-service messages need an interaction in the last 7 days. */
export const REACH_WINDOW_MS = 7 * 24 * 3600_000;

/** Where an OA user stands, at one moment. */
export interface OaReplyWindow {
  /**
   * `free`: a reply now is free. `paid`: the user can be reached, but a reply is charged (needs quota).
   * `closed`: the user cannot be reached until they write again. `unknown`: no interaction recorded.
   */
  state: 'free' | 'paid' | 'closed' | 'unknown';
  /** End of the free window (48 h after the last message). */
  freeUntil?: number;
  /** Free replies left to the last message. */
  freeRepliesLeft?: number;
  /** End of the 7-day window after the last interaction. */
  reachableUntil?: number;
  /** The user unfollowed the OA after their last follow. */
  unfollowed: boolean;
}

/** The window of `user` at `now`. */
export function replyWindowOf(user: OaUserRow | null, now: number): OaReplyWindow {
  if (!user || user.lastInteractionAt <= 0) return { state: user?.followed === false ? 'closed' : 'unknown', unfollowed: user?.followed === false };
  const reachableUntil = user.lastInteractionAt + REACH_WINDOW_MS;
  const freeUntil = user.lastMessageAt !== undefined ? user.lastMessageAt + FREE_REPLY_WINDOW_MS : undefined;
  const freeRepliesLeft = freeUntil !== undefined ? Math.max(0, FREE_REPLIES_PER_MESSAGE - user.repliesToLastMessage) : undefined;
  const unfollowed = user.followed === false;
  let state: OaReplyWindow['state'] = 'closed';
  if (now < reachableUntil) state = freeUntil !== undefined && now < freeUntil && (freeRepliesLeft ?? 0) > 0 ? 'free' : 'paid';
  return { state, freeUntil, freeRepliesLeft, reachableUntil, unfollowed };
}

/** Vietnamese texts of {@link describeReplyWindow} (staff read them in the console and the staff group). */
const TEXT = {
  free: 'Zalo OA: còn {left} để trả lời miễn phí (đến {until}, còn {replies}/8 lượt). Sau {reach} không gửi được tin cho người hỏi nữa, cho đến khi họ nhắn lại.',
  paid: 'Zalo OA: đã hết thời gian trả lời miễn phí (từ {until}); vẫn gửi được (OA có thể bị tính phí) đến {reach}, còn {left}.',
  paidNoMessage: 'Zalo OA: người hỏi chưa nhắn tin (chỉ quan tâm OA); gửi được (OA có thể bị tính phí) đến {reach}, còn {left}.',
  closed: 'Zalo OA: người hỏi không tương tác với OA quá 7 ngày nên không gửi được tin; câu trả lời được giữ lại và gửi khi họ nhắn lại OA.',
  unknown: 'Zalo OA: chưa ghi nhận tương tác của người hỏi; câu trả lời sẽ được thử gửi, nếu không được sẽ gửi khi họ nhắn lại OA.',
  unfollowed: ' Người hỏi đã bỏ quan tâm OA.',
} as const;

/**
 * One sentence for staff: how long the free reply window has left and when the user can no longer be
 * reached, in Vietnam time.
 *
 * @example describeReplyWindow(replyWindowOf(user, now), now)
 * // "Zalo OA: còn 31 giờ để trả lời miễn phí (đến 14:30 12/05/2026, còn 7/8 lượt). Sau 14:30 17/05/2026 …"
 */
export function describeReplyWindow(w: OaReplyWindow, now: number): string {
  const fill = (text: string, v: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));
  let text: string;
  if (w.state === 'free') text = fill(TEXT.free, { left: formatDuration((w.freeUntil ?? now) - now), until: formatVnTime(w.freeUntil ?? now), replies: w.freeRepliesLeft ?? 0, reach: formatVnTime(w.reachableUntil ?? now) });
  else if (w.state === 'paid') text = fill(w.freeUntil !== undefined ? TEXT.paid : TEXT.paidNoMessage, { until: formatVnTime(w.freeUntil ?? now), reach: formatVnTime(w.reachableUntil ?? now), left: formatDuration((w.reachableUntil ?? now) - now) });
  else text = w.state === 'closed' ? TEXT.closed : TEXT.unknown;
  return w.unfollowed ? `${text}${TEXT.unfollowed}` : text;
}

/** "3 ngày 4 giờ", "31 giờ" (under two days, in hours), "45 phút", "dưới 1 phút". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'dưới 1 phút';
  if (minutes < 60) return `${minutes} phút`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} giờ`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} ngày ${rest} giờ` : `${days} ngày`;
}

const VN_TIME = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hour12: false });

/** "14:30 12/05/2026" in Vietnam time. */
export function formatVnTime(ms: number): string {
  const parts = Object.fromEntries(VN_TIME.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}
