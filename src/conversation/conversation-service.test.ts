import { describe, it, expect, beforeEach } from 'vitest';
import { ConversationService } from './conversation-service.js';
import { QueueDispatcher } from './queue-dispatcher.js';
import { AnswerComposer } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';
import type { DocumentMeta, Chunk } from '../ingest/legal-unit.js';
import type { Escalator, KnowledgeSearch } from './ports.js';
import type { InboundMessage, OutboundReply } from './types.js';
import type { Answer } from '../answer/index.js';
import { MemoryStore } from '../../test/support/memory-store.js';
import { chatReply } from '../../test/support/answers.js';

const doc: DocumentMeta = { number: '118/2025/NĐ-CP', title: 'Nghị định về một cửa', status: 'in_force' };
const chunk: Chunk = { id: 'nd118.md#D3', docId: 'nd118.md', headings: [], citationPath: 'Điều 3', title: 'Điều 3. Giải thích từ ngữ', text: 'Cơ chế một cửa là phương thức tiếp nhận hồ sơ.', hash: 'h' };

class StubKnowledge implements KnowledgeSearch {
  searched: string[] = [];
  search(query: string): SearchResult {
    this.searched.push(query);
    const onTopic = /cửa|cua|điều kiện/i.test(query);
    return {
      query,
      hits: onTopic ? [{ chunk, doc, score: 10, coverage: 0.9 }] : [],
      confidence: onTopic ? 0.9 : 0,
      queryWords: query.split(/\s+/),
      ms: 1,
    };
  }
  documents() {
    return new Map<string, DocumentMeta>([
      ['nd118.md', doc],
      ['nd61.md', { number: '61/2018/NĐ-CP', title: 'Nghị định cũ', status: 'replaced', replacedBy: '118/2025/NĐ-CP' }],
    ]);
  }
}

/** The extractive composer, except greetings, weather talk and "x" get a chat reply (as the intents do). */
class StubComposer {
  private readonly real = new AnswerComposer();
  compose(result: SearchResult): Answer {
    if (/^(xin chào|chào bạn)$/i.test(result.query)) return chatReply({ reason: 'social', message: 'Chào anh/chị!' });
    if (/thời tiết|^x$/i.test(result.query)) return chatReply();
    return this.real.compose(result);
  }
}

let n = 0;
/** A text message; on Zalo flagged `typedChoices` as its channel adapter does. */
const text = (t: string, channel: InboundMessage['channel'] = 'telegram'): InboundMessage => ({
  channel,
  chatId: 'c1',
  userId: 'u1',
  displayName: 'Lan',
  updateKey: String(++n),
  ts: Date.now(),
  kind: 'text',
  text: t,
  ...(channel === 'zalo' ? { typedChoices: true } : {}),
});
const OUT_OF_SCOPE = 'Giá vàng hôm nay bao nhiêu?';

