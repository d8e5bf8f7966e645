import { describe, expect, it } from 'vitest';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { SearchResult } from '../search/types.js';
import { foldWord } from '../text/vietnamese.js';
import { AnswerComposer } from './composer.js';
import { answerByParts, splitQuestion } from './multi-part.js';

describe('splitQuestion', () => {
  it.each([
    ['danh muc ho so do ai phe duyet, ban hanh luc nao', ['danh muc ho so do ai phe duyet', 'ban hanh luc nao']],
    ['Hồ sơ nộp ở đâu? Lệ phí bao nhiêu?', ['Hồ sơ nộp ở đâu', 'Lệ phí bao nhiêu']],
    ['1) thời hạn giải quyết là bao lâu 2) lệ phí nộp ở đâu', ['thời hạn giải quyết là bao lâu', 'lệ phí nộp ở đâu']],
    ['nộp hồ sơ ở đâu, có được gửi qua bưu điện không, nhận kết quả online được không', ['nộp hồ sơ ở đâu', 'có được gửi qua bưu điện không', 'nhận kết quả online được không']],
  ])('splits "%s"', (q, parts) => {
    expect(splitQuestion(q)).toEqual(parts);
  });

  it.each([
    ['thủ tục hành chính là gì'],
    ['cơ chế một cửa và một cửa liên thông là gì'],
    ['hồ sơ, tài liệu nộp lưu gồm những gì'],
    ['can bo xa sau sap xep co bi tinh gian ko, trong bao lau'],
    ['a? b? c? d? e?'],
  ])('keeps "%s" whole', (q) => {
    expect(splitQuestion(q)).toEqual([]);
  });

  it('does not split a pasted paragraph that ends with a question', () => {
    const pasted = `Thực hiện Nghị định số 118/2025/NĐ-CP, UBND tỉnh đề nghị các xã, phường kiện toàn Trung tâm Phục vụ hành chính công cấp xã và bố trí đủ công chức tiếp nhận hồ sơ theo quy định hiện hành của tỉnh, cho em hỏi phiếu hẹn lập theo mẫu nào, có phải ký số không`;
    expect(splitQuestion(pasted)).toEqual([]);
  });
});

const DOC: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force' };
const CHUNKS: Record<string, Chunk> = {
  place: {
    id: 'nd118.md#D17', docId: 'nd118.md', headings: [{ kind: 'article', number: '17', heading: 'Nơi nộp hồ sơ' }], citationPath: 'Điều 17', title: 'Điều 17. Nơi nộp hồ sơ',
    text: '1. Hồ sơ nộp tại Bộ phận Một cửa hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.', hash: 'a',
  },
  post: {
    id: 'nd118.md#D18', docId: 'nd118.md', headings: [{ kind: 'article', number: '18', heading: 'Bưu chính' }], citationPath: 'Điều 18', title: 'Điều 18. Bưu chính',
    text: '1. Hồ sơ được gửi qua dịch vụ bưu chính công ích.', hash: 'b',
  },
};

/** A fake search: confident when the text names one known topic, not otherwise. */
function search(text: string): SearchResult {
  const f = text.toLowerCase();
  const queryWords = (f.match(/[\p{L}\p{N}]+/gu) ?? []).map(foldWord);
  const topics = [f.includes('ở đâu') ? 'place' : '', f.includes('bưu điện') ? 'post' : ''].filter(Boolean);
  const hits = topics.map((t, i) => ({ chunk: CHUNKS[t], doc: DOC, score: 10 - i, coverage: 0.8 }));
  return { query: text, hits, confidence: topics.length === 1 ? 0.9 : 0.1, queryWords, ms: 1 };
}

