export { GroundedComposer, isGenerated } from './grounded-composer.js';
export type { ExtractiveComposer, FallbackReason, GeneratedAnswerReply, GroundedComposerOptions } from './grounded-composer.js';
export { createChatModel } from './chat-model.js';
export type { ChatModelOptions, GroundingChatModel } from './chat-model.js';
export { checkGroundedOutput } from './output-check.js';
export type { OutputCheck, OutputCheckContext, RejectReason } from './output-check.js';
export { buildGroundedPrompt, neutralizeData } from './prompt.js';
export type { GroundedPrompt, PromptPassage } from './prompt.js';
