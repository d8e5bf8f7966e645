import { describe, expect, it } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { emptyGlossary, parseGlossary } from '../text/glossary.js';
import { NameHeads } from './name-heads.js';
import { buildPassageRetriever } from './passage-corpus.js';
import type { Passage } from './passage-corpus.js';

const analyzer = new Analyzer();
const words = (text: string) => analyzer.tokenize(text).map((t) => t.folded);
const GLOSSARY = `
abbreviations:
  BPMC: ["Bộ phận Một cửa"]
  TTPVHCC: ["Trung tâm Phục vụ hành chính công"]
  BNV: ["Bộ Nội vụ"]
  UBND: ["Ủy ban nhân dân"]
synonyms:
  - ["một cửa", "bộ phận một cửa", "bộ phận tiếp nhận và trả kết quả"]
`;

describe('heads of the glossary names', () => {
  const { glossary } = parseGlossary(GLOSSARY);
  const fullForms = [...glossary.abbreviations.values()].flat();
  const heads = new NameHeads(fullForms, [...fullForms, ...glossary.synonymGroups.flat()], analyzer);

  it('are the lower-case words of two or more before a capitalised name, with every glossary phrase they start', () => {
    const byHead = new Map(heads.heads.map((h) => [h.words.join(' '), h.names.map((n) => n.join(' '))]));
    expect([...byHead.keys()].sort()).toEqual(['bo phan', 'trung tam']);
    expect(byHead.get('bo phan')).toEqual(['bo phan mot cua', 'bo phan tiep nhan va tra ket qua']);
    expect(heads.heads.find((h) => h.words.join(' ') === 'bo phan')?.terms).toEqual(new Set(analyzer.indexTerms('bộ phận')));
  });

  it('are used as common nouns after a count or plural word, not as the start of a name', () => {
    const free = (q: string) => heads.freeIn(words(q)).map((h) => h.words.join(' '));
    expect(free('thủ tục hành chính gồm những bộ phận nào')).toEqual(['bo phan']);
    expect(free('mot tthc gom cac bo phan nao')).toEqual(['bo phan']);
    expect(free('bộ phận nào tiếp nhận hồ sơ'), 'asks which unit').toEqual([]);
    expect(free('nộp ở trung tâm xã mình'), 'the name shortened').toEqual([]);
    expect(free('các bộ phận một cửa của tỉnh')).toEqual([]);
    expect(free('những bộ phận tiếp nhận trả kết quả cũ'), 'a name with a word left out').toEqual([]);
    expect(free('bộ phận một cửa gồm những bộ phận nào'), 'the question names the unit too').toEqual([]);
  });

  it('are held by a passage only inside names when every time it writes the head a name starts', () => {
    const bound = (p: string) => heads.boundIn(words(p), heads.heads).map((h) => h.words.join(' '));
    expect(bound('Bộ phận Một cửa trả kết quả; Trung tâm Phục vụ hành chính công tiếp nhận.')).toEqual(['bo phan', 'trung tam']);
    expect(bound('Thủ tục có các bộ phận tạo thành; Bộ phận Một cửa công khai thủ tục.')).toEqual([]);
    expect(bound('Thủ tục hành chính được công khai.'), 'a passage without the head').toEqual([]);
  });
});

describe('search with a head the question uses as a common noun', () => {
  const P = (id: string, doc: string, title: string, text: string): Passage => ({ id, doc, title, text });
  const passages = [
    P('desk1', '118/2025/NĐ-CP Nghị định về Bộ phận Một cửa', 'Điều 22. Trả kết quả giải quyết thủ tục hành chính', 'Bộ phận Một cửa trả kết quả giải quyết thủ tục hành chính; Bộ phận Một cửa báo trước cho người nhận khi trả kết quả thủ tục hành chính sớm.'),
    P('desk2', '118/2025/NĐ-CP Nghị định về Bộ phận Một cửa', 'Điều 17. Tiếp nhận hồ sơ thủ tục hành chính', 'Bộ phận Một cửa tiếp nhận hồ sơ thủ tục hành chính và chuyển hồ sơ thủ tục hành chính.'),
    P('parts', '63/2010/NĐ-CP Nghị định về kiểm soát thủ tục hành chính', 'Điều 8. Yêu cầu của việc quy định thủ tục hành chính', 'Một thủ tục hành chính chỉ được coi là quy định đầy đủ khi có các bộ phận tạo thành, gồm: tên thủ tục, trình tự, hồ sơ, thời hạn giải quyết.'),
  ];
  const withNames = buildPassageRetriever(passages, analyzer, parseGlossary(GLOSSARY).glossary);
  const without = buildPassageRetriever(passages, analyzer, emptyGlossary());

  it('does not count the head where a passage writes it only as a name', () => {
    const q = 'thủ tục hành chính gồm những bộ phận nào';
    const plain = without.search(q);
    const found = withNames.search(q);
    const coverage = (r: typeof found, id: string) => r.hits.find((h) => h.chunk.id === id)?.coverage ?? 0;
    for (const id of ['desk1', 'desk2']) expect(coverage(found, id), id).toBeLessThan(coverage(plain, id));
    expect(coverage(found, 'parts')).toBeCloseTo(coverage(plain, 'parts'), 9);
  });

  it('reads the head as absent from a top passage that holds it only inside a name (confidence features)', () => {
    const q = 'bộ phận một cửa gồm những bộ phận nào';
    const desk = [passages[0], passages[1]];
    const plain = buildPassageRetriever(desk, analyzer, emptyGlossary()).search('thủ tục hành chính gồm những bộ phận nào');
    const found = buildPassageRetriever(desk, analyzer, parseGlossary(GLOSSARY).glossary).search('thủ tục hành chính gồm những bộ phận nào');
    expect(found.hits[0]?.chunk.id).toBe(plain.hits[0]?.chunk.id);
    expect(found.features?.contentCoverage ?? 1).toBeLessThan(plain.features?.contentCoverage ?? 0);
    expect(found.features?.docCoverage ?? 1).toBeLessThan(plain.features?.docCoverage ?? 0);
    // The question names the unit itself: nothing is taken back.
    const named = buildPassageRetriever(desk, analyzer, parseGlossary(GLOSSARY).glossary).search(q);
    const unnamed = buildPassageRetriever(desk, analyzer, emptyGlossary()).search(q);
    for (const f of ['coverage', 'contentCoverage', 'bigramCoverage', 'docCoverage'] as const) expect(named.features?.[f], f).toBeCloseTo(unnamed.features?.[f] ?? -1, 9);
  });

  it('leaves a question that asks which unit as it was', () => {
    const q = 'bộ phận nào tiếp nhận hồ sơ thủ tục hành chính';
    expect(withNames.search(q).hits.map((h) => [h.chunk.id, h.coverage])).toEqual(without.search(q).hits.map((h) => [h.chunk.id, h.coverage]));
  });
});
