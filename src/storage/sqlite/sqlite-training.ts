/**
 * SQLite implementation of the training core's {@link TrainingStore} and {@link RosterStore} ports
 * (migration 8, `training`). `SqliteStore` owns the connection and builds one on it.
 */
import type { ChannelName } from '../../conversation/index.js';
import type {
  AnswerRecord, CompletionRecord, LearnerProgress, LearnerRecord, RosterCompletion, RosterEntry, RosterLink, RosterStore, TrainingStore,
} from '../../training/index.js';
import { answerFromRow, completionFromRow, groupCompletions, learnerFromRow, rosterFromRow, rosterLinkFromRow } from '../training-rows.js';
import type { AnswerDbRow, CompletionDbRow, LearnerDbRow, RosterDbRow, RosterLinkDbRow } from '../training-rows.js';
import type { SqliteContext } from './sqlite-context.js';

/** The training part of `SqliteStore`, built once by the store on its shared connection. */
export class SqliteTrainingStore implements TrainingStore, RosterStore {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt' | 'transaction'>) {}

  async getLearner(channel: ChannelName, userId: string): Promise<LearnerRecord | null> {
    return this.ctx.run('getLearner', () => {
      const r = this.ctx.stmt('SELECT * FROM training_learners WHERE channel = ? AND user_id = ?').get(channel, userId) as LearnerDbRow | undefined;
      return r ? learnerFromRow(r) : null;
    });
  }

  async saveLearner(l: LearnerRecord): Promise<void> {
    await this.ctx.run('saveLearner', () => this.ctx.stmt(`INSERT INTO training_learners (channel, user_id, chat_id, prompt, daily_time, updated_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel, user_id) DO UPDATE SET chat_id = excluded.chat_id, prompt = excluded.prompt,
      daily_time = excluded.daily_time, updated_at = excluded.updated_at`)
      .run(l.channel, l.userId, l.chatId, l.prompt ? JSON.stringify(l.prompt) : null, l.dailyTime, l.updatedAt));
  }

