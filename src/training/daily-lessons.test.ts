import { describe, it, expect } from 'vitest';
import type { OutboundReply } from '../conversation/index.js';
import type { Course } from '../ingest/course-file.js';
import { MemoryTrainingStore } from '../../test/support/memory-training-store.js';
import { DailyLessons, vietnamClock } from './daily-lessons.js';
import { TrainingService } from './training-service.js';

const src = [{ number: '30/2020/NĐ-CP', article: 'Điều 7' }];
const course: Course = { id: 'van-thu', title: 'Văn thư', summary: '', file: 'x', lessons: [{ id: 'b1', title: 'Bài một', text: 'Nội dung.', sources: src }],
  questions: [{ id: 'q1', question: 'Hỏi?', options: ['A', 'B', 'C'], correct: 0, explanation: 'Vì.', sources: src }] };

describe('DailyLessons', () => {
  it('sends the next lesson once a day at the learner\'s time (Vietnam time), and nothing after /dunghoc', async () => {
    let clock = Date.UTC(2026, 2, 1, 0, 30); // 07:30 in Vietnam
    const store = new MemoryTrainingStore();
    const service = new TrainingService({ courses: () => [course], store, now: () => clock });
    const sent: Array<[string, OutboundReply]> = [];
    const daily = new DailyLessons({ service, store, senders: { zalo: { send: async (chatId, r) => void sent.push([chatId, r]) } }, now: () => clock });
    await store.saveLearner({ channel: 'zalo', userId: 'u1', chatId: 'c1', prompt: null, dailyTime: '07:30', updatedAt: 0 });
    await store.saveLearner({ channel: 'zalo', userId: 'u2', chatId: 'c2', prompt: null, dailyTime: '08:00', updatedAt: 0 });
    expect(vietnamClock(clock)).toEqual({ time: '07:30', day: '2026-03-01' });

    expect(await daily.tick()).toBe(1);
    expect(await daily.tick()).toBe(0);
    expect(sent.map(([c, r]) => [c, r.text?.split('\n')[0]])).toEqual([['c1', '⏰ Bài học hằng ngày của anh/chị:'], ['c1', '📘 Văn thư']]);
    expect((await store.getLearner('zalo', 'u1'))?.prompt?.kind).toBe('lesson');

    clock += 24 * 60 * 60_000;
    await store.saveLearner({ ...(await store.getLearner('zalo', 'u1'))!, dailyTime: null });
    expect(await daily.tick()).toBe(0);
  });
});
