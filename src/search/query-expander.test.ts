import { describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { parseGlossary } from '../text/glossary.js';
import { QueryExpander } from './query-expander.js';

const { glossary } = parseGlossary(
  'abbreviations:\n  TTHC: ["thủ tục hành chính"]\n  CBCC: ["cán bộ, công chức"]\n  CT: ["chỉ thị", "chủ tịch"]\n  "TN&TKQ": ["tiếp nhận và trả kết quả"]\n',
);
const expander = new QueryExpander(new Analyzer(), glossary);

describe('QueryExpander.spellOutText', () => {
  it.each([
    ['TTHC là gì', true, 'thủ tục hành chính là gì'],
    ['tthc la gi', false, 'thu tuc hanh chinh la gi'],
    ['luật cbcc thay thế luật nào', true, 'luật cán bộ công chức thay thế luật nào'],
    ['bộ phận TN&TKQ ở xã', true, 'bộ phận tiếp nhận và trả kết quả ở xã'],
  ])('writes "%s" in full', (text, accented, want) => {
    expect(expander.spellOutText(text, accented), 'an abbreviation with one meaning must be spelled out').toBe(want);
  });

  it('keeps an abbreviation with several meanings, and ordinary words, as typed', () => {
    expect(expander.spellOutText('CT xã ký văn bản', true)).toBe('CT xã ký văn bản');
  });

  it('keeps a question typed without diacritics without them (no comma from the expansion)', () => {
    const out = expander.spellOutText('cbcc xa', false);
    expect(out).toBe('can bo cong chuc xa');
  });
});
