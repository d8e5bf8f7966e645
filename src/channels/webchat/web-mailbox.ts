import type { OutboundReply, ReplySender } from '../../conversation/index.js';

/**
 * WebInboxStore: replies waiting for a web chat session, shared by every instance (the database), so a
 * staff answer relayed by one instance is collected by the page polling another. Implemented for SQLite
 * and PostgreSQL in storage/, and in memory by {@link MemoryWebInbox}.
 */
export interface WebInboxStore {
  /** Adds a reply (JSON-serialisable) for a session. */
  pushWebReply(sessionId: string, reply: OutboundReply, at: number): Promise<void>;
  /**
   * Removes and returns the session's replies created at or after `since`, oldest first; each reply is
   * returned to one caller only, even when two polls race. Older replies are dropped.
   */
  takeWebReplies(sessionId: string, since: number): Promise<OutboundReply[]>;
}

/** {@link WebInboxStore} in memory: one process only (tests, a single instance without a database). */
export class MemoryWebInbox implements WebInboxStore {
  private readonly boxes = new Map<string, Array<{ reply: OutboundReply; at: number }>>();

  async pushWebReply(sessionId: string, reply: OutboundReply, at: number): Promise<void> {
    const box = this.boxes.get(sessionId) ?? [];
    box.push({ reply: structuredClone(reply), at });
    this.boxes.set(sessionId, box);
  }

  async takeWebReplies(sessionId: string, since: number): Promise<OutboundReply[]> {
    const box = this.boxes.get(sessionId);
    if (!box) return [];
    this.boxes.delete(sessionId);
    return box.filter((b) => b.at >= since).map((b) => b.reply);
  }
}

/**
 * WebMailbox: the web chat's ReplySender for messages that arrive later (staff answers relayed from the
 * outbox, delay notices). The page has no push channel, so replies wait in the {@link WebInboxStore}
 * until it polls `POST /api/chat/updates`, for at most `maxAgeMs`. With the database store every
 * instance sees the same inbox, so no sticky sessions are needed.
 */
export class WebMailbox implements ReplySender {
  constructor(
    private readonly store: WebInboxStore = new MemoryWebInbox(),
    private readonly maxAgeMs = 7 * 24 * 3600_000,
    private readonly now: () => number = Date.now,
  ) {}

  async send(chatId: string, reply: OutboundReply): Promise<void> {
    await this.store.pushWebReply(chatId, reply, this.now());
  }

  /** Takes every waiting reply of a session (each is returned once, on whichever instance asks). */
  take(sessionId: string): Promise<OutboundReply[]> {
    return this.store.takeWebReplies(sessionId, this.now() - this.maxAgeMs);
  }
}
