/**
 * Catalogue of every text an official or staff member reads, in Vietnamese with full diacritics.
 * Code refers to entries by key; `{name}` placeholders are filled by {@link msg}.
 */
export const MESSAGES_VI = {
  'answer.lead.high': 'Theo {path} {number}:',
  'answer.lead.medium': 'Tôi tìm thấy quy định có liên quan nhất tại {path} {number}; anh/chị vui lòng đối chiếu với văn bản gốc:',
  'answer.lead.faq': '{answer}',
  'answer.lead.faqStaff': '{answer}',
  'answer.abstain':
    'Tôi chưa đủ căn cứ để trả lời chắc chắn câu hỏi này. Anh/chị có thể hỏi lại cụ thể hơn (nêu tên văn bản, thủ tục hoặc lĩnh vực) hoặc gửi câu hỏi cho cán bộ phụ trách.',
  'answer.abstain.partial': 'Một số quy định có thể liên quan để anh/chị tham khảo:',
  'answer.empty': 'Anh/chị vui lòng nhập câu hỏi về cải cách hành chính, ví dụ: “Thủ tục hành chính là gì?”.',
  'answer.notice.replaced': 'Lưu ý: {number} đã bị thay thế{by}; nội dung trích dẫn không còn là quy định hiện hành.',
  'answer.notice.expired': 'Lưu ý: {number} đã hết hiệu lực{by}; nội dung trích dẫn chỉ để tham khảo.',
  'answer.notice.partly': 'Lưu ý: {number} đã hết hiệu lực một phần{by}; cần đối chiếu văn bản sửa đổi, thay thế.',
  'answer.notice.notYet': 'Lưu ý: {number} chưa có hiệu lực.',
  'answer.notice.by': ' bởi {replacedBy}',
  'answer.source.staff': 'Câu trả lời của cán bộ phụ trách',
  'answer.source.faq': 'Hỏi đáp đã được kiểm duyệt',
  'status.in_force': 'còn hiệu lực',
  'status.partly_expired': 'hết hiệu lực một phần',
  'status.expired': 'hết hiệu lực',
  'status.replaced': 'đã bị thay thế',
  'status.not_yet_in_force': 'chưa có hiệu lực',
  'status.unknown': 'chưa rõ hiệu lực',
  'error.invalidInput': 'Dữ liệu gửi lên không hợp lệ.',
  'error.notFound': 'Không tìm thấy nội dung yêu cầu.',
  'error.unsupportedFormat': 'Định dạng tệp không được hỗ trợ.',
  'error.legacyDoc': 'Tệp .doc (Word 97–2003) chưa đọc được; vui lòng lưu lại thành .docx.',
  'error.noTextLayer': 'Tệp PDF là bản scan, không có lớp văn bản; vui lòng cung cấp bản có văn bản hoặc nhận dạng ký tự (OCR).',
  'error.documentUnreadable': 'Không đọc được tệp văn bản.',
  'error.frontMatterInvalid': 'Thông tin mô tả văn bản không hợp lệ.',
  'error.indexMissing': 'Hệ thống đang chuẩn bị dữ liệu, vui lòng thử lại sau ít phút.',
  'error.storageUnavailable': 'Hệ thống tạm thời gián đoạn, vui lòng thử lại sau.',
  'error.unauthorized': 'Cần đăng nhập để tiếp tục.',
  'error.forbidden': 'Anh/chị không có quyền thực hiện thao tác này.',
  'error.payloadTooLarge': 'Dữ liệu gửi lên quá lớn.',
  'error.rateLimited': 'Anh/chị gửi câu hỏi hơi nhanh; vui lòng đợi một chút rồi hỏi tiếp.',
  'error.conflict': 'Thao tác bị trùng với một thay đổi khác; vui lòng tải lại và thử lại.',
  'error.internal': 'Đã có lỗi xảy ra; vui lòng thử lại sau.',
} as const;

/** Key of a catalogue entry. */
export type MessageKey = keyof typeof MESSAGES_VI;

/** The Vietnamese text for `key`, with `{name}` placeholders replaced from `params`. */
export function msg(key: MessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES_VI[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}
