import { describe, it, expect, beforeEach } from 'vitest';
import { ConversationService } from '../conversation/index.js';
import type { InboundMessage, KnowledgeSearch, OutboundReply } from '../conversation/index.js';
import { AnswerComposer } from '../answer/index.js';
import type { Course } from '../ingest/course-file.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import { MemoryStore } from '../../test/support/memory-store.js';
import { MemoryTrainingStore } from '../../test/support/memory-training-store.js';
import { TrainingService } from './training-service.js';
import { REVIEW_INTERVALS_MS } from './course-progress.js';

const src = [{ number: '118/2025/NĐ-CP', article: 'Khoản 2 Điều 17' }];
const course: Course = {
  id: 'mot-cua',
  title: 'Cơ chế một cửa',
  summary: '',
  file: 'courses/mot-cua.yaml',
  lessons: [
    { id: 'b1', title: 'Bài một', text: 'Nội dung bài một.', sources: src },
    { id: 'b2', title: 'Bài hai', text: 'Nội dung bài hai.', sources: src },
  ],
  questions: ['q1', 'q2', 'q3', 'q4', 'q5'].map((id, i) => ({
    id, question: `Câu hỏi số ${i + 1}?`, options: ['Sai một', 'Đúng', 'Sai hai'], correct: 1, explanation: `Giải thích câu ${i + 1}.`, sources: src,
  })),
};

class NoKnowledge implements KnowledgeSearch {
  search(query: string) {
    return { query, hits: [], confidence: 0, queryWords: [], ms: 0 };
  }
  documents() {
    return new Map<string, DocumentMeta>();
  }
}

let clock = Date.UTC(2026, 2, 2, 8);
let n = 0;
let store: MemoryStore;
let training: MemoryTrainingStore;
let chat: ConversationService;

function message(channel: InboundMessage['channel'], part: Partial<InboundMessage>): InboundMessage {
  return { channel, chatId: 'c1', userId: 'u1', updateKey: String(++n), ts: clock, kind: 'text', ...(channel === 'zalo' ? { typedChoices: true } : {}), ...part };
}
const say = (t: string, channel: InboundMessage['channel'] = 'zalo') => chat.handle(message(channel, { kind: 'text', text: t }));
const command = (name: string, args = '', channel: InboundMessage['channel'] = 'zalo') => chat.handle(message(channel, { kind: 'command', command: { name, args } }));
const press = (value: string) => chat.handle(message('telegram', { kind: 'action', action: { type: 'learn', value } }));
const all = (rs: OutboundReply[]) => rs.map((r) => r.text ?? '').join('\n---\n');

beforeEach(() => {
  store = new MemoryStore();
  training = new MemoryTrainingStore();
  const learning = new TrainingService({ courses: () => [course], store: training, passPercent: 80, now: () => clock, units: [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }] });
  chat = new ConversationService({ knowledge: new NoKnowledge(), composer: new AnswerComposer(), store, learning, now: () => clock });
});

/** Opens the course and reads both lessons by typing, as on Zalo. */
async function readLessons() {
  await command('hoctap');
  const first = await say('1');
  const second = await say('tiếp');
  const q1 = await say('tiếp');
  return { first, second, q1 };
}

