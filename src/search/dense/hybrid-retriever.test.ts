import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Analyzer } from '../../text/analyzer.js';
import { emptyGlossary } from '../../text/glossary.js';
import { buildPassageRetriever } from '../passage-corpus.js';
import type { Passage } from '../passage-corpus.js';
import { CorpusEmbeddings } from './corpus-embeddings.js';
import { HnswVectorIndex } from './vector-index.js';
import type { VectorIndex, VectorHit } from './vector-index.js';
import { HybridRetriever } from './hybrid-retriever.js';
import { TransformersEmbedder } from './transformers-embedder.js';
import { makeTinyModel } from '../../../test/fixtures/dense/tiny-model.js';

const analyzer = new Analyzer();
const passages: Passage[] = [
  { id: 'hn_D1', doc: '52/2014/QH13 Luật Hôn nhân và gia đình 2014', title: 'Điều 1. Đăng ký kết hôn', text: 'Việc kết hôn phải được đăng ký tại cơ quan đăng ký hộ tịch; vợ chồng được cấp giấy chứng nhận kết hôn.' },
  { id: 'hn_D2', doc: '52/2014/QH13 Luật Hôn nhân và gia đình 2014', title: 'Điều 2. Khai sinh', text: 'Cha mẹ có trách nhiệm đăng ký khai sinh cho con tại ủy ban nhân dân cấp xã nơi cư trú.' },
  { id: 'th_D1', doc: '38/2019/QH14 Luật Quản lý thuế 2019', title: 'Điều 1. Khai thuế', text: 'Doanh nghiệp khai thuế, nộp thuế và quyết toán thuế thu nhập doanh nghiệp theo năm.' },
  { id: 'th_D2', doc: '38/2019/QH14 Luật Quản lý thuế 2019', title: 'Điều 2. Hóa đơn', text: 'Doanh nghiệp sử dụng hóa đơn điện tử khi bán hàng hóa, cung cấp dịch vụ.' },
  { id: 'xd_D1', doc: '50/2014/QH13 Luật Xây dựng 2014', title: 'Điều 1. Giấy phép xây dựng', text: 'Chủ đầu tư phải có giấy phép xây dựng trước khi khởi công công trình nhà ở.' },
];
const retriever = buildPassageRetriever(passages, analyzer, emptyGlossary());
const { model, vectors } = CorpusEmbeddings.train(passages.map((p) => [p.title, p.text]), analyzer, { dimension: 4, oversample: 4, minDf: 1, maxPerRow: 0 });
const index = HnswVectorIndex.build(vectors, model.dimension);
const embedder = { dimension: model.dimension, embedQuery: (q: string) => model.embedQuery(q, analyzer) };

/** A VectorIndex that always returns the given records, to drive the fusion from the dense side. */
class FixedIndex implements VectorIndex {
  readonly dimension = model.dimension;
  readonly size = passages.length;
  constructor(private readonly hits: VectorHit[]) {}
  search(): VectorHit[] {
    return this.hits;
  }
  vectorOf(id: number): Float32Array {
    return vectors.slice(id * model.dimension, (id + 1) * model.dimension);
  }
  save(): void {}
}

describe('HybridRetriever', () => {
  it('keeps the lexical answer and confidence when both sides agree', () => {
    const hybrid = new HybridRetriever(retriever, embedder, index);
    const lexical = retriever.search('đăng ký kết hôn', 5);
    const fused = hybrid.search('đăng ký kết hôn', 3);
    expect(fused.hits).toHaveLength(3);
    expect(fused.hits[0].chunk.id).toBe('hn_D1');
    expect(fused.confidence).toBe(lexical.confidence);
    expect(fused.hits[0].coverage).toBe(lexical.hits[0].coverage);
  });

  it('ranks by reciprocal rank fusion of the two lists', () => {
    // Lexical ranks for "hóa đơn doanh nghiệp": th_D2 then th_D1; the dense side says th_D1 first.
    expect(retriever.search('hóa đơn doanh nghiệp', 2).hits.map((h) => h.chunk.id)).toEqual(['th_D2', 'th_D1']);
    const hybrid = new HybridRetriever(retriever, embedder, new FixedIndex([{ id: 2, similarity: 0.9 }, { id: 3, similarity: 0.8 }]), { fusion: { kind: 'rrf', k: 60, denseWeight: 2 } });
    const ids = hybrid.search('hóa đơn doanh nghiệp', 2).hits.map((h) => h.chunk.id);
    expect(ids).toEqual(['th_D1', 'th_D2']);
  });

  it('gives confidence 0 when the top hit comes from the dense side alone', () => {
    const hybrid = new HybridRetriever(retriever, embedder, new FixedIndex([{ id: 4, similarity: 0.99 }]), { fusion: { kind: 'rrf', k: 1, denseWeight: 10 } });
    const result = hybrid.search('đăng ký kết hôn', 3);
    expect(result.hits[0].chunk.id).toBe('xd_D1');
    expect(result.hits[0].coverage).toBe(0);
    expect(result.confidence).toBe(0);
  });

  it('returns the lexical ranking untouched when its confidence reaches the gate', () => {
    const lexical = retriever.search('đăng ký kết hôn', 3);
    expect(lexical.confidence).toBeGreaterThan(0.2);
    const gated = new HybridRetriever(retriever, embedder, new FixedIndex([{ id: 4, similarity: 0.99 }]), { fusion: { kind: 'rrf', k: 1, denseWeight: 10 }, gate: 0.2 });
    const result = gated.search('đăng ký kết hôn', 3);
    expect(result.hits.map((h) => h.chunk.id)).toEqual(lexical.hits.map((h) => h.chunk.id));
    expect(result.confidence).toBe(lexical.confidence);
  });

  it('re-orders lexical candidates with a blend and can keep dense-only records out', () => {
    const only = new HybridRetriever(retriever, embedder, new FixedIndex([{ id: 4, similarity: 0.99 }]), { fusion: { kind: 'blend', weight: 5, denseOnly: false } });
    expect(only.search('khai thuế', 5).hits.map((h) => h.chunk.id)).not.toContain('xd_D1');
  });
});

describe('HybridRetriever with the tiny transformer model', () => {
  const root = mkdtempSync(join(tmpdir(), 'hybrid-tiny-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fuses lexical hits with hnswlib hits of transformer vectors', async () => {
    makeTinyModel(join(root, 'tiny'));
    const tiny = await TransformersEmbedder.load(join(root, 'tiny'));
    const passageVectors = await tiny.embedPassages(passages.map((p) => `${p.title} ${p.text}`));
    const tinyIndex = HnswVectorIndex.build(passageVectors, tiny.dimension);
    const hybrid = new HybridRetriever(retriever, { dimension: tiny.dimension, embedQuery: () => new Float32Array(tiny.dimension) }, tinyIndex);
    const query = 'giấy phép xây dựng nhà ở';
    const result = hybrid.searchWithVector(query, await tiny.embedQuery(query), 3);
    expect(result.hits[0].chunk.id).toBe('xd_D1');
    expect(result.confidence).toBeGreaterThan(0);
  });
});
