import { describe, expect, it } from 'vitest';
import type { AnswerReply, Citation } from '../../answer/index.js';
import type { ReplyChoice } from '../../conversation/index.js';
import { choicesFor, typedChoice } from '../../conversation/index.js';
import { abstention, chatReply, longAbstention, statusAnswer, wordCount } from '../../../test/support/answers.js';
import { msg } from '../../common/messages-vi.js';
import { numberedChoices, numberedChoiceText, renderZalo, ZALO_TEXT_LIMIT } from './render.js';

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
        '[1] Nghị định 118/2025/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)',
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
    expect(text).toContain('[1] Nghị định 61/2018/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (đã bị thay thế bởi Nghị định 118/2025/NĐ-CP)');
  });

  it('renders an abstention: why, the best source as "có thể liên quan", the question and "1" to pass it to staff', () => {
    const pieces = renderZalo({
      answer: abstention({ citations: [citation({ docNumber: '', docTitle: 'Hướng dẫn nội bộ', path: '', articleTitle: '' }), citation({ marker: 2 })] }),
      questionId: 'q2',
      prompt: 'Anh/chị muốn chuyển câu hỏi này cho cán bộ phụ trách, hay đặt lại câu hỏi cụ thể hơn?',
      choices: [{ action: 'escalate', label: '🙋 Chuyển câu hỏi cho cán bộ', questionId: 'q2', number: 1 }],
    });
    expect(pieces).toEqual([[
      'Tôi chưa tìm thấy quy định trả lời đúng câu hỏi này trong các văn bản hiện có.',
      'Có thể liên quan:\n[1] Hướng dẫn nội bộ (còn hiệu lực)',
      'Anh/chị muốn chuyển câu hỏi này cho cán bộ phụ trách, hay đặt lại câu hỏi cụ thể hơn?\nTrả lời 1 để chuyển câu hỏi cho cán bộ.',
    ].join('\n\n')]);
  });

  it('keeps the longest abstention, with the offer and the number to type, under 80 words', () => {
    const pieces = renderZalo({
      answer: longAbstention(msg('answer.abstain.why.lowConfidence')),
      questionId: 'q2',
      prompt: msg('chat.escalate.offer'),
      choices: [{ action: 'escalate', label: msg('chat.choice.escalateOffer'), questionId: 'q2', number: 1 }],
    });
    expect(wordCount(pieces.join('\n')), 'help: shorten the abstention message or the clipped source (answer-layout.ts)').toBeLessThanOrEqual(80);
    expect(pieces.join('\n'), 'the long article name is clipped').toMatch(/– Xây dựng Hệ thống [^\n]*… \(hết hiệu lực một phần\)/u);
  });

  it('prints the number the core gave a choice (after "chưa đúng", 3 still asks staff)', () => {
    const [text] = renderZalo({ text: 'Cảm ơn anh/chị đã phản hồi.', choices: [{ ...feedback[2], number: 3 }] });
    expect(text).toBe('Cảm ơn anh/chị đã phản hồi.\n\nTrả lời 3 để hỏi cán bộ.');
  });

  it('renders a chat reply as its message alone, and a status answer with the replacement', () => {
    expect(renderZalo({ answer: chatReply() })).toEqual([chatReply().message]);
    const [status] = renderZalo({ answer: statusAnswer() });
    expect(status).toContain('Nguồn:\n[1] Nghị định 61/2018/NĐ-CP (đã bị thay thế bởi 118/2025/NĐ-CP)');
  });

  it('splits a long answer into pieces of at most 2000 characters, keeping every passage and the choices last', () => {
    const long = 'Cán bộ, công chức tiếp nhận hồ sơ có trách nhiệm hướng dẫn tổ chức, cá nhân hoàn thiện hồ sơ. '.repeat(12);
    const a = answer({
      lead: long,
      passages: [1, 2].map((marker) => ({ marker, text: `${long}(đoạn ${marker})` })),
      citations: [1, 2, 3].map((marker) => citation({ marker })),
    });
    const pieces = renderZalo({ text: 'Chào anh/chị.', answer: a, choices: feedback });
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) {
      expect(p.length, 'a piece exceeds the Zalo limit: help: check splitText is called with ZALO_TEXT_LIMIT').toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
      expect(p.trim()).not.toBe('');
    }
    const joined = pieces.join('\n\n');
    for (const m of [1, 2]) expect(joined).toContain(`(đoạn ${m})`);
    expect(joined).toContain('[3] Nghị định 118/2025/NĐ-CP');
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

describe('numberedChoices', () => {
  it('numbers from 1 in order, skip as 0, labels without emoji', () => {
    expect(numberedChoices(units).map((n) => [n.number, n.label])).toEqual([
      [1, 'Sở Nội vụ'],
      [2, 'UBND phường Ba Đình'],
      [0, 'Bỏ qua'],
    ]);
    expect(numberedChoices(feedback).map((n) => n.label)).toEqual(['Hữu ích', 'Chưa đúng', 'Hỏi cán bộ']);
  });

  it('prints the numbers the conversation core reads back, under an answer and under an abstention', () => {
    const records = [
      { id: 'qa', answered: true, replyKind: 'answer' as const },
      { id: 'qe', answered: false, replyKind: 'escalate' as const, replyReason: 'low_confidence' },
    ];
    for (const record of records) {
      const offered = choicesFor(record);
      const [text] = renderZalo({ text: 'x', choices: offered });
      const printed = [...text.matchAll(/(\d) (?:nếu|để) ([^,.]+)/g)].map((m) => ({ n: m[1], label: m[2] }));
      expect(printed.length, record.replyKind).toBe(offered.length);
      for (const { n, label } of printed) {
        const action = typedChoice(n, offered, true);
        const choice = offered.find((c) => c.action === action);
        expect(choice && label.toLowerCase().includes(choice.label.replace(/^\P{L}+/u, '').toLowerCase()), `typing ${n} (“${label}”) under a ${record.replyKind}`).toBe(true);
      }
    }
  });
});
