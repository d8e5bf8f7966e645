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
  'chat.greeting':
    'Xin chào{name}! Tôi là Trợ lý CCHC — trợ lý hỏi đáp về cải cách hành chính dành cho cán bộ, công chức, viên chức của tỉnh.\n\nAnh/chị có thể hỏi tôi về thủ tục hành chính, cơ chế một cửa, dịch vụ công trực tuyến, kiểm soát thủ tục hành chính, công tác văn thư, Đề án 4599/QĐ-UBND… Mỗi câu trả lời đều ghi rõ văn bản, Điều, Khoản và tình trạng hiệu lực. Câu hỏi nào tôi chưa đủ căn cứ, tôi sẽ chuyển cho cán bộ phụ trách.\n\nVí dụ: “Cơ chế một cửa là gì?” hoặc gõ không dấu “thu tuc mot cua la gi”.',
  'chat.help':
    'Cách dùng Trợ lý CCHC:\n• Gõ câu hỏi như khi hỏi đồng nghiệp, có dấu hoặc không dấu, có thể dùng chữ viết tắt (CCHC, TTHC, NĐ 61…).\n• Hỏi tiếp ngắn gọn sau một câu trả lời (ví dụ “còn điều kiện thì sao?”), tôi sẽ hiểu theo câu hỏi trước.\n• /vanban: danh sách văn bản còn hiệu lực.\n• /hoicanbo: chuyển câu hỏi gần nhất cho cán bộ phụ trách.\n• /donvi: chọn hoặc đổi cơ quan, đơn vị của anh/chị.\nSau mỗi câu trả lời, anh/chị có thể đánh giá “Hữu ích” hoặc “Chưa đúng” để chúng tôi cải thiện.',
  'chat.media': 'Hiện tôi chỉ đọc được tin nhắn dạng chữ. Anh/chị vui lòng gõ câu hỏi bằng chữ (có dấu hoặc không dấu đều được).',
  'chat.rateLimited': 'Anh/chị gửi câu hỏi hơi nhanh; vui lòng đợi khoảng một phút rồi hỏi tiếp. Cảm ơn anh/chị!',
  'chat.fallback': 'Xin lỗi, tôi gặp sự cố khi xử lý câu hỏi này. Anh/chị vui lòng thử lại sau ít phút.',
  'chat.unknownCommand': 'Tôi chưa hiểu lệnh này. Gõ /help để xem hướng dẫn.',
  'chat.documents.header': 'Văn bản còn hiệu lực trong cơ sở dữ liệu ({count}):',
  'chat.documents.outdated': 'Văn bản đã hết hiệu lực hoặc bị thay thế (chỉ để tham khảo):',
  'chat.documents.none': 'Cơ sở dữ liệu chưa có văn bản nào.',
  'chat.feedback.helpful': 'Cảm ơn anh/chị đã đánh giá! Ý kiến này giúp chúng tôi cải thiện câu trả lời.',
  'chat.feedback.unhelpful': 'Cảm ơn anh/chị đã phản hồi. Nếu cần, anh/chị có thể chọn hoặc gõ “Hỏi cán bộ” để được cán bộ phụ trách trả lời.',
  'chat.feedback.noQuestion': 'Tôi không tìm thấy câu trả lời mà anh/chị muốn đánh giá; vui lòng đặt lại câu hỏi.',
  'chat.unit.ask': 'Để thống kê và hỗ trợ tốt hơn, anh/chị cho biết mình công tác tại cơ quan, đơn vị nào? (có thể bỏ qua)',
  'chat.unit.saved': 'Đã ghi nhận đơn vị: {unit}. Anh/chị có thể đổi bất cứ lúc nào bằng lệnh /donvi.',
  'chat.unit.skipped': 'Đã bỏ qua bước chọn đơn vị. Anh/chị có thể chọn sau bằng lệnh /donvi.',
  'chat.unit.none': 'Danh sách cơ quan, đơn vị chưa được cấu hình.',
  'chat.unit.skip': 'Bỏ qua',
  'chat.choice.helpful': '👍 Hữu ích',
  'chat.choice.unhelpful': '👎 Chưa đúng',
  'chat.choice.escalate': '🙋 Hỏi cán bộ',
  'chat.escalate.noQuestion': 'Anh/chị vui lòng gửi câu hỏi trước, sau đó chọn “Hỏi cán bộ” để chuyển câu hỏi đó cho cán bộ phụ trách.',
  'chat.escalate.unavailable': 'Hiện chưa có cán bộ trực tiếp nhận câu hỏi qua kênh này. Anh/chị vui lòng liên hệ bộ phận cải cách hành chính của cơ quan mình.',
  'chat.escalate.done':
    'Câu hỏi của anh/chị đã được chuyển tới cán bộ phụ trách. Câu trả lời sẽ được gửi lại ngay trong cuộc trò chuyện này.',
  'chat.escalate.already': 'Câu hỏi này đã được chuyển tới cán bộ phụ trách trước đó; anh/chị vui lòng chờ phản hồi.',
  'chat.escalate.auto':
    'Tôi chưa đủ căn cứ để trả lời chắc chắn; câu hỏi đã được chuyển tới cán bộ phụ trách. Câu trả lời sẽ được gửi lại cho anh/chị trong cuộc trò chuyện này.',
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
