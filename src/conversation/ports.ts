import type { Citation } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import type { ChannelName, InboundMessage, OutboundReply } from './types.js';

/** An official (or anyone) known on one channel. */
export interface UserRecord {
  channel: ChannelName;
  userId: string;
  chatId: string;
  displayName?: string;
  /** Id of the unit (cơ quan/đơn vị) chosen, or null when skipped / not asked yet. */
  unitId?: string | null;
  /** True once the unit question has been asked (answered or skipped). */
  unitAsked: boolean;
  /**
   * When the unit list was last shown and not yet answered (epoch ms): a bare number typed soon after is a
   * unit pick. Stored, so any instance reads the number the same way.
   */
  unitAskedAt?: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

/** A question with the bot's answer, as stored for follow-ups, feedback, escalation and reports. */
export interface QuestionRecord {
  id: string;
  channel: ChannelName;
  chatId: string;
  userId: string;
  text: string;
  /** The text actually searched (with the previous question when it was a follow-up). */
  searchText: string;
  answered: boolean;
  source: 'faq' | 'search' | 'status' | 'none';
  confidence: number;
  citations: Citation[];
  /** The reply as sent (rendered plain text), for the staff and the record. */
  answerText: string;
  /**
   * What the bot replied: an answer, an abstention (`escalate`: the official is offered the staff), or a
   * chat reply (`chat`: greeting, off-topic or junk — not a question; never a ticket, not counted as an
   * unanswered question). Absent on records written before it existed: `answer` when `answered`, else
   * `escalate` (see `replyKindOf`).
   */
  replyKind?: ReplyKind;
  /** Why the bot abstained (`low_confidence`, `no_match`, `not_in_index`, `empty_query`) or chatted (`social`, …). */
  replyReason?: string;
  unitId?: string | null;
  createdAt: number;
}

/** The kind of reply a question got; mirrors `Answer['kind']`. */
export type ReplyKind = 'answer' | 'escalate' | 'chat';

/** Feedback on one answer. */
export interface FeedbackRecord {
  questionId: string;
  channel: ChannelName;
  userId: string;
  value: 'helpful' | 'unhelpful';
  createdAt: number;
}

/**
 * UpdateLog: processed platform updates, so a redelivered update is never answered twice.
 */
export interface UpdateLog {
  /** Records the key; returns false when it was already recorded (a duplicate). Atomic across instances. */
  markUpdate(channel: ChannelName, key: string, at: number): Promise<boolean>;
}

/** What {@link UpdateClaims.claimUpdate} found: yours to handle, being handled elsewhere, or handled. */
export type UpdateClaim = 'claimed' | 'busy' | 'done';

/**
 * UpdateClaims: deduplication, shared by every instance, for updates handled at once rather than through the
 * reply outbox (the Telegram staff group). It shares the keys of {@link UpdateLog}: an update recorded
 * there reads as handled here.
 */
export interface UpdateClaims {
  /**
   * Claims the update until `claimUntil`: `claimed` when it is new or an earlier claim lapsed (its instance
   * died while handling it), `busy` while another claim is live, `done` once it was handled. Atomic across
   * instances.
   */
  claimUpdate(channel: ChannelName, key: string, now: number, claimUntil: number): Promise<UpdateClaim>;
  /**
   * Ends the claim taken until `claimUntil`: `handled` records the update as done for good; otherwise it is
   * forgotten, so a redelivery is handled. A no-op when that claim lapsed and another took over.
   */
  settleUpdate(channel: ChannelName, key: string, claimUntil: number, handled: boolean): Promise<void>;
}

/** UserStore: officials per channel and the unit they chose. */
export interface UserStore {
  /** Inserts or refreshes a user (display name, chat, last seen); returns the stored record. */
  touchUser(u: { channel: ChannelName; userId: string; chatId: string; displayName?: string; at: number }): Promise<UserRecord>;
  /** Sets the unit (null = skipped), marks the question asked and clears `unitAskedAt`; NOT_FOUND for an unknown user. */
  setUserUnit(channel: ChannelName, userId: string, unitId: string | null): Promise<void>;
  /** Records that the unit list was just shown (`unitAskedAt`), keeping the current unit; NOT_FOUND for an unknown user. */
  markUnitAsked(channel: ChannelName, userId: string, at: number): Promise<void>;
}

/** QuestionStore: questions and answers, looked up for follow-ups and feedback. */
export interface QuestionStore {
  saveQuestion(q: QuestionRecord): Promise<void>;
  getQuestion(id: string): Promise<QuestionRecord | null>;
  /**
   * The user's most recent question in this chat, or null. Chat replies (`replyKind` `chat`: greetings,
   * off-topic, junk) are skipped: follow-ups, typed choices and /hoicanbo refer to the last real question.
   */
  lastQuestion(channel: ChannelName, chatId: string): Promise<QuestionRecord | null>;
  /** Number of messages (questions and chat replies) the user sent since `since` (epoch ms), for rate limiting across instances. */
  countQuestionsSince(channel: ChannelName, userId: string, since: number): Promise<number>;
}

/** FeedbackStore: helpful / unhelpful per answer (the latest vote of a user counts). */
export interface FeedbackStore {
  saveFeedback(f: FeedbackRecord): Promise<void>;
}

/** The storage the conversation core needs: updates, users, questions and feedback (one store port). */
export interface ConversationStore extends UpdateLog, UserStore, QuestionStore, FeedbackStore {}

/** {@link ConversationStore} plus lifecycle. Implemented for SQLite and PostgreSQL. */
export interface Store extends ConversationStore {
  /** Runs pending migrations (idempotent; safe when several instances start together). */
  migrate(): Promise<void>;
  /** Cheap liveness check; throws AppError STORAGE_UNAVAILABLE when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * ReplySender: how the core's replies reach one chat on one channel. Implemented by each channel adapter;
 * it renders the platform-neutral reply (HTML and buttons on Telegram, plain text with numbered choices on
 * Zalo), splits long text under the platform limit, and retries platform errors (429 with retry_after,
 * 5xx, network) with backoff. It rejects only when the reply could not be delivered after its retries; an
 * error with `permanent: true` says retrying cannot help until the official writes again (a closed reply window).
 */
export interface ReplySender {
  send(chatId: string, reply: OutboundReply): Promise<void>;
  /** Shows "typing…" while an answer is prepared (best effort, never throws). */
  typing?(chatId: string): Promise<void>;
  /**
   * How soon the platform expects a webhook's acknowledgement, ms, when it gives up sooner than its
   * requests usually wait (Zalo: about 2 s, then it retries and may disable the webhook). Under overload
   * `accept` holds an update back at most a quarter of it. Unset: the dispatcher's own limit.
   */
  readonly ackWithinMs?: number;
}

/**
 * Dispatcher: the entry point channels hand inbound messages to.
 *
 * `accept` records the update (deduplication) and returns as soon as it is recorded, so a webhook can be
 * acknowledged fast; the answer is produced and sent in the background through `sender`. It resolves
 * `true` for a new update, `'pending'` for a redelivered one whose answer is still on its way (it is taken
 * up again, not dropped), `false` for a duplicate whose answer was delivered, and rejects with AppError
 * STORAGE_UNAVAILABLE when the update cannot be recorded (the webhook then answers 503 so the platform
 * retries).
 *
 * `handleNow` does the same but waits and returns the replies (web chat answers in the HTTP response).
 */
export interface Dispatcher {
  accept(msg: InboundMessage, sender: ReplySender): Promise<boolean | 'pending'>;
  handleNow(msg: InboundMessage): Promise<OutboundReply[] | null>;
  /** Resolves when every update accepted so far has been handled (graceful shutdown). */
  drain(): Promise<void>;
}

/** The search side the conversation needs (implemented by search/KnowledgeBase). */
export interface KnowledgeSearch {
  search(query: string, k?: number): SearchResult;
  /** Search with dense retrieval fused in when configured; used instead of `search` when present. */
  searchAsync?(query: string, k?: number): Promise<SearchResult>;
  documents(): Map<string, DocumentMeta>;
}

/** A cơ quan/đơn vị an official can pick (admin-maintained list). */
export interface Unit {
  id: string;
  name: string;
}

/** Result of handing a question to reform staff. */
export interface EscalationResult {
  ticketId: string;
  /** False when the question was already escalated (or joined an open ticket with the same question). */
  created: boolean;
}

/**
 * Escalator: hands a question the bot could not answer (or the official asked to escalate) to reform
 * staff. Implemented by the escalation service; absent when no staff channel is configured.
 */
export interface Escalator {
  escalate(input: {
    question: QuestionRecord;
    user: UserRecord;
    reason: 'auto' | 'manual' | 'unhelpful';
    /** The last few exchanges of the conversation, oldest first. */
    excerpt: string[];
  }): Promise<EscalationResult>;
  /** The official said the staff answer to this question did not help: back to staff. True if reopened. */
  reopen?(questionId: string): Promise<boolean>;
  /** Staff answers that could not be delivered to this chat (shown on the official's next message). */
  undelivered?(channel: ChannelName, chatId: string): Promise<string[]>;
}

/**
 * One accepted update and the bot's answer to it, recorded before the webhook is acknowledged so that a
 * crash, a restart or a platform outage loses nothing (see README.md "Reply outbox").
 */
export interface ReplyJob {
  id: string;
  channel: ChannelName;
  updateKey: string;
  chatId: string;
  /** The inbound message, as received (the handler runs again from it when no answer was recorded yet). */
  message: InboundMessage;
  /** The replies once the handler ran; undefined until then. */
  replies?: OutboundReply[];
  /** How many of `replies` the platform has accepted. */
  delivered: number;
  /** `pending` until every reply is accepted (`done`) or delivery is given up (`failed`). */
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  leaseOwner?: string;
  leaseUntil?: number;
  lastError?: string;
}

/** What {@link ReplyOutbox.recordUpdate} found: a new update, one whose answer is still on its way, or one done. */
export type UpdateOutcome = 'fresh' | 'pending' | 'done';

/**
 * ReplyOutbox: the durable queue of the bot's answers (the staff answers have their own outbox in
 * escalation/). Implemented for SQLite and PostgreSQL. Every change after `recordUpdate` applies only
 * while `owner` holds the job's lease, so two instances never deliver the same job at the same time.
 */
export interface ReplyOutbox {
  /**
   * Records the update (deduplication, as {@link UpdateLog.markUpdate}) and its job, leased to `owner`
   * until `leaseUntil`, in one transaction. A key seen before returns `pending` while its job is not
   * done, else `done` (also for updates recorded before the outbox existed).
   */
  recordUpdate(m: InboundMessage, owner: string, now: number, leaseUntil: number): Promise<{ outcome: UpdateOutcome; job?: ReplyJob }>;
  /** Leases up to `limit` pending jobs due at `now` whose lease is free or expired, oldest first. */
  leaseReplyJobs(owner: string, now: number, leaseUntil: number, limit: number): Promise<ReplyJob[]>;
  /** Extends `owner`'s leases on these pending jobs (the heartbeat of jobs in flight). */
  renewReplyLeases(owner: string, ids: readonly string[], leaseUntil: number): Promise<void>;
  /** Owners holding a live lease on a pending job at `now`. */
  replyLeaseOwners(now: number): Promise<string[]>;
  /** Ends every lease these owners hold (owners known to be dead), so the jobs are due again at once. */
  expireReplyLeases(owners: readonly string[]): Promise<void>;
  /** Stores the handler's replies; false when `owner` no longer holds the lease. */
  saveReplies(id: string, owner: string, replies: OutboundReply[]): Promise<boolean>;
  /** Records that the first `delivered` replies were accepted; `done` when that is all of them (the lease ends). */
  markRepliesDelivered(id: string, owner: string, delivered: number, at: number, done: boolean): Promise<boolean>;
  /** Records a failed attempt and when to try again, or `failed` for good when `giveUp`; ends the lease. */
  markReplyRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void>;
  /**
   * True while a job of the same chat recorded before `job` is pending and due (not waiting for a retry)
   * and not leased by `owner`: its answer should go first. Jobs waiting for a retry do not hold the chat up.
   */
  earlierReplyPending(job: Pick<ReplyJob, 'id' | 'channel' | 'chatId'>, owner: string, now: number): Promise<boolean>;
  /** Jobs of this chat given up on and not yet shown to the official, oldest first. */
  failedRepliesForChat(channel: ChannelName, chatId: string): Promise<ReplyJob[]>;
  /** Marks failed jobs as shown (they are no longer returned by `failedRepliesForChat`). */
  markRepliesReported(ids: readonly string[], at: number): Promise<void>;
  /** Deletes jobs finished (done, or failed and shown) before `before`; returns how many. */
  pruneReplyJobs(before: number): Promise<number>;
  /**
   * Deletes the keys of updates recorded before `before` that no job refers to any more (keys outlive their
   * jobs, so that a late redelivery is still recognised; without this the table grows by one row per update
   * for as long as the bot runs). A claim still running is kept. At most `limit` keys per call, so a first
   * prune of a long-running database does not hold the writer lock for long. Returns how many.
   */
  pruneUpdateKeys(before: number, limit: number): Promise<number>;
}

/**
 * Learning: short courses in the chat (implemented by training/TrainingService). The conversation core
 * hands it its commands, its button presses (action `learn`) and short typed replies to its last prompt;
 * it never imports the training folder.
 */
export interface Learning {
  /** Commands it handles, without the slash (`hoctap`, `dunghoc`, `lienket`). */
  readonly commands: readonly string[];
  command(m: InboundMessage, user: UserRecord, name: string, args: string): Promise<OutboundReply[]>;
  /** A `learn` choice was pressed; `value` is the choice's value. */
  action(m: InboundMessage, user: UserRecord, value: string): Promise<OutboundReply[]>;
  /** True when `text` could be a typed reply to a learning prompt ("2", "tiếp"); no I/O. */
  mightBeTyped(text: string): boolean;
  /**
   * A typed reply to the learner's last learning prompt, when that prompt was shown after `since` (the
   * last question or unit list); null when the text is not one, so the message goes on as usual.
   */
  typed(m: InboundMessage, user: UserRecord, text: string, since: number): Promise<OutboundReply[] | null>;
}
