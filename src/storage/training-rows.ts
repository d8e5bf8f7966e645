/**
 * Tables of the training core (migration 8, `training`): learners with their last prompt and daily-lesson
 * time, lessons seen, the latest answer and review schedule per question, completions, the roster of
 * officials doing reform work and the chat accounts linked to it. Shared by the SQLite and PostgreSQL
 * stores, with the row mappers.
 */
import type { ChannelName } from '../conversation/index.js';
import type { AnswerRecord, CompletionRecord, LearnerRecord, LearningPrompt, RosterEntry, RosterLink } from '../training/index.js';

const TABLES = (t: { int: string; bool: string; json: string }) => `
CREATE TABLE training_learners (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  prompt ${t.json},
  daily_time TEXT,
  daily_sent_on TEXT,
  updated_at ${t.int} NOT NULL,
  PRIMARY KEY (channel, user_id)
);
CREATE INDEX training_learners_daily ON training_learners (daily_time);
CREATE TABLE training_lessons (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  course_id TEXT NOT NULL,
  lesson_id TEXT NOT NULL,
  seen_at ${t.int} NOT NULL,
  PRIMARY KEY (channel, user_id, course_id, lesson_id)
);
CREATE TABLE training_answers (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  course_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  correct ${t.bool} NOT NULL,
  attempts INTEGER NOT NULL,
  review_due_at ${t.int},
  review_step INTEGER NOT NULL,
  answered_at ${t.int} NOT NULL,
  PRIMARY KEY (channel, user_id, course_id, question_id)
);
CREATE TABLE training_completions (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  course_id TEXT NOT NULL,
  score INTEGER NOT NULL,
  completed_at ${t.int} NOT NULL,
  PRIMARY KEY (channel, user_id, course_id)
);
CREATE INDEX training_completions_at ON training_completions (completed_at);
CREATE TABLE roster_entries (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  position TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  link_code TEXT UNIQUE,
  imported_at ${t.int} NOT NULL
);
CREATE INDEX roster_entries_unit ON roster_entries (unit_id);
CREATE TABLE roster_links (
  channel TEXT NOT NULL,
  user_id TEXT NOT NULL,
  roster_id TEXT NOT NULL REFERENCES roster_entries (id) ON DELETE CASCADE,
  linked_at ${t.int} NOT NULL,
  PRIMARY KEY (channel, user_id)
);
CREATE INDEX roster_links_roster ON roster_links (roster_id);`;

/** Migration 8 for SQLite. */
export const TRAINING_TABLES_SQLITE = TABLES({ int: 'INTEGER', bool: 'INTEGER', json: 'TEXT' });
/** Migration 8 for PostgreSQL. */
export const TRAINING_TABLES_POSTGRES = TABLES({ int: 'BIGINT', bool: 'BOOLEAN', json: 'JSONB' });

/** Raw `training_learners` row (PostgreSQL returns JSONB parsed and BIGINT as string). */
export interface LearnerDbRow {
  channel: string;
  user_id: string;
  chat_id: string;
  prompt: string | LearningPrompt | null;
  daily_time: string | null;
  updated_at: number | string;
}

export function learnerFromRow(r: LearnerDbRow): LearnerRecord {
  const prompt = typeof r.prompt === 'string' ? (JSON.parse(r.prompt) as LearningPrompt) : r.prompt;
  return { channel: r.channel as ChannelName, userId: r.user_id, chatId: r.chat_id, prompt: prompt ?? null, dailyTime: r.daily_time, updatedAt: Number(r.updated_at) };
}

export interface AnswerDbRow {
  channel: string;
  user_id: string;
  course_id: string;
  question_id: string;
  correct: number | boolean;
  attempts: number;
  review_due_at: number | string | null;
  review_step: number;
  answered_at: number | string;
}

export function answerFromRow(r: AnswerDbRow): AnswerRecord {
  return {
    channel: r.channel as ChannelName, userId: r.user_id, courseId: r.course_id, questionId: r.question_id, correct: Boolean(r.correct),
    attempts: Number(r.attempts), reviewDueAt: r.review_due_at === null ? null : Number(r.review_due_at), reviewStep: Number(r.review_step), answeredAt: Number(r.answered_at),
  };
}

export interface CompletionDbRow {
  channel: string;
  user_id: string;
  course_id: string;
  score: number;
  completed_at: number | string;
}

export function completionFromRow(r: CompletionDbRow): CompletionRecord {
  return { channel: r.channel as ChannelName, userId: r.user_id, courseId: r.course_id, score: Number(r.score), completedAt: Number(r.completed_at) };
}

export interface RosterDbRow {
  id: string;
  name: string;
  unit_id: string;
  position: string;
  phone: string | null;
  email: string | null;
  link_code: string | null;
}

export function rosterFromRow(r: RosterDbRow): RosterEntry {
  return { id: r.id, name: r.name, unitId: r.unit_id, position: r.position, phone: r.phone, email: r.email, linkCode: r.link_code };
}

export interface RosterLinkDbRow {
  channel: string;
  user_id: string;
  roster_id: string;
  linked_at: number | string;
}

export function rosterLinkFromRow(r: RosterLinkDbRow): RosterLink {
  return { channel: r.channel as ChannelName, userId: r.user_id, rosterId: r.roster_id, linkedAt: Number(r.linked_at) };
}

/** Groups `(roster_id, course_id)` rows into one entry per roster id with its sorted course ids. */
export function groupCompletions(rows: ReadonlyArray<{ roster_id: string; course_id: string }>): Array<{ rosterId: string; courseIds: string[] }> {
  const m = new Map<string, Set<string>>();
  for (const r of rows) m.set(r.roster_id, (m.get(r.roster_id) ?? new Set()).add(r.course_id));
  return [...m].sort(([a], [b]) => a.localeCompare(b)).map(([rosterId, ids]) => ({ rosterId, courseIds: [...ids].sort() }));
}
