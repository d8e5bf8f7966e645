import { describe, expect, it } from 'vitest';
import { removeRepeatedOutline } from './outline-filter.js';

const BODY = [
  'Chương I',
  'QUY ĐỊNH CHUNG',
  'Điều 1. Phạm vi điều chỉnh',
  'Nghị định này quy định về công tác văn thư.',
  'Điều 2. Đối tượng áp dụng',
  '1. Nghị định này áp dụng đối với cơ quan, tổ chức.',
  'Điều 3. Giải thích từ ngữ',
  'Trong Nghị định này, những từ ngữ dưới đây được hiểu như sau:',
];

describe('removeRepeatedOutline', () => {
  it('drops an outline after the text (vbpl.vn "Mục lục")', () => {
    const outline = [
      'Mục lục',
      'Chương I QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi điều chỉnh',
      'Khoản 1',
      'Điều 2. Đối tượng áp dụng',
      'Điểm a',
      'Điều 3. Giải thích từ ngữ',
    ];
    expect(removeRepeatedOutline([...BODY, ...outline])).toEqual({ lines: BODY, removed: outline.length });
  });

  it('drops a Word table of contents with page numbers before the text', () => {
    const toc = [
      'MỤC LỤC',
      'Chương I QUY ĐỊNH CHUNG 1',
      'Điều 1. Phạm vi điều chỉnh ........ 1',
      'Điều 2. Đối tượng áp dụng ........ 2',
      'Điều 3. Giải thích từ ngữ ....... 2',
    ];
    expect(removeRepeatedOutline(['NGHỊ ĐỊNH', 'Về công tác văn thư', ...toc, ...BODY]).lines).toEqual([
      'NGHỊ ĐỊNH',
      'Về công tác văn thư',
      ...BODY,
    ]);
  });

  it('keeps the text when no heading is repeated', () => {
    expect(removeRepeatedOutline(BODY)).toEqual({ lines: BODY, removed: 0 });
  });

  it('keeps one copy when a stretch of the text is itself headings only', () => {
    const articles = ['Điều 1. Bãi bỏ', 'Điều 2. Hiệu lực', 'Điều 3. Thi hành'];
    const lines = [...articles, 'x', 'Mục lục', ...articles, 'Khoản 1'];
    expect(removeRepeatedOutline(lines).lines).toEqual(lines.slice(0, 4));
  });
});
