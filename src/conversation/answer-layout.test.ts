import { describe, expect, it } from 'vitest';
import { abstention, chatReply, citation, faqAnswer, searchAnswer, statusAnswer, summaryCitation } from '../../test/support/answers.js';
import { articleName, layoutAnswer, layoutSource, sourceLine } from './answer-layout.js';
import { answerToPlainText } from './plain-text.js';

describe('layoutAnswer', () => {
  it('puts the direct answer first, then at most two quotes, then every source', () => {
    const l = layoutAnswer(searchAnswer());
    expect(l.lead).toMatch(/^Thời hạn giải quyết/);
    expect(l.quotes.map((q) => q.marker), 'at most two quotes').toEqual([1, 2]);
    expect(l.quotes[1].text, 'the Điểm/Khoản number stays in the quote').toMatch(/^a\) Trường hợp/);
    expect(l.sourcesHeading).toBe('Nguồn:');
    expect(l.sources.map(sourceLine)).toEqual([
      '[1] Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)',
      '[2] Nghị định 118/2025/NĐ-CP, Điểm a Khoản 3 Điều 18 – Tiếp nhận hồ sơ thủ tục hành chính (còn hiệu lực)',
      '[3] Quyết định 4599/QĐ-UBND, tóm lược – Mục II.2 (văn bản gốc) – Mục tiêu cụ thể (còn hiệu lực)',
    ]);
  });

  it('never quotes a passage whose source is not cited', () => {
    const a = searchAnswer({ citations: [citation(2)] });
    expect(layoutAnswer(a).quotes.map((q) => q.marker)).toEqual([2]);
  });

  it('shows only the best source of an abstention, as "có thể liên quan", and no quote', () => {
    const l = layoutAnswer(abstention());
    expect(l).toMatchObject({ kind: 'escalate', quotes: [], notices: [], sourcesHeading: 'Có thể liên quan:' });
    expect(l.sources.map(sourceLine)).toEqual(['[1] Nghị định 118/2025/NĐ-CP, Điều 9 – Trách nhiệm của Bộ phận Một cửa (còn hiệu lực)']);
  });

  it('offers no source when nothing related was found (reason no_match)', () => {
    const l = layoutAnswer(abstention({ reason: 'no_match', passages: [] }));
    expect(l.sources).toEqual([]);
    expect(answerToPlainText(abstention({ reason: 'no_match', passages: [], message: 'Không thấy.' }))).toBe('Không thấy.');
  });

  it('keeps the source of an abstention short: a summary by its article, long names clipped', () => {
    const long = summaryCitation(1, {
      path: 'Điều 40',
      officialRef: 'Khoản 1, 2, 4, 5, 6, 7, 8 Điều 40 và Khoản 9 Điều 40 (bổ sung bởi Khoản 13 Điều 1 Nghị định số 367/2025/NĐ-CP)',
      articleTitle: 'Điều 40. Hiệu lực thi hành và trách nhiệm thi hành của các bộ, ngành và địa phương',
    });
    const [s] = layoutAnswer(abstention({ citations: [long] })).sources;
    expect(sourceLine(s)).toBe('[1] Quyết định 4599/QĐ-UBND, tóm lược – Điều 40 (văn bản gốc) – Hiệu lực thi hành và trách nhiệm thi hành của các… (còn hiệu lực)');
    expect(layoutAnswer(searchAnswer({ citations: [long] })).sources[0].where, 'an answer keeps the full reference').toContain('Khoản 9 Điều 40');
  });

  it('shows a chat reply alone', () => {
    expect(layoutAnswer(chatReply({ citations: [citation(1)] }))).toMatchObject({ kind: 'chat', quotes: [], sources: [], notices: [] });
  });

  it('labels curated answers and says which parts of the question are not covered', () => {
    expect(layoutAnswer(faqAnswer()).sourceLabel).toBe('Hỏi đáp đã được kiểm duyệt');
    expect(layoutAnswer(faqAnswer({ faqOrigin: 'staff' })).sourceLabel).toBe('Câu trả lời của cán bộ phụ trách');
    expect(layoutAnswer(searchAnswer()).sourceLabel).toBeUndefined();
    const l = layoutAnswer(searchAnswer({ uncoveredParts: ['lệ phí bao nhiêu', ' '] }));
    expect(l.uncovered).toBe('Phần chưa có căn cứ để trả lời: “lệ phí bao nhiêu”. Anh/chị có thể hỏi riêng phần này hoặc chuyển cho cán bộ phụ trách.');
  });

  it('never carries the confidence', () => {
    expect(JSON.stringify(layoutAnswer(searchAnswer({ confidence: 0.4321 })))).not.toContain('0.4321');
  });
});

describe('layoutSource', () => {
  it('locates a summary by the official article, or only calls it a summary', () => {
    expect(layoutSource(summaryCitation(1, { officialRef: 'Điều 17, Điều 18' })).where).toBe('tóm lược – Điều 17, Điều 18 (văn bản gốc)');
    expect(layoutSource(summaryCitation(1, { officialRef: '' })).where, 'the summary’s own numbering is not the official one').toBe('tóm lược');
  });

  it('names the replacement of a replaced document and drops links that are not http(s)', () => {
    const s = layoutSource(citation(1, { status: 'replaced', statusLabel: 'đã bị thay thế', current: false, replacedBy: '118/2025/NĐ-CP', url: 'javascript:alert(1)' }));
    expect(s.status).toBe('đã bị thay thế bởi 118/2025/NĐ-CP');
    expect(s.url).toBeUndefined();
  });

  it('falls back to the title for a document without a number', () => {
    const s = layoutSource(citation(1, { docNumber: '', docTitle: 'Sổ tay một cửa', path: '', articleTitle: '' }));
    expect(sourceLine(s)).toBe('[1] Sổ tay một cửa (còn hiệu lực)');
  });
});

describe('articleName', () => {
  it('drops the number of an article, clause or point but keeps words that only look alike', () => {
    expect(articleName('Điều 5. Nguyên tắc thực hiện')).toBe('Nguyên tắc thực hiện');
    expect(articleName('Điều 12a: Phạm vi')).toBe('Phạm vi');
    expect(articleName('Chương II. Bộ phận Một cửa')).toBe('Bộ phận Một cửa');
    expect(articleName('Mục tiêu cụ thể')).toBe('Mục tiêu cụ thể');
    expect(articleName('Tóm lược: Hiệu lực và văn bản thay thế')).toBe('Hiệu lực và văn bản thay thế');
    expect(articleName('Điều 7')).toBe('');
  });
});

describe('answerToPlainText', () => {
  it('writes the layout as plain paragraphs, each link on its own line', () => {
    const text = answerToPlainText(statusAnswer());
    expect(text, 'a validity answer is not followed by the same fact as a notice').toBe([
      'Nghị định 61/2018/NĐ-CP không còn hiệu lực: đã bị thay thế bởi Nghị định 118/2025/NĐ-CP từ ngày 01/7/2025.',
      'Nguồn:\n[1] Nghị định 61/2018/NĐ-CP (đã bị thay thế bởi 118/2025/NĐ-CP)',
    ].join('\n\n'));
    expect(answerToPlainText(faqAnswer())).toContain('(Hỏi đáp đã được kiểm duyệt)');
    const search = answerToPlainText(searchAnswer());
    expect(search).toContain('Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)\nhttps://vanban.chinhphu.vn/?docid=213456\n[2]');
    expect(search.split('https://vanban.chinhphu.vn/?docid=213456'), 'one link per document').toHaveLength(2);
  });
});
