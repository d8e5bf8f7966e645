/**
 * The behaviour every {@link Store} implementation must show, as a Vitest suite run against real databases
 * by `sqlite/sqlite-store.int.test.ts` and `postgres/pg-store.int.test.ts`. Not part of the public surface
 * (it imports vitest); a new store adapter calls {@link runStoreContract} from its own `*.int.test.ts`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Citation } from '../answer/index.js';
import { isAppError } from '../common/errors.js';
import type { QuestionRecord, Store } from '../conversation/index.js';

/** A migrated store on a fresh, empty database, and how to reach the same database again. */
export interface StoreHarness {
  store: Store;
  /** Opens another, migrated store on the same database (another "bot instance"); the contract closes it. */
  openPeer: () => Promise<Store>;
  /**
   * Reads the stored feedback rows of one question straight from the database (the port has no reader yet),
   * ordered by user id, so the contract can check that a later vote replaced the earlier one.
   */
  feedbackFor: (questionId: string) => Promise<{ userId: string; value: string; createdAt: number }[]>;
  /** Closes `store` (if still open) and deletes the database. */
  cleanup: () => Promise<void>;
}

const CITATION: Citation = {
  marker: 1,
  chunkId: 'nd-30-2020#d8k1',
  docId: 'nd-30-2020',
  docNumber: '30/2020/NĐ-CP',
  docTitle: 'Nghị định về công tác văn thư',
  path: 'Khoản 1 Điều 8',
  articleTitle: 'Điều 8. Thể thức văn bản',
  status: 'in_force',
  statusLabel: 'còn hiệu lực',
  current: true,
  url: 'https://example.gov.vn/nd-30-2020',
};

/** A question with Vietnamese text and one citation; fields can be overridden. */
function question(over: Partial<QuestionRecord> = {}): QuestionRecord {
  return {
    id: 'q-1',
    channel: 'telegram',
    chatId: 'chat-1',
    userId: 'user-1',
    text: 'Thể thức văn bản hành chính gồm những thành phần nào?',
    searchText: 'thể thức văn bản hành chính gồm những thành phần nào',
    answered: true,
    source: 'search',
    confidence: 0.8125,
    citations: [CITATION],
    answerText: 'Theo Khoản 1 Điều 8 Nghị định 30/2020/NĐ-CP: Quốc hiệu và Tiêu ngữ; tên cơ quan, tổ chức ban hành…',
    unitId: 'so-noi-vu',
    createdAt: 1_700_000_000_000,
    replyKind: 'answer',
    ...over,
  };
}

