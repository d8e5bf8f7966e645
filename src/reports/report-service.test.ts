import { describe, expect, it } from 'vitest';
import type { ReportDoc, ReportPeriod, ReportQuestionRow, ReportTicketRow, ReportUnit } from './ports.js';
import { buildReport, isSlaBreach } from './report-service.js';
import type { ReportFigures } from './report-types.js';

// A hand-made history over three days, 01–03/03/2026 (Vietnam time, UTC+7). Every expected figure below
// is worked out by hand in the comments; if one fails, re-check the definition in README.md first.
const M = 60_000;
const H = 60 * M;
const DAY = 24 * H;
/** 00:00 on 01/03/2026 in Vietnam = 17:00 UTC on 28/02/2026. */
const FROM = Date.UTC(2026, 1, 28, 17);
const TO = FROM + 3 * DAY;
/** One hour after the period: tickets still waiting are measured up to here. */
const NOW = TO + H;
/** Vietnam time on day `d` of the period (day 0 is 28/02, before it; day 4 is after it). */
const at = (d: number, hh: number, mm = 0) => FROM + (d - 1) * DAY + hh * H + mm * M;

const UNITS: ReportUnit[] = [
  { id: 'so-noi-vu', name: 'Sở Nội vụ' },
  { id: 'so-tu-phap', name: 'Sở Tư pháp' },
  { id: 'ubnd-cap-xa', name: 'Ủy ban nhân dân cấp xã (xã, phường, đặc khu)' },
];
const ND118: ReportDoc = { id: 'nd118.md', number: '118/2025/NĐ-CP', title: 'Nghị định về cơ chế một cửa' };
const ND30: ReportDoc = { id: 'nd30.md', number: '30/2020/NĐ-CP', title: 'Nghị định về công tác văn thư' };

function q(id: string, over: Partial<ReportQuestionRow>): ReportQuestionRow {
  return { id, channel: 'zalo', userId: 'u1', unitId: 'so-noi-vu', text: 'Câu hỏi', answered: true, source: 'search',
    confidence: 0.8, citedDocs: [], createdAt: at(1, 8), feedback: null, ticketId: null, ...over };
}

function t(number: number, over: Partial<ReportTicketRow>): ReportTicketRow {
  return { id: `t${number}`, number, channel: 'zalo', unitId: 'so-noi-vu', state: 'open', createdAt: at(1, 8),
    claimedAt: null, answeredAt: null, closedAt: null, remindedAt: null, ...over };
}

const GPXD = 'Thủ tục cấp giấy phép xây dựng?';
const QUESTIONS: ReportQuestionRow[] = [
  // 06:30 in Vietnam is still 28/02 in UTC: the daily series must put it on 01/03.
  q('q1', { createdAt: at(1, 6, 30), citedDocs: [ND118], feedback: 'helpful' }),
  q('q2', { createdAt: at(1, 9), source: 'faq', citedDocs: [ND118] }),
  q('q3', { createdAt: at(1, 10), userId: 'u2', unitId: 'so-tu-phap', text: GPXD, answered: false, source: 'none', ticketId: 't1' }),
  q('q4', { createdAt: at(2, 8), channel: 'telegram', userId: 'u3', unitId: null, citedDocs: [ND30], feedback: 'unhelpful', ticketId: 't2' }),
  q('q5', { createdAt: at(2, 9), channel: 'telegram', userId: 'u3', unitId: null, text: 'thu tuc cap giay phep xay dung', answered: false, source: 'none', ticketId: 't1' }),
  q('q6', { createdAt: at(2, 10), channel: 'web', userId: 'u4', unitId: 'ubnd-cap-xa', text: 'Thủ tục cấp GIẤY PHÉP xây dựng ?', answered: false, source: 'none' }),
  q('q7', { createdAt: at(3, 11), channel: 'web', userId: 'u4', unitId: 'ubnd-cap-xa', citedDocs: [ND118, ND30], feedback: 'helpful' }),
  q('q8', { createdAt: at(3, 23, 30), text: 'Mẫu đơn đăng ký hộ kinh doanh?', answered: false, source: 'none', ticketId: 't3' }),
  q('q9', { createdAt: at(0, 12), text: 'Before the period: ignored' }),
  q('q10', { createdAt: at(3, 12), userId: 'u5', unitId: 'don-vi-cu', text: 'Hồ sơ một cửa nộp ở đâu?', source: 'faq', feedback: 'unhelpful' }),
];

