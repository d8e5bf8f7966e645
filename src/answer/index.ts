export { AnswerComposer, citationFor, docLabel, validityNotice } from './composer.js';
export type { ComposerOptions } from './composer.js';
export { excerpt } from './excerpt.js';
export type { Answer, AnswerReply, AbstainReply, AbstainReason, ChatReply, ChatReason, Citation, Passage } from './types.js';
