import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, truncateSync, readdirSync, cpSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../text/analyzer.js';
import type { Chunk } from '../ingest/legal-unit.js';
import { KeywordIndex } from './keyword-index.js';
import { buildQueryTerms } from './query-terms.js';
import { SnapshotStore, SNAPSHOT_FORMAT } from './snapshot.js';
import type { SnapshotContent } from './snapshot.js';
import { KnowledgeBase } from './knowledge-base.js';
import { REPO_ROOT } from '../../test/support/shared.js';

const roots: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cchc-snap-'));
  roots.push(d);
  return d;
};
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

const analyzer = new Analyzer();
const chunks: Chunk[] = [
  { id: 'a.md#D1', docId: 'a.md', headings: [{ kind: 'article', number: '1', heading: 'Phạm vi' }], citationPath: 'Điều 1', title: 'Điều 1. Phạm vi', text: 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ.', hash: 'h1' },
  { id: 'a.md#D2', docId: 'a.md', headings: [], citationPath: 'Điều 2', title: 'Điều 2. Thủ tục', text: 'Thể thức văn bản hành chính 📄 gồm quốc hiệu, tiêu ngữ.', hash: 'h2', officialRef: 'Điều 5 NĐ 30/2020' },
  { id: 'b.md#D1', docId: 'b.md', headings: [], citationPath: 'Điều 1', title: 'Điều 1', text: '', hash: 'h3' },
];

function content(version: string): SnapshotContent {
  const index = KeywordIndex.build(chunks.map((c) => ({ doc: c.docId, heading: c.title, body: c.text })), analyzer);
  return {
    version,
    createdAt: '2026-12-02T00:00:00.000Z',
    files: { 'a.md': { hash: 'x', meta: { number: '61/2018/NĐ-CP', title: 'Nghị định', status: 'active' } as never, warnings: [], chunkIds: ['a.md#D1', 'a.md#D2'] } },
    failed: [{ file: 'c.pdf', reason: 'no text layer' }],
    chunks,
    faq: [],
    glossary: { abbreviations: [['tthc', ['thủ tục hành chính']]], synonymGroups: [['một cửa', 'bộ phận một cửa']] },
    index: index.toData(),
  };
}

describe('SnapshotStore', () => {
  it('writes a snapshot and loads the same chunks, metadata and index (identical search results)', async () => {
    const store = new SnapshotStore(tempDir());
    const written = content('v1');
    await store.write(written);
    const loaded = await store.load();
    expect(loaded).not.toBeNull();
    const { index, ...rest } = loaded as SnapshotContent;
    const { index: wIndex, ...wRest } = written;
    // Loaded chunks are views over the passage store: compare what they read as (JSON gives the plain chunk).
    expect({ ...rest, chunks: JSON.parse(JSON.stringify(rest.chunks)) }).toEqual(wRest);
    expect(rest.chunks.map((c) => [c.text, c.officialRef, c.headings])).toEqual(chunks.map((c) => [c.text, c.officialRef, c.headings]));
    expect(index.terms).toEqual(wIndex.terms);
    expect([...index.postings]).toEqual([...wIndex.postings]);
    expect([...index.codes]).toEqual([...wIndex.codes]);
    expect([...index.factors]).toEqual([...wIndex.factors]);
    expect([...index.maxWeight]).toEqual([...wIndex.maxWeight]);
    const q = buildQueryTerms(analyzer.analyzeQuery('thể thức văn bản một cửa'));
    expect(KeywordIndex.fromData(index).search(q, 3)).toEqual(KeywordIndex.fromData(wIndex).search(q, 3));
  });

  it('returns null for a snapshot written in an older layout, so the caller rebuilds instead of misreading it', async () => {
    const dataDir = tempDir();
    const dir = join(dataDir, 'index', 'v0-old');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ format: 1, version: 'v0-old', chunks: [], terms: [], size: 0 }));
    writeFileSync(join(dir, 'postings.bin'), Buffer.alloc(8));
    writeFileSync(join(dataDir, 'index', 'CURRENT'), 'v0-old');
    expect(SNAPSHOT_FORMAT).toBeGreaterThan(1);
    expect(await new SnapshotStore(dataDir).load()).toBeNull();
  });

  it('reports a truncated index file as INDEX_CORRUPT', async () => {
    const dataDir = tempDir();
    const store = new SnapshotStore(dataDir);
    await store.write(content('v2'));
    truncateSync(join(dataDir, 'index', 'v2', 'index.bin'), 10);
    await expect(store.load()).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
  });

  it('on a full disk removes the partial snapshot, keeps the current one and names the reason', async () => {
    const dataDir = tempDir();
    const store = new SnapshotStore(dataDir);
    await store.write(content('v3'));
    // /dev/full answers every write with ENOSPC, as a full DATA_DIR does.
    mkdirSync(join(dataDir, 'index', 'v4'), { recursive: true });
    symlinkSync('/dev/full', join(dataDir, 'index', 'v4', 'passages.bin'));
    const err = await store.write(content('v4')).then(() => null, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(String((err as Error).message)).toMatch(/v4 not written .*no space left on the device; the previous snapshot stays in use/);
    expect(readdirSync(join(dataDir, 'index')).sort(), 'the partial folder and pointer are gone').toEqual(['CURRENT', 'v3']);
    expect((await store.load())?.version).toBe('v3');
  });

  it('lets the knowledge base rebuild over an old-layout snapshot and write the current layout', async () => {
    const root = tempDir();
    const knowledgeDir = join(root, 'knowledge');
    cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
    const dataDir = join(root, 'data');
    const dir = join(dataDir, 'index', 'v0-old');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'snapshot.json'), JSON.stringify({ format: 1, version: 'v0-old', chunks: [], terms: [], size: 0 }));
    writeFileSync(join(dataDir, 'index', 'CURRENT'), 'v0-old');
    const kb = await KnowledgeBase.open({ dataDir, knowledgeDir });
    expect(kb.snapshot.version, 'the old snapshot was used instead of rebuilt').not.toBe('v0-old');
    expect(kb.snapshot.chunks.length).toBeGreaterThan(50);
    expect(readdirSync(join(dataDir, 'index', kb.snapshot.version)).sort()).toEqual(['index.bin', 'passages.bin', 'snapshot.json']);
    expect(kb.search('cơ chế một cửa là gì').hits.length).toBeGreaterThan(0);
  }, 60_000);
});
