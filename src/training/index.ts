/**
 * Training: short courses (chuyên đề) in the chat, their progress and the roster of officials doing
 * reform work. Platform-neutral; storage implements the ports.
 */
export { TrainingService, LEARNING_PROMPT_WINDOW_MS } from './training-service.js';
export type { TrainingOptions } from './training-service.js';
export { REVIEW_INTERVALS_MS, afterAnswer, courseState, nextStep, quizScore, meetsCompletion, dueReviews } from './course-progress.js';
export type { CourseState, NextStep } from './course-progress.js';
export type {
  TrainingStore, RosterStore, LearnerRecord, LearningPrompt, AnswerRecord, CompletionRecord, LearnerProgress,
  RosterEntry, RosterLink, RosterCompletion,
} from './ports.js';
export { rosterFromRows, parseCsv, newLinkCode, normalizePhone, LINK_CODE_LENGTH } from './roster-import.js';
export { DailyLessons, vietnamClock } from './daily-lessons.js';
export type { DailyLessonsOptions } from './daily-lessons.js';
