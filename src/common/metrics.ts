/**
 * Metrics: the port through which the application counts what operators watch (updates, answers,
 * escalations, SLA breaches, reindexes). The composition root gives a Prometheus implementation
 * (`src/metrics/`); everything else gets {@link noopMetrics}, so the core never depends on a metrics
 * library and tests need no registry.
 */

/** How an inbound update ended at the door: recorded, dropped as a redelivery, or not recorded (503). */
export type UpdateResult = 'new' | 'duplicate' | 'unrecorded';

/** What the bot did with a question (`chat`: a social or off-topic reply, not a search). */
export type QuestionOutcome = 'answered' | 'abstained' | 'chat';

/** Counters and timings; every method is cheap and never throws. */
export interface Metrics {
  /** An update arrived on `channel` (telegram, zalo, web). */
  updateReceived(channel: string, result: UpdateResult): void;
  /** A question was answered or abstained on, taking `seconds` from receipt to the reply being ready. */
  questionHandled(channel: string, outcome: QuestionOutcome, seconds: number): void;
  /** A question went to reform staff; `joined` when it joined an existing ticket. */
  escalated(reason: string, joined: boolean): void;
  /** A reply could not be delivered after the channel's retries. */
  replyFailed(channel: string): void;
  /** A ticket passed its SLA (the staff reminder was due). */
  slaBreached(): void;
  /** A reindex finished (`ok` false: it failed and the old index kept serving). */
  reindexFinished(seconds: number, ok: boolean): void;
}

/** Metrics that go nowhere: the default wherever none are injected. */
export const noopMetrics: Metrics = Object.freeze({
  updateReceived() {},
  questionHandled() {},
  escalated() {},
  replyFailed() {},
  slaBreached() {},
  reindexFinished() {},
});
