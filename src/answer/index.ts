export { AnswerComposer } from './composer.js';
export { citationFor, docLabel, officialRefOf, summaryNote, validityNotice } from './citations.js';
export type { ComposerOptions } from './composer.js';
export { excerpt } from './excerpt.js';
export type { Answer, AnswerReply, AbstainReply, AbstainReason, ChatReply, ChatReason, Citation, Passage } from './types.js';
export { answerByParts, splitQuestion, MAX_PARTS } from './multi-part.js';
export type { PartsPath } from './multi-part.js';
