import { describe, expect, it } from 'vitest';
import type { AbstainReply, AnswerReply, Citation } from '../../answer/index.js';
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
    expect(piece.text).toContain('<b>[1]</b>\n<blockquote>Cơ quan &lt;script&gt;alert(1)&lt;/script&gt; &amp; tổ chức phải công khai thủ tục.</blockquote>');
    expect(piece.text).toContain('<b>Nguồn:</b>');
    expect(piece.text).toContain(
      '[1] Khoản 2 Điều 5, <a href="https://vbpl.vn/van-ban?id=1&amp;x=&quot;2&quot;">Nghị định 118/2025/NĐ-CP – Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa</a> (còn hiệu lực)',
    );
    expect(visible(piece.text)).toContain('<script>alert(1)</script> & tổ chức');
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
    expect(text).toContain('[1] Khoản 2 Điều 5, Nghị định 61/2018/NĐ-CP – Cơ chế một cửa (đã bị thay thế bởi 118/2025/NĐ-CP)');
  });

  it('does not bold a FAQ lead and labels a staff answer', () => {
    const a = answer({ source: 'faq', faqOrigin: 'staff', lead: 'Hồ sơ nộp tại <Bộ phận một cửa>.', passages: [], citations: [] });
    const [piece] = renderTelegram({ answer: a });
    expect(piece.text).toBe('Hồ sơ nộp tại &lt;Bộ phận một cửa&gt;.\n<i>Câu trả lời của cán bộ phụ trách</i>');
  });

  it('renders an abstain reply: the message, then partial sources', () => {
    const abstain: AbstainReply = {
      kind: 'escalate',
      reason: 'low_confidence',
      message: 'Tôi chưa đủ căn cứ để trả lời chắc chắn câu hỏi này.\nMột số quy định có thể liên quan để anh/chị tham khảo:',
      passages: [{ marker: 1, text: 'Đoạn trích.' }],
      citations: [citation(1)],
      notices: [],
      confidence: 0.3,
    };
    const text = visible(renderTelegram({ answer: abstain, questionId: 'q2', choices: [choices[2]] })[0].text);
    expect(text.startsWith('Tôi chưa đủ căn cứ')).toBe(true);
    expect(text).toContain('[1]\nĐoạn trích.');
    expect(text).toContain('Nguồn:\n[1] Khoản 2 Điều 5, Nghị định 118/2025/NĐ-CP');
  });

  it('splits a very long answer under 4096 characters after escaping, keyboard on the last piece only', () => {
    const longText = Array.from({ length: 60 }, (_, i) => `Đoạn ${i}: cơ quan & tổ chức <phải> công khai "thủ tục" hành chính.`).join(' ');
    const a = answer({
      lead: 'Hướng dẫn: ' + 'a&b '.repeat(400),
      passages: [1, 2, 3].map((marker) => ({ marker, text: longText.repeat(2) })),
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
    expect(all).toContain('[3] Khoản 4 Điều 5');
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
