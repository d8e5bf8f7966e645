/**
 * Vietnamese texts of the admin console, by key (full diacritics). Texts the staff console already has
 * (login form, ages, errors) come from its catalogue through {@link ta}'s fallback.
 */
import type { ErrorCode } from '../../common/errors.js';
import type { MessageKey } from '../../common/messages-vi.js';
import type { ConsoleKey } from '../staff/messages.js';
import { t } from '../staff/messages.js';

/** The admin console's own catalogue. `{name}` placeholders are filled by {@link ta}. */
export const ADMIN_VI = {
  'app.title': 'Trợ lý CCHC — Quản trị',
  'nav.documents': 'Văn bản',
  'nav.audit': 'Nhật ký quản trị',
  'nav.staff': 'Bảng điều khiển cán bộ',
  'login.title': 'Đăng nhập quản trị',
  'login.intro': 'Dành cho quản trị viên: quản lý văn bản trong cơ sở dữ liệu của Trợ lý CCHC, lập lại chỉ mục và xem nhật ký quản trị.',
  'login.notAdmin': 'Tài khoản này không có quyền quản trị. Vui lòng dùng Bảng điều khiển cán bộ.',
  'auth.forbidden': 'Trang này chỉ dành cho quản trị viên.',
  'docs.title': 'Văn bản trong cơ sở dữ liệu',
  'docs.summary': '{count} văn bản · chỉ mục hiện hành {version}, lập lúc {time}',
  'docs.empty': 'Thư mục văn bản chưa có tệp nào.',
  'docs.name': 'Tệp',
  'docs.document': 'Văn bản',
  'docs.status': 'Hiệu lực',
  'docs.index': 'Chỉ mục',
  'docs.size': 'Dung lượng',
  'docs.chunks': '{count} điều',
  'docs.problems': '{count} vấn đề khi đọc',
  'docs.noTitle': '(chưa có trong chỉ mục)',
  'state.indexed': 'Đã lập chỉ mục',
  'state.failed': 'Không đọc được',
  'state.new': 'Chờ lập chỉ mục',
  'state.removed': 'Đã xóa, chờ lập chỉ mục',
  'state.stale': 'Có thay đổi, chờ lập chỉ mục',
  'upload.title': 'Tải lên văn bản',
  'upload.file': 'Tệp văn bản (.md, .txt, .html, .docx, .pdf; tối đa {max})',
  'upload.name': 'Tên lưu trữ (không bắt buộc)',
  'upload.nameHint': 'Để trống để dùng tên tệp. Tên được chuyển thành chữ thường không dấu, ví dụ “nd-118-2025.pdf”.',
  'upload.submit': 'Tải lên',
  'upload.missing': 'Vui lòng chọn một tệp để tải lên.',
  'reindex.button': 'Lập lại chỉ mục',
  'reindex.hint': 'Văn bản mới, văn bản đã thay hoặc đã sửa thông tin chỉ được dùng để trả lời sau khi lập lại chỉ mục. Bot vẫn trả lời bình thường trong lúc lập chỉ mục.',
  'reindex.running': 'Đang lập lại chỉ mục…',
  'reindex.runningLink': 'Đang lập lại chỉ mục — xem tiến độ',
  'reindex.title': 'Lập lại chỉ mục',
  'reindex.progress': 'Đã xử lý {done}/{total} tệp',
  'reindex.current': 'Đang đọc: {file}',
  'reindex.startedBy': 'Bắt đầu lúc {time} bởi {actor}',
  'reindex.finishedAt': 'Kết thúc lúc {time} ({seconds} giây)',
  'reindex.succeeded': 'Lập lại chỉ mục thành công. Bot đang dùng chỉ mục mới {version}.',
  'reindex.failed': 'Lập lại chỉ mục thất bại; bot vẫn dùng chỉ mục cũ. Lý do: {error}',
  'reindex.unknown': 'Không tìm thấy lượt lập chỉ mục này (có thể máy chủ đã khởi động lại).',
  'reindex.noScript': 'Tải lại trang để cập nhật tiến độ.',
  'report.summary': '{documents} văn bản, {chunks} điều/khoản được tìm kiếm, {faq} hỏi đáp.',
  'report.added': 'Văn bản thêm mới',
  'report.changed': 'Văn bản thay đổi',
  'report.removed': 'Văn bản bị gỡ khỏi chỉ mục',
  'report.unchanged': '{count} văn bản không đổi.',
  'report.articles': 'Điều thêm mới: {added} · thay đổi: {changed} · bỏ đi: {removed}',
  'report.articlesList': 'Danh sách điều thay đổi',
  'report.failed': 'Tệp không đọc được (đã bỏ qua, các tệp khác vẫn được lập chỉ mục)',
  'report.warnings': 'Vấn đề khi đọc văn bản',
  'report.faqProblems': 'Vấn đề trong tệp hỏi đáp',
  'report.courseProblems': 'Vấn đề trong tệp khóa học (khóa học lỗi không được phục vụ)',
  'report.none': 'Không có.',
  'detail.facts': 'Thông tin trong chỉ mục',
  'detail.number': 'Số hiệu',
  'detail.title': 'Trích yếu',
  'detail.issuer': 'Cơ quan ban hành',
  'detail.issued': 'Ngày ban hành',
  'detail.effective': 'Ngày có hiệu lực',
  'detail.status': 'Tình trạng hiệu lực',
  'detail.replacedBy': 'Bị thay thế bởi',
  'detail.sourceUrl': 'Nguồn (URL)',
  'detail.file': 'Tệp',
  'detail.fileFacts': '{size}, sửa lúc {time}',
  'detail.problems': 'Vấn đề khi đọc văn bản',
  'detail.problemsHint': 'Ghi chú kỹ thuật của bộ đọc văn bản (bằng tiếng Anh), ví dụ không tìm thấy Điều hoặc thông tin mô tả chưa hợp lệ.',
  'detail.noProblems': 'Không có vấn đề nào ở lần lập chỉ mục gần nhất.',
  'detail.failure': 'Lần lập chỉ mục gần nhất không đọc được tệp này: {reason}',
  'detail.back': 'Quay lại danh sách văn bản',
  'meta.title': 'Sửa thông tin văn bản',
  'meta.hintBlock': 'Thông tin được ghi vào phần đầu (front matter) của tệp.',
  'meta.hintSidecar': 'Thông tin được ghi vào tệp đi kèm {file} (tệp .docx, .pdf, .html không sửa trực tiếp được).',
  'meta.indexed': 'Trong chỉ mục: {value}',
  'meta.statusNone': '— Chưa ghi —',
  'meta.dateHint': 'Ví dụ: 2025-06-12 hoặc 12/6/2025',
  'meta.submit': 'Lưu thông tin',
  'replace.title': 'Thay tệp',
  'replace.hint': 'Tệp mới phải cùng định dạng .{format}; thông tin đã sửa được giữ nguyên.',
  'replace.submit': 'Thay tệp',
  'delete.title': 'Xóa văn bản',
  'delete.link': 'Xóa văn bản này…',
  'delete.confirm': 'Xóa tệp {file}? Sau khi lập lại chỉ mục, bot sẽ không còn trích dẫn văn bản này. Thao tác không hoàn tác được.',
  'delete.submit': 'Xóa văn bản',
  'delete.cancel': 'Không xóa',
  'flash.uploaded': 'Đã tải lên {file}. Bấm “Lập lại chỉ mục” để đưa vào tìm kiếm.',
  'flash.replaced': 'Đã thay tệp {file}. Bấm “Lập lại chỉ mục” để áp dụng.',
  'flash.deleted': 'Đã xóa {file}. Bấm “Lập lại chỉ mục” để gỡ khỏi tìm kiếm.',
  'flash.meta': 'Đã lưu thông tin văn bản. Bấm “Lập lại chỉ mục” để áp dụng.',
  'audit.title': 'Nhật ký quản trị',
  'audit.filter': 'Lọc nhật ký',
  'audit.action': 'Thao tác',
  'audit.actor': 'Người thực hiện',
  'audit.allActions': 'Tất cả thao tác',
  'audit.submit': 'Lọc',
  'detail.key.name': 'tên tệp gửi lên',
  'detail.key.bytes': 'dung lượng',
  'detail.key.previousBytes': 'dung lượng cũ',
  'detail.key.sha256': 'mã SHA-256',
  'detail.key.storage': 'nơi ghi',
  'detail.key.storage.block': 'phần đầu tệp',
  'detail.key.storage.sidecar': 'tệp đi kèm .meta.yaml',
  'detail.key.fields': 'trường đã sửa',
  'detail.key.job': 'lượt lập chỉ mục',
  'detail.key.added': 'thêm',
  'detail.key.changed': 'thay đổi',
  'detail.key.removed': 'gỡ bỏ',
  'detail.key.failed': 'tệp lỗi',
  'detail.key.error': 'lý do',
  'detail.key.documents': 'số văn bản',
  'detail.key.chunks': 'số điều/khoản',
  'detail.key.ms': 'thời gian',
  'detail.seconds': '{n} giây',
  'audit.empty': 'Chưa có thao tác nào phù hợp.',
  'audit.token': 'Khóa API (ADMIN_TOKEN)',
  'action.document.upload': 'Tải lên văn bản',
  'action.document.replace': 'Thay tệp văn bản',
  'action.document.delete': 'Xóa văn bản',
  'action.document.meta': 'Sửa thông tin văn bản',
  'action.reindex': 'Bắt đầu lập lại chỉ mục',
  'action.reindex.succeeded': 'Lập lại chỉ mục thành công',
  'action.reindex.failed': 'Lập lại chỉ mục thất bại',
  'action.faq.approve': 'Duyệt hỏi đáp',
  'action.zalo_oa.connect': 'Kết nối Zalo OA',
  'action.zalo_oa.disconnect': 'Ngắt kết nối Zalo OA',
  'error.detail': 'Chi tiết kỹ thuật: {detail}',
  'error.UNSUPPORTED_FORMAT': 'Loại tệp không được chấp nhận, hoặc nội dung không khớp với phần mở rộng (ví dụ tệp .pdf thực chất là trang HTML). Chỉ nhận .md, .txt, .html, .docx, .pdf.',
  'error.PAYLOAD_TOO_LARGE': 'Tệp quá lớn; giới hạn là {max}.',
  'error.INVALID_INPUT': 'Tên tệp hoặc dữ liệu gửi lên không hợp lệ.',
  'error.CONFLICT': 'Đã có văn bản cùng tên; hãy mở văn bản đó và dùng chức năng “Thay tệp”.',
  'error.FRONT_MATTER_INVALID': 'Thông tin văn bản chưa hợp lệ; vui lòng kiểm tra ngày tháng, tình trạng hiệu lực và địa chỉ nguồn.',
  'error.NOT_FOUND': 'Không tìm thấy văn bản này.',
  'error.DOCUMENT_TOO_LARGE': 'Tệp vượt giới hạn xử lý nên không được nhận; các tệp khác không bị ảnh hưởng.',
  'error.DOCUMENT_UNREADABLE': 'Không đọc được tệp (tệp hỏng, có mật khẩu hoặc không đúng định dạng); hãy mở bằng Word hoặc LibreOffice và lưu lại.',
  'error.NO_TEXT_LAYER': 'Tệp PDF là bản scan, không có lớp văn bản; hãy nhận dạng ký tự (OCR) hoặc cung cấp bản .docx.',
  'limit.uncompressed': 'Tệp .docx khi giải nén quá lớn (có thể là tệp bị làm giả để gây quá tải); hãy tách văn bản hoặc bỏ bớt hình ảnh, đối tượng nhúng rồi lưu lại.',
  'limit.entries': 'Tệp .docx chứa quá nhiều thành phần bên trong; hãy mở bằng Word hoặc LibreOffice và lưu lại.',
  'limit.pages': 'Tệp PDF có quá nhiều trang; hãy tách thành nhiều tệp nhỏ hơn.',
  'limit.text': 'Tệp chứa quá nhiều chữ; hãy tách thành nhiều tệp nhỏ hơn.',
  'limit.time': 'Đọc tệp mất quá nhiều thời gian nên đã dừng; hãy lưu lại tệp (ví dụ xuất lại PDF từ Word) hoặc tách nhỏ.',
  'limit.memory': 'Đọc tệp cần quá nhiều bộ nhớ nên đã dừng; hãy tách nhỏ hoặc lưu lại tệp.',
} as const;

/** Key of an admin console text. */
export type AdminKey = keyof typeof ADMIN_VI;

/** The admin text for `key` (or a staff console / shared catalogue key), with `{name}` placeholders filled. */
export function ta(key: AdminKey | ConsoleKey | MessageKey, params: Record<string, string | number> = {}): string {
  if (key in ADMIN_VI) return ADMIN_VI[key as AdminKey].replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
  return t(key as ConsoleKey | MessageKey, params);
}

/** The Vietnamese explanation of a refused admin action (the shared catalogue's text for codes without one here). */
export function refusalText(code: ErrorCode, messageKey: string, params: Record<string, string | number> = {}): string {
  const own = `error.${code}`;
  if (own in ADMIN_VI) return ta(own as AdminKey, params);
  return ta(messageKey as MessageKey);
}

/** "1,5 MB", "820 KB", "12 byte": sizes as Vietnamese readers write them (decimal comma). */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace('.', ',').replace(/,0$/, '')} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} byte`;
}
