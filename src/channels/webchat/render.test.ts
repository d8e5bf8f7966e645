import { describe, it, expect } from 'vitest';
import type { AbstainReply, AnswerReply, Citation } from '../../answer/index.js';
import { citationLabel, renderWeb } from './render.js';

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
  it('renders an answer with lead, notices, passages and labelled citations', () => {
    const web = renderWeb({ answer, questionId: 'q-1' });
    expect(web.questionId).toBe('q-1');
    expect(web.answer).toMatchObject({
      kind: 'answer',
      lead: answer.lead,
      notices: answer.notices,
      passages: [{ marker: 1, text: 'Lấy người dân, doanh nghiệp làm trung tâm…' }],
      confidence: 0.82,
    });
    expect(web.answer?.citations[0]).toEqual({
      marker: 1,
      label: 'Khoản 2 Điều 5, Nghị định 118/2025/NĐ-CP',
      title: citation.docTitle,
      articleTitle: 'Điều 5. Nguyên tắc thực hiện',
      status: 'in_force',
      statusLabel: 'còn hiệu lực',
      current: true,
      url: 'https://vanban.chinhphu.vn/nd118',
    });
  });

  it('drops citation URLs that are not http(s) and keeps the replacement', () => {
    const c = renderWeb({ answer }).answer?.citations[1];
    expect(c).toMatchObject({ label: 'Điều 3, Nghị định 61/2018/NĐ-CP', current: false, replacedBy: '118/2025/NĐ-CP' });
    expect(c?.url, 'a javascript: URL must never reach the page').toBeUndefined();
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

  it('renders an abstention with its message and partial sources, without a lead', () => {
    const abstain: AbstainReply = {
      kind: 'escalate',
      reason: 'low_confidence',
      message: 'Tôi chưa đủ căn cứ để trả lời chắc chắn câu hỏi này.',
      passages: [],
      citations: [citation],
      notices: [],
      confidence: 0.21,
    };
    const web = renderWeb({ answer: abstain, questionId: 'q-2', choices: [{ action: 'escalate', label: '🙋 Hỏi cán bộ' }] });
    expect(web.answer).toMatchObject({ kind: 'escalate', message: abstain.message, confidence: 0.21, passages: [], notices: [] });
    expect(web.answer).not.toHaveProperty('lead');
    expect(web.answer?.citations.map((c) => c.label)).toEqual(['Khoản 2 Điều 5, Nghị định 118/2025/NĐ-CP']);
    expect(web.choices).toEqual([{ action: 'escalate', label: '🙋 Hỏi cán bộ', questionId: 'q-2' }]);
  });

  it('labels curated and staff FAQ answers', () => {
    expect(renderWeb({ answer: { ...answer, source: 'faq', faqOrigin: 'curated' } }).answer?.sourceLabel).toBe('Hỏi đáp đã được kiểm duyệt');
    expect(renderWeb({ answer: { ...answer, source: 'faq', faqOrigin: 'staff' } }).answer?.sourceLabel).toBe('Câu trả lời của cán bộ phụ trách');
  });

  it('passes plain text through and omits absent fields', () => {
    expect(renderWeb({ text: 'Xin chào anh/chị!' })).toEqual({ text: 'Xin chào anh/chị!' });
  });
});

describe('citationLabel', () => {
  it('names the document type, or falls back to the bare number, path or title', () => {
    expect(citationLabel({ ...citation, docNumber: '4599/QĐ-TTg' })).toBe('Khoản 2 Điều 5, Quyết định 4599/QĐ-TTg');
    expect(citationLabel({ ...citation, docNumber: '12/ABC' })).toBe('Khoản 2 Điều 5, 12/ABC');
    expect(citationLabel({ ...citation, path: '' })).toBe('Nghị định 118/2025/NĐ-CP');
    expect(citationLabel({ ...citation, docNumber: '', docTitle: 'Đề án 4599' })).toBe('Khoản 2 Điều 5, Đề án 4599');
  });
});
