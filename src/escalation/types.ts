import type { Citation } from '../answer/index.js';
import type { ChannelName } from '../conversation/types.js';

/**
 * Ticket states (see README.md in this folder):
 * open → claimed → answered → closed; answered or closed → open again when the official says the answer
 * did not help (reopened); any state but closed → closed by staff.
 */
export type TicketState = 'open' | 'claimed' | 'answered' | 'closed';

/** An official waiting for a ticket's answer (the first asker, and anyone whose question was merged). */
export interface TicketWaiter {
  questionId: string;
  channel: ChannelName;
  chatId: string;
  userId: string;
  displayName?: string;
  questionText: string;
  joinedAt: number;
}

/** Where the ticket's card sits in the Telegram staff group. */
export interface StaffCardRef {
  chatId: string;
  messageId: string;
  /** Forum topic of the ticket, when the group has topics. */
  threadId?: string;
}

/** A question handed to reform staff. */
export interface Ticket {
  id: string;
  /** Short human number shown to staff and officials ("#12"). */
  number: number;
  state: TicketState;
  /** The first official's question and who asked it. */
  questionId: string;
  questionText: string;
  channel: ChannelName;
  chatId: string;
  userId: string;
  displayName?: string;
  unitId?: string | null;
  /** The last exchanges before the escalation, oldest first. */
  excerpt: string[];
  /** What the bot found (partial sources), for the staff member. */
  sources: Citation[];
  reason: 'auto' | 'manual' | 'unhelpful';
  createdAt: number;
  claimedBy?: string;
  claimedAt?: number;
  answeredBy?: string;
  answeredAt?: number;
  answerText?: string;
  closedBy?: string;
  closedAt?: number;
  reopenCount: number;
  /** Last SLA reminder sent to staff, epoch ms. */
  remindedAt?: number;
  /** When the official was told the answer will take longer. */
  delayNoticeAt?: number;
  card?: StaffCardRef;
  /** Optimistic-concurrency version, incremented by every update. */
  version: number;
}

/** Who acts on a ticket: a Telegram staff member or a console account. */
export interface StaffActor {
  /** Stable id: "tg:<user id>" or "web:<username>". */
  id: string;
  name: string;
  role: 'staff' | 'admin';
}

/** One staff answer (or notice) on its way to an official, recorded before it is sent. */
export interface OutboxItem {
  id: string;
  ticketId: string;
  channel: ChannelName;
  chatId: string;
  kind: 'staff_answer' | 'delay_notice';
  text: string;
  /** Staff member's name, shown with the answer. */
  staffName?: string;
  createdAt: number;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  /** Lease: the instance sending it and until when (another instance may take it after). */
  leaseOwner?: string;
  leaseUntil?: number;
  sentAt?: number;
  platformMessageId?: string;
  lastError?: string;
}

/** A curated Q&A drafted from a staff answer, waiting for a second person's approval. */
export interface StaffFaqDraft {
  id: string;
  ticketId: string;
  question: string;
  answer: string;
  /** Document number and article the answer rests on, when the staff member gave one. */
  sourceNumber?: string;
  sourceArticle?: string;
  createdBy: string;
  createdAt: number;
  state: 'pending' | 'approved' | 'rejected';
  decidedBy?: string;
  decidedAt?: number;
}
