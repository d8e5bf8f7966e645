import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import { Analyzer } from '../text/analyzer.js';
import { AnswerComposer } from '../answer/index.js';
import { answerByParts } from '../answer/multi-part.js';
import { buildSnapshot } from './reindex.js';
import { retrieverFromSnapshot } from './knowledge-base.js';
import { UnitMergers, namesIn } from './unit-mergers.js';

const NQ: DocumentMeta = { number: '202/2025/QH15', title: 'Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh', status: 'in_force', kind: 'summary' };

const ARTICLE = [
  '1. Tỉnh Hà Giang và tỉnh Tuyên Quang hợp thành tỉnh Tuyên Quang.',
  '11. Tỉnh Kon Tum và tỉnh Quảng Ngãi hợp thành tỉnh Quảng Ngãi.',
  '12. Tỉnh Bình Định và tỉnh Gia Lai hợp thành tỉnh Gia Lai.',
  '16. Thành phố Hồ Chí Minh, tỉnh Bà Rịa – Vũng Tàu và tỉnh Bình Dương hợp thành Thành phố Hồ Chí Minh.',
  '24. Sau sắp xếp cả nước có 34 đơn vị hành chính cấp tỉnh (28 tỉnh và 06 thành phố) và 11 đơn vị không sắp xếp là Cao Bằng, Nghệ An, thành phố Hà Nội và thành phố Huế.',
].join('\n');

const chunk: Chunk = {
  id: 'nq-202.md#D1',
  docId: 'nq-202.md',
  headings: [{ kind: 'article', number: '1', heading: 'Sắp xếp các đơn vị hành chính cấp tỉnh' }],
  citationPath: 'Điều 1',
  title: 'Điều 1. Sắp xếp các đơn vị hành chính cấp tỉnh',
  text: ARTICLE,
  hash: '1',
};
const other: Chunk = { ...chunk, id: 'x.md#D5', docId: 'x.md', text: 'Hội đồng nhân dân tỉnh Gia Lai họp thường lệ mỗi năm hai kỳ.' };

const communes: Chunk = {
  ...chunk,
  id: 'nq-1664.md#D1',
  docId: 'nq-1664.md',
  text: [
    '5. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Ia Khươl, Hà Tây và xã Tân Lập thành xã mới có tên gọi là xã Ia Khươl.',
    '9. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Tân Lập và xã Ia Băng thành xã mới có tên gọi là xã Ia Băng.',
  ].join('\n'),
};
const table = () => new UnitMergers([other, chunk, communes], () => NQ);
const clausesOf = (q: string) => table().lookup(q)?.map((c) => c.clause);

describe('namesIn', () => {
  it('reads the merged and the formed units of a clause, a dashed name and its parts, and initials of long names', () => {
    const names = namesIn('Thành phố Hồ Chí Minh, tỉnh Bà Rịa – Vũng Tàu và tỉnh Bình Dương hợp thành Thành phố Hồ Chí Minh.').map((n) => n.words.join(' '));
    expect(names).toEqual(expect.arrayContaining(['ho chi minh', 'hcm', 'tphcm', 'ba ria vung tau', 'ba ria', 'vung tau', 'brvt', 'binh duong']));
  });

  it('reads the units left as they were, and no words in brackets or lower case as names', () => {
    const names = namesIn('Sau sắp xếp cả nước có 34 đơn vị (28 tỉnh và 06 thành phố) và 11 đơn vị không sắp xếp là Cao Bằng, thành phố Hà Nội và thành phố Huế.').map((n) => n.words.join(' '));
    expect(names).toEqual(['cao bang', 'ha noi', 'hue']);
  });

  it('reads the Standing Committee\'s form for communes, a unit merged in part included', () => {
    const names = namesIn(
      'Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Ia Khươl, Hà Tây, xã Đăk Đoa và một phần diện tích tự nhiên, quy mô dân số của thị trấn Đăk Đoa thành xã mới có tên gọi là xã Đak Đoa.',
    ).map((n) => n.words.join(' '));
    expect(names).toEqual(['ia khuol', 'ha tay', 'dak doa', 'dak doa', 'dak doa']);
    expect(namesIn('Sau khi sắp xếp, tỉnh có 135 đơn vị hành chính cấp xã; 02 xã không thực hiện sắp xếp là xã Ia Grai và xã Krông.').map((n) => n.words.join(' '))).toEqual(['ia grai', 'krong']);
  });

  it('types by their initials only provinces and cities', () => {
    expect(namesIn('Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Hòa Bình Tây và xã Minh Hòa thành xã mới có tên gọi là xã Hòa Bình.').map((n) => n.words.join(' '))).not.toContain('hbt');
  });

  it('tells provinces from the units below them: by the unit formed, or for units left as they were by the level counted', () => {
    const levels = (x: string) => [...new Set(namesIn(x).map((n) => n.level))];
    expect(levels('Tỉnh Kon Tum và tỉnh Quảng Ngãi hợp thành tỉnh Quảng Ngãi.')).toEqual(['province']);
    expect(levels('Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Tân Lập và xã Ia Băng thành xã mới có tên gọi là xã Ia Băng.')).toEqual(['commune']);
    expect(levels('Sau sắp xếp cả nước có 34 đơn vị hành chính cấp tỉnh (28 tỉnh và 06 thành phố) và 11 đơn vị không sắp xếp là Cao Bằng, Nghệ An.')).toEqual(['province']);
    expect(levels('Sau khi sắp xếp, tỉnh có 135 đơn vị hành chính cấp xã; 02 xã không thực hiện sắp xếp là xã Ia Grai và xã Krông.')).toEqual(['commune']);
  });

  it('reads nothing from a sentence that merges no unit ("hợp thành" of other things)', () => {
    expect(namesIn('Các thành viên hợp thành Hội đồng thẩm định.')).toEqual([]);
  });
});

