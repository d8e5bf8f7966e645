/**
 * PostgreSQL implementation of the conversation core's {@link ReplyOutbox} port (migration 6). `PgStore`
 * owns the pool and builds one on it. `recordUpdate` inserts the update key and the job in one
 * transaction; `leaseReplyJobs` locks due rows with `FOR UPDATE SKIP LOCKED` and leases them in the same
 * statement, so two instances never lease one job while its lease is live; every later change names the
 * lease owner.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelName, InboundMessage, OutboundReply, ReplyJob, ReplyOutbox, UpdateOutcome } from '../../conversation/index.js';
import { REPLY_JOB_INSERT_COLUMNS, byCreated, replyJobFromRow, replyJobValues } from '../reply-outbox-rows.js';
import type { ReplyJobRow } from '../reply-outbox-rows.js';
import type { PgContext } from './pg-context.js';

/** The {@link ReplyOutbox} part of `PgStore`, built once by the store on its shared connection. */
export class PgReplyOutbox implements ReplyOutbox {
  constructor(private readonly ctx: PgContext) {}

  async recordUpdate(m: InboundMessage, owner: string, now: number, leaseUntil: number): Promise<{ outcome: UpdateOutcome; job?: ReplyJob }> {
    return this.ctx.transaction('recordUpdate', async (q) => {
      const ins = await q(`INSERT INTO processed_updates (channel, update_key, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [m.channel, m.updateKey, now]);
      if (ins.rowCount === 1) {
        const res = await q<ReplyJobRow>(`INSERT INTO reply_jobs (${REPLY_JOB_INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          replyJobValues(randomUUID(), m, owner, now, leaseUntil));
        return { outcome: 'fresh' as const, job: replyJobFromRow(res.rows[0]) };
      }
      const res = await q<ReplyJobRow>('SELECT * FROM reply_jobs WHERE channel = $1 AND update_key = $2', [m.channel, m.updateKey]);
      const row = res.rows[0];
      return row?.state === 'pending' ? { outcome: 'pending' as const, job: replyJobFromRow(row) } : { outcome: 'done' as const };
    });
  }

  async leaseReplyJobs(owner: string, now: number, leaseUntil: number, limit: number): Promise<ReplyJob[]> {
    const n = Math.floor(limit);
    if (!(n > 0)) return [];
    const res = await this.ctx.query<ReplyJobRow>('leaseReplyJobs', `WITH due AS (
        SELECT id FROM reply_jobs
        WHERE state = 'pending' AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until < $2)
        ORDER BY created_at, id LIMIT $4
        FOR UPDATE SKIP LOCKED
      )
      UPDATE reply_jobs j SET lease_owner = $1, lease_until = $3 FROM due WHERE j.id = due.id
      RETURNING j.*`, [owner, now, leaseUntil, n]);
    return res.rows.map(replyJobFromRow).sort(byCreated);
  }

  async renewReplyLeases(owner: string, ids: readonly string[], leaseUntil: number): Promise<void> {
    if (!ids.length) return;
    await this.ctx.query('renewReplyLeases', `UPDATE reply_jobs SET lease_until = $1
      WHERE state = 'pending' AND lease_owner = $2 AND id = ANY($3::text[])`, [leaseUntil, owner, [...ids]]);
  }

  async replyLeaseOwners(now: number): Promise<string[]> {
    const res = await this.ctx.query<{ o: string }>('replyLeaseOwners', `SELECT DISTINCT lease_owner AS o FROM reply_jobs
      WHERE state = 'pending' AND lease_owner IS NOT NULL AND lease_until >= $1`, [now]);
    return res.rows.map((r) => r.o);
  }

  async expireReplyLeases(owners: readonly string[]): Promise<void> {
    if (!owners.length) return;
    await this.ctx.query('expireReplyLeases', `UPDATE reply_jobs SET lease_owner = NULL, lease_until = NULL
      WHERE state = 'pending' AND lease_owner = ANY($1::text[])`, [[...owners]]);
  }

  async saveReplies(id: string, owner: string, replies: OutboundReply[]): Promise<boolean> {
    const res = await this.ctx.query('saveReplies', `UPDATE reply_jobs SET replies = $1
      WHERE id = $2 AND state = 'pending' AND lease_owner = $3`, [JSON.stringify(replies), id, owner]);
    return res.rowCount === 1;
  }

  async markRepliesDelivered(id: string, owner: string, delivered: number, at: number, done: boolean): Promise<boolean> {
    const res = await this.ctx.query('markRepliesDelivered', `UPDATE reply_jobs SET delivered = $1,
        state = CASE WHEN $2 THEN 'done' ELSE state END,
        done_at = CASE WHEN $2 THEN $3::bigint ELSE done_at END,
        lease_owner = CASE WHEN $2 THEN NULL ELSE lease_owner END,
        lease_until = CASE WHEN $2 THEN NULL ELSE lease_until END
      WHERE id = $4 AND state = 'pending' AND lease_owner = $5`, [delivered, done, at, id, owner]);
    return res.rowCount === 1;
  }

  async markReplyRetry(id: string, owner: string, error: string, nextAttemptAt: number, giveUp: boolean): Promise<void> {
    await this.ctx.query('markReplyRetry', `UPDATE reply_jobs SET attempts = attempts + 1, last_error = $1,
        next_attempt_at = $2, lease_owner = NULL, lease_until = NULL,
        state = CASE WHEN $3 THEN 'failed' ELSE 'pending' END,
        done_at = CASE WHEN $3 THEN $2::bigint ELSE done_at END
      WHERE id = $4 AND state = 'pending' AND lease_owner = $5`, [error.slice(0, 1000), nextAttemptAt, giveUp, id, owner]);
  }

  async earlierReplyPending(job: Pick<ReplyJob, 'id' | 'channel' | 'chatId'>, owner: string, now: number): Promise<boolean> {
    // seq (migration 12) is assigned by the database when the job is recorded, whatever the instance clocks say.
    const res = await this.ctx.query<{ e: boolean }>('earlierReplyPending', `SELECT EXISTS (SELECT 1 FROM reply_jobs
      WHERE channel = $1 AND chat_id = $2 AND state = 'pending' AND next_attempt_at <= $3
        AND (lease_owner IS NULL OR lease_owner <> $4)
        AND seq < (SELECT seq FROM reply_jobs WHERE id = $5)) AS e`, [job.channel, job.chatId, now, owner, job.id]);
    return res.rows[0]?.e === true;
  }

  async failedRepliesForChat(channel: ChannelName, chatId: string): Promise<ReplyJob[]> {
    const res = await this.ctx.query<ReplyJobRow>('failedRepliesForChat', `SELECT * FROM reply_jobs
      WHERE channel = $1 AND chat_id = $2 AND state = 'failed' AND reported_at IS NULL ORDER BY created_at, id`, [channel, chatId]);
    return res.rows.map(replyJobFromRow);
  }

  async markRepliesReported(ids: readonly string[], at: number): Promise<void> {
    if (!ids.length) return;
    await this.ctx.query('markRepliesReported', `UPDATE reply_jobs SET reported_at = $1
      WHERE reported_at IS NULL AND id = ANY($2::text[])`, [at, [...ids]]);
  }

  async pruneReplyJobs(before: number): Promise<number> {
    const res = await this.ctx.query('pruneReplyJobs', `DELETE FROM reply_jobs
      WHERE (state = 'done' OR (state = 'failed' AND reported_at IS NOT NULL)) AND done_at < $1`, [before]);
    return res.rowCount ?? 0;
  }

  async pruneUpdateKeys(before: number, limit: number): Promise<number> {
    const n = Math.floor(limit);
    if (!(n > 0)) return 0;
    const res = await this.ctx.query('pruneUpdateKeys', `DELETE FROM processed_updates WHERE (channel, update_key) IN (
      SELECT p.channel, p.update_key FROM processed_updates p
      WHERE p.processed_at < $1 AND (p.claim_until IS NULL OR p.claim_until < $1)
        AND NOT EXISTS (SELECT 1 FROM reply_jobs j WHERE j.channel = p.channel AND j.update_key = p.update_key)
      LIMIT $2)`, [before, n]);
    return res.rowCount ?? 0;
  }
}