/** Fails (instead of letting the test time out) when `p` has not settled within `ms`. */
async function settlesWithin<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms (it hangs)`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Registers the Store contract suite under `describe(name)`. `makeStore` is called before each test and
 * must return a migrated store on an empty database of its own; `cleanup` runs after each test.
 */
export function runStoreContract(name: string, makeStore: () => Promise<StoreHarness>): void {
  describe(`${name} (Store contract)`, () => {
    let h: StoreHarness;
    let store: Store;
    beforeEach(async () => {
      h = await makeStore();
      store = h.store;
    });
    afterEach(async () => {
      await h?.cleanup();
    });

    it('returns true for a new update key, false for its repeat, and keeps channels apart', async () => {
      expect(await store.markUpdate('telegram', '1001', 1)).toBe(true);
      expect(await store.markUpdate('telegram', '1001', 2), 'duplicate update answered twice').toBe(false);
      expect(await store.markUpdate('zalo', '1001', 3), 'same key on another channel is a new update').toBe(true);
      expect(await store.markUpdate('telegram', '1002', 4)).toBe(true);
    });

    it('lets exactly one of two store instances win each update key when they race', async () => {
      const peer = await h.openPeer();
      try {
        const keys = Array.from({ length: 20 }, (_, i) => `race-${i}`);
        const results = await Promise.all(keys.map((k) => Promise.all([
          store.markUpdate('zalo', k, 1), peer.markUpdate('zalo', k, 1),
        ])));
        results.forEach(([a, b], i) => {
          expect(Number(a) + Number(b), `key ${keys[i]}: a=${a} b=${b}; markUpdate is not atomic`).toBe(1);
        });
      } finally {
        await peer.close();
      }
    });

    it('inserts a user, then refreshes last seen, chat and name while keeping the unit', async () => {
      const first = await store.touchUser({ channel: 'zalo', userId: 'u1', chatId: 'c1', displayName: 'Nguyễn Văn Á', at: 100 });
      expect(first).toMatchObject({ channel: 'zalo', userId: 'u1', chatId: 'c1', displayName: 'Nguyễn Văn Á',
        unitAsked: false, firstSeenAt: 100, lastSeenAt: 100 });
      expect(first.unitId ?? null).toBeNull();
      await store.setUserUnit('zalo', 'u1', 'ubnd-phuong-1');
      const second = await store.touchUser({ channel: 'zalo', userId: 'u1', chatId: 'c2', displayName: 'Trần Thị Bích', at: 200 });
      expect(second).toMatchObject({ chatId: 'c2', displayName: 'Trần Thị Bích', unitId: 'ubnd-phuong-1',
        unitAsked: true, firstSeenAt: 100, lastSeenAt: 200 });
      const third = await store.touchUser({ channel: 'zalo', userId: 'u1', chatId: 'c2', at: 300 });
      expect(third.displayName, 'a missing display name must not erase the stored one').toBe('Trần Thị Bích');
      expect(typeof third.lastSeenAt, 'timestamps must come back as numbers').toBe('number');
      const other = await store.touchUser({ channel: 'telegram', userId: 'u1', chatId: 'c9', at: 400 });
      expect(other, 'same user id on another channel is another user').toMatchObject({ firstSeenAt: 400, unitAsked: false });
    });

    it('records when the unit list was shown, keeps the unit meanwhile, and clears it once a unit is picked', async () => {
      await store.touchUser({ channel: 'zalo', userId: 'z1', chatId: 'z1', at: 1 });
      await store.setUserUnit('zalo', 'z1', 'so-noi-vu');
      await store.markUnitAsked('zalo', 'z1', 1_700_000_000_123);
      const asked = await store.touchUser({ channel: 'zalo', userId: 'z1', chatId: 'z1', at: 2 });
      expect(asked).toMatchObject({ unitId: 'so-noi-vu', unitAsked: true, unitAskedAt: 1_700_000_000_123 });
      expect(typeof asked.unitAskedAt).toBe('number');
      await store.setUserUnit('zalo', 'z1', 'so-tu-phap');
      const picked = await store.touchUser({ channel: 'zalo', userId: 'z1', chatId: 'z1', at: 3 });
      expect(picked.unitAskedAt, 'a picked unit closes the list').toBeUndefined();
      await expect(store.markUnitAsked('zalo', 'nobody', 1)).rejects.toSatisfy((e: unknown) => isAppError(e, 'NOT_FOUND'));
    });

    it('records a skipped unit as null with unitAsked, and rejects NOT_FOUND for an unknown user', async () => {
      await store.touchUser({ channel: 'web', userId: 'w1', chatId: 'w1', at: 1 });
      await store.setUserUnit('web', 'w1', 'so-tu-phap');
      await store.setUserUnit('web', 'w1', null);
      const user = await store.touchUser({ channel: 'web', userId: 'w1', chatId: 'w1', at: 2 });
      expect(user).toMatchObject({ unitId: null, unitAsked: true });
      await expect(store.setUserUnit('web', 'nobody', 'x')).rejects.toSatisfy((e: unknown) => isAppError(e, 'NOT_FOUND'));
    });

    it('round-trips a question with its citations array and Vietnamese text intact', async () => {
      const q = question();
      await store.saveQuestion(q);
      const got = await store.getQuestion('q-1');
      expect(got).toEqual(q);
      expect(Array.isArray(got?.citations)).toBe(true);
      expect(got?.text.normalize('NFC'), 'Vietnamese diacritics were altered').toBe(q.text);
      expect(await store.getQuestion('missing')).toBeNull();
      const unanswered = question({ id: 'q-2', answered: false, source: 'none', confidence: 0, citations: [], unitId: null, replyKind: 'escalate', replyReason: 'not_in_index' });
      await store.saveQuestion(unanswered);
      expect(await store.getQuestion('q-2')).toEqual(unanswered);
    });

    it('updates the answer when a question is saved again with the same id', async () => {
      await store.saveQuestion(question({ answered: false, source: 'none', citations: [], answerText: '' }));
      await store.saveQuestion(question());
      expect(await store.getQuestion('q-1')).toEqual(question());
    });

    it('returns the newest question of that chat only from lastQuestion', async () => {
      expect(await store.lastQuestion('telegram', 'chat-1')).toBeNull();
      await store.saveQuestion(question({ id: 'old', createdAt: 1000 }));
      await store.saveQuestion(question({ id: 'new', createdAt: 3000 }));
      await store.saveQuestion(question({ id: 'middle', createdAt: 2000 }));
      await store.saveQuestion(question({ id: 'other-chat', chatId: 'chat-2', createdAt: 9000 }));
      await store.saveQuestion(question({ id: 'other-channel', channel: 'zalo', createdAt: 9000 }));
      expect((await store.lastQuestion('telegram', 'chat-1'))?.id).toBe('new');
      expect((await store.lastQuestion('telegram', 'chat-2'))?.id).toBe('other-chat');
      expect((await store.lastQuestion('zalo', 'chat-1'))?.id).toBe('other-channel');
    });

    it('skips chat messages (greetings, off-topic, junk) in lastQuestion but keeps them stored', async () => {
      await store.saveQuestion(question({ id: 'real', createdAt: 1000 }));
      const hello = question({ id: 'hello', text: 'chào bạn', answered: false, source: 'none', citations: [], createdAt: 2000, replyKind: 'chat', replyReason: 'social' });
      await store.saveQuestion(hello);
      expect((await store.lastQuestion('telegram', 'chat-1'))?.id, 'a greeting must not become "the last question"').toBe('real');
      expect(await store.getQuestion('hello')).toEqual(hello);
      expect(await store.countQuestionsSince('telegram', 'user-1', 0), 'chat messages still count for the rate limit').toBe(2);
    });

    it('derives the reply kind of a record saved without one from answered', async () => {
      const legacy = question({ id: 'legacy', answered: false, source: 'none', replyKind: undefined });
      await store.saveQuestion(legacy);
      expect((await store.getQuestion('legacy'))?.replyKind).toBe('escalate');
    });

    it('counts a user\'s questions on one channel since a time (inclusive)', async () => {
      for (const [id, at] of [['a', 1000], ['b', 2000], ['c', 3000]] as const) {
        await store.saveQuestion(question({ id, createdAt: at }));
      }
      await store.saveQuestion(question({ id: 'd', userId: 'user-2', createdAt: 3000 }));
      await store.saveQuestion(question({ id: 'e', channel: 'web', createdAt: 3000 }));
      expect(await store.countQuestionsSince('telegram', 'user-1', 2000)).toBe(2);
      expect(await store.countQuestionsSince('telegram', 'user-1', 0)).toBe(3);
      expect(await store.countQuestionsSince('telegram', 'user-1', 3001)).toBe(0);
      expect(await store.countQuestionsSince('telegram', 'nobody', 0)).toBe(0);
    });

    it('keeps only the latest feedback vote of a user on a question', async () => {
      await store.saveQuestion(question());
      await store.saveFeedback({ questionId: 'q-1', channel: 'telegram', userId: 'user-1', value: 'helpful', createdAt: 1 });
      await store.saveFeedback({ questionId: 'q-1', channel: 'telegram', userId: 'user-1', value: 'unhelpful', createdAt: 2 });
      await store.saveFeedback({ questionId: 'q-1', channel: 'telegram', userId: 'user-2', value: 'helpful', createdAt: 3 });
      expect(await h.feedbackFor('q-1'), 'a later vote must replace the earlier one, not add a row').toEqual([
        { userId: 'user-1', value: 'unhelpful', createdAt: 2 },
        { userId: 'user-2', value: 'helpful', createdAt: 3 },
      ]);
      // A vote on an unknown question is refused rather than stored dangling.
      await expect(store.saveFeedback({ questionId: 'nope', channel: 'telegram', userId: 'user-1', value: 'helpful', createdAt: 4 }))
        .rejects.toSatisfy((e: unknown) => isAppError(e, 'NOT_FOUND'));
    });

    it('treats a second migrate as a no-op that keeps the data', async () => {
      await store.markUpdate('web', 'kept', 1);
      await store.migrate();
      await store.migrate();
      expect(await store.markUpdate('web', 'kept', 2), 'migrate must not recreate tables').toBe(false);
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('rejects (never hangs) every operation after close, with STORAGE_UNAVAILABLE', async () => {
      await store.close();
      await store.close();
      const calls: [string, () => Promise<unknown>][] = [
        ['ping', () => store.ping()],
        ['markUpdate', () => store.markUpdate('telegram', 'late', 1)],
        ['touchUser', () => store.touchUser({ channel: 'telegram', userId: 'u', chatId: 'c', at: 1 })],
        ['getQuestion', () => store.getQuestion('q-1')],
        ['migrate', () => store.migrate()],
      ];
      for (const [what, call] of calls) {
        const err = await settlesWithin(call().then(() => null, (e: unknown) => e), 5000, what);
        expect(isAppError(err, 'STORAGE_UNAVAILABLE'), `${what} after close gave ${String(err)}`).toBe(true);
      }
    });
  });
}
