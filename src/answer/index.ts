export { AnswerComposer } from './composer.js';
export { citationFor, docLabel, officialRefOf, summaryNote, validityNotice } from './citations.js';
export type { ComposerOptions } from './composer.js';
export { excerpt } from './excerpt.js';
export type { Answer, AnswerReply, AbstainReply, AbstainReason, ChatReply, ChatReason, Citation, Passage } from './types.js';
