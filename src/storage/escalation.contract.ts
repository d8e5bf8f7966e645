/**
 * The behaviour every {@link TicketStore} and {@link StaffAccountStore} implementation must show, as a
 * Vitest suite run against real databases by `sqlite/sqlite-store.int.test.ts` and
 * `postgres/pg-store.int.test.ts`. Not part of the public surface (it imports vitest).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Citation } from '../answer/index.js';
import { isAppError } from '../common/errors.js';
import type { ErrorCode } from '../common/errors.js';
import type { StaffAccount, StaffFaqDraft, StaffSession, Ticket, TicketWaiter } from '../escalation/index.js';
import type { AppStore } from './app-store.js';
import type { NewOutboxItem, NewTicket } from './escalation-rows.js';

/** The store under test: every port, plus the methods both stores offer ahead of the ports. */
export type EscalationTestStore = AppStore & {
  markOutboxReported(ids: readonly string[], at: number): Promise<void>;
  setDisabled(username: string, disabled: boolean): Promise<void>;
};

/** A migrated store on a fresh, empty database, and how to reach the same database again. */
export interface EscalationHarness {
  store: EscalationTestStore;
  /** Opens another, migrated store on the same database (another "bot instance"); the contract closes it. */
  openPeer: () => Promise<EscalationTestStore>;
  /** Closes `store` (if still open) and deletes the database. */
  cleanup: () => Promise<void>;
}

const SOURCE: Citation = {
  marker: 1,
  chunkId: 'nd-118-2025#d5',
  docId: 'nd-118-2025',
  docNumber: '118/2025/NĐ-CP',
  docTitle: 'Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
  path: 'Điều 5',
  articleTitle: 'Điều 5. Nguyên tắc thực hiện',
  status: 'in_force',
  statusLabel: 'còn hiệu lực',
  current: true,
};

function newTicket(id: string, over: Partial<NewTicket> = {}): NewTicket {
  return {
    id,
    state: 'open',
    questionId: `q-${id}`,
    questionText: 'Hồ sơ tiếp nhận qua Bộ phận Một cửa được trả kết quả trong bao lâu?',
    channel: 'zalo',
    chatId: `chat-${id}`,
    userId: `user-${id}`,
    displayName: 'Nguyễn Thị Hạnh',
    unitId: 'ubnd-xa-an-binh',
    excerpt: ['Cán bộ: thủ tục cấp phép', 'Bot: Tôi chưa tìm thấy câu trả lời chắc chắn.'],
    sources: [SOURCE],
    reason: 'auto',
    createdAt: 1_700_000_000_000,
    reopenCount: 0,
    ...over,
  };
}

function firstWaiter(t: NewTicket): TicketWaiter {
  return { questionId: t.questionId, channel: t.channel, chatId: t.chatId, userId: t.userId,
    displayName: t.displayName, questionText: t.questionText, joinedAt: t.createdAt };
}

function waiter(questionId: string, over: Partial<TicketWaiter> = {}): TicketWaiter {
  return { questionId, channel: 'telegram', chatId: `chat-${questionId}`, userId: `user-${questionId}`,
    questionText: 'Thời hạn giải quyết hồ sơ một cửa là bao lâu?', joinedAt: 1_700_000_100_000, ...over };
}

function relay(id: string, ticketId: string, over: Partial<NewOutboxItem> = {}): NewOutboxItem {
  return { id, ticketId, channel: 'zalo', chatId: `chat-${ticketId}`, kind: 'staff_answer',
    text: 'Theo Điều 5 Nghị định 118/2025/NĐ-CP, kết quả được trả đúng hẹn.', staffName: 'Lê Văn Minh',
    createdAt: 1_700_000_200_000, nextAttemptAt: 1_700_000_200_000, ...over };
}

async function rejectsWith(p: Promise<unknown>, code: ErrorCode, what: string): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(isAppError(err, code), `${what}: expected AppError ${code}, got ${String(err)}`).toBe(true);
}

/**
 * Registers the TicketStore and StaffAccountStore contract under `describe(name)`. `makeStore` is called
 * before each test and must return a migrated store on an empty database of its own.
 */
