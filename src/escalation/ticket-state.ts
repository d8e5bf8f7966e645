import { AppError } from '../common/errors.js';
import type { TicketState } from './types.js';

/** Allowed transitions of a ticket (see README.md). */
const TRANSITIONS: Record<string, readonly TicketState[]> = {
  claim: ['open'],
  answer: ['open', 'claimed', 'answered'],
  close: ['open', 'claimed', 'answered'],
  reopen: ['answered', 'closed'],
};

/** The action a staff member or official takes on a ticket. */
export type TicketAction = keyof typeof TRANSITIONS;

/** Target state of each action. */
const TARGET: Record<TicketAction, TicketState> = { claim: 'claimed', answer: 'answered', close: 'closed', reopen: 'open' };

/**
 * Checks that `action` is allowed in state `from` and returns the new state; throws AppError CONFLICT
 * naming the allowed states otherwise (e.g. claiming a ticket that is already answered).
 */
export function transition(from: TicketState, action: TicketAction): TicketState {
  if (!TRANSITIONS[action].includes(from)) {
    throw new AppError('CONFLICT', `cannot ${action} a ticket that is ${from} (allowed from: ${TRANSITIONS[action].join(', ')})`);
  }
  return TARGET[action];
}
