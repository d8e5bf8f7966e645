/**
 * SQLite implementation of the conversation core's records (the {@link Store} port without its lifecycle):
 * processed updates, users, questions and feedback. `markUpdate` relies on the primary key (`INSERT OR
 * IGNORE`), so a duplicate update is recognised across processes sharing the file too.
 */
import { AppError } from '../../common/errors.js';
import type { ChannelName, FeedbackRecord, QuestionRecord, UserRecord } from '../../conversation/index.js';
import { feedbackParams, questionFromRow, questionParams, userFromRow } from '../rows.js';
import type { QuestionRow, UserRow } from '../rows.js';
import type { ConversationRecords } from '../store-ports.js';
import type { SqliteContext } from './sqlite-context.js';

const QUESTION_COLUMNS = `id, channel, chat_id, user_id, text, search_text, answered, source, confidence,
  citations, answer_text, unit_id, created_at, reply_kind, reply_reason`;

/** The conversation records on the store's SQLite connection. */
export class SqliteConversationStore implements ConversationRecords {
  constructor(private readonly ctx: Pick<SqliteContext, 'run' | 'stmt'>) {}

  /** Records the update key; false when it was already recorded (by this or another process). */
  async markUpdate(channel: ChannelName, key: string, at: number): Promise<boolean> {
    return this.ctx.run('markUpdate', () => this.ctx.stmt(
      'INSERT OR IGNORE INTO processed_updates (channel, update_key, processed_at) VALUES (?, ?, ?)',
    ).run(channel, key, at).changes === 1);
  }

  /** Inserts the user or refreshes chat, display name (when given) and last seen; the unit is kept. */
  async touchUser(u: { channel: ChannelName; userId: string; chatId: string; displayName?: string; at: number }): Promise<UserRecord> {
    return this.ctx.run('touchUser', () => {
      const row = this.ctx.stmt(`INSERT INTO users
          (channel, user_id, chat_id, display_name, unit_id, unit_asked, first_seen_at, last_seen_at)
        VALUES (?, ?, ?, ?, NULL, 0, ?, ?)
        ON CONFLICT (channel, user_id) DO UPDATE SET
          chat_id = excluded.chat_id,
          display_name = COALESCE(excluded.display_name, users.display_name),
          first_seen_at = MIN(users.first_seen_at, excluded.first_seen_at),
          last_seen_at = MAX(users.last_seen_at, excluded.last_seen_at)
        RETURNING *`).get(u.channel, u.userId, u.chatId, u.displayName ?? null, u.at, u.at) as UserRow;
      return userFromRow(row);
    });
  }

  /** Sets the unit (null = skipped), marks the question asked and answered; rejects NOT_FOUND for an unknown user. */
  async setUserUnit(channel: ChannelName, userId: string, unitId: string | null): Promise<void> {
    await this.ctx.run('setUserUnit', () => {
      const { changes } = this.ctx.stmt('UPDATE users SET unit_id = ?, unit_asked = 1, unit_asked_at = NULL WHERE channel = ? AND user_id = ?')
        .run(unitId, channel, userId);
      if (changes === 0) throw new AppError('NOT_FOUND', `setUserUnit: no user ${channel}/${userId}; touchUser first`);
    });
  }

  /** Records that the unit list was shown at `at`; rejects NOT_FOUND for an unknown user. */
  async markUnitAsked(channel: ChannelName, userId: string, at: number): Promise<void> {
    await this.ctx.run('markUnitAsked', () => {
      const { changes } = this.ctx.stmt('UPDATE users SET unit_asked = 1, unit_asked_at = ? WHERE channel = ? AND user_id = ?')
        .run(at, channel, userId);
      if (changes === 0) throw new AppError('NOT_FOUND', `markUnitAsked: no user ${channel}/${userId}; touchUser first`);
    });
  }

  /** Inserts the question, or updates its answer fields when the id exists (identity and time are kept). */
  async saveQuestion(q: QuestionRecord): Promise<void> {
    await this.ctx.run('saveQuestion', () => {
      this.ctx.stmt(`INSERT INTO questions (${QUESTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
          search_text = excluded.search_text, answered = excluded.answered, source = excluded.source,
          confidence = excluded.confidence, citations = excluded.citations,
          answer_text = excluded.answer_text, unit_id = excluded.unit_id,
          reply_kind = excluded.reply_kind, reply_reason = excluded.reply_reason`).run(...questionParams(q, (b) => (b ? 1 : 0)));
    });
  }

  /** The question with this id, or null. */
  async getQuestion(id: string): Promise<QuestionRecord | null> {
    return this.ctx.run('getQuestion', () => {
      const row = this.ctx.stmt(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE id = ?`).get(id) as QuestionRow | undefined;
      return row ? questionFromRow(row) : null;
    });
  }

  /** The newest question in this chat that was not a chat message (ties broken by insertion order), or null. */
  async lastQuestion(channel: ChannelName, chatId: string): Promise<QuestionRecord | null> {
    return this.ctx.run('lastQuestion', () => {
      const row = this.ctx.stmt(`SELECT ${QUESTION_COLUMNS} FROM questions WHERE channel = ? AND chat_id = ?
        AND reply_kind <> 'chat' ORDER BY created_at DESC, rowid DESC LIMIT 1`).get(channel, chatId) as QuestionRow | undefined;
      return row ? questionFromRow(row) : null;
    });
  }

  /** Questions by this user on this channel with `created_at >= since`. */
  async countQuestionsSince(channel: ChannelName, userId: string, since: number): Promise<number> {
    return this.ctx.run('countQuestionsSince', () => {
      const row = this.ctx.stmt('SELECT COUNT(*) AS n FROM questions WHERE channel = ? AND user_id = ? AND created_at >= ?')
        .get(channel, userId, since) as { n: number };
      return row.n;
    });
  }

  /** Stores the vote, replacing an earlier one by the same user; NOT_FOUND when the question is unknown. */
  async saveFeedback(f: FeedbackRecord): Promise<void> {
    await this.ctx.run('saveFeedback', () => {
      this.ctx.stmt(`INSERT INTO feedback (question_id, channel, user_id, value, created_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (question_id, user_id) DO UPDATE SET
          channel = excluded.channel, value = excluded.value, created_at = excluded.created_at`)
        .run(...feedbackParams(f));
    });
  }
}