describe('UnitMergers.lookup', () => {
  it('answers where a former unit went, typed without marks, with the clause that merges it', () => {
    expect(clausesOf('ubnd tinh kon tum cu gio nhap vao dau roi, ten tinh moi la gi')).toEqual(['11']);
    expect(clausesOf('binh dinh sau sap nhap gio thuoc tinh nao vay mn')).toEqual(['12']);
    expect(clausesOf('bình dinh giờ thuộc tỉnh nào'), 'a name typed with marks on some words').toEqual(['12']);
    expect(clausesOf('vung tau gio thuoc thanh pho nao')).toEqual(['16']);
    expect(clausesOf('tphcm bay gio gom nhung tinh nao')).toEqual(['16']);
    expect(clausesOf('kon tum gio la tinh gi vay')).toEqual(['11']);
    expect(clausesOf('bình định nay thuộc về tỉnh nào')).toEqual(['12']);
    expect(clausesOf('xã hà tây đổi thành xã nào')).toEqual(['5']);
    // The merger verb first, the name asked a few words on.
    expect(clausesOf('bà con hỏi Kon Tum với Quảng Ngãi gộp lại thì giờ gọi là tỉnh gì vậy anh chị')).toEqual(['11']);
    expect(clausesOf('binh dinh sap nhap xong thi ten la tinh nao')).toEqual(['12']);
  });

  it('answers what a new unit is made of, and whether a unit was merged at all', () => {
    expect(clausesOf('tuyên quang bây giờ gồm những tỉnh cũ nào')).toEqual(['1']);
    expect(clausesOf('nghệ an có bị sáp nhập không')).toEqual(['24']);
    expect(clausesOf('thành phố huế có sáp nhập không')).toEqual(['24']);
  });

  it('answers for communes from the Standing Committee\'s form, and both clauses for a name two former communes share', () => {
    expect(clausesOf('xa ha tay gio thuoc xa nao')).toEqual(['5']);
    expect(clausesOf('xã Ia Băng mới gồm những xã nào')).toEqual(['9']);
    expect(clausesOf('xã tân lập nhập vào đâu')).toEqual(['5', '9']);
  });

  it('answers a question asking for a commune only from clauses on communes, not from the clause on the province it names', () => {
    // The province is where the commune is; its clause does not say which commune the former one joined.
    expect(clausesOf('Xã Cẩm Bình, huyện Cẩm Xuyên (Nghệ An) cũ giờ thuộc xã nào sau sắp xếp?')).toBeUndefined();
    expect(clausesOf('thi tran abc cua tinh kon tum cu gio la xa gi')).toBeUndefined();
    expect(clausesOf('xã Hà Tây (tỉnh Gia Lai) giờ thuộc xã nào')).toEqual(['5']);
    // Asked for both levels, or for the province: the province's clause answers.
    expect(clausesOf('xã hà tây của tỉnh bình định cũ giờ thuộc xã nào, tỉnh nào')).toEqual(['5', '12']);
    expect(clausesOf('nghệ an có bị sáp nhập không')).toEqual(['24']);
  });

  it('gives one clause per unit named, in the order named', () => {
    expect(clausesOf('bình định và kon tum nhập vào đâu')).toEqual(['12', '11']);
  });

  it('answers nothing when the question does not ask what became of the unit', () => {
    expect(clausesOf('trụ sở ubnd tỉnh gia lai mới đặt ở quy nhơn hay pleiku')).toBeUndefined();
    expect(clausesOf('hội đồng nhân dân tỉnh gia lai họp mấy kỳ')).toBeUndefined();
  });

  it('answers nothing for a unit the text does not name, or a name typed as other words', () => {
    expect(clausesOf('huyện đak pơ nhập vào đâu')).toBeUndefined();
    // "tham gia lại" folds to "tham gia lai" but is typed with other marks than Gia Lai.
    expect(clausesOf('sau sáp nhập công chức có được tham gia lại thi tuyển không, nhập vào đâu')).toBeUndefined();
    // A one-word name alone is too often another word: "huế" needs "thành phố" or "tp" before it.
    expect(clausesOf('hue co bi sap nhap khong')).toBeUndefined();
  });
});

