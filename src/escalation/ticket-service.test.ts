import { describe, it, expect, beforeEach } from 'vitest';
import { MemoryTicketStore } from '../../test/support/memory-ticket-store.js';
import { Analyzer } from '../text/analyzer.js';
import { TicketService } from './ticket-service.js';
import { nullStaffNotifier } from './ports.js';
import type { Ticket } from './types.js';

const staff = { id: 'web:lan', name: 'Lan', role: 'staff' as const };

describe('TicketService.answer', () => {
  let store: MemoryTicketStore;
  let service: TicketService;
  let ticket: Ticket;

  beforeEach(async () => {
    store = new MemoryTicketStore();
    service = new TicketService({ tickets: store, notifier: nullStaffNotifier, analyzer: new Analyzer(), addFaq: () => undefined, now: () => 1000 });
    ticket = await store.createTicket(
      { id: 't1', state: 'claimed', questionId: 'q1', questionText: 'Hỏi?', channel: 'telegram', chatId: '42', userId: '42', excerpt: [], sources: [], reason: 'manual', createdAt: 1, reopenCount: 0 },
      { questionId: 'q1', channel: 'telegram', chatId: '42', userId: '42', questionText: 'Hỏi?', joinedAt: 1 },
    );
    await store.addWaiter(ticket.id, { questionId: 'q2', channel: 'zalo', chatId: 'z9', userId: 'z9', questionText: 'Hỏi nữa?', joinedAt: 2 });
  });

  const relays = async () => (await store.outboxForTicket(ticket.id)).map((o) => `${o.channel}:${o.chatId}`);

  it('queues one relay per waiting official', async () => {
    const t = await service.answer(ticket.id, staff, 'Theo Điều 5.');
    expect(t.state).toBe('answered');
    expect(await relays()).toEqual(['telegram:42', 'zalo:z9']);
  });

  it('refuses the same answer submitted twice in a row, so the officials get it once', async () => {
    await service.answer(ticket.id, staff, 'Theo Điều 5.');
    await expect(service.answer(ticket.id, staff, '  Theo   Điều 5. ')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await relays(), 'a double submission was relayed twice').toEqual(['telegram:42', 'zalo:z9']);
  });

  it('refuses one of two identical answers submitted at the same time', async () => {
    const results = await Promise.allSettled([service.answer(ticket.id, staff, 'Theo Điều 5.'), service.answer(ticket.id, staff, 'Theo Điều 5.')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await relays()).toEqual(['telegram:42', 'zalo:z9']);
  });

  it('relays a correction (a different text) again', async () => {
    await service.answer(ticket.id, staff, 'Theo Điều 5.');
    const t = await service.answer(ticket.id, staff, 'Xin sửa: theo Điều 6.');
    expect(t.answerText).toBe('Xin sửa: theo Điều 6.');
    expect(await relays()).toEqual(['telegram:42', 'zalo:z9', 'telegram:42', 'zalo:z9']);
  });

  it('refuses an answer to a closed ticket', async () => {
    await service.close(ticket.id, staff);
    await expect(service.answer(ticket.id, staff, 'Muộn.')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await relays()).toEqual([]);
  });
});
