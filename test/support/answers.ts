/**
 * Hand-made answers in the answer contract (`src/answer/types.ts`), for renderer, conversation and
 * screenshot tests: one of each kind a real official meets, with Vietnamese text as the composer writes it.
 */
import type { AbstainReply, AnswerReply, ChatReply, Citation } from '../../src/answer/index.js';

/** A citation of Nghị định 118/2025/NĐ-CP (official text, in force, with a link); fields can be overridden. */
export function citation(marker: number, over: Partial<Citation> = {}): Citation {
  return {
    marker,
    chunkId: `nd-118.md#D5.K${marker + 1}`,
    docId: 'nd-118.md',
    docNumber: '118/2025/NĐ-CP',
    docTitle: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
    path: `Khoản ${marker + 1} Điều 5`,
    articleTitle: 'Điều 5. Nguyên tắc thực hiện',
    status: 'in_force',
    statusLabel: 'còn hiệu lực',
    current: true,
    url: 'https://vanban.chinhphu.vn/?docid=213456',
    ...over,
  };
}

/** A citation of a team-written summary standing for official articles. */
export function summaryCitation(marker: number, over: Partial<Citation> = {}): Citation {
  return citation(marker, {
    chunkId: `qd-4599.md#D3.K${marker}`,
    docId: 'qd-4599.md',
    docNumber: '4599/QĐ-UBND',
    docTitle: 'Quyết định phê duyệt Đề án nâng cao năng lực đội ngũ cán bộ làm công tác cải cách hành chính giai đoạn 2022–2030',
    path: 'Khoản 1 Điều 3',
    articleTitle: 'Điều 3. Mục tiêu cụ thể',
    url: undefined,
    summary: true,
    officialRef: 'Mục II.2',
    ...over,
  });
}

/** A direct answer from documents: two quotes, a third source without a quote, a summary source. */
export function searchAnswer(over: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    source: 'search',
    lead: 'Thời hạn giải quyết thủ tục hành chính được tính từ khi Bộ phận Một cửa nhận đủ hồ sơ hợp lệ.',
    passages: [
      { marker: 1, text: '2. Thời hạn giải quyết thủ tục hành chính được tính kể từ thời điểm Bộ phận Một cửa tiếp nhận đủ hồ sơ theo quy định.' },
      { marker: 2, text: 'a) Trường hợp hồ sơ chưa đầy đủ, chưa chính xác thì hướng dẫn một lần, đầy đủ để tổ chức, cá nhân bổ sung, hoàn thiện;' },
      { marker: 3, text: 'Một đoạn thứ ba không được hiện.' },
    ],
    citations: [citation(1), citation(2, { path: 'Điểm a Khoản 3 Điều 18', articleTitle: 'Điều 18. Tiếp nhận hồ sơ thủ tục hành chính' }), summaryCitation(3)],
    notices: [],
    confidence: 0.83,
    ...over,
  };
}

/** A curated FAQ answer. */
export function faqAnswer(over: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    source: 'faq',
    faqId: 'faq-12',
    faqOrigin: 'curated',
    lead: 'Hồ sơ trễ hạn thì cơ quan giải quyết phải gửi phiếu xin lỗi và hẹn lại ngày trả kết quả cho người nộp hồ sơ.',
    passages: [],
    citations: [citation(1, { path: 'Khoản 1 Điều 25', articleTitle: 'Điều 25. Xin lỗi khi giải quyết hồ sơ quá hạn' })],
    notices: [],
    confidence: 0.95,
    ...over,
  };
}

/** A validity question answered from the document's metadata. */
export function statusAnswer(over: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    source: 'status',
    lead: 'Nghị định 61/2018/NĐ-CP không còn hiệu lực: đã bị thay thế bởi Nghị định 118/2025/NĐ-CP từ ngày 01/7/2025.',
    passages: [],
    citations: [citation(1, {
      chunkId: 'nd-61.md#D1', docId: 'nd-61.md', docNumber: '61/2018/NĐ-CP', docTitle: 'Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính',
      path: '', articleTitle: '', status: 'replaced', statusLabel: 'đã bị thay thế', current: false, replacedBy: '118/2025/NĐ-CP', url: undefined,
    })],
    notices: ['Lưu ý: Nghị định 61/2018/NĐ-CP đã bị thay thế bởi 118/2025/NĐ-CP; nội dung trích dẫn không còn là quy định hiện hành.'],
    confidence: 1,
    ...over,
  };
}

/** An abstention with several partial sources (officials see only the best). */
export function abstention(over: Partial<AbstainReply> = {}): AbstainReply {
  return {
    kind: 'escalate',
    reason: 'low_confidence',
    message: 'Tôi chưa tìm thấy quy định trả lời đúng câu hỏi này trong các văn bản hiện có.',
    passages: [{ marker: 1, text: 'Đoạn có thể liên quan, không hiện cho cán bộ hỏi.' }],
    citations: [citation(1, { path: 'Điều 9', articleTitle: 'Điều 9. Trách nhiệm của Bộ phận Một cửa' }), citation(2)],
    notices: [],
    confidence: 0.21,
    ...over,
  };
}

/** A chat reply (greeting, off-topic, junk). */
export function chatReply(over: Partial<ChatReply> = {}): ChatReply {
  return {
    kind: 'chat',
    reason: 'off_topic',
    message: 'Tôi chỉ trả lời câu hỏi về cải cách hành chính (thủ tục hành chính, một cửa, dịch vụ công trực tuyến…).',
    passages: [],
    citations: [],
    notices: [],
    confidence: 0,
    ...over,
  };
}

/**
 * The longest abstention an official can get: the real short message and one source with a long summary
 * reference, a long article name, a partial-validity status and a link (for the ≤ 80-word checks).
 */
export function longAbstention(message: string): AbstainReply {
  return abstention({
    message,
    citations: [
      summaryCitation(1, {
        docNumber: '118/2025/NĐ-CP',
        docTitle: 'Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia',
        path: 'Khoản 1–4 Điều 27',
        officialRef: 'Khoản 1–4 Điều 27',
        articleTitle: 'Điều 27. Xây dựng Hệ thống thông tin giải quyết thủ tục hành chính cấp bộ, cấp tỉnh',
        status: 'partly_expired',
        statusLabel: 'hết hiệu lực một phần',
        url: 'https://vanban.chinhphu.vn/?docid=213456',
      }),
      citation(2),
    ],
  });
}

/** Words an official reads: whitespace-separated pieces with a letter or a digit (a link counts as one). */
export function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