  async markLessonSeen(e: { channel: ChannelName; userId: string; courseId: string; lessonId: string; at: number }): Promise<void> {
    await this.ctx.run('markLessonSeen', () => this.ctx.stmt(`INSERT INTO training_lessons (channel, user_id, course_id, lesson_id, seen_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(e.channel, e.userId, e.courseId, e.lessonId, e.at));
  }

  async saveAnswer(a: AnswerRecord): Promise<void> {
    await this.ctx.run('saveAnswer', () => this.ctx.stmt(`INSERT INTO training_answers
      (channel, user_id, course_id, question_id, correct, attempts, review_due_at, review_step, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (channel, user_id, course_id, question_id) DO UPDATE SET correct = excluded.correct, attempts = excluded.attempts,
      review_due_at = excluded.review_due_at, review_step = excluded.review_step, answered_at = excluded.answered_at`)
      .run(a.channel, a.userId, a.courseId, a.questionId, a.correct ? 1 : 0, a.attempts, a.reviewDueAt, a.reviewStep, a.answeredAt));
  }

  async learnerProgress(channel: ChannelName, userId: string): Promise<LearnerProgress> {
    return this.ctx.run('learnerProgress', () => ({
      lessons: (this.ctx.stmt('SELECT course_id, lesson_id FROM training_lessons WHERE channel = ? AND user_id = ? ORDER BY seen_at')
        .all(channel, userId) as Array<{ course_id: string; lesson_id: string }>).map((r) => ({ courseId: r.course_id, lessonId: r.lesson_id })),
      answers: (this.ctx.stmt('SELECT * FROM training_answers WHERE channel = ? AND user_id = ?').all(channel, userId) as AnswerDbRow[]).map(answerFromRow),
      completions: (this.ctx.stmt('SELECT * FROM training_completions WHERE channel = ? AND user_id = ?').all(channel, userId) as CompletionDbRow[]).map(completionFromRow),
    }));
  }

  async saveCompletion(c: CompletionRecord): Promise<boolean> {
    return this.ctx.run('saveCompletion', () => this.ctx.stmt(`INSERT INTO training_completions (channel, user_id, course_id, score, completed_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(c.channel, c.userId, c.courseId, c.score, c.completedAt).changes === 1);
  }

  async dailyLearners(time: string): Promise<LearnerRecord[]> {
    return this.ctx.run('dailyLearners', () => (this.ctx.stmt('SELECT * FROM training_learners WHERE daily_time = ? ORDER BY channel, user_id').all(time) as LearnerDbRow[]).map(learnerFromRow));
  }

  async claimDaily(channel: ChannelName, userId: string, day: string): Promise<boolean> {
    return this.ctx.run('claimDaily', () => this.ctx.stmt(`UPDATE training_learners SET daily_sent_on = ?
      WHERE channel = ? AND user_id = ? AND daily_time IS NOT NULL AND (daily_sent_on IS NULL OR daily_sent_on <> ?)`).run(day, channel, userId, day).changes === 1);
  }

  async importRoster(entries: RosterEntry[], at: number): Promise<{ added: number; updated: number; removed: number }> {
    return this.ctx.transaction('importRoster', () => {
      const known = new Set((this.ctx.stmt('SELECT id FROM roster_entries').all() as Array<{ id: string }>).map((r) => r.id));
      const ids = new Set(entries.map((e) => e.id));
      const gone = [...known].filter((id) => !ids.has(id));
      for (const id of gone) {
        this.ctx.stmt('DELETE FROM roster_links WHERE roster_id = ?').run(id);
        this.ctx.stmt('DELETE FROM roster_entries WHERE id = ?').run(id);
      }
      const upsert = this.ctx.stmt(`INSERT INTO roster_entries (id, name, unit_id, position, phone, email, link_code, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id,
        position = excluded.position, phone = excluded.phone, email = excluded.email, imported_at = excluded.imported_at`);
      for (const e of entries) upsert.run(e.id, e.name, e.unitId, e.position, e.phone, e.email, e.linkCode, at);
      const added = entries.filter((e) => !known.has(e.id)).length;
      return { added, updated: entries.length - added, removed: gone.length };
    });
  }

  async listRoster(): Promise<RosterEntry[]> {
    return this.ctx.run('listRoster', () => (this.ctx.stmt('SELECT * FROM roster_entries ORDER BY unit_id, name, id').all() as RosterDbRow[]).map(rosterFromRow));
  }

  async rosterByCode(code: string): Promise<RosterEntry | null> {
    return this.ctx.run('rosterByCode', () => {
      const r = this.ctx.stmt('SELECT * FROM roster_entries WHERE link_code = ?').get(code.trim().toUpperCase()) as RosterDbRow | undefined;
      return r ? rosterFromRow(r) : null;
    });
  }

  async linkRoster(link: RosterLink): Promise<void> {
    await this.ctx.transaction('linkRoster', () => {
      this.ctx.stmt(`INSERT INTO roster_links (channel, user_id, roster_id, linked_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (channel, user_id) DO UPDATE SET roster_id = excluded.roster_id, linked_at = excluded.linked_at`)
        .run(link.channel, link.userId, link.rosterId, link.linkedAt);
      this.ctx.stmt('UPDATE roster_entries SET link_code = NULL WHERE id = ?').run(link.rosterId);
    });
  }

  async unlinkRoster(channel: ChannelName, userId: string): Promise<boolean> {
    return this.ctx.run('unlinkRoster', () => this.ctx.stmt('DELETE FROM roster_links WHERE channel = ? AND user_id = ?').run(channel, userId).changes === 1);
  }

  async rosterLinkOf(channel: ChannelName, userId: string): Promise<RosterLink | null> {
    return this.ctx.run('rosterLinkOf', () => {
      const r = this.ctx.stmt('SELECT * FROM roster_links WHERE channel = ? AND user_id = ?').get(channel, userId) as RosterLinkDbRow | undefined;
      return r ? rosterLinkFromRow(r) : null;
    });
  }

  async listRosterLinks(): Promise<RosterLink[]> {
    return this.ctx.run('listRosterLinks', () => (this.ctx.stmt('SELECT * FROM roster_links ORDER BY roster_id, channel, user_id').all() as RosterLinkDbRow[]).map(rosterLinkFromRow));
  }

  async rosterCompletions(from: number, to: number): Promise<RosterCompletion[]> {
    return this.ctx.run('rosterCompletions', () => groupCompletions(this.ctx.stmt(`SELECT DISTINCT l.roster_id, c.course_id FROM training_completions c
      JOIN roster_links l ON l.channel = c.channel AND l.user_id = c.user_id
      WHERE c.completed_at >= ? AND c.completed_at < ?`).all(from, to) as Array<{ roster_id: string; course_id: string }>));
  }

  async rosterStarted(): Promise<string[]> {
    return this.ctx.run('rosterStarted', () => (this.ctx.stmt(`SELECT DISTINCT l.roster_id FROM roster_links l
      JOIN training_lessons t ON t.channel = l.channel AND t.user_id = l.user_id ORDER BY l.roster_id`).all() as Array<{ roster_id: string }>).map((r) => r.roster_id));
  }

  async unlinkedCompletions(from: number, to: number): Promise<number> {
    return this.ctx.run('unlinkedCompletions', () => (this.ctx.stmt(`SELECT COUNT(*) AS n FROM training_completions c
      WHERE c.completed_at >= ? AND c.completed_at < ?
      AND NOT EXISTS (SELECT 1 FROM roster_links l WHERE l.channel = c.channel AND l.user_id = c.user_id)`).get(from, to) as { n: number }).n);
  }
}
