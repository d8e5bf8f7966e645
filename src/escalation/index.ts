export type { Ticket, TicketState, TicketWaiter, StaffActor, StaffCardRef, OutboxItem, StaffFaqDraft } from './types.js';
export type { TicketStore, TicketFilter, StaffNotifier, StaffAccount, StaffSession, StaffAccountStore, LoginAttemptStore, LoginAttempts } from './ports.js';
export { nullStaffNotifier } from './ports.js';
export { transition, canTransition, TICKET_ACTIONS } from './ticket-state.js';
export type { TicketAction } from './ticket-state.js';
export { TicketService, staffFaqEntry } from './ticket-service.js';
export type { TicketServiceOptions, TicketDetail } from './ticket-service.js';
export { OutboxRelay } from './outbox-relay.js';
export type { OutboxRelayOptions } from './outbox-relay.js';