const TICKETS: ReportTicketRow[] = [
  t(1, { unitId: 'so-tu-phap', state: 'answered', createdAt: at(1, 10, 1), claimedAt: at(1, 10, 20), answeredAt: at(1, 10, 41) }), // 40 min
  t(2, { channel: 'telegram', unitId: null, state: 'answered', createdAt: at(2, 8, 5), claimedAt: at(2, 8, 30), answeredAt: at(2, 9, 35) }), // 90 min: breach
  t(3, { state: 'open', createdAt: at(3, 23, 31) }), // waiting 89 min at NOW: breach
  t(4, { channel: 'web', unitId: 'ubnd-cap-xa', state: 'answered', createdAt: at(0, 12), answeredAt: at(1, 12) }), // 1440 min, created before
  t(5, { state: 'claimed', createdAt: at(0, 20), claimedAt: at(0, 21), remindedAt: at(0, 21) }), // created before, still waiting: breach
  t(6, { channel: 'telegram', unitId: null, state: 'closed', createdAt: at(3, 8), closedAt: at(3, 8, 30) }), // closed in 30 min
  t(7, { unitId: 'so-tu-phap', state: 'answered', createdAt: at(2, 14), answeredAt: at(2, 14, 10) }), // 10 min
  t(8, { channel: 'web', unitId: 'ubnd-cap-xa', state: 'open', createdAt: at(3, 9), answeredAt: at(3, 11) }), // 120 min, then reopened: waiting, breach
  t(9, { state: 'closed', createdAt: at(0, 1), closedAt: at(0, 2) }), // entirely before the period: ignored
  t(10, { state: 'open', createdAt: at(4, 0, 30) }), // after the period: ignored
];

const PERIOD: ReportPeriod = { from: FROM, to: TO };
const build = (period: ReportPeriod = PERIOD, rows = QUESTIONS, tickets = TICKETS) =>
  buildReport(rows, tickets, { period, units: UNITS, remindMinutes: 60, now: NOW });

/** Figures with the shares and durations written as the hand computation gives them. */
function fig(f: Omit<ReportFigures, 'autoShare' | 'escalationRate' | 'medianAnswerMs' | 'p90AnswerMs'> & { median: number | null; p90: number | null }): ReportFigures {
  const { median, p90, ...rest } = f;
  return {
    ...rest,
    autoShare: f.questions ? f.answeredAutomatically / f.questions : null,
    escalationRate: f.questions ? f.escalated / f.questions : null,
    medianAnswerMs: median === null ? null : median * M,
    p90AnswerMs: p90 === null ? null : p90 * M,
  };
}

// Staff answer durations in the period: t7 10, t1 40, t2 90, t8 120, t4 1440 min.
// Median 90; p90: h = 4 × 0.9 = 3.6 → 120 + 0.6 × (1440 − 120) = 912.
const TOTALS = fig({ questions: 9, officials: 5, answeredAutomatically: 4, escalated: 4, ticketsCreated: 6, staffAnswered: 5,
  median: 90, p90: 912, slaBreaches: 4, waitingTickets: 3, helpful: 2, unhelpful: 2 });
// Telegram: q4, q5; t2 (90 min, breach), t6 (closed in 30 min).
const TELEGRAM = fig({ questions: 2, officials: 1, answeredAutomatically: 0, escalated: 2, ticketsCreated: 2, staffAnswered: 1,
  median: 90, p90: 90, slaBreaches: 1, waitingTickets: 0, helpful: 0, unhelpful: 1 });
// Zalo: q1, q2, q3, q8, q10; t1 (40), t7 (10): median 25, p90 = 10 + 0.9 × 30 = 37; breaches t3, t5.
const ZALO = fig({ questions: 5, officials: 3, answeredAutomatically: 3, escalated: 2, ticketsCreated: 3, staffAnswered: 2,
  median: 25, p90: 37, slaBreaches: 2, waitingTickets: 2, helpful: 1, unhelpful: 1 });
