/** Abuse limits at the HTTP edge: client address behind proxies, web chat rates and escalation budgets, counters. */
export { ChatLimits } from './chat-limits.js';
export type { ChatLimitsOptions } from './chat-limits.js';
export { trustProxy } from './client-address.js';
export { WindowCounter } from './window-counter.js';
export type { WindowCounterOptions, WindowDecision } from './window-counter.js';
