/**
 * PostgreSQL implementation of the web chat's {@link WebInboxStore} (migration 10): replies waiting for a
 * web session; a `DELETE … RETURNING` hands each row to one poll, whichever instance it reaches.
 */
import type { WebInboxStore } from '../../channels/webchat/index.js';
import type { OutboundReply } from '../../conversation/index.js';
import type { PgContext } from './pg-context.js';

/** The web inbox on the store's pool. */
export class PgWebInbox implements WebInboxStore {
  constructor(private readonly ctx: Pick<PgContext, 'query'>) {}

  /** Adds a reply for a web session. */
  async pushWebReply(sessionId: string, reply: OutboundReply, at: number): Promise<void> {
    await this.ctx.query('pushWebReply', 'INSERT INTO web_inbox (session_id, reply, at) VALUES ($1, $2, $3)', [sessionId, JSON.stringify(reply), at]);
  }
  /** Removes and returns a session's replies since `since`, oldest first; a DELETE … RETURNING hands each row to one poll. */
  async takeWebReplies(sessionId: string, since: number): Promise<OutboundReply[]> {
    const { rows } = await this.ctx.query<{ reply: string; at: string; seq: string }>('takeWebReplies', 'DELETE FROM web_inbox WHERE session_id = $1 RETURNING reply, at, seq', [sessionId]);
    return rows.filter((r) => Number(r.at) >= since).sort((x, y) => Number(x.seq) - Number(y.seq)).map((r) => JSON.parse(r.reply) as OutboundReply);
  }
}
