import { describe, it, expect } from 'vitest';
import type { Chunk } from '../ingest/legal-unit.js';
import { PassageStore } from './passage-store.js';

const chunks: Chunk[] = [
  { id: 'a.md#D1', docId: 'a.md', headings: [{ kind: 'chapter', number: 'I', heading: 'Quy định chung' }, { kind: 'article', number: '1', heading: 'Phạm vi' }], citationPath: 'Điều 1', title: 'Điều 1. Phạm vi', text: 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ 📄.', hash: 'h1' },
  { id: 'a.md#D2', docId: 'a.md', headings: [], citationPath: 'Điều 2', title: '', text: '', hash: 'h2', officialRef: 'Điều 5 NĐ 30/2020' },
];

describe('PassageStore', () => {
  it('gives back every field of every chunk, read lazily from one UTF-8 buffer', () => {
    const store = PassageStore.of(chunks);
    expect(store.size).toBe(2);
    const views = store.chunks();
    views.forEach((v, i) => {
      const c = chunks[i];
      expect([v.id, v.docId, v.citationPath, v.title, v.text, v.hash, v.officialRef, v.headings]).toEqual([c.id, c.docId, c.citationPath, c.title, c.text, c.hash, c.officialRef, c.headings]);
    });
    expect(JSON.parse(JSON.stringify(views)), 'JSON of a view is the plain chunk (no officialRef key when absent)').toEqual(chunks);
    expect('officialRef' in JSON.parse(JSON.stringify(views[0]))).toBe(false);
  });

  it('rejects offsets that do not make whole rows', () => {
    expect(() => new PassageStore({ pieces: [new Uint8Array(4)], starts: new Uint32Array(3), docOf: new Int32Array(0), docIds: [] })).toThrow(/whole rows/);
  });

  it('keeps rows right across the builder\'s pieces', () => {
    const big = (ch: string) => ch.repeat(3000); // up to 9 kB of UTF-8 each, pieces of 8 kB
    const many = ['ệ', 'a', 'ữ', 'đ', 'b'].map((ch, i) => ({ ...chunks[0], id: `big#${i}`, text: big(ch) }));
    const store = PassageStore.of([...many, chunks[1]], 8192);
    expect(store.data.pieces.length, 'the rows were spread over several pieces').toBeGreaterThan(3);
    const views = store.chunks();
    expect(views.map((v) => [v.id, v.text.length, v.text[0], v.text.at(-1)])).toEqual([...many, chunks[1]].map((c) => [c.id, c.text.length, c.text[0], c.text.at(-1)]));
    expect(views[5].officialRef).toBe(chunks[1].officialRef);
  });
});
