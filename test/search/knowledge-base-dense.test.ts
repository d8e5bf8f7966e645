import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase } from '../../src/search/knowledge-base.js';
import type { TextEmbedder } from '../../src/search/knowledge-base.js';
import { TransformersEmbedder } from '../../src/search/dense/transformers-embedder.js';
import type { Logger } from '../../src/common/logger.js';
import type { SearchResult } from '../../src/search/types.js';
import { makeTinyModel } from '../fixtures/dense/tiny-model.js';
import { REPO_ROOT } from '../support/shared.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-kb-dense-'));
const knowledgeDir = join(root, 'knowledge');
const modelDir = join(root, 'tiny-model');
let tiny: TransformersEmbedder;
let n = 0;
const dataDir = () => join(root, `data-${++n}`);

/** The tiny model behind the KnowledgeBase port, counting passage embeddings. */
function counting(): TextEmbedder & { passages: number } {
  const e = {
    passages: 0,
    embedQuery: (q: string) => tiny.embedQuery(q),
    embedPassages: async (texts: string[]) => {
      e.passages += texts.length;
      return tiny.embedPassages(texts);
    },
  };
  return e;
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (_o, msg) => void warnings.push(msg ?? '') };
}

const ids = (r: SearchResult) => r.hits.map((h) => h.chunk.id);
const QUERY = 'thời hạn giải quyết thủ tục đăng ký kết hôn';

beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  makeTinyModel(modelDir);
  tiny = await TransformersEmbedder.load(modelDir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('KnowledgeBase with dense retrieval (tiny generated ONNX model)', () => {
  it('searchAsync fuses dense hits and keeps search() lexical', async () => {
    const embedder = counting();
    const kb = await KnowledgeBase.open({ dataDir: dataDir(), knowledgeDir, embedder });
    expect(kb.dense).toBe(true);
    expect(embedder.passages).toBe(kb.snapshot.chunks.length);
    const fused = await kb.searchAsync(QUERY, 5);
    expect(fused.hits.length).toBe(5);
    const chunkIds = new Set(kb.snapshot.chunks.map((c) => c.id));
    for (const id of ids(fused)) expect(chunkIds.has(id)).toBe(true);
    expect(fused.confidence).toBeGreaterThanOrEqual(0);
    expect(fused.confidence).toBeLessThanOrEqual(1);
    const lexical = kb.search(QUERY, 5);
    expect(lexical.hits.length).toBe(5);
    // The dense list changes the ranking (rank fusion), while search() is the plain lexical one.
    expect(ids((await kb.searchAsync(QUERY, 20)))).not.toEqual(ids(kb.search(QUERY, 20)));
  });

  it('equals lexical search when no embedder is configured', async () => {
    const kb = await KnowledgeBase.open({ dataDir: dataDir(), knowledgeDir });
    expect(kb.dense).toBe(false);
    const a = await kb.searchAsync(QUERY, 7);
    const b = kb.search(QUERY, 7);
    expect(ids(a)).toEqual(ids(b));
    expect(a.confidence).toBe(b.confidence);
  });

  it('falls back to lexical search, and logs, when the query embedding throws or times out', async () => {
    const logger = recordingLogger();
    let mode: 'throw' | 'hang' = 'throw';
    const embedder: TextEmbedder = {
      embedQuery: (q) => (mode === 'throw' ? Promise.reject(new Error('onnx exploded')) : new Promise<Float32Array>(() => void q)),
      embedPassages: (t) => tiny.embedPassages(t),
    };
    const kb = await KnowledgeBase.open({ dataDir: dataDir(), knowledgeDir, embedder, logger, embedTimeoutMs: 50 });
    const lexical = kb.search(QUERY, 5);
    expect(ids(await kb.searchAsync(QUERY, 5))).toEqual(ids(lexical));
    expect(logger.warnings.some((w) => w.includes('query embedding failed'))).toBe(true);
    mode = 'hang';
    const started = Date.now();
    expect(ids(await kb.searchAsync(QUERY, 5))).toEqual(ids(lexical));
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('serves lexically when passages cannot be embedded', async () => {
    const logger = recordingLogger();
    const embedder: TextEmbedder = { embedQuery: (q) => tiny.embedQuery(q), embedPassages: () => Promise.reject(new Error('out of memory')) };
    const kb = await KnowledgeBase.open({ dataDir: dataDir(), knowledgeDir, embedder, logger });
    expect(ids(await kb.searchAsync(QUERY, 5))).toEqual(ids(kb.search(QUERY, 5)));
    expect(logger.warnings.some((w) => w.includes('dense index could not be built'))).toBe(true);
  });

  it('persists passage vectors by chunk hash and reuses them on the next start and reindex', async () => {
    const dir = dataDir();
    const first = counting();
    const kb1 = await KnowledgeBase.open({ dataDir: dir, knowledgeDir, embedder: first, embedderId: modelDir });
    expect(first.passages).toBe(kb1.snapshot.chunks.length);
    expect(existsSync(join(dir, 'dense'))).toBe(true);
    expect(readdirSync(join(dir, 'dense')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const second = counting();
    const kb2 = await KnowledgeBase.open({ dataDir: dir, knowledgeDir, embedder: second, embedderId: modelDir });
    expect(second.passages).toBe(0);
    expect(ids(await kb2.searchAsync(QUERY, 5))).toEqual(ids(await kb1.searchAsync(QUERY, 5)));
    await kb2.reindex({ full: true });
    expect(second.passages).toBe(0);
    expect((await kb2.searchAsync(QUERY, 5)).hits.length).toBe(5);
  });
});
