/**
 * One object per store port, sharing the database handle (composition), and how `SqliteStore` and
 * `PgStore` offer them as one {@link AppStore} without hand-written delegation: the method names of each
 * port are listed once here, checked complete by the compiler, and {@link mountPorts} puts each on the
 * store bound to the port object that implements it.
 */
import type { ConversationStore, ReplyOutbox, UpdateClaims } from '../conversation/index.js';
import type { LoginAttemptStore, StaffAccountStore, TicketStore } from '../escalation/index.js';
import type { ReportStore } from '../reports/index.js';
import type { AuditLog, ReindexJobStore } from '../admin/ports.js';
import type { ZaloOaStore } from '../channels/zalo-oa/index.js';
import type { WebInboxStore } from '../channels/webchat/index.js';
import type { RosterStore, TrainingStore } from '../training/index.js';
import type { OpsStore } from './app-store.js';

/** The conversation core's store without its lifecycle (which the database handle owns). */
export type ConversationRecords = ConversationStore;

/** The per-port objects of one database, each built once on the shared handle. */
export interface StorePorts {
  conversation: ConversationRecords;
  replies: ReplyOutbox;
  updateClaims: UpdateClaims;
  tickets: TicketStore;
  staff: StaffAccountStore;
  logins: LoginAttemptStore;
  reports: ReportStore;
  audit: AuditLog;
  reindexJobs: ReindexJobStore;
  ops: OpsStore;
  zaloOa: ZaloOaStore;
  webInbox: WebInboxStore;
  training: TrainingStore & RosterStore;
}

/** Every method name of a port, each exactly once (a missing or unknown name does not compile). */
type MethodNames<P> = { readonly [K in keyof P]-?: true };

const PORT_METHODS: { readonly [K in keyof StorePorts]: MethodNames<StorePorts[K]> } = {
  conversation: {
    markUpdate: true, touchUser: true, setUserUnit: true, markUnitAsked: true, saveQuestion: true, getQuestion: true,
    lastQuestion: true, countQuestionsSince: true, saveFeedback: true,
  },
  replies: {
    recordUpdate: true, leaseReplyJobs: true, renewReplyLeases: true, replyLeaseOwners: true, expireReplyLeases: true,
    saveReplies: true, markRepliesDelivered: true, markReplyRetry: true, earlierReplyPending: true,
    failedRepliesForChat: true, markRepliesReported: true, pruneReplyJobs: true, pruneUpdateKeys: true,
  },
  updateClaims: { claimUpdate: true, settleUpdate: true },
  tickets: {
    createTicket: true, getTicket: true, getTicketByNumber: true, ticketForQuestion: true, ticketByCard: true,
    ticketByThread: true, listTickets: true, updateTicket: true, addWaiter: true, waiters: true, answerTicket: true,
    enqueueOutbox: true, leaseOutbox: true, markOutboxSent: true, markOutboxRetry: true, outboxForTicket: true,
    failedOutboxForChat: true, markOutboxReported: true, saveFaqDraft: true, getFaqDraft: true, listFaqDrafts: true,
  },
  staff: {
    createAccount: true, getAccount: true, listAccounts: true, setPassword: true, setDisabled: true,
    createSession: true, getSession: true, deleteSession: true,
  },
  logins: { loginAttempts: true, recordLoginFailure: true, recordLoginSuccess: true },
  reports: { reportQuestions: true, reportTickets: true },
  audit: { recordAudit: true, listAudit: true },
  reindexJobs: { claimReindexJob: true, saveReindexJob: true, getReindexJob: true, listReindexJobs: true },
  ops: { appliedMigrations: true, outboxBacklog: true },
  zaloOa: {
    getOaConnection: true, leaseOaConnection: true, releaseOaConnection: true, saveOaTokens: true,
    markOaReauthRequired: true, disconnectOa: true, saveOaAuthState: true, takeOaAuthState: true,
    recordOaInteraction: true, getOaUser: true, countOaReply: true,
  },
  webInbox: { pushWebReply: true, takeWebReplies: true },
  training: {
    getLearner: true, saveLearner: true, markLessonSeen: true, saveAnswer: true, learnerProgress: true,
    saveCompletion: true, dailyLearners: true, claimDaily: true, importRoster: true, listRoster: true,
    rosterByCode: true, linkRoster: true, unlinkRoster: true, rosterLinkOf: true, listRosterLinks: true,
    rosterCompletions: true, unlinkedCompletions: true, rosterStarted: true,
  },
};

/** What {@link mountPorts} adds to a store: every port method, each served by its port object. */
export type MountedPorts = ConversationRecords & ReplyOutbox & UpdateClaims & TicketStore & StaffAccountStore
  & LoginAttemptStore & ReportStore & AuditLog & ReindexJobStore & OpsStore & ZaloOaStore & WebInboxStore
  & TrainingStore & RosterStore;

/**
 * Puts every method of every port on `target` (a store owning the database handle), bound to the port
 * object that implements it. Throws when two ports name the same method, so one can never shadow another.
 */
export function mountPorts(target: object, ports: StorePorts): void {
  for (const key of Object.keys(PORT_METHODS) as Array<keyof StorePorts>) {
    const impl = ports[key] as unknown as Record<string, unknown>;
    for (const name of Object.keys(PORT_METHODS[key])) {
      const method = impl[name];
      if (typeof method !== 'function') throw new Error(`storage: the ${key} port object has no method ${name}`);
      if (Object.prototype.hasOwnProperty.call(target, name)) throw new Error(`storage: two ports define ${name}`);
      Object.defineProperty(target, name, { value: method.bind(impl), enumerable: false, writable: true, configurable: true });
    }
  }
}