// Web: q6, q7; t4 (1440), t8 (120): median 780, p90 = 120 + 0.9 × 1320 = 1308; breach t8 (t4 was created before).
const WEB = fig({ questions: 2, officials: 1, answeredAutomatically: 1, escalated: 0, ticketsCreated: 1, staffAnswered: 2,
  median: 780, p90: 1308, slaBreaches: 1, waitingTickets: 1, helpful: 1, unhelpful: 0 });
const NOI_VU = fig({ questions: 3, officials: 1, answeredAutomatically: 2, escalated: 1, ticketsCreated: 1, staffAnswered: 0,
  median: null, p90: null, slaBreaches: 2, waitingTickets: 2, helpful: 1, unhelpful: 0 });
const TU_PHAP = fig({ questions: 1, officials: 1, answeredAutomatically: 0, escalated: 1, ticketsCreated: 2, staffAnswered: 2,
  median: 25, p90: 37, slaBreaches: 0, waitingTickets: 0, helpful: 0, unhelpful: 0 });
const OLD_UNIT = fig({ questions: 1, officials: 1, answeredAutomatically: 1, escalated: 0, ticketsCreated: 0, staffAnswered: 0,
  median: null, p90: null, slaBreaches: 0, waitingTickets: 0, helpful: 0, unhelpful: 1 });

