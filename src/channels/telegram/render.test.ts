import { describe, expect, it } from 'vitest';
import type { AnswerReply, Citation } from '../../answer/index.js';
import { abstention, chatReply, longAbstention, searchAnswer, statusAnswer, wordCount } from '../../../test/support/answers.js';
import { msg } from '../../common/messages-vi.js';
import type { OutboundReply, ReplyChoice } from '../../conversation/index.js';
import { parseHtml } from '../../../test/fakes/telegram-api.js';
import { renderTelegram, TELEGRAM_TEXT_LIMIT } from './render.js';

function citation(marker: number, extra: Partial<Citation> = {}): Citation {
  return {
    marker,
    chunkId: `nd-118.md#D5.K${marker}`,
    docId: 'nd-118.md',
    docNumber: '118/2025/NĐ-CP',
    docTitle: 'Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa',
    path: `Khoản ${marker + 1} Điều 5`,
    articleTitle: 'Điều 5. Nguyên tắc thực hiện',
    status: 'in_force',
    statusLabel: 'còn hiệu lực',
    current: true,
    ...extra,
  };
}

function answer(extra: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    source: 'search',
    lead: 'Theo Khoản 2 Điều 5 Nghị định 118/2025/NĐ-CP:',
    passages: [{ marker: 1, text: 'Cơ quan <script>alert(1)</script> & tổ chức phải công khai thủ tục.' }],
    citations: [citation(1, { url: 'https://vbpl.vn/van-ban?id=1&x="2"' })],
    notices: [],
    confidence: 0.8,
    ...extra,
  };
}

const choices: ReplyChoice[] = [
  { action: 'helpful', label: '👍 Hữu ích' },
  { action: 'unhelpful', label: '👎 Chưa đúng' },
  { action: 'escalate', label: '🙋 Hỏi cán bộ' },
];

/** Parses every piece as Telegram would; a failure here means the renderer produced invalid HTML. */
function visible(text: string): string {
  const parsed = parseHtml(text);
  if ('error' in parsed) throw new Error(`Telegram would refuse this HTML (${parsed.error}); help: escape user text with escapeHtml`);
  return parsed.text;
}

