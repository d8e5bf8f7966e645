import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../text/analyzer.js';
import { emptyGlossary } from '../../text/glossary.js';
import { buildPassageRetriever } from '../passage-corpus.js';
import { buildCorpusDenseLayer, loadCorpusDenseLayer, saveCorpusDenseLayer } from './dense-layer.js';
import { HybridRetriever } from './hybrid-retriever.js';

const analyzer = new Analyzer();
const dir = mkdtempSync(join(tmpdir(), 'dense-layer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const topics = [
  ['hộ tịch', 'đăng ký kết hôn', 'khai sinh', 'vợ chồng'],
  ['thuế', 'doanh nghiệp', 'hóa đơn', 'quyết toán'],
  ['xây dựng', 'giấy phép', 'công trình', 'chủ đầu tư'],
];
const passages = Array.from({ length: 30 }, (_, i) => {
  const t = topics[i % 3];
  return { id: `d${i}`, doc: `${10 + (i % 3)}/2020/QH14 Luật số ${i % 3}`, title: `Điều ${i + 1}. ${t[i % 4]}`, text: `Quy định về ${t[(i + 1) % 4]}, ${t[(i + 2) % 4]} và ${t[(i + 3) % 4]}.` };
});
const retriever = buildPassageRetriever(passages, analyzer, emptyGlossary());
const { chunks, docs } = retriever.parts;

describe('corpus dense layer', () => {
  const layer = buildCorpusDenseLayer(chunks, docs, analyzer, { embeddings: { dimension: 6, oversample: 4, minDf: 1 } });

  it('indexes one vector per chunk and finds chunks of the query topic', () => {
    expect(layer.index.size).toBe(chunks.length);
    const hits = layer.index.search(layer.embedder.embedQuery('giấy phép xây dựng công trình'), 5);
    expect(hits.filter((h) => h.id % 3 === 2).length, `help: ${hits.map((h) => chunks[h.id].title)}`).toBeGreaterThanOrEqual(4);
  });

  it('saves beside the snapshot and loads back to the same answers', () => {
    saveCorpusDenseLayer(dir, layer);
    const loaded = loadCorpusDenseLayer(dir, analyzer);
    expect(loaded).not.toBeNull();
    const q = 'nộp thuế doanh nghiệp';
    expect(loaded!.index.search(loaded!.embedder.embedQuery(q), 5)).toEqual(layer.index.search(layer.embedder.embedQuery(q), 5));
    const hybrid = new HybridRetriever(retriever, loaded!.embedder, loaded!.index);
    expect(hybrid.search(q, 3).hits).toHaveLength(3);
  });

  it('reports no layer for a snapshot without dense files', () => {
    expect(loadCorpusDenseLayer(join(dir, 'nothing-here'), analyzer)).toBeNull();
  });
});
