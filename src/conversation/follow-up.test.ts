import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_WINDOW_MS, isFollowUp } from './follow-up.js';

const now = 1_000_000_000;
const recent = now - 60_000;
const follows = (text: string) => isFollowUp(text, recent, now);

describe('isFollowUp', () => {
  it('reads continuation cues as follow-ups, accented or not', () => {
    for (const text of [
      'còn cấp xã thì sao?',
      'thế còn nộp trực tiếp thì có phải chuyển hồ sơ đi trong ngày ko',
      'thế bây giờ nó còn hiệu lực không',
      'the gio con ap dung ko',
      'vay moi cap gom nhung co quan nao',
      'vay nhan ket qua thi sao, co phai len tan noi lay ko',
      'vậy thông tư 01/2018 hướng dẫn nđ 61 thì sao',
      'văn bản đó ai ký',
      'nghị định này có hiệu lực từ bao giờ',
      'trường hợp hồ sơ thiếu thì sao ạ',
      'con 2030 thi sao',
    ]) {
      expect(follows(text), text).toBe(true);
    }
  });

  it('leaves questions that carry their own topic alone', () => {
    for (const text of [
      'Thủ tục hành chính là gì?',
      'thế nào là dịch vụ công trực tuyến toàn trình',
      'the nao',
      'nd 61 con hieu luc ko',
      'bộ phận một cửa cấp xã đặt ở đâu',
      'nộp hồ sơ trực tuyến thì bao lâu cán bộ một cửa phải xem, có phải trả lời bằng văn bản không và nếu thiếu giấy thì sao',
    ]) {
      expect(follows(text), text).toBe(false);
    }
  });

  it('reads nothing as a follow-up without a recent answer', () => {
    expect(isFollowUp('còn cấp xã thì sao?', undefined, now)).toBe(false);
    expect(isFollowUp('còn cấp xã thì sao?', now - FOLLOW_UP_WINDOW_MS - 1, now)).toBe(false);
  });
});
