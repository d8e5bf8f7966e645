/**
 * SQLite implementation of the web chat's {@link WebInboxStore} (migration 10): replies waiting for a web
 * session, handed out once to whichever process the page polls.
 */
import type { WebInboxStore } from '../../channels/webchat/index.js';
import type { OutboundReply } from '../../conversation/index.js';
import type { SqliteContext } from './sqlite-context.js';

/** The web inbox on the store's SQLite connection. */
export class SqliteWebInbox implements WebInboxStore {
  constructor(private readonly ctx: Pick<SqliteContext, 'db' | 'run' | 'stmt'>) {}

  /** Adds a reply for a web session. */
  async pushWebReply(sessionId: string, reply: OutboundReply, at: number): Promise<void> {
    await this.ctx.run('pushWebReply', () => this.ctx.stmt('INSERT INTO web_inbox (session_id, reply, at) VALUES (?, ?, ?)').run(sessionId, JSON.stringify(reply), at));
  }
  /** Removes and returns a session's replies since `since`, oldest first (older ones are dropped). */
  takeWebReplies(sessionId: string, since: number): Promise<OutboundReply[]> {
    return this.ctx.run('takeWebReplies', () => this.ctx.db.transaction(() => {
      const rows = this.ctx.stmt('DELETE FROM web_inbox WHERE session_id = ? RETURNING reply, at, seq').all(sessionId) as Array<{ reply: string; at: number; seq: number }>;
      return rows.filter((r) => r.at >= since).sort((x, y) => x.seq - y.seq).map((r) => JSON.parse(r.reply) as OutboundReply);
    }).immediate());
  }
}
