import { describe, it, expect } from 'vitest';
import { describeReplyWindow, formatDuration, formatVnTime, replyWindowOf } from './reply-window.js';

const H = 3600_000;
const T0 = Date.UTC(2026, 4, 12, 7, 30); // 14:30 12/05/2026 in Vietnam (UTC+7)

describe('replyWindowOf / describeReplyWindow', () => {
  it('is free for 48 h after the last message with replies left, then paid until 7 days, then closed', () => {
    const user = { userId: 'u', lastInteractionAt: T0, lastMessageAt: T0, lastMessageId: 'm', repliesToLastMessage: 1 };
    expect(replyWindowOf(user, T0 + 17 * H)).toMatchObject({ state: 'free', freeUntil: T0 + 48 * H, freeRepliesLeft: 7, reachableUntil: T0 + 168 * H });
    expect(replyWindowOf({ ...user, repliesToLastMessage: 8 }, T0 + H).state, 'the 9th reply is charged').toBe('paid');
    expect(replyWindowOf(user, T0 + 49 * H).state).toBe('paid');
    expect(replyWindowOf(user, T0 + 169 * H).state).toBe('closed');
    expect(replyWindowOf(null, T0).state).toBe('unknown');
  });

  it('tells staff in Vietnamese how long is left and until when, in Vietnam time', () => {
    const user = { userId: 'u', lastInteractionAt: T0, lastMessageAt: T0, lastMessageId: 'm', repliesToLastMessage: 1 };
    expect(describeReplyWindow(replyWindowOf(user, T0 + 17 * H), T0 + 17 * H)).toBe(
      'Zalo OA: còn 31 giờ để trả lời miễn phí (đến 14:30 14/05/2026, còn 7/8 lượt). Sau 14:30 19/05/2026 không gửi được tin cho người hỏi nữa, cho đến khi họ nhắn lại.');
    expect(describeReplyWindow(replyWindowOf(user, T0 + 50 * H), T0 + 50 * H)).toMatch(/^Zalo OA: đã hết thời gian trả lời miễn phí \(từ 14:30 14\/05\/2026\); vẫn gửi được .* đến 14:30 19\/05\/2026, còn 4 ngày 22 giờ\.$/);
    expect(describeReplyWindow(replyWindowOf({ ...user, followed: false }, T0 + 200 * H), T0 + 200 * H)).toMatch(/quá 7 ngày.*Người hỏi đã bỏ quan tâm OA\.$/);
  });

  it('formats durations and times', () => {
    expect([formatDuration(30_000), formatDuration(45 * 60_000), formatDuration(31 * H), formatDuration(50 * H), formatDuration(72 * H)]).toEqual(['dưới 1 phút', '45 phút', '31 giờ', '2 ngày 2 giờ', '3 ngày']);
    expect(formatVnTime(T0)).toBe('14:30 12/05/2026');
  });
});
