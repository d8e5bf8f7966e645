import { describe, it, expect } from 'vitest';
import { asksAboutFormerRules } from './former-rules.js';

describe('asksAboutFormerRules', () => {
  it.each([
    'trước đây việc liên quan 2 xã trở lên thì huyện hay tỉnh giải quyết',
    'truoc 1/7/2025 bo phan tiep nhan va tra ket qua cap huyen dat o dau',
    'theo luat cu thi don vi hanh chinh co may cap',
    'quy định cũ thì hồ sơ quá hạn phải báo trước mấy ngày',
    'hồi trước gọi là bộ phận TN&TKQ',
    'trước khi sáp nhập tỉnh có bao nhiêu huyện',
    'tên gọi chung “Bộ phận Một cửa” bắt đầu có từ nghị định nào vậy',
    'đổi tên thành BPMC từ lúc nào vậy',
    'trung tam phuc vu hcc co tu khi nao',
  ])('"%s" asks about former rules', (q) => {
    expect(asksAboutFormerRules(q)).toBe(true);
  });

  it.each([
    'thời hạn giải quyết hồ sơ là bao lâu',
    'phải thông báo trước 01 ngày làm việc',
    'quy dinh cu the ve thoi han',
    'nộp trước hạn được không',
    'cụ thể hồ sơ gồm những gì',
    'đề nghị hoàn thành tự đánh giá trước ngày 10/12',
    'nghị định 118 có hiệu lực từ khi nào',
    'hồ sơ có từ 2 bộ trở lên thì nộp thế nào',
    'thời hạn tính từ khi nào',
  ])('"%s" does not', (q) => {
    expect(asksAboutFormerRules(q)).toBe(false);
  });
});