describe('ConversationService', () => {
  let store: MemoryStore;
  let knowledge: StubKnowledge;
  let escalations: string[];
  let excerpts: string[][];
  let service: ConversationService;
  const escalator: Escalator = {
    async escalate({ question, excerpt }) {
      escalations.push(question.id);
      excerpts.push(excerpt);
      return { ticketId: `t-${question.id}`, created: escalations.filter((e) => e === question.id).length === 1 };
    },
  };
  const units = [
    { id: 'so-noi-vu', name: 'Sở Nội vụ' },
    { id: 'so-tu-phap', name: 'Sở Tư pháp' },
  ];

  beforeEach(() => {
    store = new MemoryStore();
    knowledge = new StubKnowledge();
    escalations = [];
    excerpts = [];
    service = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator });
  });

  it('answers a question with citations and feedback choices, and stores it', async () => {
    const [reply] = await service.handle(text('Cơ chế một cửa là gì?'));
    expect(reply.answer?.kind).toBe('answer');
    expect(reply.answer?.citations[0]).toMatchObject({ docNumber: '118/2025/NĐ-CP', path: 'Điều 3' });
    expect(reply.choices?.map((c) => [c.action, c.number])).toEqual([['helpful', 1], ['unhelpful', 2], ['escalate', 3]]);
    expect(store.questions).toHaveLength(1);
    expect(store.questions[0]).toMatchObject({ answered: true, source: 'search', replyKind: 'answer', text: 'Cơ chế một cửa là gì?' });
  });

  it('uses searchAsync (dense retrieval) when the knowledge search offers it', async () => {
    const asyncSearched: string[] = [];
    const dense: KnowledgeSearch = {
      search: (q) => knowledge.search(q),
      searchAsync: async (q) => {
        asyncSearched.push(q);
        return knowledge.search(q);
      },
      documents: () => knowledge.documents(),
    };
    const withDense = new ConversationService({ knowledge: dense, composer: new AnswerComposer(), store, units, escalator });
    const [reply] = await withDense.handle(text('Cơ chế một cửa là gì?'));
    expect(reply.answer?.kind).toBe('answer');
    expect(asyncSearched).toEqual(['Cơ chế một cửa là gì?']);
  });

  it('answers the covered part of a multi-part question and names the other, when the composer tells its decision', async () => {
    const parts = new ConversationService({ knowledge, composer: new AnswerComposer({ threshold: 0.5 }), store, units, escalator });
    const [reply] = await parts.handle(text('Cơ chế một cửa là gì? Phụ cấp trách nhiệm được mấy phần trăm?'));
    expect(reply.answer).toMatchObject({ kind: 'answer', uncoveredParts: ['Phụ cấp trách nhiệm được mấy phần trăm'] });
    expect(knowledge.searched, 'the whole question, then each part').toEqual(['Cơ chế một cửa là gì? Phụ cấp trách nhiệm được mấy phần trăm?', 'Cơ chế một cửa là gì', 'Phụ cấp trách nhiệm được mấy phần trăm']);
    expect(store.questions[0].answerText).toContain('Phần chưa có căn cứ để trả lời: “Phụ cấp trách nhiệm được mấy phần trăm”.');
    const [plain] = await service.handle(text('Cơ chế một cửa là gì? Phụ cấp trách nhiệm được mấy phần trăm?'));
    expect(plain.answer?.kind === 'answer' && plain.answer.uncoveredParts, 'a composer without wouldAnswer answers the whole question').toBeUndefined();
  });

  it('greets on /start with the user name and asks for the unit once', async () => {
    const replies = await service.handle({ ...text(''), kind: 'command', command: { name: 'start', args: '' } });
    expect(replies[0].text).toMatch(/^Xin chào Lan!/);
    expect(replies[1].choices?.map((c) => c.value)).toEqual(['so-noi-vu', 'so-tu-phap', 'skip']);
    const again = await service.handle({ ...text(''), kind: 'command', command: { name: 'start', args: '' } });
    expect(again, 'the unit question is not repeated').toHaveLength(1);
  });

  it('takes a typed unit number on Zalo right after the unit list, on any instance', async () => {
    await service.handle({ ...text('', 'zalo'), kind: 'command', command: { name: 'donvi', args: '' } });
    const other = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator });
    const [r] = await other.handle(text('2', 'zalo'));
    expect(r.text).toContain('Sở Tư pháp');
    expect(store.users.get('zalo:u1')?.unitId).toBe('so-tu-phap');
    expect(store.feedback, 'a unit pick is not a vote').toHaveLength(0);
  });

  it('reads a number as a choice of the last answer once a question follows the unit list', async () => {
    let now = Date.UTC(2026, 0, 5, 8);
    const ticking = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator, now: () => (now += 1000) });
    await ticking.handle({ ...text('', 'zalo'), kind: 'command', command: { name: 'donvi', args: '' } });
    await ticking.handle(text('Cơ chế một cửa là gì?', 'zalo'));
    await ticking.handle(text('2', 'zalo'));
    expect(store.users.get('zalo:u1')?.unitId ?? null, 'the list was superseded by the question').toBeNull();
    expect(store.feedback.map((f) => f.value)).toEqual(['unhelpful']);
  });

  it('reads a short "còn … thì sao?" as a follow-up of the previous question', async () => {
    await service.handle(text('Cơ chế một cửa là gì?'));
    await service.handle(text('còn điều kiện thì sao?'));
    expect(knowledge.searched[1]).toBe('còn điều kiện thì sao? Cơ chế một cửa là gì?');
  });

  it('records feedback from a button and from a typed "1" on Zalo', async () => {
    const [r] = await service.handle(text('Cơ chế một cửa là gì?', 'zalo'));
    await service.handle({ ...text('', 'zalo'), kind: 'action', action: { type: 'unhelpful', questionId: r.questionId } });
    await service.handle(text('1', 'zalo'));
    expect(store.feedback).toHaveLength(1);
    expect(store.feedback[0]).toMatchObject({ questionId: r.questionId, value: 'helpful' });
  });

  it('does not treat "1" as a choice where the channel has buttons', async () => {
    await service.handle(text('Cơ chế một cửa là gì?'));
    await service.handle(text('1'));
    expect(store.feedback).toHaveLength(0);
  });

  it('after "chưa đúng" offers staff under the same number 3, which then creates the ticket', async () => {
    const [r] = await service.handle(text('Cơ chế một cửa là gì?', 'zalo'));
    const [after] = await service.handle(text('2', 'zalo'));
    expect(after.choices?.map((c) => [c.action, c.number])).toEqual([['escalate', 3]]);
    const [done] = await service.handle(text('3', 'zalo'));
    expect(done.text).toMatch(/đã được chuyển/);
    expect(escalations).toEqual([r.questionId]);
  });

  it('asks before escalating an out-of-scope question: one choice, a question, no ticket yet', async () => {
    const [r] = await service.handle(text(OUT_OF_SCOPE));
    expect(r.answer?.kind).toBe('escalate');
    expect(r.prompt).toMatch(/chuyển câu hỏi này cho cán bộ phụ trách, hay đặt lại câu hỏi/);
    expect(r.choices).toEqual([{ action: 'escalate', label: '🙋 Chuyển câu hỏi cho cán bộ', questionId: r.questionId, number: 1 }]);
    expect(escalations, 'no ticket before the official accepts').toHaveLength(0);
    expect(store.questions[0]).toMatchObject({ answered: false, replyKind: 'escalate', replyReason: 'no_match' });
  });

  it('creates the ticket when the official presses "Chuyển câu hỏi cho cán bộ"', async () => {
    const [r] = await service.handle(text(OUT_OF_SCOPE));
    const [done] = await service.handle({ ...text(''), kind: 'action', action: { type: 'escalate', questionId: r.questionId } });
    expect(done.text).toMatch(/đã được chuyển tới cán bộ phụ trách/);
    expect(escalations).toEqual([r.questionId]);
    expect(excerpts[0][1], 'staff see how sure the bot was').toMatch(/^Bot \(độ tin cậy 0\.00\): /);
  });

  it('reads a typed "1" after an abstention as "pass to staff", from the stored question (any instance)', async () => {
    const [r] = await service.handle(text(OUT_OF_SCOPE, 'zalo'));
    const other = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator });
    const [done] = await other.handle(text('1', 'zalo'));
    expect(done.text).toMatch(/đã được chuyển/);
    expect(escalations).toEqual([r.questionId]);
    expect(store.feedback, '"1" is not a vote under an abstention').toHaveLength(0);
  });

  it('creates no ticket when the official rephrases instead', async () => {
    await service.handle(text(OUT_OF_SCOPE, 'zalo'));
    const [r] = await service.handle(text('Cơ chế một cửa là gì?', 'zalo'));
    expect(r.answer?.kind).toBe('answer');
    await service.handle(text('1', 'zalo'));
    expect(escalations).toHaveLength(0);
    expect(store.feedback.map((f) => f.value), 'now "1" votes for the new answer').toEqual(['helpful']);
  });

  it('forgets a typed choice after a day: a late "1" is not a ticket', async () => {
    let now = Date.UTC(2026, 0, 5, 8);
    const timed = new ConversationService({ knowledge, composer: new StubComposer(), store, escalator, now: () => now });
    await timed.handle(text(OUT_OF_SCOPE, 'zalo'));
    now += 25 * 60 * 60_000;
    await timed.handle(text('1', 'zalo'));
    expect(escalations).toHaveLength(0);
  });

  it('reads "cảm ơn" after an abstention as thanks, not as a vote', async () => {
    await service.handle(text(OUT_OF_SCOPE));
    await service.handle(text('cảm ơn'));
    expect(store.feedback).toHaveLength(0);
  });

  it('escalates at once when AUTO_ESCALATE is on, or for a unit that opted in', async () => {
    const auto = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator, autoEscalate: true });
    const [r] = await auto.handle(text(OUT_OF_SCOPE));
    expect(r.prompt).toMatch(/đã được chuyển tới cán bộ phụ trách/);
    expect(r.choices ?? []).toEqual([]);
    expect(escalations).toEqual([r.questionId]);

    const byUnit = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator, autoEscalateUnits: ['so-tu-phap'] });
    await store.touchUser({ channel: 'web', userId: 'u-tp', chatId: 'u-tp', at: 1 });
    await store.setUserUnit('web', 'u-tp', 'so-tu-phap');
    const [mine] = await byUnit.handle({ ...text(OUT_OF_SCOPE, 'web'), userId: 'u-tp', chatId: 'u-tp' });
    const [other] = await byUnit.handle({ ...text(OUT_OF_SCOPE, 'web'), userId: 'u-x', chatId: 'u-x' });
    expect(escalations).toEqual([r.questionId, mine.questionId]);
    expect(other.choices?.[0].action, 'other units are asked first').toBe('escalate');
  });

  it('sees at once a unit picked on another instance (no per-instance user cache)', async () => {
    const a = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator, autoEscalateUnits: ['so-tu-phap'] });
    const b = new ConversationService({ knowledge, composer: new StubComposer(), store, units, escalator, autoEscalateUnits: ['so-tu-phap'] });
    const [first] = await a.handle(text(OUT_OF_SCOPE, 'zalo'));
    expect(first.choices?.[0].action, 'no unit yet: asked first').toBe('escalate');
    // The official picks the opted-in unit through instance B, then asks again on instance A. (A list shown
    // in the same millisecond as the question would count as before it: people are not that fast.)
    await new Promise((r) => setTimeout(r, 5));
    await b.handle({ ...text('', 'zalo'), kind: 'command', command: { name: 'donvi', args: '' } });
    await b.handle(text('2', 'zalo'));
    expect(store.users.get('zalo:u1')?.unitId).toBe('so-tu-phap');
    const [second] = await a.handle(text(`${OUT_OF_SCOPE} ạ`, 'zalo'));
    expect(second.prompt, 'escalated at once for the opted-in unit').toMatch(/đã được chuyển tới cán bộ phụ trách/);
  });

  it('never makes a ticket of greetings, off-topic or junk, and /hoicanbo skips them', async () => {
    const [q] = await service.handle(text('Cơ chế một cửa là gì?'));
    for (const t of ['xin chào', 'thời tiết hôm nay thế nào', 'x']) {
      const [r] = await service.handle(text(t));
      expect(r.answer?.kind, t).toBe('chat');
      expect(r.choices ?? [], t).toEqual([]);
    }
    expect(escalations).toHaveLength(0);
    expect(store.questions.filter((x) => x.replyKind === 'chat')).toHaveLength(3);
    await service.handle({ ...text(''), kind: 'command', command: { name: 'hoicanbo', args: '' } });
    expect(escalations, '/hoicanbo escalates the last real question').toEqual([q.questionId]);
  });

  it('refuses a forged escalation of a chat message', async () => {
    const [hello] = await service.handle({ ...text('xin chào'), chatId: 'c-new', userId: 'u-new' });
    expect(hello.answer?.kind).toBe('chat');
    const chatId = store.questions.at(-1)?.id;
    const [r] = await service.handle({ ...text(''), chatId: 'c-new', userId: 'u-new', kind: 'action', action: { type: 'escalate', questionId: chatId } });
    expect(r.text).toMatch(/vui lòng gửi câu hỏi trước/);
    expect(escalations).toHaveLength(0);
  });

  it('sends "/hoicanbo <câu hỏi>" straight to staff, but not a greeting', async () => {
    const [r] = await service.handle({ ...text(''), kind: 'command', command: { name: 'hoicanbo', args: 'Thanh lý tài sản công thế nào?' } });
    expect(r.text).toMatch(/đã được chuyển/);
    expect(store.questions.at(-1)).toMatchObject({ text: 'Thanh lý tài sản công thế nào?' });
    expect(escalations).toEqual([store.questions.at(-1)?.id]);
    const [hi] = await service.handle({ ...text(''), kind: 'command', command: { name: 'hoicanbo', args: 'xin chào' } });
    expect(hi.answer?.kind).toBe('chat');
    expect(escalations).toHaveLength(1);
  });

  it('escalates the last question on /hoicanbo and not twice', async () => {
    await service.handle(text('Cơ chế một cửa là gì?'));
    const [a] = await service.handle({ ...text(''), kind: 'command', command: { name: 'hoicanbo', args: '' } });
    const [b] = await service.handle(text('hỏi cán bộ'));
    expect(a.text).toMatch(/đã được chuyển/);
    expect(b.text).toMatch(/trước đó/);
  });

  it('explains politely that photos and stickers are not read', async () => {
    const [r] = await service.handle({ ...text(''), kind: 'media', media: 'sticker' });
    expect(r.text).toMatch(/chỉ đọc được tin nhắn dạng chữ/);
  });

  it('lists documents in force and, apart, replaced ones on /vanban', async () => {
    const [r] = await service.handle({ ...text(''), kind: 'command', command: { name: 'vanban', args: '' } });
    expect(r.text).toMatch(/Nghị định 118\/2025\/NĐ-CP/);
    expect(r.text).toMatch(/61\/2018\/NĐ-CP.*thay bằng 118\/2025\/NĐ-CP/);
  });

  it('rate-limits a user who sends too many questions', async () => {
    const limited = new ConversationService({ knowledge, composer: new AnswerComposer(), store, rateLimitPerMinute: 2 });
    await limited.handle(text('một cửa 1'));
    await limited.handle(text('một cửa 2'));
    const [r] = await limited.handle(text('một cửa 3'));
    expect(r.text).toMatch(/hơi nhanh/);
  });
});

