import { describe, expect, it } from 'vitest';
import type { AnswerReply, Citation } from '../../answer/index.js';
import type { ReplyChoice } from '../../conversation/index.js';
import { matchNumberedChoice, numberedChoices, numberedChoiceText, renderZalo, ZALO_TEXT_LIMIT } from './render.js';

const citation = (over: Partial<Citation> = {}): Citation => ({
  marker: 1,
  chunkId: 'nd118-d5-k2',
  docId: 'nd118',
  docNumber: '118/2025/NĐ-CP',
  docTitle: 'Về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
  path: 'Khoản 2 Điều 5',
  articleTitle: 'Điều 5. Nguyên tắc thực hiện',
  status: 'in_force',
  statusLabel: 'còn hiệu lực',
  current: true,
  ...over,
});

const answer = (over: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer',
  source: 'search',
  lead: 'Theo Khoản 2 Điều 5 Nghị định 118/2025/NĐ-CP:',
  passages: [{ marker: 1, text: 'Thủ tục hành chính được giải quyết theo cơ chế một cửa.' }],
  citations: [citation({ url: 'https://vanban.chinhphu.vn/118-2025' })],
  notices: [],
  confidence: 0.9,
  ...over,
});

const feedback: ReplyChoice[] = [
  { action: 'helpful', label: '👍 Hữu ích', questionId: 'q1' },
  { action: 'unhelpful', label: '👎 Chưa đúng', questionId: 'q1' },
  { action: 'escalate', label: '🙋‍♀️ Hỏi cán bộ', questionId: 'q1' },
];

const units: ReplyChoice[] = [
  { action: 'unit', label: 'Sở Nội vụ', value: 'snv' },
  { action: 'unit', label: 'UBND phường Ba Đình', value: 'ubnd-bd' },
  { action: 'unit', label: '⏭️ Bỏ qua' },
];

describe('renderZalo', () => {
  it('renders lead, passage, sources with the URL on its own line, and the numbered choices', () => {
    const pieces = renderZalo({ answer: answer(), questionId: 'q1', choices: feedback });
    expect(pieces).toEqual([
      [
        'Theo Khoản 2 Điều 5 Nghị định 118/2025/NĐ-CP:',
        '',
        '[1] Thủ tục hành chính được giải quyết theo cơ chế một cửa.',
        '',
        'Nguồn:',
        '[1] Khoản 2 Điều 5, Nghị định 118/2025/NĐ-CP – Về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông (còn hiệu lực)',
        'https://vanban.chinhphu.vn/118-2025',
        '',
        'Trả lời 1 nếu hữu ích, 2 nếu chưa đúng, 3 để hỏi cán bộ.',
      ].join('\n'),
    ]);
  });

  it('shows notices with ⚠️ and a replaced document with its successor', () => {
    const [text] = renderZalo({
      answer: answer({
        notices: ['Lưu ý: Nghị định 61/2018/NĐ-CP đã bị thay thế bởi Nghị định 118/2025/NĐ-CP.'],
        citations: [citation({ docNumber: '61/2018/NĐ-CP', status: 'replaced', statusLabel: 'đã bị thay thế', replacedBy: 'Nghị định 118/2025/NĐ-CP' })],
      }),
    });
    expect(text).toContain('⚠️ Lưu ý: Nghị định 61/2018/NĐ-CP đã bị thay thế');
    expect(text).toContain('[1] Khoản 2 Điều 5, Nghị định 61/2018/NĐ-CP – Về thực hiện');
    expect(text).toContain('(đã bị thay thế bởi Nghị định 118/2025/NĐ-CP)');
  });

  it('renders an abstain message and a document without a number', () => {
    const [text] = renderZalo({
      answer: {
        kind: 'escalate',
        reason: 'low_confidence',
        message: 'Tôi chưa đủ căn cứ để trả lời chắc chắn câu hỏi này.',
        passages: [],
        citations: [citation({ docNumber: '', docTitle: 'Hướng dẫn nội bộ', path: '' })],
        notices: [],
        confidence: 0.2,
      },
      choices: [{ action: 'escalate', label: '🙋 Hỏi cán bộ' }],
    });
    expect(text).toBe(
      'Tôi chưa đủ căn cứ để trả lời chắc chắn câu hỏi này.\n\nNguồn:\n[1] Hướng dẫn nội bộ (còn hiệu lực)\n\nTrả lời 1 để hỏi cán bộ.',
    );
  });

  it('splits a long answer into pieces of at most 2000 characters, keeping every passage and the choices last', () => {
    const long = 'Cán bộ, công chức tiếp nhận hồ sơ có trách nhiệm hướng dẫn tổ chức, cá nhân hoàn thiện hồ sơ. '.repeat(12);
    const a = answer({
      passages: [1, 2, 3].map((marker) => ({ marker, text: `${long}(đoạn ${marker})` })),
      citations: [1, 2, 3].map((marker) => citation({ marker })),
    });
    const pieces = renderZalo({ text: 'Chào anh/chị.', answer: a, choices: feedback });
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length, 'a piece exceeds the Zalo limit: help: check splitText is called with ZALO_TEXT_LIMIT').toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
      expect(p.trim()).not.toBe('');
    }
    const joined = pieces.join('\n\n');
    for (const m of [1, 2, 3]) expect(joined).toContain(`(đoạn ${m})`);
    expect(pieces.at(-1)?.endsWith('3 để hỏi cán bộ.')).toBe(true);
    expect(pieces[0].startsWith('Chào anh/chị.')).toBe(true);
  });

  it('renders plain text alone, and nothing for an empty reply', () => {
    expect(renderZalo({ text: '  Xin chào!  ' })).toEqual(['Xin chào!']);
    expect(renderZalo({})).toEqual([]);
  });

  it('uses no markup', () => {
    const joined = renderZalo({ answer: answer(), choices: feedback }).join('\n');
    expect(joined).not.toMatch(/<\/?[a-z]+>|\*\*|__/);
  });
});

