/**
 * The behaviour every {@link ReportStore} implementation must show, as a Vitest suite run against real
 * databases by `sqlite/sqlite-store.int.test.ts` and `postgres/pg-store.int.test.ts`: a small history is
 * written through the ordinary store ports, then read back as report rows. Not part of the public
 * surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Citation } from '../answer/index.js';
import type { QuestionRecord } from '../conversation/index.js';
import type { Ticket } from '../escalation/index.js';
import { buildReport } from '../reports/index.js';
import type { ReportPeriod, ReportQuestionRow, ReportTicketRow } from '../reports/index.js';
import type { AppStore } from './app-store.js';
import type { NewTicket } from './escalation-rows.js';

/** A migrated store on an empty database of its own, and how to dispose of it. */
export interface ReportHarness {
  store: AppStore;
  /** Closes the store (the test file drops the database or schema). */
  cleanup: () => Promise<void>;
}

const H = 3_600_000;
const DAY = 24 * H;
/** 00:00 on 01/03/2026 in Vietnam. */
const FROM = Date.UTC(2026, 1, 28, 17);
const TO = FROM + 7 * DAY;
const PERIOD: ReportPeriod = { from: FROM, to: TO };

function cite(docNumber: string, path: string): Citation {
  return { marker: 1, chunkId: `${docNumber}#${path}`, docId: `${docNumber}.md`, docNumber, docTitle: `Văn bản ${docNumber}`,
    path, articleTitle: path, status: 'in_force', statusLabel: 'còn hiệu lực', current: true };
}

function question(id: string, over: Partial<QuestionRecord>): QuestionRecord {
  return { id, channel: 'zalo', chatId: `chat-${id}`, userId: 'u1', text: `Câu hỏi ${id}: thủ tục một cửa thế nào?`,
    searchText: 'thủ tục một cửa', answered: true, source: 'search', confidence: 0.75, citations: [], answerText: 'Trả lời',
    unitId: 'so-noi-vu', createdAt: FROM, ...over };
}

/** Expected report row of a seeded question. */
function row(q: QuestionRecord, over: Partial<ReportQuestionRow> = {}): ReportQuestionRow {
  return { id: q.id, channel: q.channel, userId: q.userId, unitId: q.unitId ?? null, text: q.text, answered: q.answered,
    source: q.source, confidence: q.confidence, citedDocs: [], createdAt: q.createdAt, feedback: null, ticketId: null, ...over };
}

const QA = question('qa', { citations: [cite('118/2025/NĐ-CP', 'Điều 5'), cite('118/2025/NĐ-CP', 'Điều 6'), cite('30/2020/NĐ-CP', 'Điều 8')] });
const QB = question('qb', { channel: 'telegram', userId: 'u2', unitId: null, answered: false, source: 'none', confidence: 0.1, createdAt: FROM + H,
  text: 'Hồ sơ "xin phép" xây dựng, gồm gì?' });
const QC = question('qc', { channel: 'web', userId: 'u3', unitId: 'so-tu-phap', answered: false, source: 'none', confidence: 0.2, createdAt: FROM + 2 * H });
const QD = question('qd', { source: 'faq', createdAt: TO - 1 });
const OUTSIDE = [question('qe', { createdAt: TO }), question('qf', { createdAt: FROM - 1 })];

