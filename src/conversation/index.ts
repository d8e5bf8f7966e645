export type { ChannelName, InboundMessage, OutboundReply, ReplyChoice, ReplyAction, MediaKind } from './types.js';
export type {
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
