import { describe, it, expect } from 'vitest';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { SearchResult } from '../search/types.js';
import { AnswerComposer } from './composer.js';
import { foldDiacritics } from '../text/vietnamese.js';
import { statusLead, vnDate } from './status-answer.js';

const doc: DocumentMeta = { number: '61/2018/NĐ-CP', title: 'Nghị định về một cửa', status: 'replaced', replacedBy: '118/2025/NĐ-CP', effectiveDate: '2018-06-21' };
const next: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định mới', status: 'in_force', effectiveDate: '2025-07-01' };
const chunk: Chunk = {
  id: 'nd61.md#D14',
  docId: 'nd61.md',
  headings: [{ kind: 'article', number: '14', heading: 'Hiệu lực thi hành' }],
  citationPath: 'Điều 14',
  title: 'Điều 14. Hiệu lực thi hành',
  text: 'Nghị định có hiệu lực từ ngày 21/6/2018.',
  hash: 'h',
};
const base = (over: Partial<SearchResult>): SearchResult => ({
  query: 'q',
  hits: [{ chunk, doc, score: 3, coverage: 0.5 }],
  confidence: 0.2,
  queryWords: ['q'],
  ms: 1,
  ...over,
});
const composer = new AnswerComposer({ threshold: 0.5 });

/** A summary's article as a chunk of `docId`. */
const article = (docId: string, number: string, heading: string, text: string): Chunk => ({
  ...chunk,
  id: `${docId}#D${number}`,
  docId,
  headings: [{ kind: 'article', number, heading }],
  citationPath: `Điều ${number}`,
  title: `Điều ${number}. ${heading}`,
  text,
});

/** The composed reply to `query` when search found `found` (of `meta`) first, at `confidence`. */
const composeOver = (query: string, found: Chunk, meta: DocumentMeta, confidence: number) =>
  composer.compose(base({ query, normalized: query, queryWords: (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => foldDiacritics(w)), hits: [{ chunk: found, doc: meta, score: 3, coverage: 0.8 }], confidence }));

describe('AnswerComposer lead from a point of a list', () => {
  it('shows the clause\'s opening line before the point, so the lead keeps what the clause says of it', () => {
    const nd63: DocumentMeta = { number: '63/2010/NĐ-CP', title: 'Nghị định về kiểm soát thủ tục hành chính', status: 'in_force', kind: 'summary' };
    const scope = article('nd63.md', '1', 'Phạm vi điều chỉnh', ['1. Nghị định quy định việc kiểm soát thủ tục hành chính.', '2. Nghị định không áp dụng cho:', 'a) Thủ tục hành chính nội bộ;', 'b) Ba loại thủ tục: xử lý vi phạm hành chính; thanh tra; thủ tục có nội dung bí mật nhà nước.'].join('\n'));
    const a = composeOver('thủ tục thanh tra có thuộc phạm vi điều chỉnh không', scope, nd63, 0.9);
    expect(a.kind).toBe('answer');
    expect(a.kind === 'answer' && a.lead).toContain('Nghị định không áp dụng cho: b) Ba loại thủ tục: xử lý vi phạm hành chính; thanh tra;');
  });
});

describe('AnswerComposer routes', () => {
  const cases: Array<[string, Partial<SearchResult>, string, string]> = [
    ['social chat', { intent: { kind: 'social' }, hits: [], queryWords: [] }, 'chat', 'social'],
    ['junk', { intent: { kind: 'junk' }, hits: [], queryWords: [] }, 'chat', 'junk'],
    ['off-topic below the threshold', { offTopic: true }, 'chat', 'off_topic'],
    ['off-topic flag above the threshold (answers)', { offTopic: true, confidence: 0.9 }, 'answer', 'search'],
    ['status question', { intent: { kind: 'status', ask: 'validity', docId: 'nd61.md', doc, chunk, related: [next] } }, 'answer', 'status'],
    ['document not in the index', { intent: { kind: 'not_in_index', what: 'document', reference: 'Nghị định 123/2024' }, confidence: 0.9 }, 'escalate', 'not_in_index'],
    ['low confidence', {}, 'escalate', 'low_confidence'],
    ['nothing found', { hits: [] }, 'escalate', 'no_match'],
    ['confident search', { confidence: 0.8 }, 'answer', 'search'],
  ];
  it.each(cases)('%s', (_name, over, kind, detail) => {
    const result = base(over);
    const a = composer.compose(result);
    expect(a.kind).toBe(kind);
    expect(a.kind === 'answer' ? a.source : a.reason).toBe(detail);
    expect(composer.wouldAnswer(result), 'wouldAnswer must agree with compose').toBe(a.kind === 'answer');
  });

  it('cites and quotes first the provision of the replacing document that states the replacement, then the document asked about', () => {
    const d40: Chunk = { ...chunk, id: 'nd118.md#D40', docId: 'nd118.md', citationPath: 'Điều 40', title: 'Điều 40. Điều khoản thi hành', text: 'Nghị định này thay thế Nghị định số 61/2018/NĐ-CP.' };
    const intent = { kind: 'status' as const, ask: 'replaced_by' as const, docId: 'nd61.md', doc, chunk, related: [next], statedIn: { chunk: d40, doc: next } };
    const a = composer.compose(base({ intent }));
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.citations.map((c) => [c.docNumber, c.chunkId])).toEqual([
      ['118/2025/NĐ-CP', 'nd118.md#D40'],
      ['61/2018/NĐ-CP', 'nd61.md#D14'],
    ]);
    expect(a.passages[0].text).toContain('thay thế Nghị định số 61/2018/NĐ-CP');
  });

  it('says a partly expired document is up to date with its amendments when its summary includes them all', () => {
    const amended = { ...doc, number: '118/2025/NĐ-CP', status: 'partly_expired' as const, replacedBy: undefined, amendedBy: [{ number: '367/2025/NĐ-CP', articles: 'Điều 1' }] };
    const lead = (meta: DocumentMeta) => {
      const a = composer.compose(base({ intent: { kind: 'status', ask: 'validity', docId: 'nd118.md', doc: meta, chunk, related: [] } }));
      return a.kind === 'answer' ? a.lead : '';
    };
    expect(lead({ ...amended, consolidated: ['367/2025/NĐ-CP'] })).toBe('Nghị định 118/2025/NĐ-CP còn hiệu lực nhưng đã hết hiệu lực một phần; nội dung Trợ lý CCHC lưu đã cập nhật theo Nghị định 367/2025/NĐ-CP.');
    expect(lead(amended)).toBe('Nghị định 118/2025/NĐ-CP còn hiệu lực nhưng đã hết hiệu lực một phần; cần đối chiếu văn bản sửa đổi, thay thế.');
  });

  it('names the text in force when the replacement of a replaced document was replaced in turn, citing that record', () => {
    const l77: DocumentMeta = { number: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương', status: 'replaced', replacedBy: '65/2025/QH15' };
    const l72: DocumentMeta = { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force' };
    const d51: Chunk = { ...chunk, id: 'l72.md#D51', docId: 'l72.md', citationPath: 'Điều 51', text: 'Luật số 65/2025/QH15 hết hiệu lực.' };
    const onward = [{ doc: l72, target: '65/2025/QH15', relation: 'replaces' as const, articles: 'Khoản 2 Điều 51', chunk: d51 }];
    const l65: DocumentMeta = { number: '65/2025/QH15', title: '', status: 'unknown' };
    const a = composer.compose(base({ intent: { kind: 'status', ask: 'validity', docId: 'l77.md', doc: l77, chunk, related: [l65], onward } }));
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.lead).toMatch(/^Luật 77\/2015\/QH13 đã bị thay thế bởi Luật 65\/2025\/QH15; .* Luật 65\/2025\/QH15 cũng đã bị thay thế bởi Luật 72\/2025\/QH15 \(Khoản 2 Điều 51\)\.$/u);
    expect(a.citations.map((c) => c.chunkId)).toEqual(['nd61.md#D14', 'l72.md#D51']);
    // Asked who issued it, the lead stays on that.
    const issuer = composer.compose(base({ intent: { kind: 'status', ask: 'issuer', docId: 'l77.md', doc: { ...l77, issuer: 'Quốc hội' }, chunk, related: [], onward } }));
    expect(issuer.kind === 'answer' && issuer.lead).not.toMatch(/72\/2025/u);
  });

  it('cites the document without quoting its entry-into-force article when asked who issued it or when', () => {
    const issued = { ...doc, issuer: 'Chính phủ', issuedDate: '2018-04-23' };
    for (const ask of ['issuer', 'issued'] as const) {
      const a = composer.compose(base({ intent: { kind: 'status', ask, docId: 'nd61.md', doc: issued, chunk, related: [] } }));
      expect(a, ask).toMatchObject({ kind: 'answer', source: 'status', passages: [] });
      expect(a.citations.map((c) => c.chunkId), ask).toEqual(['nd61.md#D14']);
    }
    const validity = composer.compose(base({ intent: { kind: 'status', ask: 'validity', docId: 'nd61.md', doc, chunk, related: [next] } }));
    expect(validity.passages.map((p) => p.text), 'a validity answer quotes the article').toEqual(['Nghị định có hiệu lực từ ngày 21/6/2018.']);
  });

  it('falls back to search when the metadata cannot answer the status question', () => {
    const noDate = { ...doc, effectiveDate: undefined };
    const result = base({ confidence: 0.9, intent: { kind: 'status', ask: 'effective', docId: 'nd61.md', doc: noDate, chunk, related: [] } });
    expect(composer.compose(result)).toMatchObject({ kind: 'answer', source: 'search' });
  });

  it('says the date is not recorded when neither the metadata nor the document speaks of its entry into force', () => {
    const summary = { ...doc, number: '42/2022/NĐ-CP', status: 'partly_expired' as const, effectiveDate: undefined, issuedDate: '2022-06-24', replacedBy: undefined };
    const scope: Chunk = { ...chunk, id: 'nd42.md#s1', docId: 'nd42.md', headings: [], citationPath: '', title: 'Phạm vi áp dụng', text: 'Nghị định quy định việc cung cấp thông tin.' };
    const a = composer.compose(base({ confidence: 0.9, intent: { kind: 'status', ask: 'effective', docId: 'nd42.md', doc: summary, chunk: scope, related: [] } }));
    expect(a).toMatchObject({ kind: 'escalate', reason: 'not_in_index', passages: [] });
    if (a.kind !== 'escalate') throw new Error('expected an escalation');
    expect(a.message).toMatch(/^Cơ sở dữ liệu của Trợ lý CCHC chưa ghi ngày có hiệu lực của Nghị định 42\/2022\/NĐ-CP \(ban hành ngày 24\/6\/2022\)\./u);
    expect(a.message).toMatch(/còn hiệu lực nhưng đã hết hiệu lực một phần/u);
    expect(a.message).toMatch(/cán bộ phụ trách/u);
    expect(a.citations.map((c) => c.chunkId)).toEqual(['nd42.md#s1']);
    // Other questions about it, and a document whose own text states the date, are not affected.
    const validity = composer.compose(base({ intent: { kind: 'status', ask: 'validity', docId: 'nd42.md', doc: summary, chunk: scope, related: [] } }));
    expect(validity).toMatchObject({ kind: 'answer', source: 'status' });
  });
});

