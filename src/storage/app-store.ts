/**
 * The type of the one object that serves every store port; see {@link AppStore}.
 */
import type { Store } from '../conversation/index.js';
import type { StaffAccountStore, TicketStore } from '../escalation/index.js';
import type { ReportStore } from '../reports/index.js';
import type { AuditLog } from '../admin/ports.js';
import type { ZaloOaStore } from '../channels/zalo-oa/index.js';

/**
 * Every store port in one object: what `openStore` returns and what both `SqliteStore` and `PgStore`
 * implement. The composition root hands the same object to the conversation and escalation services.
 */
export type AppStore = Store & TicketStore & StaffAccountStore & ReportStore & AuditLog & ZaloOaStore;
