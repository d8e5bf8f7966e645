import { describe, expect, it } from 'vitest';
import { fixLineStart, fixPointSequence } from './ocr-text-fixes.js';

describe('fixLineStart', () => {
  it.each([
    ['4, Điều 8 được sửa đổi, bổ sung như sau:', '4. Điều 8 được sửa đổi, bổ sung như sau:'],
    ['*3, Cơ sở là nơi sản xuất', '“3. Cơ sở là nơi sản xuất'],
    ['“2, Nhà nước có chính sách', '“2. Nhà nước có chính sách'],
    ['3a, Chủ hộ gia đình', '3a. Chủ hộ gia đình'],
    // Not markers: a number with a comma before lower-case text, or a year in running text.
    ['2, 3 và 4 của Điều này', '2, 3 và 4 của Điều này'],
    ['2013, Quốc hội', '2013, Quốc hội'],
    ['a) Tổ chức tuyên truyền', 'a) Tổ chức tuyên truyền'],
  ])('turns %j into %j', (input, expected) => {
    expect(fixLineStart(input)).toBe(expected);
  });
});

describe('fixPointSequence', () => {
  it('puts a confused point letter back in sequence ("e)" after "b)" is "c)")', () => {
    expect(fixPointSequence(['a) một;', 'b) hai;', 'e) ba;', 'd) bốn.'])).toEqual(['a) một;', 'b) hai;', 'c) ba;', 'd) bốn.']);
  });

  it('reads "d)" after "d)" as "đ)"', () => {
    expect(fixPointSequence(['a) x', 'b) x', 'c) x', 'd) x', 'd) y'])).toEqual(['a) x', 'b) x', 'c) x', 'd) x', 'đ) y']);
  });

  it('leaves a real "e)" alone and restarts the sequence at a clause marker', () => {
    const lines = ['a) x', 'b) x', 'c) x', 'd) x', 'đ) x', 'e) x', '2. Khoản hai', 'a) y', 'b) y'];
    expect(fixPointSequence(lines)).toEqual(lines);
  });

  it('does not invent a letter for a marker that is no known confusion', () => {
    expect(fixPointSequence(['a) x', 'b) x', 'g) x'])).toEqual(['a) x', 'b) x', 'g) x']);
  });
});
