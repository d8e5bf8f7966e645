/**
 * Vietnamese texts used only by the Telegram channel. They belong in `common/messages-vi.ts`; they live
 * here until that catalogue (owned by another folder) gains the keys listed in the channel's report.
 */
import type { TelegramCommand } from './map-update.js';

/** Command menu descriptions for `setMyCommands` (1–256 characters each). */
export const COMMAND_DESCRIPTIONS: Readonly<Record<TelegramCommand, string>> = {
  start: 'Bắt đầu và giới thiệu',
  help: 'Hướng dẫn sử dụng',
  vanban: 'Danh sách văn bản còn hiệu lực',
  hoicanbo: 'Gửi câu hỏi cho cán bộ phụ trách',
  donvi: 'Chọn hoặc đổi cơ quan, đơn vị',
  hoctap: 'Học các chuyên đề cải cách hành chính',
  dunghoc: 'Tắt nhắc học hằng ngày',
  lienket: 'Liên kết tài khoản với hồ sơ cán bộ của đơn vị',
};
