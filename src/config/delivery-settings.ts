/**
 * Delivery settings (issue 11): how long the bot keeps trying to deliver an answer, how long a lease on
 * an answer being delivered lasts, and the per-request timeout of message sends. Kept apart from
 * `config.ts` so that file's other blocks can change independently.
 */

/** The delivery part of {@link import('./config.js').Config}. */
export interface DeliveryConfig {
  /**
   * `REPLY_GIVE_UP_MINUTES` (default 1440 = 24 h): the bot retries an answer the platform did not accept
   * (outage, flood control) with backoff for this long after the question arrived; after that it is shown
   * on the official's next message instead.
   */
  replyGiveUpMinutes: number;
  /**
   * `REPLY_MAX_BACKOFF_SECONDS` (default 60): longest wait between two attempts to deliver an answer (bot
   * answers and staff answers alike; the backoff starts at 2 s and doubles), so that after an outage of
   * any length every waiting answer is tried again within about this time of the platform coming back.
   * A platform's `retry_after` is honoured even when it asks for longer.
   */
  replyMaxBackoffSeconds: number;
  /**
   * `REPLY_LEASE_SECONDS` (default 30): an instance working on an answer holds a lease renewed every third
   * of this; when an instance on another host dies, its answers are taken over once the lease runs out
   * (a stopped process on the same host is noticed at once).
   */
  replyLeaseSeconds: number;
  /**
   * `SEND_TIMEOUT_MS` (default 120000): how long one message send may take before it counts as failed.
   * Long on purpose: a send that times out may still have been delivered, and is only retried after at
   * least a minute (see conversation/README.md "Reply outbox").
   */
  sendTimeoutMs: number;
  /**
   * `WEBHOOK_ACK_WAIT_MS` (default 1000): how long a webhook's acknowledgement may wait, once the update is
   * recorded, for its answer to be sent (at most a quarter of what the platform allows for an
   * acknowledgement: 500 ms on Zalo). The platform then sends the next update at the pace answers are
   * given, instead of the bot queueing answers under load. 0 acknowledges as soon as the update is recorded.
   */
  webhookAckWaitMs: number;
}

type Int = (name: string, def: number, min: number, max: number) => number;

/** Reads the delivery settings with `loadConfig`'s validators. */
export function deliverySettings(int: Int): DeliveryConfig {
  return {
    replyGiveUpMinutes: int('REPLY_GIVE_UP_MINUTES', 1440, 1, 10_080),
    replyMaxBackoffSeconds: int('REPLY_MAX_BACKOFF_SECONDS', 60, 5, 3600),
    replyLeaseSeconds: int('REPLY_LEASE_SECONDS', 30, 3, 3600),
    sendTimeoutMs: int('SEND_TIMEOUT_MS', 120_000, 1000, 600_000),
    webhookAckWaitMs: int('WEBHOOK_ACK_WAIT_MS', 1000, 0, 10_000),
  };
}