describe('TrainingService in the conversation', () => {
  it('lists the courses with progress and opens a lesson with a "Tiếp" choice and its citation', async () => {
    const [menu] = await command('hoctap');
    expect(menu.text).toContain('1. Cơ chế một cửa: chưa học');
    expect(menu.choices?.map((c) => c.value)).toEqual(['c:mot-cua']);
    const { first, second, q1 } = await readLessons();
    expect(first[0].text).toContain('Bài 1/2: Bài một');
    expect(first[0].text).toContain('Căn cứ: Khoản 2 Điều 17 Nghị định 118/2025/NĐ-CP.');
    expect(first[0].choices).toEqual([{ action: 'learn', label: '▶️ Tiếp', value: 'n:mot-cua', number: 1 }]);
    expect(second[0].text).toContain('Bài 2/2: Bài hai');
    expect(second[0].choices?.[0].label).toBe('📝 Làm bài kiểm tra');
    expect(q1[0].text).toContain('Câu 1/5: Câu hỏi số 1?');
    expect(q1[0].text).toContain('2. Đúng');
    expect(q1[0].choices?.map((c) => c.label)).toEqual(['1', '2', '3']);
    const [after] = await command('hoctap');
    expect(after.text).toContain('đã xem 2/2 bài, trả lời 0/5 câu, điểm 0%');
  });

  it('gives immediate feedback with the explanation and citation, completes at the pass mark once, and brings a missed question back later', async () => {
    await readLessons();
    const wrong = await say('1');
    expect(wrong[0].text).toContain('❌ Chưa đúng. Đáp án đúng là 2. Đúng');
    expect(wrong[0].text).toContain('Giải thích câu 1.');
    expect(wrong[0].text).toContain('Căn cứ: Khoản 2 Điều 17 Nghị định 118/2025/NĐ-CP.');
    expect(wrong[0].text).toContain('hỏi lại sau');
    for (let i = 2; i <= 4; i++) {
      await say('tiếp');
      expect(all(await say('2'))).toContain('✅ Chính xác!');
    }
    await say('tiếp');
    const last = await say('2');
    expect(all(last)).toContain('🎉 Chúc mừng anh/chị đã hoàn thành chuyên đề “Cơ chế một cửa” với điểm 80%.');
    expect([...training.completions.values()]).toMatchObject([{ courseId: 'mot-cua', score: 80, completedAt: clock }]);

    // Not yet due: nothing to review.
    expect((await command('hoctap'))[0].text).not.toContain('ôn lại');
    clock += REVIEW_INTERVALS_MS[0];
    const [menu] = await command('hoctap');
    expect(menu.text).toContain('✅ đã hoàn thành (điểm 80%)');
    expect(menu.text).toContain('Có 1 câu đã trả lời sai đến lúc ôn lại.');
    expect(menu.choices?.at(-1)).toMatchObject({ value: 'r', label: '🔁 Ôn câu đã trả lời sai (1)' });
    const review = await say('2');
    expect(review[0].text).toContain('🔁 Ôn lại (Cơ chế một cửa): Câu hỏi số 1?');
    const right = await say('2');
    expect(right[0].text).toContain('✅ Chính xác!');
    expect(training.completions.size).toBe(1);
    expect([...training.answers.values()].find((a) => a.questionId === 'q1')).toMatchObject({ correct: true, attempts: 2, reviewStep: 2, reviewDueAt: clock + REVIEW_INTERVALS_MS[1] });
  });

  it('does not complete below the pass mark and offers the missed questions again at once', async () => {
    await readLessons();
    await say('1');
    await say('tiếp');
    await say('3');
    for (let i = 3; i <= 4; i++) {
      await say('tiếp');
      await say('2');
    }
    await say('tiếp');
    const standing = await say('2');
    expect(standing[1].text).toContain('điểm hiện tại 60%, cần từ 80% để hoàn thành');
    expect(standing[1].choices?.map((c) => c.value)).toEqual(['w:mot-cua', 'm']);
    expect(training.completions.size).toBe(0);
    const retry = await say('1');
    expect(retry[0].text).toContain('Câu hỏi số 1?');
    expect(all(await say('2'))).toContain('🎉 Chúc mừng anh/chị đã hoàn thành chuyên đề “Cơ chế một cửa” với điểm 80%.');
  });

  it('answers button presses on Telegram the same way', async () => {
    await press('c:mot-cua');
    await press('n:mot-cua');
    const q = await press('n:mot-cua');
    expect(q[0].choices?.[1]).toEqual({ action: 'learn', label: '2', value: 'a:mot-cua:q1:1', number: 2 });
    expect((await press('a:mot-cua:q1:1'))[0].text).toContain('✅ Chính xác!');
  });

  it('leaves a typed number to the question flow once the official asked a question after the prompt', async () => {
    await readLessons();
    clock += 1000;
    await say('Thủ tục hành chính là gì?');
    clock += 1000;
    await say('2');
    expect(training.answers.size).toBe(0);
  });

  it('adds the learning commands to /help', async () => {
    expect((await command('help'))[0].text).toContain('gõ /hoctap để học các chuyên đề ngắn');
  });

  it('opts in to a daily lesson with /hoctap HH:MM and stops it with /dunghoc', async () => {
    expect((await command('dunghoc'))[0].text).toContain('chưa bật nhắc học');
    expect((await command('hoctap', '7:30'))[0].text).toContain('mỗi ngày lúc 07:30');
    expect((await training.getLearner('zalo', 'u1'))?.dailyTime).toBe('07:30');
    expect((await command('dunghoc'))[0].text).toContain('Đã tắt nhắc học hằng ngày');
    expect((await training.getLearner('zalo', 'u1'))?.dailyTime).toBeNull();
  });

  it('links the account to a roster entry with a one-time code, which cannot be used twice', async () => {
    await training.importRoster([{ id: 'r1', name: 'Nguyễn Văn An', unitId: 'so-noi-vu', position: 'Chuyên viên', phone: null, email: null, linkCode: 'K7P2QX' }], clock);
    expect((await command('lienket', 'k7p2qx'))[0].text).toContain('Đã liên kết tài khoản với hồ sơ: Nguyễn Văn An (Sở Nội vụ)');
    expect(await training.rosterLinkOf('zalo', 'u1')).toMatchObject({ rosterId: 'r1' });
    const other = await chat.handle({ ...message('zalo', { kind: 'command', command: { name: 'lienket', args: 'K7P2QX' } }), userId: 'u2', chatId: 'c2' });
    expect(other[0].text).toContain('Mã liên kết không đúng hoặc đã được dùng');
  });
});