describe('a merger question through search and the composer', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cchc-mergers-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir, { recursive: true });
  writeFileSync(
    join(knowledgeDir, 'nq-202.md'),
    ['---', 'number: 202/2025/QH15', 'title: Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh', 'doc_type: Nghị quyết', 'status: còn hiệu lực', '---', '', 'Điều 1. Sắp xếp các đơn vị hành chính cấp tỉnh', ARTICLE, '', 'Điều 2. Hiệu lực thi hành', '1. Nghị quyết có hiệu lực từ ngày được thông qua.', ''].join('\n'),
  );
  writeFileSync(
    join(knowledgeDir, 'luat-72.md'),
    ['---', 'number: 72/2025/QH15', 'title: Luật Tổ chức chính quyền địa phương', 'doc_type: Luật', 'status: còn hiệu lực', '---', '', 'Điều 2. Tổ chức chính quyền địa phương', 'Chính quyền địa phương ở tỉnh, thành phố trực thuộc trung ương và ở xã, phường, đặc khu gồm Hội đồng nhân dân và Ủy ban nhân dân.', '', 'Điều 9. Đặt tên, đổi tên đơn vị hành chính', 'Tên mới của đơn vị hành chính phải ngắn gọn, dễ đọc, dễ nhớ và không trùng với tên đơn vị hành chính cùng cấp.', ''].join('\n'),
  );
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir, analyzer });
  const { retriever } = retrieverFromSnapshot(content, analyzer);
  const composer = new AnswerComposer();

  it('leads with the clause word for word, cited by clause, and answers whatever search found', () => {
    const result = retriever.search('ubnd tinh kon tum cu gio nhap vao dau r, ten tinh moi la gi');
    expect(result.intent?.kind).toBe('merger');
    expect(composer.wouldAnswer(result)).toBe(true);
    const answer = composer.compose(result);
    expect(answer.kind).toBe('answer');
    if (answer.kind !== 'answer') return;
    expect(answer.lead).toBe('Theo Khoản 11 Điều 1 Nghị quyết 202/2025/QH15: Tỉnh Kon Tum và tỉnh Quảng Ngãi hợp thành tỉnh Quảng Ngãi.');
    expect(answer.citations[0]).toMatchObject({ docNumber: '202/2025/QH15', path: 'Khoản 11 Điều 1' });
    expect(answer.confidence).toBe(1);
  });

  it('puts several clauses of the article in one lead, in the article order', () => {
    const answer = composer.compose(retriever.search('bình định và kon tum giờ thuộc tỉnh nào'));
    expect(answer.kind === 'answer' && answer.lead).toBe(
      'Theo Khoản 11, 12 Điều 1 Nghị quyết 202/2025/QH15: Tỉnh Kon Tum và tỉnh Quảng Ngãi hợp thành tỉnh Quảng Ngãi. Tỉnh Bình Định và tỉnh Gia Lai hợp thành tỉnh Gia Lai.',
    );
  });

  it('names no part of the question as unanswered: the clause answers where the unit went and its new name', async () => {
    const q = 'tinh kon tum cu gio nhap vao dau r, ten tinh moi la gi';
    const path = { search: (t: string) => retriever.search(t), compose: (r: ReturnType<typeof retriever.search>) => composer.compose(r), wouldAnswer: (r: ReturnType<typeof retriever.search>) => composer.wouldAnswer(r) };
    const answer = await answerByParts(q, retriever.search(q), path);
    expect(answer.kind === 'answer' && answer.uncoveredParts).toBeFalsy();
  });

  it('leaves other questions about a province to search', () => {
    expect(retriever.search('hội đồng nhân dân tỉnh gia lai gồm những cơ quan nào').intent).toBeUndefined();
  });
});