describe('buildReport', () => {
  it('computes the period totals from the seeded history', () => {
    const r = build();
    expect(r.totals, 'see the hand computation above TOTALS').toEqual(TOTALS);
    expect(r.totals.autoShare).toBeCloseTo(4 / 9, 12);
    expect([r.generatedAt, r.remindMinutes]).toEqual([NOW, 60]);
  });

  it('leaves chat messages (greetings, off-topic, junk) out of every figure, topic and gap', () => {
    const chatter = [
      q('c1', { createdAt: at(1, 11), userId: 'u-chat', text: 'xin chào', answered: false, source: 'none', chat: true }),
      q('c2', { createdAt: at(2, 11), userId: 'u-chat', text: 'thời tiết hôm nay thế nào', answered: false, source: 'none', chat: true }),
      q('c3', { createdAt: at(2, 12), userId: 'u-chat', text: 'thời tiết hôm nay thế nào', answered: false, source: 'none', chat: true }),
    ];
    const r = build(PERIOD, [...QUESTIONS, ...chatter]);
    expect(r.totals).toEqual(TOTALS);
    expect(r.gaps.map((g) => g.text)).not.toContain('thời tiết hôm nay thế nào');
    expect(r.daily).toEqual(build().daily);
  });

  it('counts a status answer ("NĐ 61 còn hiệu lực không?") as answered automatically', () => {
    const status = q('s1', { createdAt: at(1, 12), source: 'status' });
    expect(build(PERIOD, [...QUESTIONS, status]).totals.answeredAutomatically).toBe(TOTALS.answeredAutomatically + 1);
  });

  it('breaks every figure down by channel, in the fixed channel order', () => {
    const r = build();
    expect(r.byChannel.map((b) => [b.key, b.label])).toEqual([['telegram', 'Telegram'], ['zalo', 'Zalo'], ['zalo-oa', 'Zalo OA'], ['web', 'Trò chuyện trên web']]);
    const none = fig({ questions: 0, officials: 0, answeredAutomatically: 0, escalated: 0, ticketsCreated: 0, staffAnswered: 0, median: null, p90: null, slaBreaches: 0, waitingTickets: 0, helpful: 0, unhelpful: 0 });
    expect(r.byChannel.map((b) => b.figures)).toEqual([TELEGRAM, ZALO, none, WEB]);
  });

  it('breaks every figure down by unit: listed units, then unknown ids, then "Chưa chọn đơn vị"', () => {
    const r = build();
    expect(r.byUnit.map((b) => b.label)).toEqual(['Sở Nội vụ', 'Sở Tư pháp', 'Ủy ban nhân dân cấp xã (xã, phường, đặc khu)',
      'don-vi-cu (không còn trong danh sách)', 'Chưa chọn đơn vị']);
    expect(r.byUnit.map((b) => b.key)).toEqual(['so-noi-vu', 'so-tu-phap', 'ubnd-cap-xa', 'don-vi-cu', '']);
    // The commune unit has exactly the web rows; "no unit" has exactly the Telegram rows.
    expect(r.byUnit.map((b) => b.figures)).toEqual([NOI_VU, TU_PHAP, WEB, OLD_UNIT, TELEGRAM]);
  });

  it('lists cited documents first, then phrases of uncited questions asked at least twice', () => {
    const r = build();
    expect(r.topics).toEqual([
      { kind: 'document', label: '118/2025/NĐ-CP — Nghị định về cơ chế một cửa', count: 3 },
      { kind: 'document', label: '30/2020/NĐ-CP — Nghị định về công tác văn thư', count: 2 },
      // q3 and q6 (q5 has no diacritics, so its phrases differ); code-point order on a tie.
      ...['cấp giấy', 'giấy phép', 'phép xây', 'thủ tục', 'tục cấp', 'xây dựng'].map((label) => ({ kind: 'word', label, count: 2 })),
    ]);
    expect(buildReport(QUESTIONS, TICKETS, { period: PERIOD, units: UNITS, remindMinutes: 60, now: NOW, topicLimit: 3 }).topics).toHaveLength(3);
  });

  it('groups unanswered questions by lower case and folded diacritics, keeping the earliest wording', () => {
    expect(build().gaps).toEqual([
      { key: 'thu tuc cap giay phep xay dung', text: GPXD, count: 3, lastAskedAt: at(2, 10) },
      { key: 'mau don dang ky ho kinh doanh', text: 'Mẫu đơn đăng ký hộ kinh doanh?', count: 1, lastAskedAt: at(3, 23, 30) },
    ]);
  });

  it('gives a daily series in Vietnam days, zero days included', () => {
    expect(build().daily).toEqual([
      { day: '2026-03-01', questions: 3, answeredAutomatically: 2, escalated: 1 },
      { day: '2026-03-02', questions: 3, answeredAutomatically: 0, escalated: 2 },
      { day: '2026-03-03', questions: 3, answeredAutomatically: 2, escalated: 1 },
    ]);
    const empty = build({ from: FROM, to: FROM + 5 * DAY }, [], []);
    expect(empty.daily.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']);
  });

  it('narrows everything to the period channel, so the totals equal that channel row', () => {
    const r = build({ ...PERIOD, channel: 'zalo' });
    expect(r.totals).toEqual(ZALO);
    expect(r.byChannel.map((b) => b.key)).toEqual(['zalo']);
    expect(r.byUnit.find((b) => b.key === 'so-noi-vu')?.figures).toEqual(NOI_VU);
  });

  it('narrows to officials who chose no unit when unitId is null', () => {
    const r = build({ ...PERIOD, unitId: null });
    expect(r.totals).toEqual(TELEGRAM);
    expect(r.byUnit.map((b) => [b.key, b.label])).toEqual([['', 'Chưa chọn đơn vị']]);
    expect(build({ ...PERIOD, unitId: 'so-tu-phap' }).totals).toEqual(TU_PHAP);
  });

  it('reports no share and no duration (null, not 0) for an empty period', () => {
    const r = build(PERIOD, [], []);
    expect(r.totals).toEqual(fig({ questions: 0, officials: 0, answeredAutomatically: 0, escalated: 0, ticketsCreated: 0, staffAnswered: 0,
      median: null, p90: null, slaBreaches: 0, waitingTickets: 0, helpful: 0, unhelpful: 0 }));
    expect(r.byChannel).toHaveLength(4);
    expect(r.byUnit).toHaveLength(UNITS.length + 1);
    expect([r.topics, r.gaps]).toEqual([[], []]);
  });
});

describe('isSlaBreach', () => {
  const limit = 60 * M;
  it('measures a waiting ticket up to now, and any other up to its answer or closing', () => {
    expect(isSlaBreach(t(1, { state: 'open', createdAt: 0 }), limit, 60 * M)).toBe(false);
    expect(isSlaBreach(t(1, { state: 'claimed', createdAt: 0 }), limit, 60 * M + 1)).toBe(true);
    expect(isSlaBreach(t(1, { state: 'answered', createdAt: 0, answeredAt: 61 * M }), limit, 10 * DAY)).toBe(true);
    expect(isSlaBreach(t(1, { state: 'answered', createdAt: 0, answeredAt: 59 * M }), limit, 10 * DAY)).toBe(false);
    expect(isSlaBreach(t(1, { state: 'closed', createdAt: 0, closedAt: 2 * H }), limit, 10 * DAY)).toBe(true);
  });
});