describe('renderTelegram', () => {
  it('renders a search answer: bold lead, quoted passage with marker, linked sources', () => {
    const [piece, ...rest] = renderTelegram({ answer: answer(), questionId: 'q1', choices });
    expect(rest).toHaveLength(0);
    expect(piece.parse_mode).toBe('HTML');
    expect(piece.link_preview_options).toEqual({ is_disabled: true });
    expect(piece.text).toContain('<b>Theo Khoản 2 Điều 5 Nghị định 118/2025/NĐ-CP:</b>');
    expect(piece.text).toContain('<blockquote><b>[1]</b> Cơ quan &lt;script&gt;alert(1)&lt;/script&gt; &amp; tổ chức phải công khai thủ tục.</blockquote>');
    expect(piece.text).toContain('<b>Nguồn:</b>');
    expect(piece.text).toContain(
      '[1] <a href="https://vbpl.vn/van-ban?id=1&amp;x=%222%22">Nghị định 118/2025/NĐ-CP</a>, Khoản 2 Điều 5 – Nguyên tắc thực hiện (còn hiệu lực)',
    );
    expect(visible(piece.text)).toContain('<script>alert(1)</script> & tổ chức');
  });

  it('lays out an answer in order: answer, notices, uncovered parts, two quotes, sources; no confidence', () => {
    const a = searchAnswer({ notices: ['Lưu ý: văn bản đã hết hiệu lực một phần.'], uncoveredParts: ['lệ phí bao nhiêu'], confidence: 0.4321 });
    const [piece] = renderTelegram({ answer: a, questionId: 'q1', choices });
    const text = visible(piece.text);
    const order = ['Thời hạn giải quyết', '⚠️ Lưu ý', 'Phần chưa có căn cứ để trả lời: “lệ phí bao nhiêu”', '[1] 2. Thời hạn', '[2] a) Trường hợp', 'Nguồn:', '[3] Quyết định 4599/QĐ-UBND, tóm lược – Mục II.2 (văn bản gốc)'];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i >= 0), `missing: ${order.filter((_, i) => at[i] < 0).join(' | ')}`).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(text).not.toContain('Một đoạn thứ ba');
    expect(text).not.toMatch(/0[.,]43|tin cậy/);
  });

  it('collapses a long quote in an expandable blockquote so the answer stays in view', () => {
    const long = 'Hồ sơ được tiếp nhận và giải quyết đúng hạn. '.repeat(10);
    const [piece] = renderTelegram({ answer: answer({ passages: [{ marker: 1, text: long }] }) });
    expect(piece.text).toContain('<blockquote expandable><b>[1]</b> Hồ sơ');
    visible(piece.text);
  });

  it('renders an abstention with the best source as "Có thể liên quan", the question and one button', () => {
    const reply: OutboundReply = {
      answer: abstention(),
      questionId: 'q9',
      prompt: 'Anh/chị muốn chuyển câu hỏi này cho cán bộ phụ trách, hay đặt lại câu hỏi cụ thể hơn?',
      choices: [{ action: 'escalate', label: '🙋 Chuyển câu hỏi cho cán bộ', number: 1 }],
    };
    const [piece, ...rest] = renderTelegram(reply);
    expect(rest).toHaveLength(0);
    expect(visible(piece.text)).toBe([
      'Tôi chưa tìm thấy quy định trả lời đúng câu hỏi này trong các văn bản hiện có.',
      'Có thể liên quan:\n[1] Nghị định 118/2025/NĐ-CP, Điều 9 – Trách nhiệm của Bộ phận Một cửa (còn hiệu lực)',
      'Anh/chị muốn chuyển câu hỏi này cho cán bộ phụ trách, hay đặt lại câu hỏi cụ thể hơn?',
    ].join('\n\n'));
    expect(piece.reply_markup).toEqual({ inline_keyboard: [[{ text: '🙋 Chuyển câu hỏi cho cán bộ', callback_data: 'esc:q9' }]] });
  });

  it('keeps the longest abstention, with the offer and its button, under 80 words', () => {
    const pieces = renderTelegram({
      answer: longAbstention(msg('answer.abstain.why.lowConfidence')),
      questionId: 'q9',
      prompt: msg('chat.escalate.offer'),
      choices: [{ action: 'escalate', label: msg('chat.choice.escalateOffer'), number: 1 }],
    });
    const buttons = pieces.flatMap((p) => p.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? []);
    const words = wordCount([...pieces.map((p) => visible(p.text)), ...buttons].join('\n'));
    expect(words, 'help: shorten the abstention message or the clipped source (answer-layout.ts)').toBeLessThanOrEqual(80);
  });

  it('renders a chat reply as its message alone, without buttons or link settings', () => {
    const [piece, ...rest] = renderTelegram({ answer: chatReply({ message: 'Chào anh/chị <3' }) });
    expect(rest).toHaveLength(0);
    expect(piece).toEqual({ text: 'Chào anh/chị &lt;3', parse_mode: 'HTML' });
  });

  it('renders a status answer: the validity answer, the notice and the document with its replacement', () => {
    const text = visible(renderTelegram({ answer: statusAnswer() })[0].text);
    expect(text).toContain('Nghị định 61/2018/NĐ-CP không còn hiệu lực');
    expect(text).toContain('Nguồn:\n[1] Nghị định 61/2018/NĐ-CP (đã bị thay thế bởi 118/2025/NĐ-CP)');
  });

  it('puts 👍/👎 on one row and 🙋 on the next, encoding the question id', () => {
    const [piece] = renderTelegram({ answer: answer(), questionId: 'q1', choices });
    expect(piece.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '👍 Hữu ích', callback_data: 'fb:h:q1' },
          { text: '👎 Chưa đúng', callback_data: 'fb:u:q1' },
        ],
        [{ text: '🙋 Hỏi cán bộ', callback_data: 'esc:q1' }],
      ],
    });
  });

  it('renders unit choices one per row', () => {
    const reply: OutboundReply = {
      text: 'Anh/chị công tác tại cơ quan, đơn vị nào?',
      choices: [
        { action: 'unit', label: 'Sở Nội vụ', value: 'snv' },
        { action: 'unit', label: 'Bỏ qua' },
      ],
    };
    const [piece] = renderTelegram(reply);
    expect(piece.reply_markup?.inline_keyboard).toEqual([[{ text: 'Sở Nội vụ', callback_data: 'unit:snv' }], [{ text: 'Bỏ qua', callback_data: 'unit:' }]]);
    expect(piece.link_preview_options).toBeUndefined();
  });

  it('shows validity notices with ⚠️ and the replacing document in the source line', () => {
    const a = answer({
      notices: ['Lưu ý: Nghị định 61/2018/NĐ-CP đã bị thay thế bởi 118/2025/NĐ-CP; nội dung trích dẫn không còn là quy định hiện hành.'],
      citations: [citation(1, { docNumber: '61/2018/NĐ-CP', docTitle: 'Cơ chế một cửa', status: 'replaced', statusLabel: 'đã bị thay thế', current: false, replacedBy: '118/2025/NĐ-CP' })],
    });
    const text = visible(renderTelegram({ answer: a })[0].text);
    expect(text).toContain('⚠️ Lưu ý: Nghị định 61/2018/NĐ-CP đã bị thay thế');
    expect(text).toContain('[1] Nghị định 61/2018/NĐ-CP, Khoản 2 Điều 5 – Nguyên tắc thực hiện (đã bị thay thế bởi 118/2025/NĐ-CP)');
  });

  it('does not bold a FAQ lead and labels a staff answer', () => {
    const a = answer({ source: 'faq', faqOrigin: 'staff', lead: 'Hồ sơ nộp tại <Bộ phận một cửa>.', passages: [], citations: [] });
    const [piece] = renderTelegram({ answer: a });
    expect(piece.text).toBe('Hồ sơ nộp tại &lt;Bộ phận một cửa&gt;.\n<i>Câu trả lời của cán bộ phụ trách</i>');
  });

  it('splits a very long answer under 4096 characters after escaping, keyboard on the last piece only', () => {
    const longText = Array.from({ length: 60 }, (_, i) => `Đoạn ${i}: cơ quan & tổ chức <phải> công khai "thủ tục" hành chính.`).join(' ');
    const a = answer({
      lead: 'Hướng dẫn: ' + 'a&b '.repeat(400),
      passages: [1, 2].map((marker) => ({ marker, text: longText.repeat(2) })),
      citations: [1, 2, 3].map((m) => citation(m, { url: `https://example.gov.vn/${m}` })),
    });
    const pieces = renderTelegram({ answer: a, questionId: 'q3', choices });
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.text.length, 'a piece exceeds Telegram’s limit after escaping').toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      visible(piece.text); // every piece is well-formed on its own: no split inside a tag
    }
    expect(pieces.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
    expect(pieces.at(-1)!.reply_markup?.inline_keyboard.flat()).toHaveLength(3);
    const all = pieces.map((p) => visible(p.text)).join('\n');
    expect(all).toContain('Đoạn 59: cơ quan & tổ chức <phải> công khai "thủ tục" hành chính.');
    expect(all).toContain('[3] Nghị định 118/2025/NĐ-CP, Khoản 4 Điều 5');
  });

  it('splits long plain text at paragraph boundaries', () => {
    const para = 'Câu hỏi & trả lời. '.repeat(100).trim();
    const pieces = renderTelegram({ text: [para, para, para].join('\n\n') }, 3000);
    expect(pieces).toHaveLength(3);
    expect(pieces.every((p) => p.text === para.replace(/&/g, '&amp;'))).toBe(true);
  });

  it('returns nothing for an empty reply', () => {
    expect(renderTelegram({ choices })).toEqual([]);
  });
});
