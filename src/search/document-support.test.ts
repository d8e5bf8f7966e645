import { describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { emptyGlossary } from '../text/glossary.js';
import { buildPassageRetriever } from './passage-corpus.js';
import type { Passage } from './passage-corpus.js';
import { DEFAULT_RERANK, Retriever } from './retriever.js';

const P = (id: string, doc: string, title: string, text: string): Passage => ({ id, doc, title, text });
const passages = [
  P('a1', '1/2020/NĐ-CP Nghị định về văn thư', 'Điều 1. Thời hạn lưu trữ hồ sơ', 'Thời hạn lưu trữ hồ sơ giấy tại cơ quan là mười năm.'),
  P('a2', '1/2020/NĐ-CP Nghị định về văn thư', 'Điều 2. Con dấu', 'Con dấu được quản lý tại văn thư cơ quan.'),
  P('b1', '2/2021/NĐ-CP Nghị định về lưu trữ', 'Điều 1. Thời hạn lưu trữ hồ sơ điện tử', 'Hồ sơ điện tử được lưu trữ trong thời hạn do cơ quan quy định.'),
  P('b2', '2/2021/NĐ-CP Nghị định về lưu trữ', 'Điều 2. Lưu trữ hồ sơ điện tử', 'Hồ sơ điện tử được lưu trữ trên hệ thống của cơ quan.'),
  P('c1', '3/2022/NĐ-CP Nghị định về tiếp công dân', 'Điều 1. Lịch tiếp công dân', 'Lịch tiếp công dân được niêm yết tại trụ sở.'),
  P('c2', '3/2022/NĐ-CP Nghị định về tiếp công dân', 'Điều 2. Địa điểm', 'Địa điểm tiếp công dân bố trí thuận tiện.'),
];
// The question below holds a1's title word for word: the title boost is left out to see document support alone.
const built = buildPassageRetriever(passages, new Analyzer(), emptyGlossary());
const base = new Retriever(built.parts, { ...DEFAULT_RERANK, titleBoost: 1 });
const without = new Retriever(built.parts, { ...DEFAULT_RERANK, titleBoost: 1, documentSupport: 0 });

describe('document support in the order of the hits', () => {
  const q = 'thời hạn lưu trữ hồ sơ';

  it('puts first, of two passages close in score, the one whose document has another strong passage', () => {
    const plain = without.search(q);
    expect(plain.hits.map((h) => h.chunk.id).slice(0, 2), 'passage scores alone').toEqual(['a1', 'b1']);
    const r = base.search(q);
    expect(r.hits.map((h) => h.chunk.id).slice(0, 3)).toEqual(['b1', 'a1', 'b2']);
    // Each hit keeps its own passage score.
    expect(r.hits[1].score).toBeGreaterThan(r.hits[0].score);
  });

  it('leaves the confidence features on the passage ranking', () => {
    const plain = without.search(q);
    const r = base.search(q);
    expect(r.features).toEqual(plain.features);
    expect(r.confidence).toBe(plain.confidence);
  });

  it('does not overturn a clear lead', () => {
    const r = base.search('thời hạn lưu trữ hồ sơ giấy tại cơ quan là mười năm');
    expect(r.hits[0].chunk.id).toBe('a1');
  });
});
