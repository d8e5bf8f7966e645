/**
 * Issue 11, failure 7 (last part): a right-to-left override (U+202E) or other bidi control in a question
 * reached the staff card and the console, where it reorders what staff read. They are now removed wherever
 * staff read officials' text: the Telegram card, the forum topic name and the staff console.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { renderStaffCard, staffTopicName } from '../../src/channels/telegram/staff-card.js';
import type { Ticket } from '../../src/escalation/index.js';
import { stripBidiControls } from '../../src/common/bidi.js';
import { ConsoleClient, consoleFixture, seedTicket, testPassword } from '../support/memory-staff-store.js';

const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Reads "Hồ sơ cần bản sao exe.pdf" reversed on screen when the override is honoured. */
const HOSTILE = 'Hồ sơ cần bản sao \u202Efdp.exe\u202C và \u2066ký số\u2069 \u200Fkhông?';
const CLEAN = 'Hồ sơ cần bản sao fdp.exe và ký số không?';

let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise<void>((r) => server?.close(() => r()));
  server = undefined;
});

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: 't-bidi', number: 9, state: 'open', questionId: 'q1', questionText: HOSTILE, channel: 'web', chatId: 'w1', userId: 'w1',
    displayName: 'Khách \u202Enimda', excerpt: [`Khách: ${HOSTILE}`], sources: [], reason: 'manual', createdAt: 1_750_000_000_000, reopenCount: 0, version: 1,
    ...over,
  };
}

describe('bidi control characters in staff-facing text', () => {
  it('strips every bidi control and nothing else', () => {
    expect(stripBidiControls(HOSTILE)).toBe(CLEAN);
    expect(stripBidiControls('Điều 5. Nguyên tắc')).toBe('Điều 5. Nguyên tắc');
  });

  it('keeps them out of the Telegram staff card and its topic name', () => {
    const card = renderStaffCard({ ticket: ticket() }).text;
    expect(card).toContain('fdp.exe');
    expect(BIDI.test(card), 'help: escapeHtml in channels/telegram/html.ts must strip bidi controls').toBe(false);
    expect(BIDI.test(staffTopicName(ticket()))).toBe(false);
  });

  it('keeps them out of the staff console ticket page', async () => {
    const fx = await consoleFixture({ remindMinutes: 60 });
    server = fx.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = new ConsoleClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await seedTicket(fx.tickets, { id: 't-bidi', questionText: HOSTILE });
    expect((await client.login('lan', testPassword('lan'))).status).toBe(303);
    const page = (await client.get('/staff/tickets/t-bidi')).text;
    expect(page).toContain('fdp.exe');
    expect(BIDI.test(page), 'help: escapeHtml in http/staff/html.ts must strip bidi controls').toBe(false);
    const list = (await client.get('/staff')).text;
    expect(BIDI.test(list)).toBe(false);
  });
});
