/**
 * The behaviour every {@link TrainingStore} and {@link RosterStore} implementation must show, as a Vitest
 * suite run against real databases by `sqlite/sqlite-store.int.test.ts` and `postgres/pg-store.int.test.ts`.
 * Not part of the public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterEntry } from '../training/index.js';
import type { AppStore } from './app-store.js';

/** A migrated store on an empty database of its own, and how to dispose of it. */
export interface TrainingHarness {
  store: AppStore;
  cleanup: () => Promise<void>;
}

const T0 = Date.UTC(2026, 2, 1);
const entry = (id: string, unitId: string, code: string | null): RosterEntry =>
  ({ id, name: `Cán bộ ${id}`, unitId, position: 'Chuyên viên', phone: `09000000${id.slice(-2)}`, email: null, linkCode: code });

/** Registers the training contract under `describe(name)`; `open` is called before each test. */
export function runTrainingContract(name: string, open: () => Promise<TrainingHarness>): void {
  describe(`${name} (TrainingStore and RosterStore contract)`, () => {
    let h: TrainingHarness;
    let store: AppStore;
    beforeEach(async () => {
      h = await open();
      store = h.store;
    });
    afterEach(async () => h.cleanup());

    it('stores a learner with the prompt as JSON and replaces it on save', async () => {
      expect(await store.getLearner('zalo', 'u1')).toBeNull();
      const prompt = { kind: 'question' as const, values: ['a:mot-cua:q1:0', 'a:mot-cua:q1:1'], at: T0 };
      await store.saveLearner({ channel: 'zalo', userId: 'u1', chatId: 'c1', prompt, dailyTime: null, updatedAt: T0 });
      expect(await store.getLearner('zalo', 'u1')).toEqual({ channel: 'zalo', userId: 'u1', chatId: 'c1', prompt, dailyTime: null, updatedAt: T0 });
      await store.saveLearner({ channel: 'zalo', userId: 'u1', chatId: 'c2', prompt: null, dailyTime: '07:30', updatedAt: T0 + 1 });
      expect(await store.getLearner('zalo', 'u1')).toMatchObject({ chatId: 'c2', prompt: null, dailyTime: '07:30', updatedAt: T0 + 1 });
      expect(await store.getLearner('telegram', 'u1')).toBeNull();
    });

    it('lists the learners of a daily time and lets one caller claim each day', async () => {
      await store.saveLearner({ channel: 'zalo', userId: 'u1', chatId: 'c1', prompt: null, dailyTime: '07:30', updatedAt: T0 });
      await store.saveLearner({ channel: 'telegram', userId: 't1', chatId: 't1', prompt: null, dailyTime: '08:00', updatedAt: T0 });
      await store.saveLearner({ channel: 'web', userId: 'w1', chatId: 'w1', prompt: null, dailyTime: null, updatedAt: T0 });
      expect((await store.dailyLearners('07:30')).map((l) => l.userId)).toEqual(['u1']);
      expect(await store.claimDaily('zalo', 'u1', '2026-03-01')).toBe(true);
      expect(await store.claimDaily('zalo', 'u1', '2026-03-01')).toBe(false);
      expect(await store.claimDaily('zalo', 'u1', '2026-03-02')).toBe(true);
      expect(await store.claimDaily('web', 'w1', '2026-03-01')).toBe(false);
    });

    it('keeps lessons once, the latest answer per question, and the first completion only', async () => {
      await store.markLessonSeen({ channel: 'zalo', userId: 'u1', courseId: 'mot-cua', lessonId: 'b1', at: T0 });
      await store.markLessonSeen({ channel: 'zalo', userId: 'u1', courseId: 'mot-cua', lessonId: 'b1', at: T0 + 5 });
      await store.markLessonSeen({ channel: 'zalo', userId: 'u2', courseId: 'mot-cua', lessonId: 'b2', at: T0 });
      const base = { channel: 'zalo' as const, userId: 'u1', courseId: 'mot-cua', questionId: 'q1' };
      await store.saveAnswer({ ...base, correct: false, attempts: 1, reviewDueAt: T0 + 100, reviewStep: 1, answeredAt: T0 });
      await store.saveAnswer({ ...base, correct: true, attempts: 2, reviewDueAt: null, reviewStep: 0, answeredAt: T0 + 200 });
      expect(await store.saveCompletion({ channel: 'zalo', userId: 'u1', courseId: 'mot-cua', score: 80, completedAt: T0 + 300 })).toBe(true);
      expect(await store.saveCompletion({ channel: 'zalo', userId: 'u1', courseId: 'mot-cua', score: 100, completedAt: T0 + 400 })).toBe(false);
      const p = await store.learnerProgress('zalo', 'u1');
      expect(p.lessons).toEqual([{ courseId: 'mot-cua', lessonId: 'b1' }]);
      expect(p.answers).toEqual([{ ...base, correct: true, attempts: 2, reviewDueAt: null, reviewStep: 0, answeredAt: T0 + 200 }]);
      expect(p.completions).toEqual([{ channel: 'zalo', userId: 'u1', courseId: 'mot-cua', score: 80, completedAt: T0 + 300 }]);
      await store.saveAnswer({ ...base, questionId: 'q2', correct: false, attempts: 1, reviewDueAt: T0 + 999, reviewStep: 1, answeredAt: T0 });
      expect((await store.learnerProgress('zalo', 'u1')).answers.find((a) => a.questionId === 'q2')).toMatchObject({ correct: false, reviewDueAt: T0 + 999 });
    });

    it('imports the roster (keeping codes and links of known entries), links with a one-time code and counts completions per entry', async () => {
      expect(await store.importRoster([entry('r01', 'so-noi-vu', 'AAA111'), entry('r02', 'so-noi-vu', 'BBB222'), entry('r03', 'so-tu-phap', 'CCC333')], T0))
        .toEqual({ added: 3, updated: 0, removed: 0 });
      expect((await store.rosterByCode(' aaa111 '))?.id).toBe('r01');
      await store.linkRoster({ rosterId: 'r01', channel: 'zalo', userId: 'u1', linkedAt: T0 });
      await store.linkRoster({ rosterId: 'r03', channel: 'telegram', userId: 't3', linkedAt: T0 });
      expect(await store.rosterByCode('AAA111')).toBeNull();
      expect(await store.rosterLinkOf('zalo', 'u1')).toEqual({ rosterId: 'r01', channel: 'zalo', userId: 'u1', linkedAt: T0 });

      await store.saveCompletion({ channel: 'zalo', userId: 'u1', courseId: 'mot-cua', score: 90, completedAt: T0 + 10 });
      await store.saveCompletion({ channel: 'zalo', userId: 'u1', courseId: 'van-thu', score: 85, completedAt: T0 + 20 });
      await store.saveCompletion({ channel: 'telegram', userId: 't3', courseId: 'van-thu', score: 85, completedAt: T0 - 1 });
      await store.saveCompletion({ channel: 'web', userId: 'w9', courseId: 'van-thu', score: 85, completedAt: T0 + 5 });
      expect(await store.rosterCompletions(T0, T0 + 1000)).toEqual([{ rosterId: 'r01', courseIds: ['mot-cua', 'van-thu'] }]);
      expect(await store.unlinkedCompletions(T0, T0 + 1000)).toBe(1);
      await store.markLessonSeen({ channel: 'telegram', userId: 't3', courseId: 'van-thu', lessonId: 'b1', at: T0 });
      await store.markLessonSeen({ channel: 'web', userId: 'w9', courseId: 'van-thu', lessonId: 'b1', at: T0 });
      expect(await store.rosterStarted()).toEqual(['r03']);

      // A new import: r01 stays (code spent, link kept), r02 is updated, r03 leaves with its link, r04 arrives.
      const second = await store.importRoster([{ ...entry('r01', 'so-noi-vu', 'NEW111') }, { ...entry('r02', 'so-tu-phap', 'BBB222'), name: 'Tên mới' }, entry('r04', 'so-noi-vu', 'DDD444')], T0 + 50);
      expect(second).toEqual({ added: 1, updated: 2, removed: 1 });
      const roster = await store.listRoster();
      expect(roster.map((e) => [e.id, e.unitId, e.linkCode])).toEqual([['r01', 'so-noi-vu', null], ['r04', 'so-noi-vu', 'DDD444'], ['r02', 'so-tu-phap', 'BBB222']]);
      expect(roster.find((e) => e.id === 'r02')?.name).toBe('Tên mới');
      expect((await store.listRosterLinks()).map((l) => l.rosterId)).toEqual(['r01']);
      expect(await store.unlinkRoster('zalo', 'u1')).toBe(true);
      expect(await store.unlinkRoster('zalo', 'u1')).toBe(false);
      expect(await store.rosterCompletions(T0, T0 + 1000)).toEqual([]);
    });
  });
}