export function runEscalationContract(name: string, makeStore: () => Promise<EscalationHarness>): void {
  describe(`${name} (TicketStore and StaffAccountStore contract)`, () => {
    let h: EscalationHarness;
    let store: EscalationTestStore;
    beforeEach(async () => {
      h = await makeStore();
      store = h.store;
    });
    afterEach(async () => {
      await h?.cleanup();
    });

    async function create(id: string, over: Partial<NewTicket> = {}): Promise<Ticket> {
      const t = newTicket(id, over);
      return store.createTicket(t, firstWaiter(t));
    }

    it('numbers tickets 1, 2, 3 and reads them back by id and number with every field intact', async () => {
      const input = newTicket('t1');
      const first = await store.createTicket(input, firstWaiter(input));
      expect(first).toEqual({ ...input, number: 1, version: 1 });
      expect((await create('t2')).number).toBe(2);
      expect((await create('t3', { unitId: null, displayName: undefined })).number).toBe(3);
      expect(await store.getTicket('t1'), 'excerpt, sources or Vietnamese text changed on the way').toEqual(first);
      expect((await store.getTicketByNumber(2))?.id).toBe('t2');
      const third = await store.getTicket('t3');
      expect(third?.unitId ?? null).toBeNull();
      expect(third && 'displayName' in third, 'a null column must come back as an absent field').toBe(false);
      expect(typeof first.createdAt).toBe('number');
      expect(await store.getTicket('missing')).toBeNull();
      expect(await store.getTicketByNumber(99)).toBeNull();
      await rejectsWith(create('t1', { questionId: 'q-other' }), 'CONFLICT', 'a repeated ticket id');
    });

    it('gives unique, gap-free numbers when two instances create tickets at once', async () => {
      const peer = await h.openPeer();
      try {
        const made = await Promise.all(Array.from({ length: 12 }, (_, i) => {
          const t = newTicket(`c${i}`);
          return (i % 2 === 0 ? store : peer).createTicket(t, firstWaiter(t));
        }));
        const numbers = made.map((t) => t.number).sort((a, b) => a - b);
        expect(numbers, 'help: ticket numbering is not serialised across instances').toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1));
      } finally {
        await peer.close();
      }
    });

    it('keeps the first asker and merged questions as waiters and finds the ticket for each', async () => {
      const t = await create('t1');
      expect(await store.waiters('t1')).toEqual([firstWaiter(newTicket('t1'))]);
      await store.addWaiter('t1', waiter('q-merged'));
      await store.addWaiter('t1', waiter('q-merged'));
      expect((await store.waiters('t1')).map((w) => w.questionId), 'a repeated addWaiter must not add a row')
        .toEqual(['q-t1', 'q-merged']);
      expect((await store.ticketForQuestion('q-t1'))?.id).toBe(t.id);
      expect((await store.ticketForQuestion('q-merged'))?.id).toBe(t.id);
      expect(await store.ticketForQuestion('q-unknown')).toBeNull();
      await create('t2');
      await rejectsWith(store.addWaiter('t2', waiter('q-merged')), 'CONFLICT', 'a question already waiting on t1');
      await rejectsWith(store.addWaiter('nope', waiter('q-x')), 'NOT_FOUND', 'a waiter for an unknown ticket');
      expect(await store.waiters('nope')).toEqual([]);
    });

    it('updates with the current version, bumps it, and refuses a stale version with CONFLICT', async () => {
      const t = await create('t1');
      const claimed = await store.updateTicket('t1', t.version, { state: 'claimed', claimedBy: 'tg:42', claimedAt: 5 });
      expect(claimed).toMatchObject({ state: 'claimed', claimedBy: 'tg:42', claimedAt: 5, version: t.version + 1 });
      await rejectsWith(store.updateTicket('t1', t.version, { state: 'claimed', claimedBy: 'tg:43' }), 'CONFLICT',
        'an update from a stale version');
      expect(await store.getTicket('t1'), 'a refused update must change nothing').toEqual(claimed);
      await rejectsWith(store.updateTicket('missing', 1, { state: 'closed' }), 'NOT_FOUND', 'an unknown ticket');
      const reopened = await store.updateTicket('t1', claimed.version, { state: 'open', claimedBy: undefined,
        claimedAt: undefined, reopenCount: 1 });
      expect(reopened.claimedBy, 'an optional field patched to undefined must be cleared').toBeUndefined();
      expect(reopened).toMatchObject({ state: 'open', reopenCount: 1, version: claimed.version + 1 });
    });

    it('lets exactly one of two instances win a race to update the same version', async () => {
      const peer = await h.openPeer();
      try {
        const t = await create('t1');
        const results = await Promise.allSettled([
          store.updateTicket('t1', t.version, { state: 'claimed', claimedBy: 'tg:1' }),
          peer.updateTicket('t1', t.version, { state: 'claimed', claimedBy: 'tg:2' }),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        expect(won.length, 'help: the version check is not atomic').toBe(1);
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(isAppError(lost.reason, 'CONFLICT'), String(lost.reason)).toBe(true);
        expect((await store.getTicket('t1'))?.version).toBe(t.version + 1);
      } finally {
        await peer.close();
      }
    });

    it('finds tickets by staff card message and forum thread', async () => {
      const t = await create('t1');
      await create('t2');
      await store.updateTicket('t1', t.version, { card: { chatId: '-100', messageId: '77', threadId: '9' } });
      expect((await store.ticketByCard('-100', '77'))?.card).toEqual({ chatId: '-100', messageId: '77', threadId: '9' });
      expect((await store.ticketByThread('-100', '9'))?.id).toBe('t1');
      expect(await store.ticketByCard('-100', '78')).toBeNull();
      expect(await store.ticketByThread('-200', '9')).toBeNull();
    });

    it('lists tickets newest first, filtered by state, channel and time, with limit and offset', async () => {
      await create('a', { createdAt: 1000, channel: 'zalo' });
      await create('b', { createdAt: 2000, channel: 'telegram', state: 'claimed' });
      await create('c', { createdAt: 3000, channel: 'zalo', state: 'answered' });
      await create('d', { createdAt: 4000, channel: 'web' });
      const ids = async (f: Parameters<AppStore['listTickets']>[0]) => (await store.listTickets(f)).map((t) => t.id);
      expect(await ids({})).toEqual(['d', 'c', 'b', 'a']);
      expect(await ids({ states: ['open', 'claimed'] })).toEqual(['d', 'b', 'a']);
      expect(await ids({ states: [] }), 'an empty states list does not filter').toEqual(['d', 'c', 'b', 'a']);
      expect(await ids({ channel: 'zalo' })).toEqual(['c', 'a']);
      expect(await ids({ from: 2000, to: 4000 }), 'from is inclusive, to exclusive').toEqual(['c', 'b']);
      expect(await ids({ limit: 2 })).toEqual(['d', 'c']);
      expect(await ids({ limit: 2, offset: 1 })).toEqual(['c', 'b']);
      expect(await ids({ offset: 3 })).toEqual(['a']);
    });

    it('records an answer and its relays together', async () => {
      const t = await create('t1');
      await store.addWaiter('t1', waiter('q-2'));
      const answered = await store.answerTicket('t1', t.version,
        { state: 'answered', answeredBy: 'web:lan', answeredAt: 10, answerText: 'Trả lời của cán bộ.' },
        [relay('o1', 't1'), relay('o2', 't1', { channel: 'telegram', chatId: 'chat-q-2', staffName: undefined })]);
      expect(answered).toMatchObject({ state: 'answered', answeredBy: 'web:lan', version: t.version + 1 });
      const items = await store.outboxForTicket('t1');
      expect(items.map((o) => o.id)).toEqual(['o1', 'o2']);
      expect(items[0]).toEqual({ ...relay('o1', 't1'), state: 'pending', attempts: 0 });
      await rejectsWith(store.answerTicket('t1', t.version, { state: 'answered' }, [relay('o3', 't1')]), 'CONFLICT',
        'an answer from a stale version');
      expect((await store.outboxForTicket('t1')).length, 'a refused answer must not leave relays').toBe(2);
    });

    it('rolls the ticket update back when a relay cannot be recorded', async () => {
      const t = await create('t1');
      await store.enqueueOutbox(relay('taken', 't1', { kind: 'delay_notice' }));
      await rejectsWith(store.answerTicket('t1', t.version, { state: 'answered', answerText: 'x' },
        [relay('fresh', 't1'), relay('taken', 't1')]), 'CONFLICT', 'a relay with a duplicate outbox id');
      expect(await store.getTicket('t1'), 'help: answerTicket is not one transaction').toEqual(t);
      expect((await store.outboxForTicket('t1')).map((o) => o.id)).toEqual(['taken']);
      await rejectsWith(store.enqueueOutbox(relay('o-x', 'nope')), 'NOT_FOUND', 'an outbox item for an unknown ticket');
    });

    it('never leases an item to both of two instances racing, over 20 rounds', async () => {
      const peer = await h.openPeer();
      try {
        await create('t1');
        for (let i = 0; i < 10; i++) await store.enqueueOutbox(relay(`o${i}`, 't1', { nextAttemptAt: i }));
        for (let round = 0; round < 20; round++) {
          // Each round's leases expire before the next round, so every round competes for all 10 items.
          const now = 1_000 + round * 1_000;
          const [a, b] = await Promise.all([
            store.leaseOutbox('A', now, now + 500, 6),
            peer.leaseOutbox('B', now, now + 500, 6),
          ]);
          const aIds = new Set(a.map((o) => o.id));
          const both = b.filter((o) => aIds.has(o.id)).map((o) => o.id);
          expect(both, `round ${round}: help: leaseOutbox is not exclusive across instances`).toEqual([]);
          expect(aIds.size + b.length, `round ${round}: every due item should be leased by someone`).toBe(10);
          expect(a.every((o) => o.leaseOwner === 'A' && o.leaseUntil === now + 500)).toBe(true);
          expect(await store.leaseOutbox('C', now + 1, now + 500, 10), 'live leases must be skipped').toEqual([]);
        }
      } finally {
        await peer.close();
      }
    });

    it('marks sent only for the lease holder, and never leases a sent item again', async () => {
      await create('t1');
      await store.enqueueOutbox(relay('o1', 't1', { nextAttemptAt: 100 }));
      expect(await store.leaseOutbox('A', 99, 200, 5), 'an item is not due before nextAttemptAt').toEqual([]);
      const [leased] = await store.leaseOutbox('A', 100, 200, 5);
      expect(leased).toMatchObject({ id: 'o1', leaseOwner: 'A', leaseUntil: 200, state: 'pending' });
      expect(await store.markOutboxSent('o1', 'B', 150), 'a non-owner must not mark the item sent').toBe(false);
      expect(await store.markOutboxSent('o1', 'A', 150, 'msg-9')).toBe(true);
      expect(await store.markOutboxSent('o1', 'A', 151), 'marking twice').toBe(false);
      const [sent] = await store.outboxForTicket('t1');
      expect(sent).toMatchObject({ state: 'sent', sentAt: 150, platformMessageId: 'msg-9' });
      expect(sent.leaseOwner).toBeUndefined();
      expect(await store.leaseOutbox('A', 10_000_000, 10_000_100, 5), 'a sent item was leased again').toEqual([]);
    });

    it('lets another owner take an expired lease, after which the old owner can no longer finish', async () => {
      await create('t1');
      await store.enqueueOutbox(relay('o1', 't1', { nextAttemptAt: 0 }));
      expect((await store.leaseOutbox('A', 100, 200, 1)).map((o) => o.id)).toEqual(['o1']);
      expect(await store.leaseOutbox('B', 200, 300, 1), 'the lease is live until leaseUntil').toEqual([]);
      expect((await store.leaseOutbox('B', 201, 300, 1)).map((o) => o.leaseOwner)).toEqual(['B']);
      await store.markOutboxRetry('o1', 'A', 'late', 999, true);
      expect(await store.markOutboxSent('o1', 'A', 250), 'the old owner lost the lease').toBe(false);
      const [item] = await store.outboxForTicket('t1');
      expect(item, 'a retry by the old owner must change nothing').toMatchObject({ state: 'pending', attempts: 0, leaseOwner: 'B' });
      expect(await store.markOutboxSent('o1', 'B', 260)).toBe(true);
    });

    it('counts retries, waits until the next attempt, and gives up as failed for the chat', async () => {
      await create('t1');
      await store.enqueueOutbox(relay('o1', 't1', { nextAttemptAt: 0, chatId: 'chat-x' }));
      await store.leaseOutbox('A', 10, 100, 5);
      await store.markOutboxRetry('o1', 'A', 'Zalo: 503', 500, false);
      let [item] = await store.outboxForTicket('t1');
      expect(item).toMatchObject({ state: 'pending', attempts: 1, lastError: 'Zalo: 503', nextAttemptAt: 500 });
      expect(item.leaseOwner, 'a retry releases the lease').toBeUndefined();
      expect(await store.leaseOutbox('A', 499, 600, 5)).toEqual([]);
      expect((await store.leaseOutbox('A', 500, 600, 5)).map((o) => o.id)).toEqual(['o1']);
      await store.markOutboxRetry('o1', 'A', 'Zalo: user blocked', 900, true);
      [item] = await store.outboxForTicket('t1');
      expect(item).toMatchObject({ state: 'failed', attempts: 2, lastError: 'Zalo: user blocked' });
      expect(await store.leaseOutbox('A', 10_000, 20_000, 5), 'a failed item must not be leased').toEqual([]);
      expect((await store.failedOutboxForChat('zalo', 'chat-x')).map((o) => o.id)).toEqual(['o1']);
      expect(await store.failedOutboxForChat('zalo', 'chat-y')).toEqual([]);
      expect(await store.failedOutboxForChat('telegram', 'chat-x')).toEqual([]);
      await store.markOutboxReported(['o1'], 1_000);
      expect(await store.failedOutboxForChat('zalo', 'chat-x'), 'a reported failure is not reported again').toEqual([]);
    });

    it('saves, replaces, reads and lists staff Q&A drafts', async () => {
      await create('t1');
      const draft: StaffFaqDraft = { id: 'd1', ticketId: 't1', question: 'Thời hạn trả kết quả?',
        answer: 'Đúng hẹn theo phiếu hẹn.', sourceNumber: '118/2025/NĐ-CP', sourceArticle: 'Điều 5',
        createdBy: 'web:lan', createdAt: 1, state: 'pending' };
      await store.saveFaqDraft(draft);
      await store.saveFaqDraft({ id: 'd2', ticketId: 't1', question: 'Q2', answer: 'A2', createdBy: 'tg:1',
        createdAt: 2, state: 'pending' });
      expect(await store.getFaqDraft('d1')).toEqual(draft);
      const approved: StaffFaqDraft = { ...draft, state: 'approved', decidedBy: 'web:admin', decidedAt: 3 };
      await store.saveFaqDraft(approved);
      expect(await store.getFaqDraft('d1')).toEqual(approved);
      expect((await store.listFaqDrafts('pending')).map((d) => d.id)).toEqual(['d2']);
      expect((await store.listFaqDrafts()).map((d) => d.id)).toEqual(['d1', 'd2']);
      expect(await store.getFaqDraft('nope')).toBeNull();
    });

    it('creates, reads, lists, re-passwords and disables staff accounts', async () => {
      const lan: StaffAccount = { username: 'lan', displayName: 'Phạm Thị Lan', role: 'staff',
        passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', createdAt: 1, disabled: false };
      await store.createAccount(lan);
      await store.createAccount({ ...lan, username: 'admin', role: 'admin', disabled: true });
      expect(await store.getAccount('lan')).toEqual(lan);
      expect((await store.listAccounts()).map((a) => [a.username, a.disabled])).toEqual([['admin', true], ['lan', false]]);
      await rejectsWith(store.createAccount(lan), 'CONFLICT', 'a taken username');
      await store.setPassword('lan', 'scrypt$new');
      expect((await store.getAccount('lan'))?.passwordHash).toBe('scrypt$new');
      await rejectsWith(store.setPassword('ghost', 'x'), 'NOT_FOUND', 'setPassword for an unknown account');
      await store.setDisabled('lan', true);
      expect((await store.getAccount('lan'))?.disabled).toBe(true);
      await store.setDisabled('lan', false);
      expect((await store.getAccount('lan'))?.disabled).toBe(false);
      await rejectsWith(store.setDisabled('ghost', true), 'NOT_FOUND', 'setDisabled for an unknown account');
      expect(await store.getAccount('ghost')).toBeNull();
    });

    it('creates, reads and deletes console sessions', async () => {
      await store.createAccount({ username: 'lan', displayName: 'Lan', role: 'staff', passwordHash: 'h', createdAt: 1,
        disabled: false });
      const session: StaffSession = { id: 's1', username: 'lan', csrfToken: 'csrf-1', createdAt: 10, expiresAt: 1_800_000_000_000 };
      await store.createSession(session);
      expect(await store.getSession('s1')).toEqual(session);
      await store.deleteSession('s1');
      expect(await store.getSession('s1')).toBeNull();
      await store.deleteSession('s1');
      expect(await store.getSession('unknown')).toBeNull();
      await rejectsWith(store.createSession({ ...session, id: 's2', username: 'ghost' }), 'NOT_FOUND', 'a session of an unknown account');
    });

    it('rejects escalation calls after close with STORAGE_UNAVAILABLE', async () => {
      await store.close();
      await rejectsWith(store.getTicket('t1'), 'STORAGE_UNAVAILABLE', 'getTicket after close');
      await rejectsWith(store.leaseOutbox('A', 1, 2, 3), 'STORAGE_UNAVAILABLE', 'leaseOutbox after close');
      await rejectsWith(create('t9'), 'STORAGE_UNAVAILABLE', 'createTicket after close');
      await rejectsWith(store.getSession('s'), 'STORAGE_UNAVAILABLE', 'getSession after close');
    });
  });
}
