import { describe, it, expect } from 'vitest';
import { toneKey, recoverTypedSyllable } from './syllable-normalizer.js';
import { foldDiacritics, hasDiacritics } from './vietnamese.js';

describe('toneKey', () => {
  it.each([
    ['hoà', 'hòa'],
    ['thuỷ', 'thủy'],
    ['qúy', 'quý'],
    ['khoẻ', 'khỏe'],
    ['hoá', 'hóa'],
    ['uỷ', 'ủy'],
  ])('gives old-style "%s" and new-style "%s" the same key', (a, b) => {
    expect(toneKey(a), 'tone placement must not change the key').toBe(toneKey(b));
  });

  it.each([
    ['hòa', 'hoa2'],
    ['thủ', 'thu3'],
    ['tục', 'tuc5'],
    ['được', 'đươc5'],
    ['cải', 'cai3'],
    ['chính', 'chinh1'],
    ['hành', 'hanh2'],
    ['thủy', 'thuy3'],
    ['ngã', 'nga4'],
  ])('keys "%s" as "%s" (letters with quality marks, tone as a digit)', (s, key) => {
    expect(toneKey(s)).toBe(key);
  });

  it('keeps syllables without a tone mark unchanged', () => {
    for (const s of ['văn', 'bản', 'tin', 'đơn', 'ươn'].filter((x) => !/[\u0300\u0301\u0303\u0309\u0323]/.test(x.normalize('NFD')))) {
      expect(toneKey(s)).toBe(s);
    }
  });

  it('keeps different tones apart', () => {
    expect(toneKey('bản')).not.toBe(toneKey('bán'));
    expect(toneKey('ma')).not.toBe(toneKey('mà'));
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['thủ tục hành chính', 'thu tuc hanh chinh'],
    ['Đề án', 'De an'],
    ['đơn vị', 'don vi'],
    ['Ủy ban nhân dân', 'Uy ban nhan dan'],
    ['ưu tiên', 'uu tien'],
  ])('folds "%s" to "%s"', (s, f) => {
    expect(foldDiacritics(s)).toBe(f);
  });

  it('detects diacritics including đ alone', () => {
    expect(hasDiacritics('đ')).toBe(true);
    expect(hasDiacritics('thu tuc')).toBe(false);
  });
});

describe('recoverTypedSyllable', () => {
  it.each([
    ['thur', 'thu'],
    ['tucj', 'tuc'],
    ['thu4', 'thu'],
    ['tu5c', 'tuc'],
    ['dduwowcj', 'duoc'],
    ['hanhf', 'hanh'],
    ['chinhs', 'chinh'],
    ['vieetj', 'viet'],
  ])('recovers "%s" as "%s"', (typed, folded) => {
    expect(recoverTypedSyllable(typed), `Telex/VNI leftovers in "${typed}" should fold to "${folded}"`).toBe(folded);
  });

  it.each(['thu', 'tuc', 'hanh', 'ubnd', 'cchc', '2018', 'a1b2c3', 'xyzzy', 'nghi', 'par', 'pas'])('leaves "%s" alone', (w) => {
    expect(recoverTypedSyllable(w)).toBeNull();
  });
});
