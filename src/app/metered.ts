/**
 * Counting at the seams: wrappers the composition root puts around the dispatcher, the conversation
 * handler, the escalator, the staff notifier and the admin's reindex, so the {@link Metrics} port sees
 * every update, question, escalation, SLA breach and reindex without the core knowing about metrics.
 */
import type { Metrics, QuestionOutcome } from '../common/metrics.js';
import type { Dispatcher, Escalator, MessageHandler, ReplySender } from '../conversation/index.js';
import type { InboundMessage, OutboundReply } from '../conversation/index.js';
import type { StaffNotifier } from '../escalation/index.js';
import type { ManagedKnowledge } from '../admin/index.js';

/** Counts updates at the door (new, duplicate, unrecorded) and replies that could not be delivered. */
export function meteredDispatcher(inner: Dispatcher, metrics: Metrics): Dispatcher {
  return {
    async accept(msg, sender) {
      let fresh: boolean | 'pending';
      try {
        fresh = await inner.accept(msg, meteredSender(sender, msg.channel, metrics));
      } catch (err: unknown) {
        metrics.updateReceived(msg.channel, 'unrecorded');
        throw err;
      }
      // A redelivery whose answer is still pending is taken up again, but it is still a redelivery.
      metrics.updateReceived(msg.channel, fresh === true ? 'new' : 'duplicate');
      return fresh;
    },
    async handleNow(msg) {
      let replies: OutboundReply[] | null;
      try {
        replies = await inner.handleNow(msg);
      } catch (err: unknown) {
        metrics.updateReceived(msg.channel, 'unrecorded');
        throw err;
      }
      metrics.updateReceived(msg.channel, replies ? 'new' : 'duplicate');
      return replies;
    },
    drain: () => inner.drain(),
  };
}

function meteredSender(sender: ReplySender, channel: string, metrics: Metrics): ReplySender {
  return {
    send: (chatId, reply) =>
      sender.send(chatId, reply).catch((err: unknown) => {
        metrics.replyFailed(channel);
        throw err;
      }),
    ...(sender.typing ? { typing: (chatId: string) => sender.typing!(chatId) } : {}),
    ...(sender.ackWithinMs !== undefined ? { ackWithinMs: sender.ackWithinMs } : {}),
  };
}

/** Times each handled message and counts questions by outcome (messages without an answer are not questions). */
export function meteredHandler(inner: MessageHandler, metrics: Metrics, now: () => number = () => performance.now()): MessageHandler {
  return {
    async handle(m: InboundMessage) {
      const started = now();
      const replies = await inner.handle(m);
      const outcome = questionOutcome(replies);
      if (outcome) metrics.questionHandled(m.channel, outcome, (now() - started) / 1000);
      return replies;
    },
  };
}

/** What the replies say happened to a question, or undefined when no reply carries an answer. */
function questionOutcome(replies: readonly OutboundReply[]): QuestionOutcome | undefined {
  for (const r of replies) {
    const kind = (r.answer as { kind?: string } | undefined)?.kind;
    if (kind === 'answer') return 'answered';
    if (kind === 'escalate') return 'abstained';
    if (kind === 'chat') return 'chat';
  }
  return undefined;
}

/** Counts escalations by reason, new ticket or joined. */
export function meteredEscalator(inner: Escalator, metrics: Metrics): Escalator {
  return {
    async escalate(input) {
      const r = await inner.escalate(input);
      metrics.escalated(input.reason, !r.created);
      return r;
    },
    ...(inner.reopen ? { reopen: (id: string) => inner.reopen!(id) } : {}),
    ...(inner.undelivered ? { undelivered: (channel: InboundMessage['channel'], chatId: string) => inner.undelivered!(channel, chatId) } : {}),
  };
}

/**
 * Counts SLA breaches: the sweep reminds staff about an overdue ticket once per period, and only the first
 * reminder (before the official was told of the delay) is a new breach.
 */
export function meteredNotifier(inner: StaffNotifier, metrics: Metrics): StaffNotifier {
  return {
    postTicket: (t) => inner.postTicket(t),
    updateTicket: (t) => inner.updateTicket(t),
    remind: (t, minutes) => {
      if (!t.delayNoticeAt) metrics.slaBreached();
      return inner.remind(t, minutes);
    },
    confirmRelay: (t, outcome, detail) => inner.confirmRelay(t, outcome, detail),
  };
}

/** Times reindex runs (admin console and API) and counts failures. */
export function meteredKnowledge(inner: ManagedKnowledge, metrics: Metrics, now: () => number = () => performance.now()): ManagedKnowledge {
  return {
    get snapshot() {
      return inner.snapshot;
    },
    async reindex(opts) {
      const started = now();
      try {
        const report = await inner.reindex(opts);
        metrics.reindexFinished((now() - started) / 1000, true);
        return report;
      } catch (err: unknown) {
        metrics.reindexFinished((now() - started) / 1000, false);
        throw err;
      }
    },
  };
}
