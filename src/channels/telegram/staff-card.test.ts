import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../test/fakes/telegram-api.js';
import type { Citation } from '../../answer/index.js';
import type { Ticket } from '../../escalation/index.js';
import { decodeStaffCallback, encodeStaffCallback } from './callback-data.js';
import { renderStaffCard, staffTopicName } from './staff-card.js';

const citation: Citation = {
  marker: 1,
  chunkId: 'c1',
  docId: 'd1',
  docNumber: '118/2025/NĐ-CP',
  docTitle: 'Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa',
  path: 'Điều 5',
  articleTitle: 'Điều 5. Nguyên tắc',
  status: 'in_force',
  statusLabel: 'còn hiệu lực',
  current: true,
};

/** A ticket as TicketService stores it; override what the case needs. */
function makeTicket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 'ticket-uuid-1',
    number: 7,
    state: 'open',
    questionId: 'q1',
    questionText: 'Hồ sơ nộp trực tuyến có cần bản giấy không?',
    channel: 'zalo',
    chatId: 'z1',
    userId: 'z1',
    displayName: 'Nguyễn Thị Lan',
    excerpt: ['Cán bộ: Hồ sơ nộp trực tuyến có cần bản giấy không?', 'Bot: Tôi chưa đủ căn cứ để trả lời chắc chắn.'],
    sources: [citation],
    reason: 'auto',
    createdAt: 1_750_000_000_000,
    reopenCount: 0,
    version: 1,
    ...over,
  };
}

/** The text a Telegram client would show, or the reason Telegram would refuse the HTML. */
function visible(html: string): string {
  const parsed = parseHtml(html);
  if ('error' in parsed) throw new Error(`the card is not valid Telegram HTML (${parsed.error}); help: escape every piece of text with escapeHtml`);
  return parsed.text;
}

describe('renderStaffCard', () => {
  it('shows number, state, asker, channel, question, excerpt, sources, waiting count and the hint', () => {
    const text = visible(renderStaffCard({ ticket: makeTicket(), waitingCount: 3 }).text);
    expect(text).toContain('Phiếu #7 — Chờ xử lý');
    expect(text).toContain('Người hỏi: Nguyễn Thị Lan (Zalo)');
    expect(text).toContain('Câu hỏi: Hồ sơ nộp trực tuyến có cần bản giấy không?');
    expect(text).toContain('Bot: Tôi chưa đủ căn cứ để trả lời chắc chắn.');
    expect(text).toContain('[1] Điều 5, 118/2025/NĐ-CP – Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa (còn hiệu lực)');
    expect(text).toContain('Số người đang chờ câu trả lời: 3');
    expect(text).toContain('Trả lời bằng cách reply (trả lời) tin nhắn này');
  });

  it('escapes markup in the question, excerpt, names and sources', () => {
    const ticket = makeTicket({
      questionText: '<script>alert("x")</script> & <b>',
      displayName: '<i>Lan</i>',
      excerpt: ['<a href="javascript:x">bấm</a>'],
      sources: [{ ...citation, docTitle: 'A < B & C' }],
    });
    const card = renderStaffCard({ ticket });
    expect(card.text).not.toContain('<script>');
    expect(card.text).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;');
    const text = visible(card.text);
    expect(text).toContain('<script>alert("x")</script> & <b>');
    expect(text).toContain('<i>Lan</i>');
    expect(text).toContain('A < B & C');
  });

  it('offers claim and close while open, close while claimed, nothing after', () => {
    const buttons = (state: Ticket['state']) => renderStaffCard({ ticket: makeTicket({ state, claimedBy: 'Minh' }) }).reply_markup?.inline_keyboard.flat();
    expect(buttons('open')).toEqual([
      { text: 'Nhận xử lý', callback_data: 'tk:c:7' },
      { text: 'Đóng', callback_data: 'tk:x:7' },
    ]);
    expect(buttons('claimed')).toEqual([{ text: 'Đóng', callback_data: 'tk:x:7' }]);
    expect(buttons('answered')).toBeUndefined();
    expect(buttons('closed')).toBeUndefined();
  });

  it('shows who claimed, answered (with the answer) and closed', () => {
    expect(visible(renderStaffCard({ ticket: makeTicket({ state: 'claimed', claimedBy: 'Minh Trần' }) }).text)).toContain('Đang xử lý: Minh Trần');
    const answered = visible(renderStaffCard({ ticket: makeTicket({ state: 'answered', claimedBy: 'Minh', answeredBy: 'Minh', answerText: 'Không cần bản giấy.' }) }).text);
    expect(answered).toContain('Phiếu #7 — Đã trả lời');
    expect(answered).toContain('Đã trả lời bởi: Minh');
    expect(answered).toContain('Không cần bản giấy.');
    const closed = visible(renderStaffCard({ ticket: makeTicket({ state: 'closed', closedBy: 'Hà' }) }).text);
    expect(closed).toContain('Đã đóng bởi: Hà');
    expect(closed, 'a closed ticket needs no "how to answer" hint').not.toContain('Trả lời bằng cách');
  });

  it('tells staff in a topic that any message there answers', () => {
    expect(visible(renderStaffCard({ ticket: makeTicket(), inTopic: true }).text)).toContain('Trả lời bằng cách nhắn tin trong chủ đề này');
  });

  it('stays within 4096 visible characters when every part is huge', () => {
    const huge = 'Thủ tục & <hồ sơ> '.repeat(2000);
    const ticket = makeTicket({
      state: 'answered',
      questionText: huge,
      displayName: huge,
      excerpt: Array.from({ length: 50 }, () => huge),
      sources: Array.from({ length: 20 }, (_, i) => ({ ...citation, marker: i + 1, docTitle: huge })),
      answeredBy: huge,
      answerText: huge,
      reopenCount: 2,
    });
    const text = visible(renderStaffCard({ ticket, waitingCount: 12, inTopic: true }).text);
    expect(text.length, 'the card must fit one message: check the budgets in staff-card.ts').toBeLessThanOrEqual(4096);
  });
});

describe('staffTopicName', () => {
  it('is "#<number> <question>" cut to 128 characters', () => {
    expect(staffTopicName({ number: 3, questionText: 'Thủ tục   hành chính\nlà gì?' })).toBe('#3 Thủ tục hành chính là gì?');
    const long = staffTopicName({ number: 12345, questionText: 'Hồ sơ '.repeat(100) });
    expect(long.length).toBeLessThanOrEqual(128);
    expect(long.startsWith('#12345 Hồ sơ')).toBe(true);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('staff callback data', () => {
  it('round-trips and rejects anything else', () => {
    expect(decodeStaffCallback(encodeStaffCallback('claim', 42))).toEqual({ action: 'claim', ticketNumber: 42 });
    expect(decodeStaffCallback(encodeStaffCallback('close', 1))).toEqual({ action: 'close', ticketNumber: 1 });
    for (const data of ['tk:c:', 'tk:c:0', 'tk:y:1', 'tk:c:1:2', 'fb:h:q1', 'tk:c:01', 42]) expect(decodeStaffCallback(data)).toBeNull();
    expect(Buffer.byteLength(encodeStaffCallback('close', Number.MAX_SAFE_INTEGER))).toBeLessThanOrEqual(64);
  });
});