describe('AnswerComposer: what the metadata and the document do not record', () => {
  const scope = (text: string): Chunk => ({ ...chunk, id: 'x.md#s1', docId: 'x.md', headings: [], citationPath: '', title: 'Hiệu lực và văn bản thay thế', text });
  const compose = (ask: 'effective' | 'validity' | 'replaces' | 'amends' | 'amended_by', meta: DocumentMeta, text: string, extra: object = {}) =>
    composer.compose(base({ confidence: 0.9, intent: { kind: 'status', ask, docId: 'x.md', doc: meta, chunk: scope(text), related: [], ...extra } }));

  it('does not read the date a document ceased to apply as the date it took effect', () => {
    const old = { ...doc, number: '107/2021/NĐ-CP', effectiveDate: undefined, issuedDate: '2021-12-06' };
    const a = compose('effective', old, 'Nghị định được ký ngày 06/12/2021; ngày bắt đầu có hiệu lực chưa được đối chiếu. Nghị định này hết hiệu lực từ ngày 01/7/2025.');
    expect(a).toMatchObject({ kind: 'escalate', reason: 'not_in_index' });
    expect(a.kind === 'escalate' && a.message).toMatch(/^Cơ sở dữ liệu của Trợ lý CCHC chưa ghi ngày có hiệu lực của Nghị định 107\/2021\/NĐ-CP \(ban hành ngày 06\/12\/2021\)\. Theo dữ liệu hiện có: .*đã bị thay thế/u);
    expect(compose('effective', old, 'Nghị định này có hiệu lực thi hành kể từ ngày 20/01/2022.'), 'the text states it: search answers').toMatchObject({ kind: 'answer', source: 'search' });
  });

  it('tells what indexed documents record about a document the index does not hold, one sentence each', () => {
    const ctrl: DocumentMeta = { number: '63/2010/NĐ-CP', title: 'Nghị định về kiểm soát thủ tục hành chính', status: 'partly_expired' };
    const one: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force' };
    const a = composer.compose(base({ confidence: 0.9, intent: { kind: 'not_in_index', what: 'document', reference: 'Nghị định 92/2017', recorded: [
      { doc: ctrl, target: '92/2017/NĐ-CP', relation: 'amended_by', articles: 'Điều 1', chunk },
      { doc: one, target: '92/2017/NĐ-CP', relation: 'amends', articles: 'Khoản 6 Điều 40', chunk },
    ] } }));
    expect(a).toMatchObject({ kind: 'escalate', reason: 'not_in_index', passages: [] });
    expect(a.kind === 'escalate' && a.message).toBe(
      'Văn bản Nghị định 92/2017 chưa có trong cơ sở dữ liệu của Trợ lý CCHC, nên tôi không thể trả lời theo văn bản này. Dữ liệu hiện có chỉ ghi: ' +
        'Nghị định 63/2010/NĐ-CP đã được sửa đổi, bổ sung hoặc bãi bỏ một phần bởi Nghị định 92/2017/NĐ-CP (Điều 1). Nghị định 118/2025/NĐ-CP (Khoản 6 Điều 40) sửa đổi, bổ sung hoặc bãi bỏ một phần Nghị định 92/2017/NĐ-CP. ' +
        'Anh/chị có thể gửi câu hỏi cho cán bộ phụ trách.',
    );
  });

  it('answers whether a document the index lacks is in force from the link of the document that replaced it, quoting that provision', () => {
    const l72: DocumentMeta = { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force' };
    const d51: Chunk = { ...chunk, id: 'l72.md#D51', docId: 'l72.md', citationPath: 'Điều 51', title: 'Điều 51. Hiệu lực thi hành', text: '2. Luật Tổ chức chính quyền địa phương số 65/2025/QH15 hết hiệu lực từ ngày Luật này có hiệu lực.' };
    const result = base({ confidence: 0.1, intent: { kind: 'recorded', ask: 'validity', reference: 'Luật 65/2025', links: [{ doc: l72, target: '65/2025/QH15', relation: 'replaces', articles: 'Khoản 2 Điều 51', chunk: d51 }] } });
    const a = composer.compose(result);
    expect(a).toMatchObject({ kind: 'answer', source: 'status', lead: 'Luật 65/2025/QH15 không còn là quy định hiện hành: Luật 72/2025/QH15 (Khoản 2 Điều 51) thay thế Luật 65/2025/QH15.' });
    expect(a.citations.map((c) => c.chunkId)).toEqual(['l72.md#D51']);
    expect(a.passages[0].text).toContain('65/2025/QH15 hết hiệu lực');
    expect(composer.wouldAnswer(result)).toBe(true);
    // Asked what replaced it, the link is told as it stands.
    const by = composer.compose(base({ intent: { kind: 'recorded', ask: 'replaced_by', reference: 'Luật 65/2025', links: [{ doc: l72, target: '65/2025/QH15', relation: 'replaces', articles: 'Khoản 2 Điều 51', chunk: d51 }] } }));
    expect(by.kind === 'answer' && by.lead).toBe('Luật 72/2025/QH15 (Khoản 2 Điều 51) thay thế Luật 65/2025/QH15.');
  });

  it('says a status recorded as unknown is not recorded, instead of answering from a passage', () => {
    const unknown: DocumentMeta = { number: '4599/QĐ-UBND', title: 'Quyết định phê duyệt Đề án', status: 'unknown', issuedDate: '2022-12-31' };
    const a = compose('validity', unknown, 'Quyết định phê duyệt Đề án cho giai đoạn 2022 – 2030.');
    expect(a).toMatchObject({ kind: 'escalate', reason: 'not_in_index' });
    expect(a.kind === 'escalate' && a.message).toBe('Cơ sở dữ liệu của Trợ lý CCHC chưa ghi tình trạng hiệu lực của Quyết định 4599/QĐ-UBND (ban hành ngày 31/12/2022). Anh/chị có thể gửi câu hỏi cho cán bộ phụ trách.');
  });

  it('says what a document replaces, amends or was amended by is not recorded, with its status', () => {
    const partly: DocumentMeta = { number: '42/2022/NĐ-CP', title: 'Nghị định về dịch vụ công trực tuyến', status: 'partly_expired' };
    const r = compose('replaces', partly, 'Nghị định quy định việc cung cấp thông tin.');
    expect(r.kind === 'escalate' && r.message).toMatch(/^Cơ sở dữ liệu của Trợ lý CCHC chưa ghi văn bản mà Nghị định 42\/2022\/NĐ-CP thay thế\. Theo dữ liệu hiện có: .*hết hiệu lực một phần/u);
    expect(compose('amends', partly, 'Nghị định quy định việc cung cấp thông tin.')).toMatchObject({ kind: 'escalate', message: expect.stringMatching(/chưa ghi văn bản mà Nghị định 42\/2022\/NĐ-CP sửa đổi, bổ sung\./u) });
    const a = compose('amended_by', doc, 'Nghị định có hiệu lực từ ngày 21/6/2018.');
    expect(a.kind === 'escalate' && a.message, 'the replacement is named from the front matter').toMatch(/chưa ghi văn bản sửa đổi, bổ sung Nghị định 61\/2018\/NĐ-CP\. Theo dữ liệu hiện có: Nghị định 61\/2018\/NĐ-CP đã bị thay thế bởi Nghị định 118\/2025\/NĐ-CP/u);
  });

  it('answers from the sentence of the document that names what it replaces when no link records it', () => {
    const d37: Chunk = { ...chunk, id: 'nd30.md#D37', docId: 'nd30.md', citationPath: 'Điều 37', title: 'Điều 37. Hiệu lực thi hành', text: 'Nghị định có hiệu lực từ ngày ký. Nghị định số 110/2004/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực.' };
    const vt: DocumentMeta = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force' };
    const sentence = 'Nghị định số 110/2004/NĐ-CP hết hiệu lực kể từ ngày Nghị định này có hiệu lực.';
    const a = compose('replaces', vt, 'Phạm vi điều chỉnh.', { statedIn: { chunk: d37, doc: vt }, linkSentence: sentence });
    expect(a).toMatchObject({ kind: 'answer', source: 'status', lead: `Theo Điều 37 Nghị định 30/2020/NĐ-CP: ${sentence}` });
    expect(a.citations[0].chunkId).toBe('nd30.md#D37');
  });
});

describe('AnswerComposer: a definition of another term', () => {
  const d3: Chunk = {
    ...chunk,
    id: 'nd118.md#D3',
    docId: 'nd118.md',
    headings: [{ kind: 'article', number: '3', heading: 'Giải thích từ ngữ' }],
    citationPath: 'Điều 3',
    title: 'Điều 3. Giải thích từ ngữ',
    text: '1. Cơ chế một cửa: một cơ quan tiếp nhận, giải quyết và trả kết quả.\n5. Hệ thống thông tin giải quyết thủ tục hành chính là nền tảng thống nhất để tiếp nhận, giải quyết thủ tục.',
  };
  const ask = (query: string, folded: string[], written: string) =>
    composer.compose(base({ query, queryWords: folded, confidence: 0.9, hits: [{ chunk: d3, doc: next, score: 3, coverage: 0.9 }], definitionAsked: { folded, written } }));

  it('declines "X là gì" led by a definitions article that defines other terms, naming X only as typed with its marks', () => {
    const folded = ['he', 'thong', 'thong', 'tin', 'mot', 'cua', 'dien', 'tu'];
    expect(ask('hệ thống thông tin một cửa điện tử là gì', folded, 'hệ thống thông tin một cửa điện tử')).toMatchObject({
      kind: 'escalate',
      message: 'Tôi chưa tìm thấy định nghĩa “hệ thống thông tin một cửa điện tử” trong các văn bản hiện có.',
    });
    expect(ask('he thong thong tin mot cua dien tu la gi', folded, 'he thong thong tin mot cua dien tu')).toMatchObject({
      kind: 'escalate',
      message: 'Tôi chưa tìm thấy định nghĩa của khái niệm anh/chị hỏi trong các văn bản hiện có.',
    });
  });

  it('answers when the article defines the term asked', () => {
    expect(ask('cơ chế một cửa là gì', ['co', 'che', 'mot', 'cua'], 'cơ chế một cửa')).toMatchObject({ kind: 'answer', source: 'search' });
  });

  it('declines "X là gì" led by a sentence that names X in passing, naming X as the text writes it', () => {
    const d7: Chunk = { ...chunk, id: 'nd31.md#D7', docId: 'nd31.md', headings: [{ kind: 'article', number: '7', heading: 'Vi phạm về thu nộp hồ sơ' }], citationPath: 'Điều 7', title: 'Điều 7. Vi phạm về thu nộp hồ sơ', text: '1. Phạt cảnh cáo khi không lập Biên bản thu nộp hồ sơ, tài liệu vào lưu trữ lịch sử.' };
    const folded = ['luu', 'tru', 'lich', 'su'];
    const a = composer.compose(base({ query: 'lưu trữ lịch sữ là gì', queryWords: folded, confidence: 0.9, hits: [{ chunk: d7, doc: next, score: 3, coverage: 0.9 }], definitionAsked: { folded, written: 'lưu trữ lịch sữ' } }));
    expect(a).toMatchObject({ kind: 'escalate', message: 'Tôi chưa tìm thấy định nghĩa “lưu trữ lịch sử” trong các văn bản hiện có.' });
  });
});

describe('AnswerComposer: a number asked and not given', () => {
  const article = (text: string): Chunk => ({ ...chunk, id: 'l72.md#D5', docId: 'l72.md', title: 'Điều 5. Hội đồng nhân dân', headings: [{ kind: 'article', number: '5', heading: 'Hội đồng nhân dân' }], citationPath: 'Điều 5', text });
  const law: DocumentMeta = { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force' };
  const ask = (q: string, text: string) =>
    composer.compose(base({ query: q, queryWords: q.toLowerCase().split(' ').map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd')), confidence: 0.9, hits: [{ chunk: article(text), doc: law, score: 3, coverage: 0.9 }] }));

  it('does not answer "có bao nhiêu X" with a sentence that gives no number of X, and says so', () => {
    const a = ask('hội đồng nhân dân xã có bao nhiêu đại biểu', '2. Đại biểu Hội đồng nhân dân đại diện cho ý chí, nguyện vọng của Nhân dân địa phương.');
    expect(a).toMatchObject({ kind: 'escalate', reason: 'low_confidence', message: 'Tôi chưa tìm thấy quy định nêu con số anh/chị hỏi.' });
    expect(composer.wouldAnswer(base({ query: 'hội đồng nhân dân xã có bao nhiêu đại biểu', queryWords: ['hoi', 'dong', 'nhan', 'dan', 'xa', 'co', 'bao', 'nhieu', 'dai', 'bieu'], confidence: 0.9, hits: [{ chunk: article('2. Đại biểu Hội đồng nhân dân đại diện cho ý chí.'), doc: law, score: 3, coverage: 0.9 }] }))).toBe(false);
  });

  it('does not answer a question about a day of the week with a lead that speaks of no day, and says so', () => {
    const q = 'ủy ban nhân dân xã có phải làm việc sáng thứ 7 không';
    const a = ask(q, '1. Ủy ban nhân dân xã làm việc theo chế độ tập thể kết hợp với trách nhiệm của Chủ tịch.');
    expect(a).toMatchObject({ kind: 'escalate', reason: 'low_confidence', message: 'Tôi chưa tìm thấy quy định nêu ngày anh/chị hỏi.' });
    expect(ask(q, '1. Ủy ban nhân dân xã làm việc từ thứ hai đến sáng thứ 7 hằng tuần.')).toMatchObject({ kind: 'answer' });
  });

  it('does not answer who pays with a lead that speaks of no fee or cost, and says so', () => {
    const q = 'hội đồng nhân dân xã họp thì tiền in tài liệu ai trả';
    expect(ask(q, '1. Hội đồng nhân dân xã họp thường lệ mỗi năm ít nhất hai kỳ; tài liệu gửi đại biểu trước kỳ họp.')).toMatchObject({
      kind: 'escalate',
      message: 'Tôi chưa tìm thấy quy định nêu việc chi trả, phí anh/chị hỏi.',
    });
    expect(ask(q, '1. Kinh phí in tài liệu kỳ họp Hội đồng nhân dân xã do ngân sách xã chi trả.')).toMatchObject({ kind: 'answer' });
  });

  it('does not answer "bao lâu" with a sentence that gives no span of time, and says so; answers when it does', () => {
    const q = 'hội đồng nhân dân xã họp thường lệ bao lâu một lần';
    expect(ask(q, '2. Hội đồng nhân dân xã họp công khai, đại biểu phải tham dự đầy đủ các kỳ họp.')).toMatchObject({ kind: 'escalate', reason: 'low_confidence', message: 'Tôi chưa tìm thấy quy định nêu thời hạn anh/chị hỏi.' });
    expect(ask(q, '2. Hội đồng nhân dân xã họp thường lệ mỗi năm ít nhất hai lần, 06 tháng một lần.')).toMatchObject({ kind: 'answer', source: 'search' });
  });

  it('does not answer an amount with a clause whose only numbers cite articles, documents and dates', () => {
    const q = 'chế độ bồi dưỡng cho đại biểu bao nhiêu một ngày';
    expect(ask(q, '2. Đại biểu Hội đồng nhân dân được bảo đảm điều kiện hoạt động theo Khoản 3 Điều 1 Nghị định số 367/2025/NĐ-CP ngày 01/7/2025.')).toMatchObject({ kind: 'escalate', reason: 'low_confidence', message: 'Tôi chưa tìm thấy quy định nêu con số anh/chị hỏi.' });
    expect(ask(q, '2. Đại biểu Hội đồng nhân dân được bồi dưỡng 200.000 đồng một ngày họp.')).toMatchObject({ kind: 'answer', source: 'search' });
  });

  it('reads what is asked from the question alone when it came under a pasted text', () => {
    const query = 'Kế hoạch yêu cầu báo cáo có bao nhiêu đại biểu tham dự trước ngày 30/6/2025, đề nghị các xã rà soát. Cho em hỏi đại biểu hội đồng nhân dân đại diện cho ai';
    const normalized = 'đại biểu hội đồng nhân dân đại diện cho ai';
    const result = (pasted: boolean) =>
      base({ query, normalized, ...(pasted ? { pasted: true as const } : {}), queryWords: ['dai', 'bieu', 'hoi', 'dong', 'nhan', 'dan', 'dien', 'cho', 'ai'], confidence: 0.9, hits: [{ chunk: article('2. Đại biểu Hội đồng nhân dân đại diện cho ý chí, nguyện vọng của Nhân dân địa phương.'), doc: law, score: 3, coverage: 0.9 }] });
    expect(composer.compose(result(true))).toMatchObject({ kind: 'answer', source: 'search' });
    // Read with the pasted notice, its "có bao nhiêu đại biểu" asked a count no answer gives.
    expect(composer.compose(result(false))).toMatchObject({ kind: 'escalate', message: 'Tôi chưa tìm thấy quy định nêu con số anh/chị hỏi.' });
  });

  it('answers it when the sentence gives the number', () => {
    const a = ask('hội đồng nhân dân xã có bao nhiêu đại biểu', '2. Hội đồng nhân dân xã có 15 đại biểu.');
    expect(a).toMatchObject({ kind: 'answer', source: 'search' });
  });

  it('reads a question that ends in "bao nhiêu" as asking for an amount, not a count of its own first word', () => {
    // The question as typed and as normalised were read run together ("… tối đa bao nhiêu chủ tịch …"): a
    // count of "chủ" was asked for, which no answer gives, and the amount in the passage was withheld.
    const q = 'chủ tịch ủy ban nhân dân tỉnh phạt tối đa bao nhiêu';
    const words = q.toLowerCase().split(' ').map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd'));
    const hit = { chunk: article('2. Chủ tịch Ủy ban nhân dân cấp tỉnh được phạt tiền đến 30.000.000 đồng.'), doc: law, score: 3, coverage: 0.9 };
    for (const normalized of [q, `${q} ạ`]) {
      const result = base({ query: q, normalized, queryWords: words, confidence: 0.9, hits: [hit] });
      expect(composer.compose(result)).toMatchObject({ kind: 'answer', source: 'search' });
      expect(composer.wouldAnswer(result)).toBe(true);
    }
  });
});

describe('statusLead', () => {
  const intent = (ask: 'validity' | 'effective' | 'replaced_by' | 'amended_by', d: DocumentMeta, related: DocumentMeta[]) => ({ kind: 'status' as const, ask, docId: 'x', doc: d, chunk, related });
  it('says a replaced document is replaced, by what and from when', () => {
    expect(statusLead(intent('validity', doc, [next]))).toBe(
      'Nghị định 61/2018/NĐ-CP đã bị thay thế bởi Nghị định 118/2025/NĐ-CP từ ngày 01/7/2025; nội dung của văn bản này không còn là quy định hiện hành.',
    );
  });
  it('answers the date of entry into force, and the current status when it is not in force', () => {
    expect(statusLead(intent('effective', next, []))).toBe('Nghị định 118/2025/NĐ-CP có hiệu lực từ ngày 01/7/2025.');
    expect(statusLead(intent('effective', doc, [next]))).toMatch(/^Nghị định 61\/2018\/NĐ-CP có hiệu lực từ ngày 21\/6\/2018\. .*đã bị thay thế/);
  });
  it('says a document in force has not been replaced', () => {
    expect(statusLead(intent('replaced_by', next, []))).toBe('Nghị định 118/2025/NĐ-CP còn hiệu lực, chưa bị văn bản nào thay thế.');
  });
  it('says what amended a document, then whether it is still in force', () => {
    const amending: DocumentMeta = { number: '107/2021/NĐ-CP', title: 'Nghị định sửa đổi', status: 'replaced' };
    expect(statusLead(intent('amended_by', doc, [amending]))).toBe(
      'Nghị định 61/2018/NĐ-CP đã được sửa đổi, bổ sung hoặc bãi bỏ một phần bởi Nghị định 107/2021/NĐ-CP. Nghị định 61/2018/NĐ-CP đã bị thay thế bởi Nghị định 118/2025/NĐ-CP; nội dung của văn bản này không còn là quy định hiện hành.',
    );
  });
  it('says who issued a document, and when, from its metadata; nothing when the issuer is not recorded', () => {
    const issued = { ...next, issuer: 'Chính phủ', issuedDate: '2025-06-09' };
    expect(statusLead({ ...intent('validity', issued, []), ask: 'issuer' })).toBe('Nghị định 118/2025/NĐ-CP do Chính phủ ban hành ngày 09/6/2025.');
    expect(statusLead({ ...intent('validity', { ...issued, issuedDate: undefined }, []), ask: 'issuer' })).toBe('Nghị định 118/2025/NĐ-CP do Chính phủ ban hành.');
    expect(statusLead({ ...intent('validity', next, []), ask: 'issuer' })).toBeUndefined();
  });
  it('writes dates as legal texts do', () => {
    expect(vnDate('2025-07-01')).toBe('01/7/2025');
  });
});

describe('AnswerComposer search answers', () => {
  const nd118: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force', sourceUrl: 'https://vanban.chinhphu.vn/?docid=1' };
  const d17: Chunk = {
    id: 'nd118.md#D17',
    docId: 'nd118.md',
    headings: [{ kind: 'article', number: '17', heading: 'Tiếp nhận hồ sơ thủ tục hành chính' }],
    citationPath: 'Điều 17',
    title: 'Điều 17. Tiếp nhận hồ sơ thủ tục hành chính',
    text: [
      '1. Với hồ sơ nộp trực tiếp, người tiếp nhận kiểm tra tính chính xác, đầy đủ của hồ sơ.',
      '2. Với hồ sơ nộp trực tuyến, Cổng Dịch vụ công quốc gia phản hồi tự động. Người tiếp nhận phải thông báo tiếp nhận không muộn hơn 08 giờ làm việc kể từ khi hệ thống tiếp nhận hồ sơ. Thông báo gửi vào tài khoản của người nộp.',
    ].join('\n'),
    hash: 'h17',
  };
  const q = 'hồ sơ nộp trực tuyến thì bao lâu phải thông báo tiếp nhận';
  const words = ['ho', 'so', 'nop', 'truc', 'tuyen', 'thi', 'bao', 'lau', 'phai', 'thong', 'bao', 'tiep', 'nhan'];
  const search = (hits: SearchResult['hits']) => composer.compose(base({ query: q, queryWords: words, hits, confidence: 0.9 }));

  it('opens with the direct answer "Theo Khoản … Điều … <document>: <sentence>", never "Tôi tìm thấy"', () => {
    const a = search([{ chunk: d17, doc: nd118, score: 9, coverage: 0.8 }]);
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.lead.startsWith('Theo Khoản 2 Điều 17 Nghị định 118/2025/NĐ-CP: '), a.lead).toBe(true);
    expect(a.lead).toContain('Người tiếp nhận phải thông báo tiếp nhận không muộn hơn 08 giờ làm việc kể từ khi hệ thống tiếp nhận hồ sơ.');
    expect(a.lead).not.toMatch(/Tôi tìm thấy|đối chiếu/u);
    expect(a.passages[0].text, 'the quote keeps its clause number').toMatch(/^2\. Với hồ sơ nộp trực tuyến/u);
    expect(a.citations[0]).toMatchObject({ marker: 1, path: 'Khoản 2 Điều 17', url: 'https://vanban.chinhphu.vn/?docid=1', chunkId: 'nd118.md#D17' });
  });

  it('puts documents in force first and keeps the notice of an outdated one', () => {
    const old: Chunk = { ...d17, id: 'nd61.md#D17', docId: 'nd61.md' };
    const a = search([{ chunk: old, doc, score: 10, coverage: 0.8 }, { chunk: d17, doc: nd118, score: 9, coverage: 0.8 }]);
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.lead).toMatch(/^Theo Khoản 2 Điều 17 Nghị định 118\/2025\/NĐ-CP:/u);
    const docs = a.citations.map((c) => c.docNumber);
    expect(docs[0]).toBe('118/2025/NĐ-CP');
    expect(docs.at(-1), 'the replaced document is listed last').toBe('61/2018/NĐ-CP');
    expect(a.notices.join(' ')).toContain('61/2018/NĐ-CP đã bị thay thế');
  });

  it('keeps a replaced document first when the current one below it did not replace it', () => {
    const old: Chunk = { ...d17, id: 'nd61.md#D17', docId: 'nd61.md' };
    const unrelated: DocumentMeta = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force' };
    const other: Chunk = { ...d17, id: 'nd30.md#D17', docId: 'nd30.md' };
    const a = search([{ chunk: old, doc, score: 10, coverage: 0.8 }, { chunk: other, doc: unrelated, score: 9, coverage: 0.8 }]);
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.citations[0].docNumber, 'an unrelated current document displaced the best source').toBe('61/2018/NĐ-CP');
  });

  it('puts first the document in force that replaced the successor named by an outdated one (a chain of replacements)', () => {
    // 77/2015 names 65/2025 as its successor; 65/2025 is not indexed, 72/2025 replaced it.
    const law77: DocumentMeta = { number: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương', status: 'replaced', replacedBy: '65/2025/QH15' };
    const law72: DocumentMeta = { ...nd118, number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', replaces: [{ number: '65/2025/QH15' }] };
    const old: Chunk = { ...d17, id: 'l77.md#D17', docId: 'l77.md' };
    const current: Chunk = { ...d17, id: 'l72.md#D17', docId: 'l72.md' };
    const a = search([{ chunk: old, doc: law77, score: 10, coverage: 0.8 }, { chunk: current, doc: law72, score: 9, coverage: 0.8 }]);
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.citations.map((c) => c.docNumber)).toEqual(['72/2025/QH15', '77/2015/QH13']);
    // A current document that replaced something else does not displace it.
    const other: DocumentMeta = { ...law72, number: '80/2025/QH15', replaces: [{ number: '22/2008/QH12' }] };
    const b = search([{ chunk: old, doc: law77, score: 10, coverage: 0.8 }, { chunk: current, doc: other, score: 9, coverage: 0.8 }]);
    if (b.kind !== 'answer') throw new Error('expected an answer');
    expect(b.citations[0].docNumber).toBe('77/2015/QH13');
  });

  it('abstains briefly: why, and one passage of the best source; staff still get every source found', () => {
    const a = composer.compose(base({ hits: [{ chunk: d17, doc: nd118, score: 9, coverage: 0.3 }, { chunk, doc, score: 8, coverage: 0.3 }] }));
    expect(a).toMatchObject({ kind: 'escalate', reason: 'low_confidence' });
    expect(a.kind === 'escalate' && a.message).toBe('Tôi chưa tìm thấy quy định nói đúng về câu hỏi này.');
    expect(a.passages).toHaveLength(1);
    expect(a.citations.map((c) => c.chunkId)).toEqual(['nd118.md#D17', 'nd61.md#D14']);
  });

  it('offers no source below the pointer confidence: the official reads that nothing related was found, staff keep the sources', () => {
    const hits = [{ chunk: d17, doc: nd118, score: 9, coverage: 0.3 }];
    const low = composer.compose(base({ hits, confidence: 0.05 }));
    expect(low).toMatchObject({ kind: 'escalate', reason: 'no_match', message: 'Tôi không tìm thấy quy định nào liên quan đến câu hỏi này.', passages: [], notices: [] });
    expect(low.citations.map((c) => c.chunkId), 'staff still see what search found').toEqual(['nd118.md#D17']);
    expect(composer.compose(base({ hits, confidence: 0.1 })), 'at the pointer confidence the source is offered').toMatchObject({ reason: 'low_confidence' });
    expect(new AnswerComposer({ threshold: 0.5, pointerConfidence: 0 }).compose(base({ hits, confidence: 0.05 }))).toMatchObject({ reason: 'low_confidence' });
  });
});

describe('AnswerComposer caution below 0.8', () => {
  const current: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force', effectiveDate: '2025-07-01' };
  const d17: Chunk = { ...chunk, id: 'nd118.md#D17', docId: 'nd118.md', citationPath: 'Điều 17', title: 'Điều 17. Tiếp nhận hồ sơ', text: 'Hồ sơ đủ thì lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả.' };
  const result = (confidence: number) => base({ hits: [{ chunk: d17, doc: current, score: 3, coverage: 0.8 }], confidence, queryWords: ['giay', 'tiep', 'nhan', 'ho', 'so'] });
  const unsure = 'có thể chưa đúng ý anh/chị hỏi';

  it('says first that the answer may not be what was asked when the confidence is under the caution line', () => {
    const a = composer.compose(result(0.7));
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.notices[0]).toContain(unsure);
    expect(a.notices[0]).toContain('Hỏi cán bộ');
  });

  it('says nothing of the kind above it, or when the caution is off', () => {
    const high = composer.compose(result(0.85));
    const off = new AnswerComposer({ threshold: 0.5, cautionBelow: 0 }).compose(result(0.7));
    for (const a of [high, off]) {
      if (a.kind !== 'answer') throw new Error('expected an answer');
      expect(a.notices.join(' ')).not.toContain(unsure);
    }
  });
});

describe('AnswerComposer and a lead on another level of government', () => {
  const current: DocumentMeta = { number: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', status: 'in_force', effectiveDate: '2025-06-16' };
  const d54: Chunk = { ...chunk, id: 'l72.md#D54', docId: 'l72.md', citationPath: 'Điều 54', title: 'Điều 54. Quy định chuyển tiếp', text: 'Cơ quan cấp huyện phải bàn giao công việc, hồ sơ, tổ chức bộ máy xong chậm nhất ngày 30/6/2025.' };
  const result = (normalized: string) => base({ query: normalized, normalized, hits: [{ chunk: d54, doc: current, score: 3, coverage: 0.8 }], confidence: 0.9, queryWords: foldDiacritics(normalized.toLowerCase()).split(' ') });

  it('says it found only the other level instead of answering a question about the xã from a lead on the huyện', () => {
    const r = result('từ 1/7/2025 xã có những thay đổi gì về tổ chức bộ máy');
    const a = composer.compose(r);
    expect(a.kind).toBe('escalate');
    if (a.kind !== 'escalate') return;
    expect(a.message).toBe('Tôi chỉ tìm thấy quy định về cấp huyện, chưa thấy quy định nói đúng về cấp xã.');
    expect(composer.wouldAnswer(r)).toBe(false);
  });

  it('answers when the question names the level of the lead, or none', () => {
    for (const q of ['cơ quan cấp huyện bàn giao tổ chức bộ máy xong chậm nhất khi nào', 'bàn giao tổ chức bộ máy xong chậm nhất khi nào']) {
      const r = result(q);
      expect(composer.compose(r).kind, q).toBe('answer');
      expect(composer.wouldAnswer(r)).toBe(true);
    }
  });
});

describe('AnswerComposer and clauses the knowledge team doubts', () => {
  const nd63: DocumentMeta = { number: '63/2010/NĐ-CP', title: 'Nghị định về kiểm soát thủ tục hành chính', status: 'partly_expired', kind: 'summary' };
  const article = (text: string): Chunk => ({
    ...chunk,
    id: 'nd63.md#D5',
    docId: 'nd63.md',
    headings: [{ kind: 'article', number: '5', heading: 'Cơ quan, đơn vị kiểm soát thủ tục hành chính' }],
    citationPath: 'Điều 5',
    title: 'Điều 5. Cơ quan, đơn vị kiểm soát thủ tục hành chính',
    text,
  });
  const ask = (text: string) =>
    composer.compose(base({ query: 'bộ nào quản lý nhà nước về kiểm soát thủ tục hành chính', queryWords: ['quan', 'ly', 'kiem', 'soat', 'thu', 'tuc'], hits: [{ chunk: article(text), doc: nd63, score: 3, coverage: 0.9 }], confidence: 0.9 }));

  it('declines, saying why, when the lead clause may have been amended by a text not compared', () => {
    const a = ask('1. Theo Nghị định số 48/2013/NĐ-CP, Bộ Tư pháp giúp Chính phủ thống nhất quản lý nhà nước về kiểm soát thủ tục hành chính. Khoản này có thể đã được sửa đổi tiếp bởi Nghị định số 92/2017/NĐ-CP mà nhóm dự án chưa đối chiếu được.');
    expect(a.kind).toBe('escalate');
    if (a.kind !== 'escalate') return;
    expect(a.message).toContain('chưa đối chiếu');
    expect(a.citations[0].chunkId, 'the clause is still offered as related').toBe('nd63.md#D5');
  });

  it('answers from a clause without such a doubt', () => {
    expect(ask('3. Ở địa phương, Văn phòng Ủy ban nhân dân cấp tỉnh giúp Ủy ban nhân dân cấp tỉnh quản lý nhà nước về kiểm soát thủ tục hành chính.').kind).toBe('answer');
  });
});

describe('AnswerComposer and a figure confined to one field', () => {
  const archives: DocumentMeta = { number: '31/2026/NĐ-CP', title: 'Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực lưu trữ', status: 'in_force', kind: 'summary' };
  const d17: Chunk = {
    ...chunk,
    id: 'nd31.md#D17',
    docId: 'nd31.md',
    headings: [{ kind: 'article', number: '17', heading: 'Thẩm quyền xử phạt của Chủ tịch Ủy ban nhân dân các cấp' }],
    citationPath: 'Điều 17',
    title: 'Điều 17. Thẩm quyền xử phạt của Chủ tịch Ủy ban nhân dân các cấp',
    text: '1. Chủ tịch Ủy ban nhân dân cấp xã có quyền phạt cảnh cáo và phạt tiền đến 5.000.000 đồng.',
  };
  const ask = (query: string) =>
    composer.compose(base({ query, normalized: query, queryWords: ['chu', 'tich', 'xa', 'phat', 'tien'], hits: [{ chunk: d17, doc: archives, score: 3, coverage: 0.9 }], confidence: 0.95 }));

  it('declines a question for a figure that names no field, naming the field and the document it found', () => {
    const a = ask('chủ tịch ubnd xã được phạt tối đa bao nhiêu tiền');
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toContain('lĩnh vực lưu trữ (Nghị định 31/2026/NĐ-CP)');
  });

  it('answers when the question names the field or the document', () => {
    expect(ask('chủ tịch xã được phạt vi phạm về lưu trữ tối đa bao nhiêu tiền').kind).toBe('answer');
    expect(ask('nđ 31/2026 chủ tịch xã phạt tiền tối đa bao nhiêu').kind).toBe('answer');
  });
});

describe('AnswerComposer and a yes-or-no question on what a summary lists', () => {
  const nq76 = (kind: 'summary' | 'official'): DocumentMeta => ({ number: '76/NQ-CP', title: 'Nghị quyết ban hành Chương trình tổng thể cải cách hành chính', status: 'in_force', kind });
  const tasks: Chunk = {
    ...chunk,
    id: 'nq76.md#T2',
    docId: 'nq76.md',
    headings: [{ kind: 'article', number: '2', heading: 'Nhiệm vụ theo từng nội dung cải cách' }],
    citationPath: 'Điều 2',
    title: 'Điều 2. Nhiệm vụ theo từng nội dung cải cách',
    text: 'Về Chính phủ điện tử, Chính phủ số: phát triển hạ tầng, cơ sở dữ liệu, dịch vụ công trực tuyến lấy người dùng làm trung tâm.',
  };
  const ask = (query: string, kind: 'summary' | 'official' = 'summary') =>
    composer.compose(base({ query, normalized: query, queryWords: ['an', 'toan', 'thong', 'tin', 'nhiem', 'vu', 'chinh', 'phu', 'so'], hits: [{ chunk: tasks, doc: nq76(kind), score: 3, coverage: 0.8 }], confidence: 0.95 }));

  it('says it did not find whether X is in it, naming X as written, when the summary passage does not name X', () => {
    const a = ask('an toàn thông tin có trong nhiệm vụ chính phủ số không');
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toContain('“an toàn thông tin”');
  });

  it('offers the passage it weighed as related first, not the first one found', () => {
    const effect: Chunk = { ...tasks, id: 'nq76.md#T9', citationPath: 'Điều 9', headings: [{ kind: 'article', number: '9', heading: 'Hiệu lực' }], title: 'Điều 9. Hiệu lực', text: 'Nghị quyết có hiệu lực từ ngày ký.' };
    const query = 'an toàn thông tin có trong nhiệm vụ chính phủ số không';
    const a = composer.compose(
      base({ query, normalized: query, queryWords: ['an', 'toan', 'thong', 'tin', 'nhiem', 'vu', 'chinh', 'phu', 'so'], hits: [{ chunk: effect, doc: nq76('summary'), score: 3, coverage: 0.8 }, { chunk: tasks, doc: nq76('summary'), score: 2.9, coverage: 0.8 }], confidence: 0.95 }),
    );
    expect(a.kind).toBe('escalate');
    expect(a.citations[0].chunkId).toBe('nq76.md#T2');
  });

  it('answers from an official text (its list is whole), or when the passage names X', () => {
    expect(ask('an toàn thông tin có trong nhiệm vụ chính phủ số không', 'official').kind).toBe('answer');
    expect(ask('cơ sở dữ liệu có trong nhiệm vụ chính phủ số không').kind).toBe('answer');
  });
});

describe('AnswerComposer and a gap the knowledge team recorded', () => {
  const qd = { number: '4599/QĐ-UBND', title: 'Quyết định phê duyệt Đề án', status: 'unknown', kind: 'summary' } as DocumentMeta;
  const goal: Chunk = { ...chunk, id: 'qd.md#S1', docId: 'qd.md', headings: [], citationPath: 'Mục tiêu', title: 'Mục tiêu của Đề án', text: 'Đến năm 2030 có trên 95% công chức làm công tác cải cách hành chính được bồi dưỡng.' };
  const contents: Chunk = {
    ...goal,
    id: 'qd.md#S2',
    citationPath: 'Năm nội dung thực hiện',
    title: 'Năm nội dung thực hiện',
    text: 'Đề án có 05 nội dung thực hiện: xây dựng đội ngũ; hoàn thiện tài liệu bồi dưỡng. Năm nội dung này được chia thành 10 nhiệm vụ cụ thể; tài liệu nguồn của bản tóm lược không liệt kê các nhiệm vụ đó.',
  };
  const ask = (query: string) =>
    composer.compose(
      base({ query, normalized: query, queryWords: ['10', 'nhiem', 'vu', 'de', 'an'], hits: [{ chunk: goal, doc: qd, score: 3, coverage: 0.8 }, { chunk: contents, doc: qd, score: 2.9, coverage: 0.8 }], confidence: 0.97 }),
    );

  it('says the source does not list what is asked and offers the passage with the note first', () => {
    const a = ask('10 nhiem vu cu the cua de an 4599 gom nhung nhiem vu nao');
    expect(a.kind).toBe('escalate');
    if (a.kind !== 'escalate') return;
    expect(a.message).toBe('Tài liệu nguồn của dữ liệu hiện có không liệt kê 10 nhiệm vụ cụ thể, nên tôi chưa trả lời được câu hỏi này.');
    expect(a.citations[0].chunkId).toBe('qd.md#S2');
  });

  it('answers what the passage does state', () => {
    expect(ask('đề án có 10 nhiệm vụ không').kind).toBe('answer');
  });
});

describe('AnswerComposer and a size given for something else than what is asked of', () => {
  const nd30 = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force', kind: 'summary' } as DocumentMeta;
  const technique = article(
    'nd30.md',
    '9',
    'Kỹ thuật trình bày văn bản',
    'Một số yêu cầu cơ bản của Phụ lục I: khổ giấy A4, trình bày theo chiều dài trang; phông chữ Times New Roman, màu đen; phần nội dung dùng cỡ chữ từ 13 đến 14.',
  );
  const ask = (query: string) => composeOver(query, technique, nd30, 0.9);

  it('declines the size of the body text for a question on the national title, saying what it did not find', () => {
    const a = ask('Quốc hiệu với tiêu ngữ trình bày cỡ chữ bao nhiêu');
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toBe('Tôi chưa tìm thấy quy định nêu màu sắc, kích cỡ anh/chị hỏi.');
  });

  it('answers the size of the body text', () => {
    expect(ask('phần nội dung văn bản dùng cỡ chữ bao nhiêu').kind).toBe('answer');
  });
});

describe('AnswerComposer and the fine for an act answered by a power to fine', () => {
  const nd31 = { number: '31/2026/NĐ-CP', title: 'Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực lưu trữ', status: 'in_force', kind: 'summary' } as DocumentMeta;
  const power = article(
    'nd31.md',
    '17',
    'Thẩm quyền xử phạt của Chủ tịch Ủy ban nhân dân các cấp',
    '1. Chủ tịch Ủy ban nhân dân cấp xã được phạt cảnh cáo, phạt tiền đến 15.000.000 đồng, tước quyền sử dụng Chứng chỉ hành nghề lưu trữ từ 03 đến 06 tháng.',
  );
  const ask = (query: string) => composeOver(query, power, nd31, 0.95);

  it('declines, saying it found only what each official may fine', () => {
    const a = ask('cá nhân hành nghề lưu trữ mà chưa có chứng chỉ hành nghề thì bị phạt bao nhiêu');
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toBe('Tôi chỉ tìm thấy mức phạt tối đa mà từng chức danh được quyền áp dụng, chưa thấy mức phạt cho hành vi anh/chị hỏi.');
  });

  it('answers what an official named may fine', () => {
    expect(ask('chủ tịch ubnd xã được phạt tối đa bao nhiêu tiền về lưu trữ').kind).toBe('answer');
  });

  it('declines that power for a question on no sanction or on another official', () => {
    expect(ask('chứng chỉ hành nghề lưu trữ do cơ quan nào cấp').kind).toBe('escalate');
    const other = ask('trưởng công an xã có thẩm quyền xử phạt vi phạm về lưu trữ không');
    expect(other.kind).toBe('escalate');
    if (other.kind === 'escalate') expect(other.message).toBe('Tôi chỉ tìm thấy thẩm quyền xử phạt của Chủ tịch, chưa thấy quy định về thẩm quyền của trưởng công an.');
    const bare = ask('truong cong an xa co tham quyen xu phat ve luu tru ko');
    if (bare.kind === 'escalate') expect(bare.message).toMatch(/của chức danh anh\/chị hỏi\.$/u);
    else expect.fail('the bare question is declined too');
  });
});

describe('AnswerComposer and an address asked', () => {
  const nd118 = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force', kind: 'summary' } as DocumentMeta;
  const staff = article('nd118.md', '7', 'Tổ chức Bộ phận Một cửa', '1. Cơ quan trung ương tổ chức theo ngành dọc cử người ra làm việc tại Trung tâm Phục vụ hành chính công cấp tỉnh, cấp xã.');
  it('says the rules hold no address rather than answer with a rule on the centre', () => {
    const a = composeOver('trung tâm phục vụ hành chính công tỉnh ở địa chỉ nào', staff, nd118, 0.95);
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toBe('Dữ liệu hiện có là văn bản quy định, không có địa chỉ, số điện thoại hay trang liên hệ anh/chị hỏi.');
  });
});

describe('AnswerComposer and a choice asked', () => {
  const nq202 = { number: '202/2025/QH15', title: 'Nghị quyết về việc sắp xếp đơn vị hành chính cấp tỉnh', status: 'in_force', kind: 'summary' } as DocumentMeta;
  const merger = article('nq202.md', '1', 'Sắp xếp đơn vị hành chính cấp tỉnh', '10. Sắp xếp tỉnh Gia Lai và tỉnh Bình Định thành tỉnh mới có tên gọi là tỉnh Gia Lai.');
  it('says the rules do not say which, naming both options as typed, rather than answer with the merger', () => {
    const a = composeOver('trụ sở ubnd tỉnh gia lai mới đặt ở Quy Nhơn hay Pleiku', merger, nq202, 0.9);
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toBe('Tôi chưa tìm thấy quy định nói rõ là “Quy Nhơn” hay “Pleiku”.');
    const bare = composeOver('tru so ubnd tinh gia lai moi dat o quy nhon hay pleiku', merger, nq202, 0.9);
    if (bare.kind === 'escalate') expect(bare.message).toBe('Tôi chưa tìm thấy quy định nói rõ điều nào trong hai khả năng anh/chị nêu.');
    else expect.fail('the bare question is declined too');
    expect(composeOver('tỉnh gia lai mới sáp nhập với tỉnh nào, bình định hay kon tum', merger, nq202, 0.9).kind).toBe('answer');
  });
});

describe('AnswerComposer and quoted names', () => {
  const nd30 = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force', kind: 'summary' } as DocumentMeta;
  const kinds = article('nd30.md', '8', 'Thể thức văn bản', '4. Chữ viết tắt tên loại văn bản theo Phụ lục III, ví dụ QĐ-UBND, KH-SNV.');
  it('says none of the quoted names was found rather than answer with the abbreviations of other kinds', () => {
    const a = composeOver('Theo NĐ 30 thì chữ viết tắt tên loại của “hướng dẫn”, “công điện” và “biên bản” là gì?', kinds, nd30, 0.95);
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toBe('Tôi chưa tìm thấy quy định nói về “hướng dẫn”, “công điện”, “biên bản”.');
    expect(composeOver('Theo NĐ 30 thì chữ viết tắt tên loại của “kế hoạch” là gì?', article('nd30.md', '8', 'Thể thức văn bản', '4. Chữ viết tắt tên loại: kế hoạch là KH.'), nd30, 0.95).kind).toBe('answer');
  });
});

describe('AnswerComposer and a technical fault', () => {
  const nd118 = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force', kind: 'summary' } as DocumentMeta;
  const equipment = article('nd118.md', '13', 'Bố trí trụ sở, trang thiết bị', 'Bộ phận Một cửa được trang bị máy tính, máy in, máy scan và kết nối mạng để tiếp nhận hồ sơ.');
  it('says the rules hold no repair guide, with no source, even from a confident search', () => {
    const a = composeOver('máy tính ở bộ phận một cửa bị màn hình xanh sửa sao', equipment, nd118, 0.95);
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') {
      expect(a.message).toMatch(/^Đây là sự cố kỹ thuật: dữ liệu hiện có là văn bản quy định/u);
      expect(a.citations).toEqual([]);
    }
    expect(composeOver('bộ phận một cửa được trang bị máy tính, máy in không', equipment, nd118, 0.95).kind).toBe('answer');
  });
});

describe('AnswerComposer and a rank asked', () => {
  const nq76 = { number: '76/NQ-CP', title: 'Nghị quyết ban hành Chương trình tổng thể cải cách hành chính', status: 'in_force', kind: 'summary' } as DocumentMeta;
  const index = article('nq76.md', '5', 'Theo dõi, đánh giá', 'Kết quả cải cách hành chính được đánh giá hằng năm bằng Chỉ số cải cách hành chính (PAR INDEX).');
  it('says it did not find the figure rather than answer with what the index measures', () => {
    const a = composeOver('PAR INDEX năm 2025 tỉnh mình đứng thứ mấy cả nước', index, nq76, 0.9);
    expect(a.kind).toBe('escalate');
    if (a.kind === 'escalate') expect(a.message).toBe('Tôi chưa tìm thấy quy định nêu con số anh/chị hỏi.');
    expect(composeOver('PAR INDEX dùng để làm gì', index, nq76, 0.9).kind).toBe('answer');
  });
});
