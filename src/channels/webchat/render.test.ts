import { describe, it, expect } from 'vitest';
import type { AbstainReply, AnswerReply, Citation } from '../../answer/index.js';
import { renderWeb } from './render.js';
import { abstention, chatReply, longAbstention, searchAnswer, summaryCitation, wordCount } from '../../../test/support/answers.js';
import { msg } from '../../common/messages-vi.js';

const citation: Citation = {
  marker: 1,
  chunkId: 'nd118.md#D5K2',
  docId: 'nd118.md',
  docNumber: '118/2025/NĐ-CP',
  docTitle: 'Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
  path: 'Khoản 2 Điều 5',
  articleTitle: 'Điều 5. Nguyên tắc thực hiện',
  status: 'in_force',
  statusLabel: 'còn hiệu lực',
  current: true,
  url: 'https://vanban.chinhphu.vn/nd118',
};

const replaced: Citation = {
  ...citation,
  marker: 2,
  docNumber: '61/2018/NĐ-CP',
  path: 'Điều 3',
  status: 'replaced',
  statusLabel: 'đã bị thay thế',
  current: false,
  replacedBy: '118/2025/NĐ-CP',
  url: 'javascript:alert(1)',
};

const answer: AnswerReply = {
  kind: 'answer',
  source: 'search',
  lead: 'Theo Khoản 2 Điều 5 Nghị định 118/2025/NĐ-CP:',
  passages: [{ marker: 1, text: 'Lấy người dân, doanh nghiệp làm trung tâm…' }],
  citations: [citation, replaced],
  notices: ['Lưu ý: Nghị định 61/2018/NĐ-CP đã bị thay thế bởi 118/2025/NĐ-CP; nội dung trích dẫn không còn là quy định hiện hành.'],
  confidence: 0.82,
};

