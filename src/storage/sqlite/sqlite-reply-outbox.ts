/**
 * SQLite implementation of the conversation core's {@link ReplyOutbox} port (migration 6). `SqliteStore`
 * owns the connection and builds one on it. Recording and leasing run inside `BEGIN IMMEDIATE`
 * transactions (SQLite's single writer lock), and every later change names the lease owner, so processes
 * sharing the file never deliver one job at the same time.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelName, InboundMessage, OutboundReply, ReplyJob, ReplyOutbox, UpdateOutcome } from '../../conversation/index.js';
import { REPLY_JOB_INSERT_COLUMNS, byCreated, replyJobFromRow, replyJobValues } from '../reply-outbox-rows.js';
import type { ReplyJobRow } from '../reply-outbox-rows.js';
import type { SqliteContext } from './sqlite-context.js';

const LIVE = `state = 'pending' AND lease_owner = ?`;

/** The {@link ReplyOutbox} part of `SqliteStore`, built once by the store on its shared connection. */
export class SqliteReplyOutbox implements ReplyOutbox {
  constructor(private readonly ctx: SqliteContext) {}

  async recordUpdate(m: InboundMessage, owner: string, now: number, leaseUntil: number): Promise<{ outcome: UpdateOutcome; job?: ReplyJob }> {
    return this.ctx.transaction('recordUpdate', () => {
      const fresh = this.ctx.stmt('INSERT OR IGNORE INTO processed_updates (channel, update_key, processed_at) VALUES (?, ?, ?)')
        .run(m.channel, m.updateKey, now).changes === 1;
      if (fresh) {
        const row = this.ctx.stmt(`INSERT INTO reply_jobs (${REPLY_JOB_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`)
          .get(...replyJobValues(randomUUID(), m, owner, now, leaseUntil)) as ReplyJobRow;
        return { outcome: 'fresh' as const, job: replyJobFromRow(row) };
      }
      const row = this.ctx.stmt('SELECT * FROM reply_jobs WHERE channel = ? AND update_key = ?').get(m.channel, m.updateKey) as ReplyJobRow | undefined;
      return row?.state === 'pending' ? { outcome: 'pending' as const, job: replyJobFromRow(row) } : { outcome: 'done' as const };
    });
  }

  async leaseReplyJobs(owner: string, now: number, leaseUntil: number, limit: number): Promise<ReplyJob[]> {
    const n = Math.floor(limit);
    if (!(n > 0)) return [];
    return this.ctx.transaction('leaseReplyJobs', () => (this.ctx.stmt(`UPDATE reply_jobs SET lease_owner = ?, lease_until = ?
      WHERE id IN (SELECT id FROM reply_jobs WHERE state = 'pending' AND next_attempt_at <= ?
        AND (lease_until IS NULL OR lease_until < ?) ORDER BY created_at, id LIMIT ?)
      RETURNING *`).all(owner, leaseUntil, now, now, n) as ReplyJobRow[]).map(replyJobFromRow).sort(byCreated));
  }

  async renewReplyLeases(owner: string, ids: readonly string[], leaseUntil: number): Promise<void> {
    if (!ids.length) return;
    await this.ctx.run('renewReplyLeases', () => this.ctx.db.prepare(`UPDATE reply_jobs SET lease_until = ?
      WHERE ${LIVE} AND id IN (${ids.map(() => '?').join(', ')})`).run(leaseUntil, owner, ...ids));
  }

  async replyLeaseOwners(now: number): Promise<string[]> {
    return this.ctx.run('replyLeaseOwners', () => (this.ctx.stmt(`SELECT DISTINCT lease_owner AS o FROM reply_jobs
      WHERE state = 'pending' AND lease_owner IS NOT NULL AND lease_until >= ?`).all(now) as { o: string }[]).map((r) => r.o));
  }

  async expireReplyLeases(owners: readonly string[]): Promise<void> {
    if (!owners.length) return;
    await this.ctx.run('expireReplyLeases', () => this.ctx.db.prepare(`UPDATE reply_jobs SET lease_owner = NULL, lease_until = NULL
      WHERE state = 'pending' AND lease_owner IN (${owners.map(() => '?').join(', ')})`).run(...owners));
  }

