import { describe, it, expect } from 'vitest';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import { IntentDetector, askedClause, entryIntoForce, namedAsTime, namedLinks, statusAsk } from './intent.js';

const chunk = (docId: string, article: string, title: string, text: string): Chunk => ({
  id: `${docId}#D${article}`,
  docId,
  headings: [{ kind: 'article', number: article, heading: title }],
  citationPath: `Điều ${article}`,
  title: `Điều ${article}. ${title}`,
  text,
  hash: `${docId}${article}`,
});

const docs = new Map<string, DocumentMeta>([
  ['old.md', { number: '61/2018/NĐ-CP', title: 'Nghị định về một cửa', status: 'replaced', replacedBy: '118/2025/NĐ-CP', effectiveDate: '2018-06-21' }],
  ['new.md', { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa và Cổng Dịch vụ công', status: 'in_force', effectiveDate: '2025-07-01' }],
  ['fix.md', { number: '107/2021/NĐ-CP', title: 'Nghị định sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP', status: 'replaced', replacedBy: '118/2025/NĐ-CP' }],
]);
const chunks = [
  chunk('old.md', '1', 'Phạm vi', 'Nghị định quy định cơ chế một cửa.'),
  chunk('old.md', '14', 'Hiệu lực thi hành', 'Có hiệu lực từ ngày 21/6/2018.'),
  chunk('new.md', '1', 'Phạm vi', 'Nghị định quy định Bộ phận Một cửa; hướng dẫn tại Thông tư số 03/2025/TT-VPCP. Xem Điều 20.'),
  chunk('new.md', '11', 'Hiệu lực thi hành', 'Thay thế Nghị định số 61/2018/NĐ-CP.'),
  chunk('fix.md', '5', 'Hiệu lực thi hành', 'Có hiệu lực từ ngày 20/01/2022.'),
];
const detector = new IntentDetector(chunks, docs);

describe('entryIntoForce', () => {
  it('finds the article on entry into force by its heading, else by its text, else takes the first', () => {
    const scope = chunk('d.md', '1', 'Phạm vi điều chỉnh', 'Nghị định quy định về một cửa.');
    const final = chunk('d.md', '40', 'Điều khoản thi hành', 'Nghị định có hiệu lực từ ngày 01/7/2025.');
    const organise = chunk('d.md', '41', 'Trách nhiệm thi hành', 'Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này.');
    const transition = chunk('d.md', '42', 'Quy định chuyển tiếp', 'Hồ sơ nộp trước khi Nghị định này có hiệu lực từ ngày 01/7/2025 được giải quyết theo quy định cũ.');
    expect(entryIntoForce([scope, final, organise, transition]).id, 'the heading before a later mention').toBe('d.md#D40');
    expect(entryIntoForce([scope, chunk('d.md', '39', 'Hiệu lực thi hành', 'Có hiệu lực từ ngày ký.'), final]).id, 'a "hiệu lực" heading first').toBe('d.md#D39');
    const byText = chunk('d.md', '12', 'Tổ chức thực hiện', 'Quyết định này có hiệu lực kể từ ngày ký.');
    expect(entryIntoForce([scope, byText, organise]).id).toBe('d.md#D12');
    expect(entryIntoForce([scope, organise]).id).toBe('d.md#D1');
  });
});

describe('IntentDetector', () => {
  it('says a document is not in the index when the question is about it (named first), whatever it asks', () => {
    expect(detector.detect('nd 374/2025 sua doi nhung gi cua nd 118')).toMatchObject({ kind: 'not_in_index', what: 'document' });
    expect(detector.detect('nd 118 thay the nd 999/2020 the nao'), 'an unknown document named after a known one').not.toMatchObject({ kind: 'not_in_index' });
  });

  it('reads a bare "serial/year" as an indexed document, or as a document when validity is asked', () => {
    expect(detector.detect('107/2021 het hieu luc chua hay van dung')).toMatchObject({ kind: 'status', ask: 'validity', docId: 'fix.md' });
    expect(detector.detect('61/2018 quy dinh gi'), 'an indexed document, no status asked: an ordinary question').toBeUndefined();
    expect(detector.detect('99/2020 con hieu luc khong')).toMatchObject({ kind: 'not_in_index', what: 'document' });
    expect(detector.detect('so lieu 99/2020 la bao nhieu'), 'an unknown bare number without a validity question is not a document').toBeUndefined();
  });

  it('reads a validity question about a named document as a status question, citing its article on entry into force', () => {
    const i = detector.detect('nd 61 con hieu luc khong');
    expect(i).toMatchObject({ kind: 'status', ask: 'validity', docId: 'old.md' });
    expect(i?.kind === 'status' && i.chunk.id).toBe('old.md#D14');
    expect(i?.kind === 'status' && i.related.map((d) => d.number)).toEqual(['118/2025/NĐ-CP']);
  });

  it('finds what a document replaces and what it amends', () => {
    expect(detector.detect('nghị định 118 thay thế nghị định nào')).toMatchObject({ kind: 'status', ask: 'replaces' });
    const r = detector.detect('nghị định 118 thay thế nghị định nào');
    expect(r?.kind === 'status' && r.related.map((d) => d.number).sort()).toEqual(['107/2021/NĐ-CP', '61/2018/NĐ-CP']);
    const a = detector.detect('nđ 107/2021 sửa đổi bổ sung nđ nào');
    expect(a?.kind === 'status' && a.related.map((d) => d.number)).toEqual(['61/2018/NĐ-CP']);
  });

  it('does not name a document replaced by X among those X amends', () => {
    const linked = new Map<string, DocumentMeta>([
      ...docs,
      ['new.md', { ...(docs.get('new.md') as DocumentMeta), amends: [{ number: '63/2010/NĐ-CP' }] }],
      ['kst.md', { number: '48/2013/NĐ-CP', title: 'Nghị định kiểm soát', status: 'in_force', amendedBy: [{ number: '118/2025/NĐ-CP' }] }],
    ]);
    const d = new IntentDetector([...chunks, chunk('kst.md', '1', 'Phạm vi', 'Nghị định về kiểm soát thủ tục hành chính.')], linked);
    const a = d.detect('nd 118 sua doi nghi dinh nao');
    expect(a).toMatchObject({ kind: 'status', ask: 'amends', docId: 'new.md' });
    expect(a?.kind === 'status' && a.related.map((x) => x.number).sort()).toEqual(['48/2013/NĐ-CP', '63/2010/NĐ-CP']);
  });

  it('reads what a document replaces from its own text when no link records it, quoting that sentence', () => {
    const plain = new Map<string, DocumentMeta>([...docs, ['vt.md', { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force' }]]);
    const d = new IntentDetector(
      [...chunks, chunk('vt.md', '1', 'Phạm vi', 'Nghị định quy định về công tác văn thư.'), chunk('vt.md', '37', 'Hiệu lực thi hành', 'Nghị định có hiệu lực từ ngày ký. Nghị định số 110/2004/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực.')],
      plain,
    );
    const r = d.detect('nd 30/2020 thay the nd nao');
    expect(r).toMatchObject({ kind: 'status', ask: 'replaces', related: [], linkSentence: 'Nghị định số 110/2004/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực.' });
    expect(r?.kind === 'status' && r.statedIn?.chunk.id).toBe('vt.md#D37');
    expect(d.detect('nd 30/2020 sua doi nghi dinh nao'), 'no sentence names what it amends').not.toHaveProperty('linkSentence');
  });

  it('reads what a document replaces, amends or is amended by from its front-matter links', () => {
    const linked = new Map<string, DocumentMeta>([
      ...docs,
      ['law.md', { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force', replaces: [{ number: '65/2025/QH15', articles: 'Khoản 2 Điều 51' }] }],
      ['fix2.md', { number: '367/2025/NĐ-CP', title: 'Nghị định sửa đổi', status: 'in_force', amends: [{ number: '118/2025/NĐ-CP' }] }],
    ]);
    const d = new IntentDetector([...chunks, chunk('law.md', '51', 'Hiệu lực thi hành', 'Luật này có hiệu lực.'), chunk('fix2.md', '2', 'Hiệu lực thi hành', 'Có hiệu lực.')], linked);
    const r = d.detect('luat 72/2025 thay the luat nao');
    expect(r?.kind === 'status' && r.related.map((x) => x.number)).toEqual(['65/2025/QH15']);
    const a = d.detect('nd 118 con nguyen hieu luc hay bi sua roi');
    expect(a).toMatchObject({ kind: 'status', ask: 'amended_by', docId: 'new.md' });
    expect(a?.kind === 'status' && a.related.map((x) => x.number)).toEqual(['367/2025/NĐ-CP']);
    expect(d.detect('nd 118/2025 thay the nhung nghi dinh nao')).toMatchObject({ kind: 'status', ask: 'replaces' });
    const old = d.detect('nd 61 da duoc sua doi boi nd nao');
    expect(old, 'no amending document known: the intent stands, with nothing related').toMatchObject({ kind: 'status', ask: 'amended_by', docId: 'old.md', related: [] });
    expect(old).not.toHaveProperty('linkSentence');
  });

  it('points a "what amended / replaced it" question to the provision of the amending or replacing document that says so', () => {
    const linked = new Map<string, DocumentMeta>([
      ...docs,
      ['fix2.md', { number: '367/2025/NĐ-CP', title: 'Nghị định sửa đổi', status: 'in_force', amends: [{ number: '118/2025/NĐ-CP', articles: 'Điều 1' }] }],
      ['new.md', { ...(docs.get('new.md') as DocumentMeta), replaces: [{ number: '61/2018/NĐ-CP', articles: 'Khoản 1 Điều 11' }] }],
    ]);
    const d = new IntentDetector([...chunks, chunk('fix2.md', '1', 'Sửa đổi Nghị định 118', 'Sửa đổi Điều 5.'), chunk('fix2.md', '2', 'Hiệu lực thi hành', 'Có hiệu lực.')], linked);
    const a = d.detect('nd 118 bi sua roi');
    expect(a?.kind === 'status' && a.statedIn?.chunk.id).toBe('fix2.md#D1');
    expect(a?.kind === 'status' && a.statedIn?.doc.number).toBe('367/2025/NĐ-CP');
    expect(a?.kind === 'status' && a.chunk.id, 'its own chunk is kept').toBe('new.md#D11');
    const r = d.detect('nd 61 duoc thay the bang van ban nao');
    expect(r).toMatchObject({ kind: 'status', ask: 'replaced_by', docId: 'old.md' });
    expect(r?.kind === 'status' && r.statedIn?.chunk.id).toBe('new.md#D11');
    // "What does X replace": X's own article named by its link.
    const back = d.detect('nd 118 thay the nhung nghi dinh nao');
    expect(back).toMatchObject({ kind: 'status', ask: 'replaces', docId: 'new.md' });
    expect(back?.kind === 'status' && back.statedIn?.chunk.id).toBe('new.md#D11');
    // A link without an article, or another kind of question: nothing more to cite.
    expect(detector.detect('nd 61 duoc thay the bang van ban nao')).not.toHaveProperty('statedIn');
    expect(d.detect('nd 61 con hieu luc khong')).not.toHaveProperty('statedIn');
  });

  it('says a document is not in the index, unless the indexed text mentions it', () => {
    expect(detector.detect('nghị định 123/2024 quy định gì')).toEqual({ kind: 'not_in_index', what: 'document', reference: 'Nghị định 123/2024' });
    expect(detector.detect('thông tư 03/2025 hướng dẫn gì'), 'mentioned in an indexed article').toBeUndefined();
  });

  it('answers a status question about a document only other documents link from their links, or says it is not in the index with what they record', () => {
    const linked = new Map<string, DocumentMeta>([
      ['ctrl.md', { number: '63/2010/NĐ-CP', title: 'Nghị định về kiểm soát thủ tục hành chính', status: 'partly_expired', amendedBy: [{ number: '92/2017/NĐ-CP' }, { number: '48/2013/NĐ-CP', articles: 'Điều 1' }] }],
      ['one.md', { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force', amends: [{ number: '92/2017/NĐ-CP', articles: 'Khoản 6 Điều 40' }], replaces: [{ number: '61/2018/NĐ-CP', articles: 'Khoản 1 Điều 40' }] }],
    ]);
    const d = new IntentDetector([chunk('ctrl.md', '5', 'Cơ quan kiểm soát', 'Theo Nghị định số 48/2013/NĐ-CP và Nghị định số 92/2017/NĐ-CP.'), chunk('one.md', '40', 'Hiệu lực thi hành', 'Thay thế Nghị định số 61/2018/NĐ-CP.')], linked);
    // Its validity: nothing replaces it, so nothing recorded says; both links are told.
    expect(d.detect('nd 92/2017 con hieu luc ko')).toMatchObject({
      kind: 'not_in_index',
      what: 'document',
      reference: 'Nghị định 92/2017',
      recorded: [
        { doc: { number: '63/2010/NĐ-CP' }, relation: 'amended_by' },
        { doc: { number: '118/2025/NĐ-CP' }, relation: 'amends', articles: 'Khoản 6 Điều 40' },
      ],
    });
    // Which provisions it amends: the link records the document, not the provisions.
    expect(d.detect('nd 92/2017 sua doi nhung dieu nao cua nd 63')).toMatchObject({ kind: 'not_in_index', reference: 'Nghị định 92/2017' });
    // A link that answers is the answer, with the recording document's provision to cite.
    expect(d.detect('nd 48/2013 sua doi nd nao'), 'it amended 63/2010').toMatchObject({
      kind: 'recorded',
      ask: 'amends',
      links: [{ doc: { number: '63/2010/NĐ-CP' }, target: '48/2013/NĐ-CP', relation: 'amended_by', articles: 'Điều 1', chunk: { id: 'ctrl.md#D5' } }],
    });
    expect(d.detect('nd 48/2013 sua doi nhung dieu nao'), 'the link names the provisions').toMatchObject({ kind: 'recorded', ask: 'amends' });
    const replaced = d.detect('nd 61/2018 con hieu luc khong');
    expect(replaced, '118/2025 replaces it, Khoản 1 Điều 40').toMatchObject({ kind: 'recorded', ask: 'validity', links: [{ relation: 'replaces', target: '61/2018/NĐ-CP', chunk: { id: 'one.md#D40' } }] });
    expect(d.detect('nd 92/2017 duoc sua doi boi van ban nao'), '118/2025 amends it').toMatchObject({ kind: 'recorded', links: [{ doc: { number: '118/2025/NĐ-CP' }, relation: 'amends' }] });
    // Not a status question: searched, as any document the indexed text mentions.
    expect(d.detect('nd 92/2017 quy dinh gi')).toBeUndefined();
  });

  it('records that a replacement the index does not hold was replaced in turn, for status questions', () => {
    const laws = new Map<string, DocumentMeta>([
      ['l77.md', { number: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương', status: 'replaced', replacedBy: '65/2025/QH15' }],
      ['l72.md', { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force', replaces: [{ number: '65/2025/QH15', articles: 'Khoản 2 Điều 51' }] }],
    ]);
    const d = new IntentDetector([chunk('l77.md', '143', 'Hiệu lực thi hành', 'Luật có hiệu lực từ ngày 01/01/2016.'), chunk('l72.md', '51', 'Hiệu lực thi hành', 'Luật số 65/2025/QH15 hết hiệu lực.')], laws);
    expect(d.detect('luat 77/2015 con hieu luc ko')).toMatchObject({
      kind: 'status',
      onward: [{ doc: { number: '72/2025/QH15' }, target: '65/2025/QH15', relation: 'replaces', articles: 'Khoản 2 Điều 51', chunk: { id: 'l72.md#D51' } }],
    });
    expect(d.detect('luat 72/2025 con hieu luc ko'), 'a document in force').not.toHaveProperty('onward');
  });

  it('takes the document named first as the subject of a status question', () => {
    expect(detector.detect('tt 05/2019 huong dan nd 61 con ap dung khong')).toMatchObject({ kind: 'not_in_index', reference: 'Thông tư 05/2019' });
  });

  it('does not take a document named as the time of the question ("sau khi NĐ X có hiệu lực thì …") for its subject', () => {
    const d = new IntentDetector(
      [chunk('vtvl.md', '13', 'Hiệu lực thi hành', 'Các quy định về vị trí việc làm tại Nghị định số 62/2020/NĐ-CP hết hiệu lực.')],
      new Map<string, DocumentMeta>([['vtvl.md', { number: '361/2025/NĐ-CP', title: 'Nghị định về vị trí việc làm công chức', status: 'in_force', amends: [{ number: '62/2020/NĐ-CP', articles: 'Khoản 2 Điều 13' }] }]]),
    );
    const q = 'Sau khi NĐ 361/2025 có hiệu lực thì các quy định về biên chế trong NĐ 62/2020 có còn áp dụng không?';
    expect(d.detect(q), 'asks about 62/2020, which the index only links').toMatchObject({ kind: 'not_in_index', reference: 'Nghị định 62/2020' });
    expect(d.detect('nđ 361/2025 sửa nđ 62/2020, nđ 361/2025 còn hiệu lực không')).toMatchObject({ kind: 'status', doc: { number: '361/2025/NĐ-CP' } });
    expect(namedAsTime(q, { start: 8, end: 19 })).toBe(true);
    expect(namedAsTime('từ khi luật 80/2025 ra đời thì nđ 62/2020 còn dùng không', { start: 7, end: 19 })).toBe(true);
    expect(namedAsTime('khi nào nđ 361/2025 có hiệu lực', { start: 8, end: 19 }), '"khi nào" asks the time').toBe(false);
  });

  it('says an article is not in a document when it has no such article and never mentions it', () => {
    expect(detector.detect('điều 99 nđ 118 quy định gì')).toMatchObject({ kind: 'not_in_index', what: 'article', docNumber: '118/2025/NĐ-CP' });
    expect(detector.detect('điều 20 nđ 118 quy định gì'), 'mentioned in the text').toBeUndefined();
    expect(detector.detect('điều 1 nđ 118 quy định gì')).toBeUndefined();
  });

  it('leaves ordinary questions alone, also when they name a known document', () => {
    expect(detector.detect('thủ tục hành chính là gì')).toBeUndefined();
    expect(detector.detect('nđ 118 quy định bộ phận một cửa thế nào')).toBeUndefined();
  });

  it('reads only the last sentence of a long pasted message for its subject', () => {
    const pasted = `Thực hiện Kế hoạch số 45/KH-UBND ngày 10/3/2025 của Ủy ban nhân dân tỉnh về việc triển khai nhiệm vụ năm 2025, đề nghị các cơ quan, đơn vị rà soát, tổng hợp và báo cáo kết quả đúng thời hạn quy định. Vậy bộ phận một cửa cấp xã do ai tổ chức?`;
    expect(detector.detect(pasted)).toBeUndefined();
  });
});

describe('askedClause', () => {
  it('takes the clause after the last premise (", vậy", "rồi thế thì"), typed with marks or without', () => {
    expect(askedClause('NĐ 61/2018 bị thay rồi, vậy TT 01/2018 còn hiệu lực không')).toBe('TT 01/2018 còn hiệu lực không');
    expect(askedClause('nd 61 bi thay roi the thi tt 01 con dung dc ko')).toBe('tt 01 con dung dc ko');
    expect(askedClause('thủ tục này có trên cổng dịch vụ công không')).toBeUndefined();
    expect(askedClause('luật 80 hết hiệu lực rồi, vậy à')).toBeUndefined();
  });
});

describe('statusAsk', () => {
  it.each([
    ['nd 61 con hieu luc ko', 'validity'],
    ['luật này còn áp dụng được không', 'validity'],
    ['tờ trình còn trích dẫn NĐ 61/2018 được không', 'validity'],
    ['quy chế còn căn cứ vào nđ 107 dc ko', 'validity'],
    ['to trinh van ghi can cu luat 77/2015, gio con trich dan dc ko hay phai doi sang luat nao', 'replaced_by'],
    ['theo nđ 30 trích dẫn văn bản thế nào', undefined],
    ['có hiệu lực từ ngày nào', 'effective'],
    ['luật cbcc số 80 bắt đầu áp dụng ngày mấy vậy mn', 'effective'],
    ['nđ 63 kiểm soát thủ tục đến giờ vẫn áp dụng hay bị bãi bỏ rồi ạ', 'validity'],
    ['nghị định này đã bị bãi bỏ chưa', 'validity'],
    ['theo nđ 63 thủ tục bị bãi bỏ thì công bố thế nào', undefined],
    ['theo nđ 118 hồ sơ nộp trước 1/7 vẫn áp dụng quy định cũ không', undefined],
    ['nd 30 ap dung tu luc nao', 'effective'],
    ['NĐ 61/2018 lúc mới ban hành thì bắt đầu áp dụng từ hôm nào?', 'effective'],
    ['luật này có hiệu lực hôm nào', 'effective'],
    ['quyết định này ban hành ngày mấy', 'issued'],
    ['ban hành ngày nào', 'issued'],
    ['được thay thế bằng văn bản nào', 'replaced_by'],
    ['văn bản nào thay thế nghị định 61', 'replaced_by'],
    ['đã được sửa đổi bởi luật nào', 'amended_by'],
    ['thay thế nghị định nào', 'replaces'],
    ['sửa đổi bổ sung văn bản nào', 'amends'],
    ['nd 118/2025 thay the nhung nghi dinh nao', 'replaces'],
    ['luat 77 nam 2015 ra doi thi thay cho luat nao', 'replaces'],
    ['ai làm thay cho chủ tịch khi vắng', undefined],
    ['sửa đổi các văn bản nào', 'amends'],
    ['nd 118 con nguyen hieu luc khong', 'validity'],
    ['nd 118 bi sua roi a', 'amended_by'],
    ['nđ 118 do cơ quan nào ban hành', 'issuer'],
    ['ai ban hanh quyet dinh 4599', 'issuer'],
    ['nghị định 30 ban hành bởi ai', 'issuer'],
    ['nghị định 30 do ai ký ban hành', 'issuer'],
  ])('%s → %s', (q, ask) => {
    expect(statusAsk(q)).toBe(ask);
  });

  it('ignores questions that only mention validity in passing', () => {
    expect(statusAsk('thủ tục nộp hồ sơ trực tuyến')).toBeUndefined();
    expect(statusAsk('theo nđ 63 cơ quan nào ban hành thủ tục hành chính'), 'asks about the content').toBeUndefined();
  });
});

describe('namedLinks', () => {
  it('finds the relation a text names another document in, with the sentence, never the document itself', () => {
    const own = '61/2018/NĐ-CP';
    expect(namedLinks('Tình trạng hiệu lực: nghị định có hiệu lực từ ngày ký, thay thế Nghị định số 110/2004/NĐ-CP và Nghị định số 09/2010/NĐ-CP.', '30/2020/NĐ-CP')).toEqual(
      new Map([['replaces', 'Nghị định có hiệu lực từ ngày ký, thay thế Nghị định số 110/2004/NĐ-CP và Nghị định số 09/2010/NĐ-CP.']]),
    );
    expect([...namedLinks('Nghị định được sửa đổi, bổ sung bởi Nghị định số 107/2021/NĐ-CP và hết hiệu lực từ ngày 01/7/2025.', own).keys()]).toEqual(['amended_by']);
    expect([...namedLinks('Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP.', '107/2021/NĐ-CP').keys()]).toEqual(['amends']);
    expect(namedLinks('Nghị định số 61/2018/NĐ-CP hết hiệu lực từ ngày 01/7/2025.', own).size, 'its own end is no replacement').toBe(0);
    expect(namedLinks('Văn bản sai sót thì phải được sửa đổi, thay thế bằng văn bản có hình thức tương đương.', own).size).toBe(0);
  });
});
