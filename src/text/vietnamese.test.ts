import { describe, expect, it } from 'vitest';
import { foldDiacritics, hasDiacritics } from './vietnamese.js';

/** The definition: every mark removed from the NFD form, đ → d. */
const byNfd = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

describe('foldDiacritics', () => {
  it('folds Vietnamese text as folding its NFD form does', () => {
    const samples = [
      'Thủ tục hành chính được giải quyết tại Bộ phận Một cửa',
      'ĐIỀU 19. GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
      'đăng ký dự thi công chức ạ 🙏',
      // Marks typed as separate combining characters (old keyboards, pasted PDFs): removed too.
      'the\u0302\u0301 na\u0300o la\u0300 co\u0302ng chu\u031Bc',
      'Hòa hoà Quý quí',
      'plain ascii 123, with punctuation!',
      'ñ ç Å ß Ω 한국어 ﬁ',
    ];
    for (const s of samples) expect(foldDiacritics(s)).toBe(byNfd(s));
    expect(foldDiacritics('Nghị định số 118/2025/NĐ-CP')).toBe('Nghi dinh so 118/2025/ND-CP');
  });

  it('gives the same result when a character was folded before (the table)', () => {
    expect(foldDiacritics('ệ')).toBe('e');
    expect(foldDiacritics('ệệ')).toBe('ee');
  });

  it('tells marked from plain words', () => {
    expect(hasDiacritics('thủ')).toBe(true);
    expect(hasDiacritics('đc')).toBe(true);
    expect(hasDiacritics('thu')).toBe(false);
  });
});
