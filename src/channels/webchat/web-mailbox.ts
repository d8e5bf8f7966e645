import type { OutboundReply, ReplySender } from '../../conversation/index.js';

/**
 * WebMailbox: the web chat's ReplySender for messages that arrive later (staff answers relayed from the
 * outbox, delay notices). The page has no push channel, so replies wait here until it polls
 * `POST /api/chat/updates`. Held in memory per instance, for at most `maxAgeMs`; a deployment with
 * several instances should route a session to one instance (sticky sessions) — documented in README.
 */
export class WebMailbox implements ReplySender {
  private readonly boxes = new Map<string, Array<{ reply: OutboundReply; at: number }>>();

  constructor(private readonly maxAgeMs = 7 * 24 * 3600_000) {}

  async send(chatId: string, reply: OutboundReply): Promise<void> {
    const box = this.boxes.get(chatId) ?? [];
    box.push({ reply, at: Date.now() });
    this.boxes.set(chatId, box);
  }

  /** Takes every waiting reply of a session (each is returned once). */
  take(sessionId: string): OutboundReply[] {
    const box = this.boxes.get(sessionId);
    if (!box) return [];
    this.boxes.delete(sessionId);
    const cutoff = Date.now() - this.maxAgeMs;
    return box.filter((b) => b.at >= cutoff).map((b) => b.reply);
  }
}