describe('answerByParts', () => {
  const composer = new AnswerComposer({ threshold: 0.5 });
  const path = { search, compose: (r: SearchResult) => composer.compose(r), wouldAnswer: (r: SearchResult) => composer.wouldAnswer(r) };

  it('answers the covered parts and names the uncovered one when the whole question is not answered', async () => {
    const q = 'nộp hồ sơ ở đâu, có được gửi qua bưu điện không, lệ phí hết bao nhiêu tiền';
    expect(composer.compose(search(q)).kind, 'the whole question alone would be an abstention').toBe('escalate');
    const a = await answerByParts(q, search(q), path);
    if (a.kind !== 'answer') throw new Error('expected an answer');
    expect(a.uncoveredParts).toEqual(['lệ phí hết bao nhiêu tiền']);
    expect(a.lead.split('\n\n')).toHaveLength(2);
    expect(a.citations.map((c) => [c.marker, c.chunkId])).toEqual([[1, 'nd118.md#D17'], [2, 'nd118.md#D18']]);
  });

  it('keeps an answered whole question as it is and names only a part nothing covers', async () => {
    const q = 'nộp hồ sơ ở đâu, lệ phí nộp cho ai';
    const whole = composer.compose(search(q));
    expect(whole.kind, 'the whole question alone is answered').toBe('answer');
    const a = await answerByParts(q, search(q), path);
    expect(a).toMatchObject({ kind: 'answer', uncoveredParts: ['lệ phí nộp cho ai'] });
    expect(a.kind === 'answer' && a.lead).toBe((whole as { lead: string }).lead);
  });

  it('answers the other parts when the answer to the whole gives no number for the part that asks one', async () => {
    const q = 'nộp hồ sơ ở đâu, lệ phí hết bao nhiêu tiền';
    expect(composer.compose(search(q)), 'no sentence found gives the fee').toMatchObject({ kind: 'escalate', message: 'Tôi chưa tìm thấy quy định nêu con số anh/chị hỏi.' });
    const a = await answerByParts(q, search(q), path);
    expect(a).toMatchObject({ kind: 'answer', uncoveredParts: ['lệ phí hết bao nhiêu tiền'] });
    expect(a.kind === 'answer' && a.lead).toMatch(/^Theo Khoản 1 Điều 17 .*Hồ sơ nộp tại Bộ phận Một cửa/u);
  });

  it('does not name a part the answer speaks to, even when the part alone finds nothing ("…, trên cổng nào")', async () => {
    const q = 'nộp hồ sơ ở đâu, hồ sơ trực tuyến nộp trên cổng nào';
    const a = await answerByParts(q, search(q), path);
    expect(a.kind).toBe('answer');
    expect(a.kind === 'answer' && a.uncoveredParts, 'the lead already says "trực tuyến trên Cổng Dịch vụ công quốc gia"').toBeUndefined();
  });

  it('answers a part on its own only from a passage the whole question found', async () => {
    const OTHER: DocumentMeta = { number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư', status: 'in_force' };
    const pages: Chunk = { ...CHUNKS.place, id: 'nd30.md#D15', docId: 'nd30.md', title: 'Điều 15. Đánh số trang', text: '1. Số trang đặt ở giữa, phía trên trang.' };
    // The whole question finds only the decree on records; its part "… ở đâu" alone finds the one-stop decree.
    const wholeOf = (q: string): SearchResult => ({ query: q, hits: [{ chunk: pages, doc: OTHER, score: 5, coverage: 0.3 }], confidence: 0.1, queryWords: ['so', 'trang'], ms: 1 });
    const q = 'nộp hồ sơ ở đâu, trang đầu có phải đánh số không';
    expect(await answerByParts(q, wholeOf(q), path), 'the part is about another document than the question').toMatchObject({ kind: 'escalate' });
    const sameDoc = { ...wholeOf(q), hits: [{ chunk: CHUNKS.post, doc: DOC, score: 5, coverage: 0.3 }] };
    expect(await answerByParts(q, sameDoc, path), 'another passage of the document the whole found').toMatchObject({ kind: 'escalate' });
    const same = { ...wholeOf(q), hits: [{ chunk: CHUNKS.place, doc: DOC, score: 5, coverage: 0.3 }] };
    expect(await answerByParts(q, same, path), 'a part answered from a passage the whole found').toMatchObject({ kind: 'answer' });
    // Found, but only third: the whole question is about the two passages before it.
    const third = { ...wholeOf(q), hits: [{ chunk: pages, doc: OTHER, score: 9, coverage: 0.3 }, { chunk: CHUNKS.post, doc: DOC, score: 8, coverage: 0.3 }, { chunk: CHUNKS.place, doc: DOC, score: 7, coverage: 0.3 }] };
    expect(await answerByParts(q, third, path), 'a passage the whole question ranks third').toMatchObject({ kind: 'escalate' });
    const second = { ...third, hits: [third.hits[0], third.hits[2], third.hits[1]] };
    expect(await answerByParts(q, second, path), 'a passage the whole question ranks second').toMatchObject({ kind: 'answer' });
  });

  it('returns the plain answer for a single question and an abstention when no part is covered', async () => {
    const one = 'nộp hồ sơ ở đâu';
    expect(await answerByParts(one, search(one), path)).toEqual(composer.compose(search(one)));
    const none = 'lương cơ sở bao nhiêu, phụ cấp được mấy phần trăm';
    expect(await answerByParts(none, search(none), path)).toMatchObject({ kind: 'escalate' });
  });
});
