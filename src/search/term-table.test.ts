import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../common/seeded-random.js';
import { TermTable, TermTableBuilder } from './term-table.js';

describe('TermTable', () => {
  it('finds every term it holds by its id and nothing else, including Vietnamese, bigrams and folded terms', () => {
    const terms = ['thủ tục', '~thu tuc', 'hồ sơ', '~ho so', 'hòa', 'hoà', 'a', '', '📄 mẫu', 'điều 5'];
    const table = TermTable.of(terms);
    expect(table.size).toBe(terms.length);
    terms.forEach((t, i) => expect(table.get(t), `lookup of "${t}"`).toBe(i));
    expect([...table.terms()]).toEqual(terms);
    for (const absent of ['thủ', 'thủ tục ', '~thu', 'hoa', 'b', 'điều 50']) expect(table.get(absent), `"${absent}" is not in the table`).toBe(-1);
  });

  it('keeps lookups right over many random terms (hash collisions and probing)', () => {
    const random = mulberry32(5);
    const word = () => Array.from({ length: 1 + Math.floor(random() * 8) }, () => String.fromCharCode(0x61 + Math.floor(random() * 26), 0x1ea1)).join('');
    const terms = [...new Set(Array.from({ length: 5000 }, word))];
    const table = TermTable.of(terms);
    terms.forEach((t, i) => expect(table.get(t)).toBe(i));
    expect(table.get('zzzzzzzzzzzzzzzzzzz')).toBe(-1);
    // A table rebuilt from its arrays (what a snapshot loads) answers the same.
    const copy = new TermTable({ chars: table.data.chars.slice(), starts: table.data.starts.slice(), slots: table.data.slots.slice() });
    expect(terms.every((t, i) => copy.get(t) === i)).toBe(true);
  });

  it('interns terms given as code units: a known term keeps its id, a new one is appended (past rehashes)', () => {
    const b = new TermTableBuilder();
    const units = (t: string) => Uint16Array.from(t, (c) => c.charCodeAt(0));
    const words = Array.from({ length: 5000 }, (_, i) => `từ${i}`);
    for (const w of words) b.intern(units(w), 0, w.length);
    for (let i = 0; i < words.length; i += 7) expect(b.intern(units(`xx${words[i]}`), 2, words[i].length + 2)).toBe(i);
    expect(b.size).toBe(words.length);
    b.stopInterning();
    expect([...b.finish().terms()]).toEqual(words);
  });

  it('finishes an interned table with the same arrays as one built term by term, and keeps interning after', () => {
    const units = (t: string) => Uint16Array.from(t, (c) => c.charCodeAt(0));
    for (const n of [0, 3, 700, 5000]) {
      const words = Array.from({ length: n }, (_, i) => `thủ tục ${i}`);
      const b = new TermTableBuilder();
      for (const w of words) b.intern(units(w), 0, w.length);
      const table = b.finish();
      const expected = TermTable.of(words).data;
      for (const k of ['chars', 'starts', 'slots'] as const) expect([...table.data[k]], `${k} of ${n} terms`).toEqual([...expected[k]]);
      expect(b.finish(), 'the same table until a term is added').toBe(table);
      // A term added after: the finished table does not change, the next one has it.
      expect(b.intern(units('mới'), 0, 3)).toBe(n);
      expect(table.size).toBe(n);
      expect(table.get('mới')).toBe(-1);
      expect([...table.terms()]).toEqual(words);
      const next = b.finish();
      expect(next.get('mới')).toBe(n);
      if (n) expect(next.get(words[n - 1])).toBe(n - 1);
    }
  });
});
