import { AppError } from '../common/errors.js';
import type { TicketState } from './types.js';

/**
 * What a staff member or official does to a ticket. `answer` is the first answer; `correct` replaces the
 * answer of an answered ticket with a different text (an identical resubmission is refused, so a
 * double-submitted answer reaches the official once).
 */
export type TicketAction = 'claim' | 'answer' | 'correct' | 'close' | 'reopen';

/** Every {@link TicketAction}, for tests and listings. */
export const TICKET_ACTIONS: readonly TicketAction[] = ['claim', 'answer', 'correct', 'close', 'reopen'];

/** The states each action is allowed from (see README.md). */
const TRANSITIONS: Readonly<Record<TicketAction, readonly TicketState[]>> = {
  claim: ['open'],
  answer: ['open', 'claimed'],
  correct: ['answered'],
  close: ['open', 'claimed', 'answered'],
  reopen: ['answered', 'closed'],
};

/** Target state of each action. */
const TARGET: Readonly<Record<TicketAction, TicketState>> = { claim: 'claimed', answer: 'answered', correct: 'answered', close: 'closed', reopen: 'open' };

/** True when `action` is allowed in state `from`. */
export function canTransition(from: TicketState, action: TicketAction): boolean {
  return TRANSITIONS[action].includes(from);
}

/**
 * Checks that `action` is allowed in state `from` and returns the new state; throws AppError CONFLICT
 * naming the allowed states otherwise (e.g. claiming a ticket that is already answered).
 */
export function transition(from: TicketState, action: TicketAction): TicketState {
  if (!canTransition(from, action)) {
    throw new AppError('CONFLICT', `cannot ${action} a ticket that is ${from} (allowed from: ${TRANSITIONS[action].join(', ')})`);
  }
  return TARGET[action];
}
