/**
 * Vietnamese texts of the Telegram staff group that `common/messages-vi.ts` (`staff.*`) does not have yet.
 * They belong in that catalogue; they live here until its owners add the keys below (same names, so the
 * move is a search-and-replace of `staffMsg(` by `msg(`).
 */
import type { ChannelName } from '../../conversation/index.js';

/** Staff-group texts missing from the shared catalogue, by key; `{name}` placeholders as in `msg()`. */
export const STAFF_TEXTS_VI = {
  'staff.card.howToTopic': 'Trả lời bằng cách nhắn tin trong chủ đề này (hoặc reply tin nhắn này); câu trả lời sẽ được gửi tới người hỏi.',
  'staff.card.howToAgain': 'Có thể gửi câu trả lời bổ sung, đính chính theo cách trên; người hỏi sẽ nhận thêm tin nhắn.',
  'staff.card.anonymous': 'chưa rõ tên',
  'staff.card.answer': 'Câu trả lời đã gửi:',
  'staff.card.reopened': 'Người hỏi báo câu trả lời chưa đúng; phiếu đã được mở lại ({count} lần).',
  'staff.card.reason.auto': 'Lý do chuyển: bot chưa đủ căn cứ để trả lời.',
  'staff.card.reason.manual': 'Lý do chuyển: người hỏi đề nghị cán bộ trả lời.',
  'staff.card.reason.unhelpful': 'Lý do chuyển: người hỏi báo câu trả lời của bot chưa đúng.',
  'staff.answer.recorded': '📝 Đã ghi nhận câu trả lời phiếu #{number}; đang gửi tới người hỏi.',
  'staff.answer.failed': '⚠️ Chưa ghi nhận được câu trả lời phiếu #{number}. Anh/chị vui lòng gửi lại sau ít phút.',
  'staff.notFound': 'Không tìm thấy phiếu #{number}.',
  'staff.failed': 'Chưa thực hiện được thao tác trên phiếu #{number}; anh/chị vui lòng thử lại sau ít phút.',
  'staff.channel.telegram': 'Telegram',
  'staff.channel.zalo': 'Zalo',
  'staff.channel.zalo-oa': 'Zalo OA',
  'staff.channel.web': 'Trang web',
} as const;

/** Key of {@link STAFF_TEXTS_VI}. */
export type StaffTextKey = keyof typeof STAFF_TEXTS_VI;

/** The staff-group text for `key` with `{name}` placeholders filled, like `msg()`. */
export function staffMsg(key: StaffTextKey, params: Record<string, string | number> = {}): string {
  return STAFF_TEXTS_VI[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/** How a channel is named on a staff card ("Telegram", "Zalo", "Trang web"). */
export function channelLabel(channel: ChannelName): string {
  return staffMsg(`staff.channel.${channel}` as const);
}
