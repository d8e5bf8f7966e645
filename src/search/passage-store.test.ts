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
    expect(() => new PassageStore({ bytes: new Uint8Array(4), starts: new Uint32Array(3), docOf: new Int32Array(0), docIds: [] })).toThrow(/whole rows/);
  });
});
