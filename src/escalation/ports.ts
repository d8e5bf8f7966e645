import type { OutboxItem, StaffActor, StaffCardRef, StaffFaqDraft, Ticket, TicketState, TicketWaiter } from './types.js';

/** Filter for listing tickets. */
export interface TicketFilter {
  states?: TicketState[];
  channel?: string;
  /** Only tickets created at or after / before (epoch ms). */
  from?: number;
  to?: number;
  limit?: number;
  offset?: number;
}

/**
 * TicketStore: tickets, their waiting officials, the relay outbox and staff Q&A drafts. Implemented for
 * SQLite and PostgreSQL in storage/. Every method that changes a ticket checks `version` (optimistic
 * concurrency) and throws AppError CONFLICT when another instance changed it first.
 */
export interface TicketStore {
  /** Inserts a ticket with its first waiter; assigns `number` (sequential). */
  createTicket(t: Omit<Ticket, 'number' | 'version'>, first: TicketWaiter): Promise<Ticket>;
  getTicket(id: string): Promise<Ticket | null>;
  getTicketByNumber(n: number): Promise<Ticket | null>;
  /** The ticket a question belongs to (as first asker or merged waiter), or null. */
  ticketForQuestion(questionId: string): Promise<Ticket | null>;
  ticketByCard(chatId: string, messageId: string): Promise<Ticket | null>;
  ticketByThread(chatId: string, threadId: string): Promise<Ticket | null>;
  listTickets(f: TicketFilter): Promise<Ticket[]>;
  /** Applies `patch` if the stored version is `expectedVersion`; returns the updated ticket. */
  updateTicket(id: string, expectedVersion: number, patch: Partial<Omit<Ticket, 'id' | 'number' | 'version'>>): Promise<Ticket>;
  addWaiter(ticketId: string, w: TicketWaiter): Promise<void>;
  waiters(ticketId: string): Promise<TicketWaiter[]>;

  /**
   * Records a staff answer atomically: the ticket update (version-checked) and one outbox item per
   * waiting official, in one transaction, so an answer is never recorded without its relays or vice versa.
   */
  answerTicket(id: string, expectedVersion: number, patch: Partial<Ticket>, relays: Array<Omit<OutboxItem, 'state' | 'attempts' | 'sentAt' | 'platformMessageId' | 'lastError' | 'leaseOwner' | 'leaseUntil'>>): Promise<Ticket>;
  enqueueOutbox(item: Omit<OutboxItem, 'state' | 'attempts' | 'sentAt' | 'platformMessageId' | 'lastError' | 'leaseOwner' | 'leaseUntil'>): Promise<void>;
  /**
   * Leases up to `limit` pending items due at `now` to `owner` until `leaseUntil`, skipping items leased
   * by another live owner. Two instances never lease the same item at the same time.
   */
  leaseOutbox(owner: string, now: number, leaseUntil: number, limit: number): Promise<OutboxItem[]>;
  /** Marks an item sent (only if `owner` still holds its lease); false when it no longer does. */
  markOutboxSent(id: string, owner: string, sentAt: number, platformMessageId?: string): Promise<boolean>;
  /** Records a failed attempt and when to try again, or `failed` for good when `giveUp`. Releases the lease. */
  markOutboxRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void>;
  outboxForTicket(ticketId: string): Promise<OutboxItem[]>;
  /** Items that failed for good for a chat and have not been reported to the official yet. */
  failedOutboxForChat(channel: string, chatId: string): Promise<OutboxItem[]>;
  /** Marks failed items as reported to the official (they are no longer returned by failedOutboxForChat). */
  markOutboxReported(ids: string[], at: number): Promise<void>;

  saveFaqDraft(d: StaffFaqDraft): Promise<void>;
  getFaqDraft(id: string): Promise<StaffFaqDraft | null>;
  listFaqDrafts(state?: StaffFaqDraft['state']): Promise<StaffFaqDraft[]>;
}

/**
 * StaffNotifier: shows tickets to reform staff (the Telegram staff group). Implemented by the Telegram
 * channel; when no staff group is configured a no-op notifier is used and staff work in the web console.
 */
export interface StaffNotifier {
  /** Posts a new ticket card (in its own forum topic when the group has topics); returns where it is. */
  postTicket(t: Ticket): Promise<StaffCardRef | undefined>;
  /** Redraws the card after a state change (claimed by, answered, closed, reopened). */
  updateTicket(t: Ticket): Promise<void>;
  /** A reminder that the ticket is still unclaimed or unanswered. */
  remind(t: Ticket, ageMinutes: number): Promise<void>;
  /** Confirms to staff that the answer was relayed (or could not be). */
  confirmRelay(t: Ticket, outcome: 'delivered' | 'failed', detail?: string): Promise<void>;
}

/** A notifier that does nothing (no staff group configured). */
export const nullStaffNotifier: StaffNotifier = {
  async postTicket() {
    return undefined;
  },
  async updateTicket() {},
  async remind() {},
  async confirmRelay() {},
};

/** Staff console accounts (created by an admin CLI command). */
export interface StaffAccount {
  username: string;
  displayName: string;
  role: 'staff' | 'admin';
  /** scrypt hash in the form `scrypt$N$r$p$salt$hash` (base64). */
  passwordHash: string;
  createdAt: number;
  disabled: boolean;
}

/** A console login session. */
export interface StaffSession {
  id: string;
  username: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** StaffAccountStore: console accounts and sessions. */
export interface StaffAccountStore {
  createAccount(a: StaffAccount): Promise<void>;
  getAccount(username: string): Promise<StaffAccount | null>;
  listAccounts(): Promise<StaffAccount[]>;
  setPassword(username: string, passwordHash: string): Promise<void>;
  setDisabled(username: string, disabled: boolean): Promise<void>;
  createSession(s: StaffSession): Promise<void>;
  getSession(id: string): Promise<StaffSession | null>;
  deleteSession(id: string): Promise<void>;
}

/** One throttle key's sign-in record (see {@link LoginAttemptStore}). */
export interface LoginAttempts {
  /** Failures since the last success, counted from the first failure after `since` (older ones are forgotten). */
  failures: number;
  /** Time (epoch ms) of the latest failure, or null when there is none. */
  lastFailureAt: number | null;
  /** Time of the latest successful sign-in with this key, or null when it never succeeded. */
  succeededAt: number | null;
}

/**
 * LoginAttemptStore: failed and successful console sign-ins per throttle key (`pair:…`, `ip:…`, `user:…`),
 * shared by every instance so that N instances do not give N times the attempts. The keys are opaque here;
 * the login throttle (http/staff) decides what they mean and how long to wait.
 */
export interface LoginAttemptStore {
  /** The records of these keys that exist; a key whose last failure is before `since` reads as zero failures. */
  loginAttempts(keys: readonly string[], since: number): Promise<Map<string, LoginAttempts>>;
  /**
   * Adds one failure at `at` to each key, atomically (two instances recording at once count two); a count
   * whose last failure is before `since` starts again from one. Records with nothing left to remember are
   * dropped.
   */
  recordLoginFailure(keys: readonly string[], at: number, since: number): Promise<void>;
  /** Clears the key's failures and records a success at `at`. */
  recordLoginSuccess(key: string, at: number): Promise<void>;
}

export type { StaffActor };
