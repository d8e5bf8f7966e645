/**
 * PostgreSQL implementation of the conversation core's records (the {@link Store} port without its
 * lifecycle): processed updates, users, questions and feedback. `markUpdate` is a single `INSERT … ON
 * CONFLICT DO NOTHING`, so the primary key decides which instance records an update.
 */
import { AppError } from '../../common/errors.js';
import type { ChannelName, FeedbackRecord, QuestionRecord, UserRecord } from '../../conversation/index.js';
import { feedbackParams, questionFromRow, questionParams, userFromRow } from '../rows.js';
import type { QuestionRow, UserRow } from '../rows.js';
import type { ConversationRecords } from '../store-ports.js';
import type { PgContext } from './pg-context.js';

const QUESTION_COLUMNS = `id, channel, chat_id, user_id, text, search_text, answered, source, confidence,
  citations, answer_text, unit_id, created_at, reply_kind, reply_reason`;

/** The conversation records on the store's pool. */
export class PgConversationStore implements ConversationRecords {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  /** Records the update key; false when any instance already recorded it (decided by the primary key). */
  async markUpdate(channel: ChannelName, key: string, at: number): Promise<boolean> {
    const res = await this.ctx.query('markUpdate', `INSERT INTO processed_updates (channel, update_key, processed_at)
      VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [channel, key, at]);
    return res.rowCount === 1;
  }

  /** Inserts the user or refreshes chat, display name (when given) and last seen; the unit is kept. */
  async touchUser(u: { channel: ChannelName; userId: string; chatId: string; displayName?: string; at: number }): Promise<UserRecord> {
    const res = await this.ctx.query<UserRow>('touchUser', `INSERT INTO users
        (channel, user_id, chat_id, display_name, unit_id, unit_asked, first_seen_at, last_seen_at)
      VALUES ($1, $2, $3, $4, NULL, FALSE, $5, $5)
      ON CONFLICT (channel, user_id) DO UPDATE SET
        chat_id = EXCLUDED.chat_id,
        display_name = COALESCE(EXCLUDED.display_name, users.display_name),
        first_seen_at = LEAST(users.first_seen_at, EXCLUDED.first_seen_at),
        last_seen_at = GREATEST(users.last_seen_at, EXCLUDED.last_seen_at)
      RETURNING *`, [u.channel, u.userId, u.chatId, u.displayName ?? null, u.at]);
    return userFromRow(res.rows[0]);
  }

  /** Sets the unit (null = skipped), marks the question asked and answered; rejects NOT_FOUND for an unknown user. */
  async setUserUnit(channel: ChannelName, userId: string, unitId: string | null): Promise<void> {
    const res = await this.ctx.query('setUserUnit',
      'UPDATE users SET unit_id = $1, unit_asked = TRUE, unit_asked_at = NULL WHERE channel = $2 AND user_id = $3', [unitId, channel, userId]);
    if (res.rowCount === 0) throw new AppError('NOT_FOUND', `setUserUnit: no user ${channel}/${userId}; touchUser first`);
  }

  /** Records that the unit list was shown at `at`; rejects NOT_FOUND for an unknown user. */
  async markUnitAsked(channel: ChannelName, userId: string, at: number): Promise<void> {
    const res = await this.ctx.query('markUnitAsked',
      'UPDATE users SET unit_asked = TRUE, unit_asked_at = $1 WHERE channel = $2 AND user_id = $3', [at, channel, userId]);
    if (res.rowCount === 0) throw new AppError('NOT_FOUND', `markUnitAsked: no user ${channel}/${userId}; touchUser first`);
  }

  /** Inserts the question, or updates its answer fields when the id exists (identity and time are kept). */
  async saveQuestion(q: QuestionRecord): Promise<void> {
    await this.ctx.query('saveQuestion', `INSERT INTO questions (${QUESTION_COLUMNS})
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15)
      ON CONFLICT (id) DO UPDATE SET
        search_text = EXCLUDED.search_text, answered = EXCLUDED.answered, source = EXCLUDED.source,
        confidence = EXCLUDED.confidence, citations = EXCLUDED.citations,
        answer_text = EXCLUDED.answer_text, unit_id = EXCLUDED.unit_id,
        reply_kind = EXCLUDED.reply_kind, reply_reason = EXCLUDED.reply_reason`, questionParams(q, (b) => b));
  }

  /** The question with this id, or null. */
  async getQuestion(id: string): Promise<QuestionRecord | null> {
    const res = await this.ctx.query<QuestionRow>('getQuestion', `SELECT ${QUESTION_COLUMNS} FROM questions WHERE id = $1`, [id]);
    return res.rows.length > 0 ? questionFromRow(res.rows[0]) : null;
  }

  /** The newest question in this chat that was not a chat message (ties broken by id), or null. */
  async lastQuestion(channel: ChannelName, chatId: string): Promise<QuestionRecord | null> {
    const res = await this.ctx.query<QuestionRow>('lastQuestion', `SELECT ${QUESTION_COLUMNS} FROM questions
      WHERE channel = $1 AND chat_id = $2 AND reply_kind <> 'chat' ORDER BY created_at DESC, id DESC LIMIT 1`, [channel, chatId]);
    return res.rows.length > 0 ? questionFromRow(res.rows[0]) : null;
  }

  /** Questions by this user on this channel with `created_at >= since`. */
  async countQuestionsSince(channel: ChannelName, userId: string, since: number): Promise<number> {
    const res = await this.ctx.query<{ n: number }>('countQuestionsSince',
      'SELECT COUNT(*)::int AS n FROM questions WHERE channel = $1 AND user_id = $2 AND created_at >= $3',
      [channel, userId, since]);
    return res.rows[0].n;
  }

  /** Stores the vote, replacing an earlier one by the same user; NOT_FOUND when the question is unknown. */
  async saveFeedback(f: FeedbackRecord): Promise<void> {
    await this.ctx.query('saveFeedback', `INSERT INTO feedback (question_id, channel, user_id, value, created_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (question_id, user_id) DO UPDATE SET
        channel = EXCLUDED.channel, value = EXCLUDED.value, created_at = EXCLUDED.created_at`, feedbackParams(f));
  }
}
