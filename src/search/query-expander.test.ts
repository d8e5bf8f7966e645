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

  it('writes an abbreviation with several meanings in the one the chooser keeps, each reading given in full', () => {
    const seen: string[][] = [];
    const out = expander.spellOutText('CT xã ký TTHC', true, (readings, current) => {
      seen.push([...readings, current]);
      return readings.findIndex((r) => r.startsWith('chủ tịch'));
    });
    expect(seen).toEqual([['chỉ thị xã ký thủ tục hành chính', 'chủ tịch xã ký thủ tục hành chính', 'CT xã ký thủ tục hành chính']]);
    expect(out).toBe('chủ tịch xã ký thủ tục hành chính');
    expect(expander.spellOutText('ct xa ky', false, () => undefined), 'no reading kept: as typed').toBe('ct xa ky');
  });

  it('keeps a question typed without diacritics without them (no comma from the expansion)', () => {
    const out = expander.spellOutText('cbcc xa', false);
    expect(out).toBe('can bo cong chuc xa');
  });
});

describe('QueryExpander.writeAs', () => {
  const { glossary: synonyms } = parseGlossary('synonyms:\n  - ["trễ hạn", "quá hạn", "chậm trả kết quả"]\n  - ["văn bản đến", "công văn đến"]\n');
  const withSynonyms = new QueryExpander(new Analyzer(), synonyms);
  const passage = (text: string) => {
    const words = new Set(text.split(' '));
    return (w: string) => words.has(w);
  };

  it('writes a glossary phrase the passage lacks as the phrase of its group the passage holds', () => {
    const out = withSynonyms.writeAs('ho so tre han thi phai lam gi'.split(' '), passage('ho so du kien qua han co quan phai'));
    expect(out.join(' ')).toBe('ho so qua han thi phai lam gi');
  });

  it('prefers the longest phrase of the group that the passage holds in full', () => {
    const out = withSynonyms.writeAs('tre han'.split(' '), passage('cham tra ket qua va qua han'));
    expect(out.join(' ')).toBe('cham tra ket qua');
  });

  it('prefers a phrase the passage writes with its words together to a longer one whose words it only scatters', () => {
    const text = 'ho so du kien qua han cham nhat 01 ngay tra ket qua';
    const pairs = new Set(text.split(' ').slice(1).map((w, i) => `${text.split(' ')[i]} ${w}`));
    const together = (a: string, b: string) => pairs.has(`${a} ${b}`);
    expect(withSynonyms.writeAs('ho so tre han'.split(' '), passage(text), together).join(' ')).toBe('ho so qua han');
    expect(withSynonyms.writeAs('ho so tre han'.split(' '), passage(text)).join(' '), 'without pairs, the longest').toBe('ho so cham tra ket qua');
    // No phrase of the group stands together: the words alone still count.
    expect(withSynonyms.writeAs('tre han'.split(' '), passage('cham tra lai ket qua'), () => false).join(' ')).toBe('cham tra ket qua');
  });

  it('keeps the words as typed when the passage holds them, or holds no phrase of the group', () => {
    expect(withSynonyms.writeAs('ho so tre han'.split(' '), passage('ho so tre han qua han')).join(' ')).toBe('ho so tre han');
    expect(withSynonyms.writeAs('ho so tre han'.split(' '), passage('ho so bi tra lai')).join(' ')).toBe('ho so tre han');
  });

  it('rewrites each group once and leaves words outside any group alone', () => {
    const out = withSynonyms.writeAs('van ban den tre han'.split(' '), passage('cong van den qua han'));
    expect(out.join(' ')).toBe('cong van den qua han');
  });
});