describe('renderWeb', () => {
  it('renders an answer with lead, notices, passages and short citations, without the confidence', () => {
    const web = renderWeb({ answer, questionId: 'q-1' });
    expect(web.questionId).toBe('q-1');
    expect(web.answer).toEqual({
      kind: 'answer',
      lead: answer.lead,
      notices: answer.notices,
      passages: [{ marker: 1, text: 'Lấy người dân, doanh nghiệp làm trung tâm…' }],
      sourcesHeading: 'Nguồn:',
      citations: expect.any(Array),
    });
    expect(web.answer?.citations[0]).toEqual({
      marker: 1,
      label: 'Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)',
      doc: 'Nghị định 118/2025/NĐ-CP',
      where: 'Khoản 2 Điều 5',
      articleName: 'Nguyên tắc thực hiện',
      title: citation.docTitle,
      status: 'in_force',
      statusLabel: 'còn hiệu lực',
      current: true,
      summary: false,
      url: 'https://vanban.chinhphu.vn/nd118',
    });
    expect(JSON.stringify(renderWeb({ answer: { ...answer, confidence: 0.4321 } }))).not.toContain('0.4321');
  });

  it('drops citation URLs that are not http(s) and names the replacement', () => {
    const c = renderWeb({ answer }).answer?.citations[1];
    expect(c).toMatchObject({ label: 'Nghị định 61/2018/NĐ-CP, Điều 3 – Nguyên tắc thực hiện (đã bị thay thế bởi 118/2025/NĐ-CP)', current: false, status: 'replaced' });
    expect(c?.url, 'a javascript: URL must never reach the page').toBeUndefined();
  });

  it('keeps at most two quotes, says which parts are uncovered and marks summaries', () => {
    const web = renderWeb({ answer: searchAnswer({ uncoveredParts: ['lệ phí'] }) }).answer;
    expect(web?.passages.map((p) => p.marker)).toEqual([1, 2]);
    expect(web?.uncovered).toMatch(/^Phần chưa có căn cứ để trả lời: “lệ phí”/);
    expect(renderWeb({ answer: searchAnswer({ citations: [summaryCitation(1, { officialRef: 'Điều 17' })] }) }).answer?.citations[0])
      .toMatchObject({ summary: true, where: 'tóm lược – Điều 17 (văn bản gốc)' });
  });

  it('gives choices the reply question id unless they carry their own', () => {
    const web = renderWeb({
      answer,
      questionId: 'q-1',
      choices: [
        { action: 'helpful', label: '👍 Hữu ích' },
        { action: 'escalate', label: '🙋 Hỏi cán bộ', questionId: 'q-0' },
        { action: 'unit', label: 'Sở Nội vụ', value: 'so-noi-vu' },
      ],
    });
    expect(web.choices).toEqual([
      { action: 'helpful', label: '👍 Hữu ích', questionId: 'q-1' },
      { action: 'escalate', label: '🙋 Hỏi cán bộ', questionId: 'q-0' },
      { action: 'unit', label: 'Sở Nội vụ', value: 'so-noi-vu', questionId: 'q-1' },
    ]);
  });

  it('renders an abstention: message, best source as "Có thể liên quan", the question, the staff button and rephrase', () => {
    const web = renderWeb({
      answer: abstention(),
      questionId: 'q-2',
      prompt: 'Anh/chị muốn chuyển câu hỏi này cho cán bộ phụ trách, hay đặt lại câu hỏi cụ thể hơn?',
      choices: [{ action: 'escalate', label: '🙋 Chuyển câu hỏi cho cán bộ', number: 1 }],
    });
    expect(web.answer).toMatchObject({ kind: 'escalate', message: abstention().message, passages: [], notices: [], sourcesHeading: 'Có thể liên quan:' });
    expect(web.answer).not.toHaveProperty('lead');
    expect(web.answer?.citations.map((c) => c.label)).toEqual(['Nghị định 118/2025/NĐ-CP, Điều 9 – Trách nhiệm của Bộ phận Một cửa (còn hiệu lực)']);
    expect(web.prompt).toMatch(/^Anh\/chị muốn chuyển/);
    expect(web.choices).toEqual([{ action: 'escalate', label: '🙋 Chuyển câu hỏi cho cán bộ', questionId: 'q-2' }]);
    expect(web.rephrase).toBe(true);
  });

  it('keeps the longest abstention, with the offer and both buttons, under 80 words', () => {
    const web = renderWeb({
      answer: longAbstention(msg('answer.abstain.why.lowConfidence')),
      questionId: 'q-2',
      prompt: msg('chat.escalate.offer'),
      choices: [{ action: 'escalate', label: msg('chat.choice.escalateOffer'), number: 1 }],
    });
    const a = web.answer;
    const shown = [a?.message, a?.sourcesHeading, ...(a?.citations ?? []).map((c) => `${c.label} ${c.url ?? ''}`), web.prompt, ...(web.choices ?? []).map((c) => c.label), '✏️ Sửa câu hỏi'];
    expect(wordCount(shown.filter(Boolean).join('\n')), 'help: shorten the abstention message or the clipped source (answer-layout.ts)').toBeLessThanOrEqual(80);
  });

  it('renders a chat reply as its message only, with no sources heading', () => {
    const web = renderWeb({ answer: chatReply() });
    expect(web).toEqual({ answer: { kind: 'chat', message: chatReply().message, notices: [], passages: [], citations: [] } });
  });

  it('labels curated and staff FAQ answers', () => {
    expect(renderWeb({ answer: { ...answer, source: 'faq', faqOrigin: 'curated' } }).answer?.sourceLabel).toBe('Hỏi đáp đã được kiểm duyệt');
    expect(renderWeb({ answer: { ...answer, source: 'faq', faqOrigin: 'staff' } }).answer?.sourceLabel).toBe('Câu trả lời của cán bộ phụ trách');
  });

  it('passes plain text through and omits absent fields', () => {
    expect(renderWeb({ text: 'Xin chào anh/chị!' })).toEqual({ text: 'Xin chào anh/chị!' });
  });
});
