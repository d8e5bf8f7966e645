export type { ChannelName, InboundMessage, OutboundReply, ReplyChoice, ReplyAction, MediaKind } from './types.js';
export type {
  KnowledgeSearch,
  Unit,
  Escalator,
  EscalationResult,
  UserRecord,
  QuestionRecord,
  ReplyKind,
  FeedbackRecord,
  UpdateLog,
  UpdateClaims,
  UpdateClaim,
  UserStore,
  QuestionStore,
  FeedbackStore,
  ConversationStore,
  Store,
  ReplySender,
  Dispatcher,
  ReplyJob,
  ReplyOutbox,
  UpdateOutcome,
  Learning,
} from './ports.js';
export { retryPlan, failureKind, newOwnerId, isDeadLocalOwner } from './reply-delivery.js';
export type { RetryPolicy, RetryPlan } from './reply-delivery.js';
export { ConversationService } from './conversation-service.js';
export type { ConversationOptions } from './conversation-service.js';
export { QueueDispatcher } from './queue-dispatcher.js';
export { SearchCache } from './search-cache.js';
export type { SearchCacheOptions } from './search-cache.js';
export type { MessageHandler, QueueDispatcherOptions } from './queue-dispatcher.js';
export { isFollowUp } from './follow-up.js';
export { typedChoice, typedWordChoice, typedUnitChoice } from './typed-choices.js';
export { choicesFor, offersStaff, replyKindOf } from './reply-choices.js';
export { answerToPlainText, answerPlainBlocks } from './plain-text.js';
export { layoutAnswer, layoutSource, sourceLine, sourceLineParts, articleName, safeUrl, MAX_QUOTES } from './answer-layout.js';
export type { AnswerLayout, LayoutSource, LayoutQuote } from './answer-layout.js';
export { documentListText } from './document-list.js';
