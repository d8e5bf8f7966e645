/**
 * PostgreSQL implementation of the training core's {@link TrainingStore} and {@link RosterStore} ports
 * (migration 8, `training`). `PgStore` owns the pool and builds one on it.
 */
import type { ChannelName } from '../../conversation/index.js';
import type {
  AnswerRecord, CompletionRecord, LearnerProgress, LearnerRecord, RosterCompletion, RosterEntry, RosterLink, RosterStore, TrainingStore,
} from '../../training/index.js';
import { answerFromRow, completionFromRow, groupCompletions, learnerFromRow, rosterFromRow, rosterLinkFromRow } from '../training-rows.js';
import type { AnswerDbRow, CompletionDbRow, LearnerDbRow, RosterDbRow, RosterLinkDbRow } from '../training-rows.js';
import type { PgContext } from './pg-context.js';

/** The training part of `PgStore`, built once by the store on its shared connection. */
export class PgTrainingStore implements TrainingStore, RosterStore {
  constructor(private readonly ctx: PgContext) {}

  async getLearner(channel: ChannelName, userId: string): Promise<LearnerRecord | null> {
    const res = await this.ctx.query<LearnerDbRow>('getLearner', 'SELECT * FROM training_learners WHERE channel = $1 AND user_id = $2', [channel, userId]);
    return res.rows.length ? learnerFromRow(res.rows[0]) : null;
  }

  async saveLearner(l: LearnerRecord): Promise<void> {
    await this.ctx.query('saveLearner', `INSERT INTO training_learners (channel, user_id, chat_id, prompt, daily_time, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (channel, user_id) DO UPDATE SET chat_id = EXCLUDED.chat_id, prompt = EXCLUDED.prompt,
      daily_time = EXCLUDED.daily_time, updated_at = EXCLUDED.updated_at`,
    [l.channel, l.userId, l.chatId, l.prompt ? JSON.stringify(l.prompt) : null, l.dailyTime, l.updatedAt]);
  }

