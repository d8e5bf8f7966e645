import { describe, it, expect } from 'vitest';
import { preferOfficialTexts } from './official-preference.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { FileRecord } from './snapshot.js';

const record = (meta: Partial<DocumentMeta>, chunkIds: string[]): FileRecord => ({
  hash: 'h',
  meta: { number: '', title: 't', status: 'in_force', ...meta },
  warnings: [],
  chunkIds,
});
const chunk = (docId: string, n: string): Chunk => ({ id: `${docId}#D${n}`, docId, headings: [], citationPath: `Điều ${n}`, title: '', text: '', hash: n });

describe('preferOfficialTexts', () => {
  const records = {
    'tom-luoc-118.md': record({ number: '118/2025/NĐ-CP', kind: 'summary' }, ['tom-luoc-118.md#D1']),
    'nd-118-2025.pdf': record({ number: '118/2025/ND-CP' }, ['nd-118-2025.pdf#D1']),
    'tom-luoc-30.md': record({ number: '30/2020/NĐ-CP', kind: 'summary' }, ['tom-luoc-30.md#D1']),
  };
  const chunks = [chunk('tom-luoc-118.md', '1'), chunk('nd-118-2025.pdf', '1'), chunk('tom-luoc-30.md', '1')];

  it('drops the chunks of a summary whose official text (same number, any spelling) is indexed', () => {
    const out = preferOfficialTexts(records, chunks);
    expect(out.chunks.map((c) => c.docId)).toEqual(['nd-118-2025.pdf', 'tom-luoc-30.md']);
    expect(out.superseded).toEqual(new Map([['tom-luoc-118.md', 'nd-118-2025.pdf']]));
    expect(out.records['tom-luoc-118.md'].chunkIds).toEqual([]);
    expect(out.records['tom-luoc-118.md'].warnings.join()).toMatch(/official text nd-118-2025\.pdf of 118\/2025\/NĐ-CP is indexed/);
    expect(out.records['tom-luoc-30.md']).toBe(records['tom-luoc-30.md']);
  });

  it('does not mutate the records it was given (they are shared with the previous snapshot)', () => {
    preferOfficialTexts(records, chunks);
    expect(records['tom-luoc-118.md'].chunkIds).toEqual(['tom-luoc-118.md#D1']);
    expect(records['tom-luoc-118.md'].warnings).toEqual([]);
  });

  it('keeps a summary when the official file produced no chunks or has another number', () => {
    const out = preferOfficialTexts(
      { ...records, 'nd-118-2025.pdf': record({ number: '118/2025/NĐ-CP' }, []), 'khac.md': record({ number: '119/2025/NĐ-CP' }, ['khac.md#D1']) },
      chunks,
    );
    expect(out.superseded.size).toBe(0);
    expect(out.chunks).toHaveLength(3);
  });
});
