/**
 * Pure rules of learning a course: what comes next, the quiz score, completion, and the review schedule
 * of missed questions (a two-step spaced repetition).
 */
import type { Course, CourseQuestion } from '../ingest/course-file.js';
import type { AnswerRecord, LearnerProgress } from './ports.js';

const DAY_MS = 24 * 60 * 60_000;

/** Review intervals: a missed question comes back after 1 day, then (answered right) after 3 days, then leaves review. */
export const REVIEW_INTERVALS_MS: readonly number[] = [DAY_MS, 3 * DAY_MS];

/** One learner's state in one course. */
export interface CourseState {
  course: Course;
  seenLessons: Set<string>;
  answers: Map<string, AnswerRecord>;
  completedAt: number | null;
}

/** What to show next in a course. */
export type NextStep =
  | { kind: 'lesson'; index: number }
  | { kind: 'question'; question: CourseQuestion; review: boolean }
  | { kind: 'done' };

/** Builds the state of `course` from everything stored about a learner. */
export function courseState(course: Course, p: LearnerProgress): CourseState {
  return {
    course,
    seenLessons: new Set(p.lessons.filter((l) => l.courseId === course.id).map((l) => l.lessonId)),
    answers: new Map(p.answers.filter((a) => a.courseId === course.id).map((a) => [a.questionId, a])),
    completedAt: p.completions.find((c) => c.courseId === course.id)?.completedAt ?? null,
  };
}

/**
 * The next step: the first unseen lesson; else a missed question due for review (`retryWrong`: any missed
 * question, due or not); else the first unanswered question; else done.
 */
export function nextStep(s: CourseState, now: number, retryWrong = false): NextStep {
  const lesson = s.course.lessons.findIndex((l) => !s.seenLessons.has(l.id));
  if (lesson >= 0) return { kind: 'lesson', index: lesson };
  const due = s.course.questions.find((q) => {
    const a = s.answers.get(q.id);
    return a && a.reviewDueAt !== null && (a.reviewDueAt <= now || (retryWrong && !a.correct));
  });
  if (due) return { kind: 'question', question: due, review: true };
  const fresh = s.course.questions.find((q) => !s.answers.has(q.id));
  if (fresh) return { kind: 'question', question: fresh, review: false };
  return { kind: 'done' };
}

/** Share (0–100, rounded down) of the course's questions whose latest answer is right. */
export function quizScore(s: CourseState): number {
  const total = s.course.questions.length;
  if (!total) return 0;
  const right = s.course.questions.filter((q) => s.answers.get(q.id)?.correct).length;
  return Math.floor((right * 100) / total);
}

/** True when every lesson was seen, every question answered and the score reaches `passPercent`. */
export function meetsCompletion(s: CourseState, passPercent: number): boolean {
  return s.course.lessons.every((l) => s.seenLessons.has(l.id))
    && s.course.questions.every((q) => s.answers.has(q.id))
    && quizScore(s) >= passPercent;
}

/** Number of the course's missed questions due for review at `now`. */
export function dueReviews(s: CourseState, now: number): number {
  return [...s.answers.values()].filter((a) => a.reviewDueAt !== null && a.reviewDueAt <= now).length;
}

/**
 * The stored state of a question after an answer: a wrong answer schedules a review after the first
 * interval; a right answer to a question under review moves it to the next interval, and past the last
 * one takes it out of review.
 */
export function afterAnswer(prev: AnswerRecord | undefined, base: Omit<AnswerRecord, 'correct' | 'attempts' | 'reviewDueAt' | 'reviewStep'>, correct: boolean): AnswerRecord {
  const attempts = (prev?.attempts ?? 0) + 1;
  const at = base.answeredAt;
  if (!correct) return { ...base, correct, attempts, reviewDueAt: at + REVIEW_INTERVALS_MS[0], reviewStep: 1 };
  if (prev && prev.reviewDueAt !== null) {
    const step = prev.reviewStep;
    if (step < REVIEW_INTERVALS_MS.length) return { ...base, correct, attempts, reviewDueAt: at + REVIEW_INTERVALS_MS[step], reviewStep: step + 1 };
  }
  return { ...base, correct, attempts, reviewDueAt: null, reviewStep: 0 };
}
