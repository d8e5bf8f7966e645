/**
 * What the training core needs from storage and the clock. Storage (SQLite, PostgreSQL) implements
 * {@link TrainingStore} and {@link RosterStore}; the composition root passes the clock.
 */
import type { ChannelName } from '../conversation/index.js';

/**
 * The last learning prompt shown to a learner (course list, lesson, quiz question or result), stored so a
 * typed "2" or "tiếp" is read the same way on every instance and after a restart.
 */
export interface LearningPrompt {
  kind: 'menu' | 'lesson' | 'question' | 'result';
  /** Action values of the choices offered, in number order: a typed `n` picks `values[n - 1]`. */
  values: string[];
  /** The value "tiếp" stands for, when there is a next step. */
  next?: string;
  /** When it was shown (epoch ms). */
  at: number;
}

/** One learner on one channel: the prompt to read typed replies against and the daily-lesson choice. */
export interface LearnerRecord {
  channel: ChannelName;
  userId: string;
  chatId: string;
  prompt: LearningPrompt | null;
  /** "HH:MM" (local time of the deployment) of the optional daily lesson; null when not opted in. */
  dailyTime: string | null;
  updatedAt: number;
}

/** The state of one quiz question for one learner: the latest answer and the review schedule. */
export interface AnswerRecord {
  channel: ChannelName;
  userId: string;
  courseId: string;
  questionId: string;
  /** Whether the latest answer was right. */
  correct: boolean;
  attempts: number;
  /** When the question comes back for review (epoch ms); null when it is not scheduled. */
  reviewDueAt: number | null;
  /** Index into the review intervals of the next review. */
  reviewStep: number;
  answeredAt: number;
}

/** A course completed by a learner. */
export interface CompletionRecord {
  channel: ChannelName;
  userId: string;
  courseId: string;
  /** Share of questions whose latest answer was right, 0–100, when the course was completed. */
  score: number;
  completedAt: number;
}

/** Everything stored about one learner's courses. */
export interface LearnerProgress {
  /** Lessons seen, as `courseId` and `lessonId`. */
  lessons: Array<{ courseId: string; lessonId: string }>;
  answers: AnswerRecord[];
  completions: CompletionRecord[];
}

/** TrainingStore: learners, lessons seen, quiz answers and completions. */
export interface TrainingStore {
  getLearner(channel: ChannelName, userId: string): Promise<LearnerRecord | null>;
  /** Inserts or replaces the learner. */
  saveLearner(l: LearnerRecord): Promise<void>;
  /** Records a lesson as seen (idempotent; the first time is kept). */
  markLessonSeen(e: { channel: ChannelName; userId: string; courseId: string; lessonId: string; at: number }): Promise<void>;
  /** Inserts or replaces the state of one question for one learner. */
  saveAnswer(a: AnswerRecord): Promise<void>;
  learnerProgress(channel: ChannelName, userId: string): Promise<LearnerProgress>;
  /** Records a completion; false when the course was already completed by this learner (the first is kept). */
  saveCompletion(c: CompletionRecord): Promise<boolean>;
  /** Learners who opted in to the daily lesson at `time` ("HH:MM"). */
  dailyLearners(time: string): Promise<LearnerRecord[]>;
  /**
   * Claims the daily lesson of `day` ("YYYY-MM-DD") for a learner: true for the one caller (across
   * instances) that should send it, false when it was already claimed that day or the learner opted out.
   */
  claimDaily(channel: ChannelName, userId: string, day: string): Promise<boolean>;
}

/** One official on the roster of those doing reform work. */
export interface RosterEntry {
  /** Stable id (given in the import or derived from phone/e-mail). */
  id: string;
  name: string;
  /** Unit id (knowledge/units.yaml) the official belongs to. */
  unitId: string;
  position: string;
  phone: string | null;
  email: string | null;
  /** One-time code the unit's focal point hands out to link a chat account; null once used. */
  linkCode: string | null;
}

/** A chat account linked to a roster entry. */
export interface RosterLink {
  rosterId: string;
  channel: ChannelName;
  userId: string;
  linkedAt: number;
}

/** Per roster entry, the courses its linked accounts completed in a period. */
export interface RosterCompletion {
  rosterId: string;
  courseIds: string[];
}

/** RosterStore: the roster, account links and completions per rostered official. */
export interface RosterStore {
  /**
   * Replaces the roster: entries are inserted or updated by id (a known entry keeps its link code and
   * links), entries missing from `entries` are removed with their links. Returns counts.
   */
  importRoster(entries: RosterEntry[], at: number): Promise<{ added: number; updated: number; removed: number }>;
  listRoster(): Promise<RosterEntry[]>;
  /** The entry whose unused link code is `code` (case-insensitive), or null. */
  rosterByCode(code: string): Promise<RosterEntry | null>;
  /** Links the account to the entry (replacing an earlier link of that account) and spends the entry's code. */
  linkRoster(link: RosterLink): Promise<void>;
  /** Removes the link of an account (staff fixing a wrong link); false when there was none. */
  unlinkRoster(channel: ChannelName, userId: string): Promise<boolean>;
  rosterLinkOf(channel: ChannelName, userId: string): Promise<RosterLink | null>;
  listRosterLinks(): Promise<RosterLink[]>;
  /** Completions in [from, to) of every account linked to a roster entry, grouped by entry. */
  rosterCompletions(from: number, to: number): Promise<RosterCompletion[]>;
  /** Roster ids whose linked accounts have seen at least one lesson (they started learning). */
  rosterStarted(): Promise<string[]>;
  /** Completions in [from, to) by accounts not linked to any roster entry (counted apart). */
  unlinkedCompletions(from: number, to: number): Promise<number>;
}