describe('numberedChoiceText', () => {
  it('lists unit choices one per line with the skip choice as 0', () => {
    expect(numberedChoiceText(units)).toBe('Trả lời bằng số tương ứng:\n1. Sở Nội vụ\n2. UBND phường Ba Đình\n0. Bỏ qua');
  });

  it('puts the skip choice last whatever its position', () => {
    expect(numberedChoiceText([units[2], units[0]])).toBe('Trả lời bằng số tương ứng:\n1. Sở Nội vụ\n0. Bỏ qua');
  });

  it('follows the given order', () => {
    expect(numberedChoiceText([feedback[2], feedback[0]])).toBe('Trả lời 1 để hỏi cán bộ, 2 nếu hữu ích.');
  });

  it('returns an empty string for no choices', () => {
    expect(numberedChoiceText([])).toBe('');
  });
});

describe('numberedChoices / matchNumberedChoice', () => {
  it('numbers from 1 in order, skip as 0, labels without emoji', () => {
    expect(numberedChoices(units).map((n) => [n.number, n.label])).toEqual([
      [1, 'Sở Nội vụ'],
      [2, 'UBND phường Ba Đình'],
      [0, 'Bỏ qua'],
    ]);
    expect(numberedChoices(feedback).map((n) => n.label)).toEqual(['Hữu ích', 'Chưa đúng', 'Hỏi cán bộ']);
  });

  it('maps a typed number back to the same choice', () => {
    expect(matchNumberedChoice(feedback, '2')).toBe(feedback[1]);
    expect(matchNumberedChoice(feedback, ' 3. ')).toBe(feedback[2]);
    expect(matchNumberedChoice(units, '0')).toBe(units[2]);
    expect(matchNumberedChoice(feedback, '4')).toBeUndefined();
    expect(matchNumberedChoice(feedback, '0')).toBeUndefined();
    expect(matchNumberedChoice(feedback, '1 thủ tục')).toBeUndefined();
  });
});