  async markLessonSeen(e: { channel: ChannelName; userId: string; courseId: string; lessonId: string; at: number }): Promise<void> {
    await this.ctx.query('markLessonSeen', `INSERT INTO training_lessons (channel, user_id, course_id, lesson_id, seen_at)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [e.channel, e.userId, e.courseId, e.lessonId, e.at]);
  }

  async saveAnswer(a: AnswerRecord): Promise<void> {
    await this.ctx.query('saveAnswer', `INSERT INTO training_answers
      (channel, user_id, course_id, question_id, correct, attempts, review_due_at, review_step, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (channel, user_id, course_id, question_id) DO UPDATE SET correct = EXCLUDED.correct, attempts = EXCLUDED.attempts,
      review_due_at = EXCLUDED.review_due_at, review_step = EXCLUDED.review_step, answered_at = EXCLUDED.answered_at`,
    [a.channel, a.userId, a.courseId, a.questionId, a.correct, a.attempts, a.reviewDueAt, a.reviewStep, a.answeredAt]);
  }

  async learnerProgress(channel: ChannelName, userId: string): Promise<LearnerProgress> {
    const [lessons, answers, completions] = await Promise.all([
      this.ctx.query<{ course_id: string; lesson_id: string }>('learnerProgress',
        'SELECT course_id, lesson_id FROM training_lessons WHERE channel = $1 AND user_id = $2 ORDER BY seen_at', [channel, userId]),
      this.ctx.query<AnswerDbRow>('learnerProgress', 'SELECT * FROM training_answers WHERE channel = $1 AND user_id = $2', [channel, userId]),
      this.ctx.query<CompletionDbRow>('learnerProgress', 'SELECT * FROM training_completions WHERE channel = $1 AND user_id = $2', [channel, userId]),
    ]);
    return {
      lessons: lessons.rows.map((r) => ({ courseId: r.course_id, lessonId: r.lesson_id })),
      answers: answers.rows.map(answerFromRow),
      completions: completions.rows.map(completionFromRow),
    };
  }

  async saveCompletion(c: CompletionRecord): Promise<boolean> {
    const res = await this.ctx.query('saveCompletion', `INSERT INTO training_completions (channel, user_id, course_id, score, completed_at)
      VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [c.channel, c.userId, c.courseId, c.score, c.completedAt]);
    return res.rowCount === 1;
  }

  async dailyLearners(time: string): Promise<LearnerRecord[]> {
    const res = await this.ctx.query<LearnerDbRow>('dailyLearners', 'SELECT * FROM training_learners WHERE daily_time = $1 ORDER BY channel, user_id', [time]);
    return res.rows.map(learnerFromRow);
  }

  async claimDaily(channel: ChannelName, userId: string, day: string): Promise<boolean> {
    const res = await this.ctx.query('claimDaily', `UPDATE training_learners SET daily_sent_on = $1
      WHERE channel = $2 AND user_id = $3 AND daily_time IS NOT NULL AND (daily_sent_on IS NULL OR daily_sent_on <> $1)`, [day, channel, userId]);
    return res.rowCount === 1;
  }

  async importRoster(entries: RosterEntry[], at: number): Promise<{ added: number; updated: number; removed: number }> {
    return this.ctx.transaction('importRoster', async (q) => {
      const known = new Set((await q<{ id: string }>('SELECT id FROM roster_entries FOR UPDATE')).rows.map((r) => r.id));
      const ids = new Set(entries.map((e) => e.id));
      const gone = [...known].filter((id) => !ids.has(id));
      if (gone.length) {
        await q('DELETE FROM roster_links WHERE roster_id = ANY($1::text[])', [gone]);
        await q('DELETE FROM roster_entries WHERE id = ANY($1::text[])', [gone]);
      }
      for (const e of entries) {
        await q(`INSERT INTO roster_entries (id, name, unit_id, position, phone, email, link_code, imported_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, unit_id = EXCLUDED.unit_id,
          position = EXCLUDED.position, phone = EXCLUDED.phone, email = EXCLUDED.email, imported_at = EXCLUDED.imported_at`,
        [e.id, e.name, e.unitId, e.position, e.phone, e.email, e.linkCode, at]);
      }
      const added = entries.filter((e) => !known.has(e.id)).length;
      return { added, updated: entries.length - added, removed: gone.length };
    });
  }

  async listRoster(): Promise<RosterEntry[]> {
    const res = await this.ctx.query<RosterDbRow>('listRoster', 'SELECT * FROM roster_entries ORDER BY unit_id, name, id');
    return res.rows.map(rosterFromRow);
  }

  async rosterByCode(code: string): Promise<RosterEntry | null> {
    const res = await this.ctx.query<RosterDbRow>('rosterByCode', 'SELECT * FROM roster_entries WHERE link_code = $1', [code.trim().toUpperCase()]);
    return res.rows.length ? rosterFromRow(res.rows[0]) : null;
  }

  async linkRoster(link: RosterLink): Promise<void> {
    await this.ctx.transaction('linkRoster', async (q) => {
      await q(`INSERT INTO roster_links (channel, user_id, roster_id, linked_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (channel, user_id) DO UPDATE SET roster_id = EXCLUDED.roster_id, linked_at = EXCLUDED.linked_at`,
      [link.channel, link.userId, link.rosterId, link.linkedAt]);
      await q('UPDATE roster_entries SET link_code = NULL WHERE id = $1', [link.rosterId]);
    });
  }

  async unlinkRoster(channel: ChannelName, userId: string): Promise<boolean> {
    const res = await this.ctx.query('unlinkRoster', 'DELETE FROM roster_links WHERE channel = $1 AND user_id = $2', [channel, userId]);
    return res.rowCount === 1;
  }

  async rosterLinkOf(channel: ChannelName, userId: string): Promise<RosterLink | null> {
    const res = await this.ctx.query<RosterLinkDbRow>('rosterLinkOf', 'SELECT * FROM roster_links WHERE channel = $1 AND user_id = $2', [channel, userId]);
    return res.rows.length ? rosterLinkFromRow(res.rows[0]) : null;
  }

  async listRosterLinks(): Promise<RosterLink[]> {
    const res = await this.ctx.query<RosterLinkDbRow>('listRosterLinks', 'SELECT * FROM roster_links ORDER BY roster_id, channel, user_id');
    return res.rows.map(rosterLinkFromRow);
  }

  async rosterCompletions(from: number, to: number): Promise<RosterCompletion[]> {
    const res = await this.ctx.query<{ roster_id: string; course_id: string }>('rosterCompletions', `SELECT DISTINCT l.roster_id, c.course_id
      FROM training_completions c JOIN roster_links l ON l.channel = c.channel AND l.user_id = c.user_id
      WHERE c.completed_at >= $1 AND c.completed_at < $2`, [from, to]);
    return groupCompletions(res.rows);
  }

  async rosterStarted(): Promise<string[]> {
    const res = await this.ctx.query<{ roster_id: string }>('rosterStarted', `SELECT DISTINCT l.roster_id FROM roster_links l
      JOIN training_lessons t ON t.channel = l.channel AND t.user_id = l.user_id ORDER BY l.roster_id`);
    return res.rows.map((r) => r.roster_id);
  }

  async unlinkedCompletions(from: number, to: number): Promise<number> {
    const res = await this.ctx.query<{ n: string }>('unlinkedCompletions', `SELECT COUNT(*) AS n FROM training_completions c
      WHERE c.completed_at >= $1 AND c.completed_at < $2
      AND NOT EXISTS (SELECT 1 FROM roster_links l WHERE l.channel = c.channel AND l.user_id = c.user_id)`, [from, to]);
    return Number(res.rows[0].n);
  }
}
