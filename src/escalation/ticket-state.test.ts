import { describe, it, expect } from 'vitest';
import { TICKET_ACTIONS, canTransition, transition } from './ticket-state.js';
import type { TicketAction } from './ticket-state.js';
import type { TicketState } from './types.js';

const STATES: TicketState[] = ['open', 'claimed', 'answered', 'closed'];

/** The whole table (README.md "Ticket states"): action → state it leads to from each state, or '-' (refused). */
const EXPECTED: Record<TicketAction, Record<TicketState, TicketState | '-'>> = {
  claim: { open: 'claimed', claimed: '-', answered: '-', closed: '-' },
  answer: { open: 'answered', claimed: 'answered', answered: '-', closed: '-' },
  correct: { open: '-', claimed: '-', answered: 'answered', closed: '-' },
  close: { open: 'closed', claimed: 'closed', answered: 'closed', closed: '-' },
  reopen: { open: '-', claimed: '-', answered: 'open', closed: 'open' },
};

describe('ticket transitions', () => {
  for (const action of TICKET_ACTIONS) {
    for (const from of STATES) {
      const to = EXPECTED[action][from];
      it(`${action} from ${from} → ${to === '-' ? 'CONFLICT' : to}`, () => {
        expect(canTransition(from, action)).toBe(to !== '-');
        if (to === '-') expect(() => transition(from, action)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
        else expect(transition(from, action)).toBe(to);
      });
    }
  }

  it('names the allowed states when refusing', () => {
    expect(() => transition('answered', 'claim')).toThrow(/cannot claim a ticket that is answered \(allowed from: open\)/);
  });

  it('types actions as a closed union (a misspelt action does not compile)', () => {
    // @ts-expect-error 'anwser' is not a TicketAction
    expect(() => transition('open', 'anwser')).toThrow();
  });
});