  async saveReplies(id: string, owner: string, replies: OutboundReply[]): Promise<boolean> {
    return this.ctx.run('saveReplies', () => this.ctx.stmt(`UPDATE reply_jobs SET replies = ? WHERE id = ? AND ${LIVE}`)
      .run(JSON.stringify(replies), id, owner).changes === 1);
  }

  async markRepliesDelivered(id: string, owner: string, delivered: number, at: number, done: boolean): Promise<boolean> {
    return this.ctx.run('markRepliesDelivered', () => this.ctx.stmt(`UPDATE reply_jobs SET delivered = ?,
        state = CASE WHEN ? = 1 THEN 'done' ELSE state END,
        done_at = CASE WHEN ? = 1 THEN ? ELSE done_at END,
        lease_owner = CASE WHEN ? = 1 THEN NULL ELSE lease_owner END,
        lease_until = CASE WHEN ? = 1 THEN NULL ELSE lease_until END
      WHERE id = ? AND ${LIVE}`).run(delivered, done ? 1 : 0, done ? 1 : 0, at, done ? 1 : 0, done ? 1 : 0, id, owner).changes === 1);
  }

  async markReplyRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void> {
    await this.ctx.run('markReplyRetry', () => this.ctx.stmt(`UPDATE reply_jobs SET attempts = attempts + 1, last_error = ?,
        next_attempt_at = ?, lease_owner = NULL, lease_until = NULL,
        state = CASE WHEN ? = 1 THEN 'failed' ELSE 'pending' END,
        done_at = CASE WHEN ? = 1 THEN ? ELSE done_at END
      WHERE id = ? AND ${LIVE}`).run(error.slice(0, 1000), nextAttemptAt, giveUp ? 1 : 0, giveUp ? 1 : 0, nextAttemptAt, id, owner));
  }

  async earlierReplyPending(job: Pick<ReplyJob, 'id' | 'channel' | 'chatId'>, owner: string, now: number): Promise<boolean> {
    // rowid grows with each insert (SQLite takes the largest plus one), so it is the recording order.
    return this.ctx.run('earlierReplyPending', () => (this.ctx.stmt(`SELECT EXISTS (SELECT 1 FROM reply_jobs
      WHERE channel = ? AND chat_id = ? AND state = 'pending' AND next_attempt_at <= ?
        AND (lease_owner IS NULL OR lease_owner <> ?)
        AND rowid < (SELECT rowid FROM reply_jobs WHERE id = ?)) AS e`).get(job.channel, job.chatId, now, owner, job.id) as { e: number }).e === 1);
  }

  async failedRepliesForChat(channel: ChannelName, chatId: string): Promise<ReplyJob[]> {
    return this.ctx.run('failedRepliesForChat', () => (this.ctx.stmt(`SELECT * FROM reply_jobs
      WHERE channel = ? AND chat_id = ? AND state = 'failed' AND reported_at IS NULL ORDER BY created_at, id`)
      .all(channel, chatId) as ReplyJobRow[]).map(replyJobFromRow));
  }

  async markRepliesReported(ids: readonly string[], at: number): Promise<void> {
    if (!ids.length) return;
    await this.ctx.run('markRepliesReported', () => this.ctx.db.prepare(`UPDATE reply_jobs SET reported_at = ?
      WHERE reported_at IS NULL AND id IN (${ids.map(() => '?').join(', ')})`).run(at, ...ids));
  }

  async pruneReplyJobs(before: number): Promise<number> {
    return this.ctx.run('pruneReplyJobs', () => this.ctx.stmt(`DELETE FROM reply_jobs
      WHERE (state = 'done' OR (state = 'failed' AND reported_at IS NOT NULL)) AND done_at < ?`).run(before).changes);
  }

  async pruneUpdateKeys(before: number, limit: number): Promise<number> {
    const n = Math.floor(limit);
    if (!(n > 0)) return 0;
    return this.ctx.run('pruneUpdateKeys', () => this.ctx.stmt(`DELETE FROM processed_updates WHERE (channel, update_key) IN (
      SELECT p.channel, p.update_key FROM processed_updates p
      WHERE p.processed_at < @before AND (p.claim_until IS NULL OR p.claim_until < @before)
        AND NOT EXISTS (SELECT 1 FROM reply_jobs j WHERE j.channel = p.channel AND j.update_key = p.update_key)
      LIMIT @n)`).run({ before, n }).changes);
  }
}
