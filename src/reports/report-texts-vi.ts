/**
 * Vietnamese texts of the programme reports (page, charts, CSV and XLSX), by key. Every table heading and
 * label a reader sees comes from here, so the page and the downloads say the same thing. Keep full
 * diacritics.
 */

/** The reports' catalogue. `{name}` placeholders are filled by {@link rt}. */
export const REPORT_VI = {
  'report.title': 'Báo cáo kết quả hoạt động',
  'report.periodLine': 'Từ {from} đến {to}',
  'table.summary': 'Tổng hợp',
  'table.byChannel': 'Theo kênh',
  'table.byUnit': 'Theo đơn vị',
  'table.topics': 'Chủ đề',
  'table.gaps': 'Câu hỏi chưa trả lời',
  'table.daily': 'Theo ngày',
  'col.metric': 'Chỉ số',
  'col.value': 'Giá trị',
  'col.channel': 'Kênh',
  'col.unit': 'Cơ quan, đơn vị',
  'col.rank': 'Hạng',
  'col.kind': 'Loại',
  'col.topic': 'Chủ đề',
  'col.questionCount': 'Số câu hỏi',
  'col.question': 'Câu hỏi',
  'col.times': 'Số lần hỏi',
  'col.lastAsked': 'Lần hỏi gần nhất',
  'col.day': 'Ngày',
  'fig.questions': 'Số câu hỏi',
  'fig.officials': 'Số cán bộ được phục vụ',
  'fig.answeredAutomatically': 'Số câu trả lời tự động',
  'fig.autoShare': 'Tỷ lệ trả lời tự động (%)',
  'fig.escalated': 'Số câu hỏi chuyển cán bộ',
  'fig.escalationRate': 'Tỷ lệ chuyển cán bộ (%)',
  'fig.ticketsCreated': 'Số phiếu mới',
  'fig.staffAnswered': 'Số phiếu được cán bộ trả lời',
  'fig.medianAnswer': 'Thời gian trả lời trung vị (phút)',
  'fig.p90Answer': 'Thời gian trả lời, bách phân vị 90 (phút)',
  'fig.slaBreaches': 'Số phiếu quá hạn',
  'fig.waitingTickets': 'Số phiếu đang chờ xử lý',
  'fig.helpful': 'Đánh giá hữu ích',
  'fig.unhelpful': 'Đánh giá chưa hữu ích',
  'summary.from': 'Từ ngày',
  'summary.to': 'Đến ngày',
  'summary.channel': 'Kênh',
  'summary.unit': 'Cơ quan, đơn vị',
  'summary.remindMinutes': 'Thời hạn xử lý phiếu (phút)',
  'summary.generatedAt': 'Thời điểm lập báo cáo',
  'filter.allChannels': 'Tất cả các kênh',
  'filter.allUnits': 'Tất cả các cơ quan, đơn vị',
  'unit.none': 'Chưa chọn đơn vị',
  'unit.unknown': '{id} (không còn trong danh sách)',
  'channel.telegram': 'Telegram',
  'channel.zalo': 'Zalo',
  'channel.zalo-oa': 'Zalo OA',
  'channel.web': 'Trò chuyện trên web',
  'topic.document': 'Văn bản',
  'topic.word': 'Từ khóa',
  'series.questions': 'Số câu hỏi',
  'series.answeredAutomatically': 'Trả lời tự động',
  'series.escalated': 'Chuyển cán bộ',
  'chart.noData': 'Không có dữ liệu trong kỳ này.',
  'chart.daily.title': 'Số câu hỏi theo ngày',
  'chart.daily.desc': 'Biểu đồ đường: số câu hỏi và số câu trả lời tự động mỗi ngày, từ {from} đến {to}. Tổng cộng {questions} câu hỏi, {auto} câu trả lời tự động. Số liệu chi tiết ở bảng “Theo ngày”.',
  'chart.channel.title': 'Số câu hỏi theo kênh',
  'chart.channel.desc': 'Biểu đồ cột: số câu hỏi của từng kênh. {list}. Số liệu chi tiết ở bảng “Theo kênh”.',
  'chart.unit.title': 'Số câu hỏi theo cơ quan, đơn vị',
  'chart.unit.desc': 'Biểu đồ cột: số câu hỏi của từng cơ quan, đơn vị có câu hỏi trong kỳ. {list}. Số liệu chi tiết ở bảng “Theo đơn vị”.',
  'chart.auto.title': 'Tỷ lệ trả lời tự động theo kênh (%)',
  'chart.auto.desc': 'Biểu đồ cột: tỷ lệ câu hỏi được trả lời tự động, không chuyển cán bộ, của từng kênh. {list}.',
  'page.title': 'Báo cáo kết quả hoạt động',
  'page.intro': 'Số liệu phục vụ đánh giá Đề án 4599/QĐ-UBND: mức độ bao phủ câu hỏi và việc trả lời đúng hạn.',
  'page.filter': 'Chọn kỳ báo cáo',
  'page.from': 'Từ ngày',
  'page.to': 'Đến ngày',
  'page.channel': 'Kênh',
  'page.unit': 'Cơ quan, đơn vị',
  'page.submit': 'Xem báo cáo',
  'page.downloads': 'Tải về',
  'page.csv': 'Tải tệp CSV',
  'page.xlsx': 'Tải tệp Excel (XLSX)',
  'page.keyFigures': 'Số liệu chính',
  'page.charts': 'Biểu đồ',
  'page.tables': 'Bảng số liệu',
  'page.noData': 'Không có dữ liệu',
  'page.emptyTable': 'Không có dòng nào trong kỳ này.',
  'page.note.auto': 'Trả lời tự động: câu hỏi được Trợ lý trả lời từ hỏi đáp hoặc văn bản mà không phải chuyển cán bộ.',
  'page.note.sla': 'Phiếu quá hạn: phiếu chưa được trả lời sau hơn {minutes} phút kể từ khi chuyển cán bộ, tính cả phiếu còn đang chờ.',
  'page.note.p90': 'Bách phân vị 90: 90% số phiếu được cán bộ trả lời trong khoảng thời gian này hoặc nhanh hơn.',
  'page.error.format': 'Ngày không hợp lệ. Vui lòng chọn ngày bắt đầu và ngày kết thúc của kỳ báo cáo.',
  'page.error.order': 'Ngày kết thúc phải trùng hoặc sau ngày bắt đầu.',
  'page.error.tooLong': 'Kỳ báo cáo dài tối đa {days} ngày (khoảng 3 năm). Vui lòng chọn kỳ ngắn hơn.',
} as const;

/** A key of {@link REPORT_VI}. */
export type ReportTextKey = keyof typeof REPORT_VI;

/** The text for `key`, with `{name}` placeholders replaced by `params` (unknown placeholders are kept). */
export function rt(key: ReportTextKey, params: Record<string, string | number> = {}): string {
  return REPORT_VI[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The Vietnamese label of a channel; an unknown channel name is shown as is. */
export function channelName(channel: string): string {
  return channel === 'telegram' || channel === 'zalo' || channel === 'zalo-oa' || channel === 'web' ? rt(`channel.${channel}`) : channel;
}
