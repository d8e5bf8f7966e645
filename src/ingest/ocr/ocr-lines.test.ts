import { describe, expect, it } from 'vitest';
import { ocrPageLines } from './ocr-lines.js';
import type { OcrPage, OcrTextLine } from './ocr-types.js';

/** A line of words 20 px apart, each 10 px per letter, at `top`; confidences default to 95. */
function line(top: number, text: string, options: { x?: number; confidences?: number[]; gapAfter?: number } = {}): OcrTextLine {
  let x = options.x ?? 100;
  const words = text.split(' ').map((word, i) => {
    const box = { x0: x, y0: top, x1: x + 10 * word.length, y1: top + 30 };
    x = box.x1 + (i === options.gapAfter ? 400 : 10);
    return { text: word, confidence: options.confidences?.[i] ?? 95, box };
  });
  return { words, box: { x0: words[0].box.x0, y0: top, x1: x, y1: top + 30 }, rowHeight: 30, baseline: top + 24 };
}

function page(lines: OcrTextLine[], number = 1): OcrPage {
  return { page: number, width: 1200, height: 1700, pixelsPerPoint: 2, confidence: 90, lines, ms: 0 };
}

const texts = (p: OcrPage, last = false): string[] => ocrPageLines(p, last).lines.map((l) => l.text);

describe('ocrPageLines', () => {
  it('returns lines top to bottom in PDF points, y growing upwards from the page bottom', () => {
    const result = ocrPageLines(page([line(200, 'Điều 2 sau'), line(100, 'Điều 1 trước')]), false);
    expect(result.lines.map((l) => l.text)).toEqual(['Điều 1 trước', 'Điều 2 sau']);
    expect(result.lines[0]).toMatchObject({ page: 1, x: 50, y: (1700 - 124) / 2, fontSize: 15, tabular: false });
  });

  it('drops stamp and handwriting words by confidence and by letters Vietnamese does not use', () => {
    const stamp = line(100, 'Luật số: 40/2013/QH13 gy„,„tp', { confidences: [96, 96, 96, 0] });
    expect(texts(page([stamp, line(140, 'Vøn bạn công văn')]))).toEqual(['Luật số: 40/2013/QH13', 'bạn công văn']);
  });

  it('drops lines that are noise on average, and the receipt stamp "CÔNG VĂN ĐẾN"', () => {
    const noisy = line(100, 'ps 280 CHÍNH PHỦ', { confidences: [21, 35, 40, 30] });
    expect(texts(page([noisy, line(140, 'CÔNG VĂN ĐẾN'), line(180, 'Căn cứ Hiến pháp;')]))).toEqual(['Căn cứ Hiến pháp;']);
  });

  it('removes margin marks at a line start but keeps a point marker read with low confidence', () => {
    const margin = line(100, 'Ñ đ) Thực hiện nhiệm vụ', { confidences: [18, 90, 96, 96, 96] });
    const marker = line(140, 'e) Tổ chức thực hiện', { confidences: [10, 96, 96, 96] });
    expect(texts(page([margin, marker, line(180, '| 30. Khoản 2 Điều 55', { confidences: [40] })]))).toEqual([
      'đ) Thực hiện nhiệm vụ',
      'e) Tổ chức thực hiện',
      '30. Khoản 2 Điều 55',
    ]);
  });

  it('cuts the signature block on the last page, after the adoption formula or at the signer title', () => {
    const body = [line(100, '2. Chính phủ quy định chi tiết.'), line(140, 'Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam'), line(180, 'khóa XIII, kỳ họp thứ 6 thông qua ngày 22 tháng 11 năm 2013.')];
    // The signer's title garbled by the seal: only the adoption formula tells where the text ends.
    const garbled = [line(240, 'CHU TTCH QUÔC HỘI', { x: 700 }), line(400, 'Nguyễn Sinh Hùng', { x: 700 })];
    expect(texts(page([...body, ...garbled]), true)).toEqual(body.map((l) => l.words.map((w) => w.text).join(' ')));
    const signature = [line(240, 'CHỦ TỊCH QUÓC HỘI', { x: 700 }), line(400, 'Nguyễn Sinh Hùng', { x: 700 })];
    expect(texts(page([line(100, '2. Chính phủ quy định chi tiết.'), ...signature]), true)).toEqual(['2. Chính phủ quy định chi tiết.']);
    expect(texts(page([line(100, 'a) Một;'), line(140, 'Nơi nhận:'), line(180, '- Như Điều 3;')]), true)).toEqual(['a) Một;']);
  });

  it('keeps a signer-like line on a page that is not the last', () => {
    expect(texts(page([line(100, 'Bộ trưởng Bộ Nội vụ có trách nhiệm:')]), false)).toEqual(['Bộ trưởng Bộ Nội vụ có trách nhiệm:']);
  });

  it('marks a line with a wide gap between words as tabular (two header columns)', () => {
    const header = line(100, 'QUỐC HỘI CỘNG HÒA XÃ HỘI', { gapAfter: 1 });
    expect(ocrPageLines(page([header]), false).lines[0].tabular).toBe(true);
  });

  it('fixes a clause marker read with a comma', () => {
    expect(texts(page([line(100, '4, Điều 8 được sửa đổi')]))).toEqual(['4. Điều 8 được sửa đổi']);
  });
});
