import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../common/seeded-random.js';
import { FormCache, scanWords } from './form-cache.js';
import { Analyzer } from './analyzer.js';
import type { TermSink } from './analyzer.js';

const words = (s: string) => {
  const out: string[] = [];
  scanWords(s, (a, b) => out.push(s.slice(a, b)));
  return out;
};

describe('scanWords', () => {
  it('finds exactly the words of /[\\p{L}\\p{N}]+/gu, astral letters and lone surrogates included', () => {
    const samples = ['thủ tục hành chính, 03 tháng!', 'ΣΊΣΥΦΟΣ 𝐀𝐁𝐂 abc\uD800def 𠀀𠀁 x\uDC00y', 'x²½ ٣٤ 𝟘𝟙 ﬁ', '', '   ', 'a', '\uD835', '𝐀'];
    const rnd = mulberry32(7);
    const pool = ['a', 'ế', ' ', ',', '\uD800', '\uDC00', '𝐀', '😀', '٣', '²', '-', 'Đ', '\u0301'];
    for (let i = 0; i < 300; i++) samples.push(Array.from({ length: Math.floor(rnd() * 20) }, () => pool[Math.floor(rnd() * pool.length)]).join(''));
    for (const s of samples) expect(words(s), JSON.stringify(s)).toEqual([...s.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]));
  });
});

describe('FormCache', () => {
  it('finds a word by its code units in place, and keeps at most its limit', () => {
    const cache = new FormCache<number>(3);
    const text = 'hồ sơ hồ sơ thủ tục';
    const seen: number[] = [];
    scanWords(text, (a, b, h) => {
      const v = cache.find(text, a, b, h);
      if (v === undefined) cache.add(text, a, b, h, cache.size);
      seen.push(v ?? -1);
    });
    expect(seen).toEqual([-1, -1, 0, 1, -1, -1]);
    expect(cache.size, 'the fourth word is not kept').toBe(3);
  });
});

describe('Analyzer.emit', () => {
  it('emits the terms of the regular-expression word split, in order', () => {
    const analyzer = new Analyzer();
    const record = (calls: string[]): TermSink => ({
      unigram: (i, f) => calls.push(`u${f ? '~' : ''}:${f ? i.folded : i.exact}`),
      bigram: (a, b, f) => calls.push(`b${f ? '~' : ''}:${f ? `${a.folded} ${b.folded}` : `${a.exact} ${b.exact}`}`),
    });
    for (const text of ['Thủ tục đăng ký kết hôn: hồ sơ gồm 03 loại giấy tờ; HOÀ GIẢI, hòa giải.', 'Của ai? Là gì! 𝐀𝐁 x\uD800y', '']) {
      const got: string[] = [];
      analyzer.emit(text, record(got));
      const want: string[] = [];
      const lower = text.normalize('NFC').toLowerCase();
      analyzer.emitForms([...lower.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => analyzer.info(m[0])), record(want));
      expect(got).toEqual(want);
    }
  });
});