/** Registers the ReportStore contract under `describe(name)`; `open` is called before each test. */
export function runReportContract(name: string, open: () => Promise<ReportHarness>): void {
  describe(`${name} (ReportStore contract)`, () => {
    let h: ReportHarness;
    let store: AppStore;
    const tickets = new Map<string, Ticket>();

    async function ticket(id: string, over: Partial<NewTicket>, ...steps: Array<Partial<Ticket>>): Promise<void> {
      const t: NewTicket = { id, state: 'open', questionId: `q-${id}`, questionText: 'Câu hỏi', channel: 'zalo', chatId: 'c', userId: 'u',
        unitId: 'so-noi-vu', excerpt: [], sources: [], reason: 'auto', createdAt: FROM - 2 * DAY, reopenCount: 0, ...over };
      let made = await store.createTicket(t, { questionId: t.questionId, channel: t.channel, chatId: t.chatId, userId: t.userId,
        questionText: t.questionText, joinedAt: t.createdAt });
      for (const patch of steps) made = await store.updateTicket(id, made.version, patch);
      tickets.set(id, made);
    }

    beforeEach(async () => {
      h = await open();
      store = h.store;
      for (const q of [QA, QB, QC, QD, ...OUTSIDE]) await store.saveQuestion(q);
      // The same user votes twice (the second replaces the first); on qb, two users vote and the later vote counts.
      await store.saveFeedback({ questionId: 'qa', channel: 'zalo', userId: 'u1', value: 'helpful', createdAt: FROM + 10 });
      await store.saveFeedback({ questionId: 'qa', channel: 'zalo', userId: 'u1', value: 'unhelpful', createdAt: FROM + 20 });
      await store.saveFeedback({ questionId: 'qb', channel: 'telegram', userId: 'u9', value: 'unhelpful', createdAt: FROM + H + 5 });
      await store.saveFeedback({ questionId: 'qb', channel: 'telegram', userId: 'u2', value: 'helpful', createdAt: FROM + H + 10 });
      // #1: qb's ticket, qc merged into it; claimed and answered in the period.
      await ticket('t1', { questionId: 'qb', channel: 'telegram', unitId: null, createdAt: FROM + H },
        { state: 'claimed', claimedBy: 'Lan', claimedAt: FROM + 2 * H }, { state: 'answered', answeredBy: 'Lan', answeredAt: FROM + 3 * H, answerText: 'Đáp' });
      await store.addWaiter('t1', { questionId: 'qc', channel: 'web', chatId: 'chat-qc', userId: 'u3', questionText: QC.text, joinedAt: FROM + 2 * H });
      await ticket('t2', {}, { state: 'answered', answeredAt: FROM + 5 * H }); // #2 created before, answered in the period
      await ticket('t3', { channel: 'telegram', unitId: null }, { state: 'claimed', claimedAt: FROM - DAY, remindedAt: FROM - DAY }); // #3 still waiting
      await ticket('t4', {}, { state: 'answered', answeredAt: FROM - DAY }); // #4 all before: out
      await ticket('t5', {}, { state: 'closed', closedAt: FROM - DAY }); // #5 all before: out
      await ticket('t6', { createdAt: TO }); // #6 after: out
      await ticket('t7', { channel: 'web', unitId: 'so-tu-phap', createdAt: FROM + 4 * H }, { state: 'closed', closedAt: FROM + 5 * H }); // #7
    });

    afterEach(async () => {
      tickets.clear();
      await h?.cleanup();
    });

    const ticketRow = (id: string): ReportTicketRow => {
      const t = tickets.get(id) as Ticket;
      return { id: t.id, number: t.number, channel: t.channel, unitId: t.unitId ?? null, state: t.state, createdAt: t.createdAt,
        claimedAt: t.claimedAt ?? null, answeredAt: t.answeredAt ?? null, closedAt: t.closedAt ?? null, remindedAt: t.remindedAt ?? null };
    };

    it('reads the questions of [from, to) with distinct cited documents, the latest vote and the ticket', async () => {
      const rows = await store.reportQuestions(PERIOD);
      expect(rows, 'help: check the period bounds (from inclusive, to exclusive) and the joins').toEqual([
        row(QA, { feedback: 'unhelpful', citedDocs: [
          { id: '118/2025/NĐ-CP.md', number: '118/2025/NĐ-CP', title: 'Văn bản 118/2025/NĐ-CP' },
          { id: '30/2020/NĐ-CP.md', number: '30/2020/NĐ-CP', title: 'Văn bản 30/2020/NĐ-CP' },
        ] }),
        row(QB, { feedback: 'helpful', ticketId: 't1' }),
        row(QC, { ticketId: 't1' }),
        row(QD),
      ]);
      expect(typeof rows[0].createdAt).toBe('number');
    });

    it('marks chat messages (greetings, off-topic, junk) so the report leaves them out', async () => {
      await store.saveQuestion(question('qchat', { text: 'chào bot', answered: false, source: 'none', replyKind: 'chat', replyReason: 'social', createdAt: FROM + 1 }));
      const rows = await store.reportQuestions(PERIOD);
      expect(rows.find((r) => r.id === 'qchat')?.chat).toBe(true);
      expect(rows.find((r) => r.id === 'qb')?.chat, 'an abstention is a question').toBeUndefined();
    });

    it('reads the tickets created or answered in the period, or still waiting, by number', async () => {
      expect((await store.reportTickets(PERIOD)).map((t) => t.number)).toEqual([1, 2, 3, 7]);
      expect(await store.reportTickets(PERIOD)).toEqual(['t1', 't2', 't3', 't7'].map(ticketRow));
      expect(ticketRow('t1')).toMatchObject({ state: 'answered', createdAt: FROM + H, claimedAt: FROM + 2 * H, answeredAt: FROM + 3 * H });
    });

    it('applies the channel and unit filters, null meaning "no unit chosen"', async () => {
      const ids = async (p: Partial<ReportPeriod>) => [
        (await store.reportQuestions({ ...PERIOD, ...p })).map((q) => q.id),
        (await store.reportTickets({ ...PERIOD, ...p })).map((t) => t.id),
      ];
      expect(await ids({ channel: 'zalo' })).toEqual([['qa', 'qd'], ['t2']]);
      expect(await ids({ unitId: null })).toEqual([['qb'], ['t1', 't3']]);
      expect(await ids({ unitId: 'so-tu-phap' })).toEqual([['qc'], ['t7']]);
      expect(await ids({ channel: 'web', unitId: 'so-tu-phap' })).toEqual([['qc'], ['t7']]);
      expect(await ids({ channel: 'telegram', unitId: 'so-noi-vu' })).toEqual([[], []]);
      // Later on, only the tickets still waiting remain (t6 was created at TO, so it falls in this one).
      expect(await ids({ from: TO + DAY, to: TO + 2 * DAY })).toEqual([[], ['t3', 't6']]);
    });

    it('gives rows buildReport turns into the expected figures', async () => {
      const r = buildReport(await store.reportQuestions(PERIOD), await store.reportTickets(PERIOD),
        { period: PERIOD, units: [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }], remindMinutes: 60, now: TO });
      expect(r.totals).toMatchObject({ questions: 4, officials: 3, answeredAutomatically: 2, escalated: 2, ticketsCreated: 2,
        staffAnswered: 2, medianAnswerMs: (2 * H + (2 * DAY + 5 * H)) / 2, slaBreaches: 2, waitingTickets: 1, helpful: 1, unhelpful: 1 });
    });
  });
}