describe('QueueDispatcher', () => {
  it('answers each update once, in order per chat, and reports duplicates', async () => {
    const store = new MemoryStore();
    const sent: string[] = [];
    const handler = { handle: async (m: InboundMessage): Promise<OutboundReply[]> => [{ text: `re:${m.text}` }] };
    const d = new QueueDispatcher({ updates: store, handler });
    const sender = { send: async (_c: string, r: OutboundReply) => void sent.push(r.text ?? '') };
    const m1 = text('a');
    expect(await d.accept(m1, sender)).toBe(true);
    expect(await d.accept({ ...m1 }, sender), 'redelivered update').toBe(false);
    await d.accept(text('b'), sender);
    await d.drain();
    expect(sent).toEqual(['re:a', 're:b']);
  });

  it('rejects with STORAGE_UNAVAILABLE when the update cannot be recorded', async () => {
    const store = new MemoryStore();
    store.down = true;
    const d = new QueueDispatcher({ updates: store, handler: { handle: async () => [] } });
    await expect(d.accept(text('x'), { send: async () => {} })).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });

  it('sends the polite fallback when handling fails', async () => {
    const store = new MemoryStore();
    const sent: OutboundReply[] = [];
    const d = new QueueDispatcher({ updates: store, handler: { handle: async () => Promise.reject(new Error('boom')) } });
    await d.accept(text('x'), { send: async (_c, r) => void sent.push(r) });
    await d.drain();
    expect(sent[0].text).toMatch(/gặp sự cố/);
  });
});
