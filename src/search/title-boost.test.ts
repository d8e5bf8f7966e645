import { describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { emptyGlossary, parseGlossary } from '../text/glossary.js';
import { buildPassageRetriever } from './passage-corpus.js';
import type { Passage } from './passage-corpus.js';
import { DEFAULT_RERANK, Retriever } from './retriever.js';

const P = (id: string, title: string, text: string): Passage => ({ id, doc: '73/2021/QH14 Luật Phòng, chống ma túy', title, text });
const passages = [
  P('health', 'Điều 49. Trách nhiệm của Bộ Y tế', 'Tổ chức công tác giám định chất ma túy; quản lý thuốc gây nghiện, thuốc hướng thần.'),
  P('police', 'Điều 46. Trách nhiệm của Bộ Công an', 'Chủ trì công tác phòng, chống ma túy trên phạm vi cả nước; phối hợp với Bộ Y tế trong việc kiểm soát ma túy.'),
  P('place', 'Điều 2. Địa điểm', 'Địa điểm cai nghiện ma túy do Ủy ban nhân dân bố trí.'),
  P('other', 'Điều 3. Phòng, chống ma túy trong nhà trường', 'Nhà trường tổ chức phòng, chống ma túy cho học sinh.'),
];
const boosted = buildPassageRetriever(passages, new Analyzer(), emptyGlossary());
const plain = new Retriever(boosted.parts, { ...DEFAULT_RERANK, titleBoost: 1 });
const first = (r: Retriever, q: string) => r.search(q).hits[0]?.chunk.id;

describe('article titles the question contains', () => {
  const q = 'Trách nhiệm của Bộ Y tế trong việc phòng, chống ma túy là gì?';

  it('rank the article with that title first, where the words of the question alone favour another', () => {
    expect(first(plain, q), 'without the boost').toBe('police');
    expect(first(boosted, q)).toBe('health');
  });

  it('count only titles of three words or more, as written', () => {
    const scores = (r: Retriever, question: string) => new Map(r.search(question).hits.map((h) => [h.chunk.id, h.score]));
    // "Địa điểm" is too short to count; "trong nhà trường … phòng, chống ma túy" has the title's words out of order.
    for (const question of ['địa điểm cai nghiện ma túy', 'trong nhà trường thì phòng chống ma túy thế nào']) {
      expect(scores(boosted, question), question).toEqual(scores(plain, question));
    }
    for (const question of [q, 'trach nhiem cua bo y te trong viec phong chong ma tuy']) {
      expect(scores(boosted, question).get('health'), question).toBeCloseTo((scores(plain, question).get('health') ?? 0) * DEFAULT_RERANK.titleBoost, 6);
      expect(scores(boosted, question).get('police'), question).toBeCloseTo(scores(plain, question).get('police') ?? 0, 6);
    }
  });
});

describe('titles of the form "A, B của X"', () => {
  const passages = [
    P('duties', 'Điều 8. Nhiệm vụ, quyền hạn của Bộ phận Một cửa', 'Công khai thủ tục; hướng dẫn, tiếp nhận, số hóa và chuyển hồ sơ; trả kết quả.'),
    P('terms', 'Điều 3. Giải thích từ ngữ', 'Bộ phận Một cửa là tổ chức tiếp nhận hồ sơ, trả kết quả; có nhiệm vụ hướng dẫn người dân.'),
    P('head', 'Điều 9. Trách nhiệm của người đứng đầu Bộ phận Một cửa', 'Điều hành hoạt động của Bộ phận Một cửa.'),
  ];
  const boosted = buildPassageRetriever(passages, new Analyzer(), emptyGlossary());
  const plain = new Retriever(boosted.parts, { ...DEFAULT_RERANK, titleBoost: 1 });
  const score = (r: Retriever, q: string, id: string) => r.search(q).hits.find((h) => h.chunk.id === id)?.score ?? 0;

  it('are named by a question holding the owner and one of the things listed before "của", in any order', () => {
    const q = 'bộ phận một cửa có nhiệm vụ gì';
    expect(score(boosted, q, 'duties')).toBeCloseTo(score(plain, q, 'duties') * DEFAULT_RERANK.titleBoost, 6);
    expect(score(boosted, 'quyen han cua bo phan mot cua', 'duties')).toBeCloseTo(score(plain, 'quyen han cua bo phan mot cua', 'duties') * DEFAULT_RERANK.titleBoost, 6);
    expect(score(boosted, q, 'terms'), 'a title without "của" is not read this way').toBeCloseTo(score(plain, q, 'terms'), 6);
  });

  it('are not named by the owner alone, or by a listed thing with another owner', () => {
    for (const q of ['bộ phận một cửa đặt ở đâu', 'nhiệm vụ của trung tâm phục vụ hành chính công']) {
      expect(score(boosted, q, 'duties'), q).toBeCloseTo(score(plain, q, 'duties'), 6);
    }
  });
});

describe('article titles named with an abbreviation', () => {
  const { glossary } = parseGlossary('abbreviations:\n  UBND: ["Ủy ban nhân dân"]\n');
  const passages = [
    P('mayor', 'Điều 23. Nhiệm vụ của Chủ tịch Ủy ban nhân dân xã', 'Lãnh đạo, điều hành công việc; tổ chức tiếp công dân.'),
    P('council', 'Điều 24. Nhiệm vụ của Ủy ban nhân dân xã', 'Ủy ban nhân dân xã quyết định các nội dung thuộc nhiệm vụ của Chủ tịch và Ủy ban.'),
  ];
  const withGlossary = buildPassageRetriever(passages, new Analyzer(), glossary);
  const noBoost = new Retriever(withGlossary.parts, { ...DEFAULT_RERANK, titleBoost: 1 });

  it('count the title written out, as the glossary spells the abbreviation', () => {
    const q = 'nhiệm vụ của chủ tịch ubnd xã là gì';
    const score = (r: Retriever) => r.search(q).hits.find((h) => h.chunk.id === 'mayor')?.score ?? 0;
    expect(score(withGlossary)).toBeCloseTo(score(noBoost) * DEFAULT_RERANK.titleBoost, 6);
  });
});
