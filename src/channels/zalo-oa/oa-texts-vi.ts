/**
 * Vietnamese texts of the Zalo OA channel that reform staff and admins read outside the consoles (the
 * Telegram staff group). The reply-window sentences live with their logic in reply-window.ts.
 */

/**
 * The staff-group alert when Zalo refused the OA's refresh token: what happened and the fix.
 *
 * @param problem Zalo's own words.
 * @param pageUrl The admin page (`<PUBLIC_URL>/admin/zalo-oa`), or undefined without PUBLIC_URL.
 */
export function reauthAlertText(problem: string, pageUrl: string | undefined): string {
  const where = pageUrl ? `trang ${pageUrl}` : 'mục “Kết nối Zalo OA” của trang quản trị (/admin/zalo-oa)';
  return [
    `⚠️ Zalo OA cần được kết nối lại: Zalo đã từ chối mã làm mới (“${problem.slice(0, 200)}”).`,
    'Khi mã truy cập hiện tại hết hạn, Trợ lý sẽ không gửi được câu trả lời cho cán bộ hỏi qua OA; các câu trả lời chưa gửi được sẽ được gửi khi họ nhắn lại sau khi kết nối lại.',
    `Cách khắc phục: quản trị viên vào ${where}, bấm “Kết nối lại OA”, đăng nhập bằng tài khoản quản trị của OA và cấp quyền cho ứng dụng.`,
  ].join('\n');
}
