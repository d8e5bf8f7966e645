/**
 * Staff web console: the express router mounted at `/staff`, its authentication, and the password
 * hashing the `staff` CLI command uses to create accounts.
 */
export { createStaffRouter } from './router.js';
export type { StaffRouterOptions, ConsoleTickets, ConsoleTicketReads } from './router.js';
export { StaffAuth, actorOf, SESSION_COOKIE, SESSION_TTL_MS } from './auth.js';
export type { StaffAuthOptions, StaffContext } from './auth.js';
export { LoginThrottle, MemoryLoginAttempts } from './login-throttle.js';
export type { LoginThrottleOptions } from './login-throttle.js';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './password.js';
export { html, raw, escapeHtml, SafeHtml } from './html.js';
