export type { ChannelName, InboundMessage, OutboundReply, ReplyChoice, ReplyAction, MediaKind } from './types.js';
export type {
  KnowledgeSearch,
  Unit,
  Escalator,
  EscalationResult,
  UserRecord,
  QuestionRecord,
  FeedbackRecord,
  UpdateLog,
  UserStore,
  QuestionStore,
  FeedbackStore,
  Store,
  ReplySender,
  Dispatcher,
} from './ports.js';
export { ConversationService } from './conversation-service.js';
export type { ConversationOptions } from './conversation-service.js';
export { QueueDispatcher } from './queue-dispatcher.js';
export type { MessageHandler, QueueDispatcherOptions } from './queue-dispatcher.js';
export { isFollowUp } from './follow-up.js';
export { typedAnswerChoice, typedUnitChoice } from './typed-choices.js';
export { answerToPlainText } from './plain-text.js';
