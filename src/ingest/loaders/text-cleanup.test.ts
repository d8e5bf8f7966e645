import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, isSeparatorLine } from './text-cleanup.js';

describe('cleanLine', () => {
  it.each([
    ['NFD to NFC', 'Điều'.normalize('NFD'), 'Điều'],
    ['non-breaking spaces and tabs', 'Điều\u00A01.\tPhạm\u202Fvi', 'Điều 1. Phạm vi'],
    ['soft hyphen and zero-width characters', 'quy\u00ADđịnh\u200B chung\uFEFF', 'quyđịnh chung'],
    ['runs of spaces and edges', '  a   b  ', 'a b'],
    ['control characters', 'a\u0007b', 'a b'],
  ])('normalises %s', (_name, input, expected) => {
    expect(cleanLine(input)).toBe(expected);
  });
});

describe('cleanText', () => {
  it('keeps one paragraph per line and drops blank and separator lines', () => {
    expect(cleanText('CHÍNH PHỦ\r\n_______\r\n\r\nĐiều 1.\u000BPhạm vi\n-----\n. . . . .\n')).toBe(
      'CHÍNH PHỦ\nĐiều 1.\nPhạm vi',
    );
  });

  it('removes rules at the ends of a line but keeps dashes inside text', () => {
    expect(cleanText('-------- Độc lập - Tự do - Hạnh phúc\nQUỐC HỘI ---------')).toBe(
      'Độc lập - Tự do - Hạnh phúc\nQUỐC HỘI',
    );
  });

  it.each([
    ['Điều 2.Đối tượng áp dụng', 'Điều 2. Đối tượng áp dụng'],
    ['Điều 24:Nguyên tắc', 'Điều 24: Nguyên tắc'],
    ['1.Công nghệ thông tin', '1. Công nghệ thông tin'],
    ['a)Tìm kiếm', 'a) Tìm kiếm'],
    ['1.000 đồng', '1.000 đồng'],
    ['2.1.Khoản con', '2.1.Khoản con'],
  ])('adds the missing space after a marker: %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('isSeparatorLine', () => {
  it.each([
    ['____________', true],
    ['---', true],
    ['- - - -', true],
    ['…………', true],
    ['--', false],
    ['- Văn phòng;', false],
    ['1.', false],
  ])('%j → %s', (line, expected) => {
    expect(isSeparatorLine(line)).toBe(expected);
  });
});
