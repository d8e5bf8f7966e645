/**
 * The Prometheus implementation of the {@link Metrics} port (prom-client), with gauges sampled at each
 * scrape from the database and the live index. One registry per instance, so tests and several apps in
 * one process never share counters.
 *
 * Metric names (all prefixed `cchc_` except Node's defaults):
 * - `cchc_updates_received_total{channel,result}`: result new | duplicate | unrecorded (answered 503).
 * - `cchc_questions_total{channel,outcome}`: answered | abstained | chat.
 * - `cchc_answer_duration_seconds{channel}`: histogram of the time to produce a reply to a question
 *   (search, answer, storing it), without queueing before it and delivery after it.
 * - `cchc_escalations_total{reason,ticket}`: ticket new | joined.
 * - `cchc_replies_failed_total{channel}`: replies not delivered after the channel's retries.
 * - `cchc_sla_breaches_total`, `cchc_tickets_waiting{state}`, `cchc_tickets_overdue`.
 * - `cchc_outbox_pending`, `cchc_outbox_oldest_age_seconds`, `cchc_outbox_failed`.
 * - `cchc_reindex_duration_seconds` (histogram), `cchc_reindex_total{result}`.
 * - `cchc_index_chunks`, `cchc_index_age_seconds`, `cchc_probe_up{probe}` (0 when a scrape-time read failed).
 * - `cchc_zalo_oa_connected`, `cchc_zalo_oa_reauth_required` (1: Zalo refused the refresh token, an admin
 *   must connect the OA again), `cchc_zalo_oa_access_token_expiry_seconds` — when the Zalo OA channel is on.
 * - Node defaults: `nodejs_eventloop_lag_seconds` (and p50/p90/p99), heap, GC, `process_*`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics, QuestionOutcome, UpdateResult } from '../common/metrics.js';

/** Values read at scrape time; each may throw (the probe is then reported down). */
export interface ScrapeProbes {
  /** Relay outbox: pending items, oldest pending creation time (epoch ms), failed not reported. */
  outbox?: () => Promise<{ pending: number; oldestPendingAt: number | null; failed: number }>;
  /** Tickets waiting for staff by state, and how many are past the SLA. */
  tickets?: () => Promise<{ open: number; claimed: number; overdue: number }>;
  /** The live index: chunk count and when its snapshot was built (ISO time). */
  index?: () => { chunks: number; createdAt: string };
  /** The Zalo OA connection: its status and when the access token expires (epoch ms, null when none). */
  zaloOa?: () => Promise<{ status: string; accessExpiresAt: number | null }>;
}

/** Options of {@link PrometheusMetrics}. */
export interface PrometheusMetricsOptions {
  probes?: ScrapeProbes;
  /** Clock for ages (epoch ms). Default `Date.now`. */
  now?: () => number;
  /** Collect Node's default process metrics (event-loop lag, memory, GC). Default true. */
  defaultMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16];
const REINDEX_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800];

/**
 * PrometheusMetrics: counts through the {@link Metrics} port and renders the text exposition format.
 *
 * @example
 * const metrics = new PrometheusMetrics({ probes: { outbox: () => store.outboxBacklog() } });
 * metrics.updateReceived('telegram', 'new');
 * res.type(metrics.contentType).send(await metrics.render());
 */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly updates: Counter<'channel' | 'result'>;
  private readonly questions: Counter<'channel' | 'outcome'>;
  private readonly latency: Histogram<'channel'>;
  private readonly escalations: Counter<'reason' | 'ticket'>;
  private readonly failedReplies: Counter<'channel'>;
  private readonly breaches: Counter;
  private readonly reindexDuration: Histogram;
  private readonly reindexes: Counter<'result'>;

  constructor(opts: PrometheusMetricsOptions = {}) {
    const registers = [this.registry];
    this.updates = new Counter({ name: 'cchc_updates_received_total', help: 'Inbound updates by channel and result (new, duplicate, unrecorded = answered 503).', labelNames: ['channel', 'result'], registers });
    this.questions = new Counter({ name: 'cchc_questions_total', help: 'Questions by channel and outcome (answered, abstained, chat).', labelNames: ['channel', 'outcome'], registers });
    this.latency = new Histogram({ name: 'cchc_answer_duration_seconds', help: 'Time to produce the reply to a question (search, answer, store), without queueing and delivery.', labelNames: ['channel'], buckets: LATENCY_BUCKETS, registers });
    this.escalations = new Counter({ name: 'cchc_escalations_total', help: 'Questions handed to reform staff, by reason and whether they opened a new ticket or joined one.', labelNames: ['reason', 'ticket'], registers });
    this.failedReplies = new Counter({ name: 'cchc_replies_failed_total', help: 'Replies not delivered after the channel retries.', labelNames: ['channel'], registers });
    this.breaches = new Counter({ name: 'cchc_sla_breaches_total', help: 'Tickets that passed ESCALATION_REMIND_MINUTES unclaimed or unanswered (counted once per ticket).', registers });
    this.reindexDuration = new Histogram({ name: 'cchc_reindex_duration_seconds', help: 'Duration of reindex runs started in this process.', buckets: REINDEX_BUCKETS, registers });
    this.reindexes = new Counter({ name: 'cchc_reindex_total', help: 'Reindex runs by result (ok, failed).', labelNames: ['result'], registers });
    for (const result of ['ok', 'failed']) this.reindexes.inc({ result }, 0);
    this.breaches.inc(0);
    registerProbes(this.registry, opts.probes ?? {}, opts.now ?? Date.now);
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** The Content-Type of {@link render}'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text format (runs the scrape-time probes). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  updateReceived(channel: string, result: UpdateResult): void {
    this.updates.inc({ channel, result });
  }

  questionHandled(channel: string, outcome: QuestionOutcome, seconds: number): void {
    this.questions.inc({ channel, outcome });
    if (outcome !== 'chat') this.latency.observe({ channel }, seconds);
  }

  escalated(reason: string, joined: boolean): void {
    this.escalations.inc({ reason, ticket: joined ? 'joined' : 'new' });
  }

  replyFailed(channel: string): void {
    this.failedReplies.inc({ channel });
  }

  slaBreached(): void {
    this.breaches.inc();
  }

  reindexFinished(seconds: number, ok: boolean): void {
    this.reindexes.inc({ result: ok ? 'ok' : 'failed' });
    if (ok) this.reindexDuration.observe(seconds);
  }
}

/** Gauges whose values are read when Prometheus scrapes, plus `cchc_probe_up` for each read. */
function registerProbes(registry: Registry, probes: ScrapeProbes, now: () => number): void {
  const registers = [registry];
  const status = new Map<string, () => Promise<boolean>>();
  const { outbox, tickets, index, zaloOa } = probes;
  const oncePerScrape = <T>(probe: string, fn: () => Promise<T>) => {
    const shared = sharedRead(fn, now);
    status.set(probe, async () => (await shared()) !== undefined);
    return shared;
  };
  if (outbox) {
    const read = oncePerScrape('outbox', outbox);
    gauge(registers, 'cchc_outbox_pending', 'Staff answers, notices and bot answers waiting to be delivered.', read, (b) => b.pending);
    gauge(registers, 'cchc_outbox_failed', 'Outbox items given up on whose official has not been told yet.', read, (b) => b.failed);
    gauge(registers, 'cchc_outbox_oldest_age_seconds', 'Age of the oldest undelivered outbox item (0 when none).', read, (b) =>
      b.oldestPendingAt === null ? 0 : Math.max(0, (now() - b.oldestPendingAt) / 1000));
  }
  if (tickets) {
    const read = oncePerScrape('tickets', tickets);
    new Gauge({
      name: 'cchc_tickets_waiting',
      help: 'Tickets waiting for reform staff, by state (open, claimed).',
      labelNames: ['state'],
      registers,
      async collect() {
        const t = await read();
        if (!t) return;
        this.set({ state: 'open' }, t.open);
        this.set({ state: 'claimed' }, t.claimed);
      },
    });
    gauge(registers, 'cchc_tickets_overdue', 'Tickets open or claimed for longer than ESCALATION_REMIND_MINUTES.', read, (t) => t.overdue);
  }
  if (index) {
    const read = oncePerScrape('index', async () => index());
    gauge(registers, 'cchc_index_chunks', 'Passages in the live index.', read, (i) => i.chunks);
    gauge(registers, 'cchc_index_age_seconds', 'Time since the live index snapshot was built.', read, (i) => Math.max(0, (now() - Date.parse(i.createdAt)) / 1000));
  }
  if (zaloOa) {
    const read = oncePerScrape('zalo_oa', zaloOa);
    gauge(registers, 'cchc_zalo_oa_connected', 'Whether the Zalo OA has a usable token pair (1) or not (0).', read, (o) => (o.status === 'connected' ? 1 : 0));
    gauge(registers, 'cchc_zalo_oa_reauth_required', 'Whether Zalo refused the OA refresh token (1): an admin must connect the OA again at /admin/zalo-oa.', read, (o) => (o.status === 'reauth_required' ? 1 : 0));
    gauge(registers, 'cchc_zalo_oa_access_token_expiry_seconds', 'Time until the Zalo OA access token expires (0 when none or expired).', read, (o) =>
      o.accessExpiresAt === null ? 0 : Math.max(0, (o.accessExpiresAt - now()) / 1000));
  }
  new Gauge({
    name: 'cchc_probe_up',
    help: 'Whether the scrape-time read of a value succeeded (1) or failed (0), by probe (outbox, tickets, index).',
    labelNames: ['probe'],
    registers,
    async collect() {
      for (const [probe, ok] of status) this.set({ probe }, (await ok()) ? 1 : 0);
    },
  });
}

/** A gauge set at each scrape from `read`'s value (left unchanged when the read failed). */
function gauge<T>(registers: Registry[], name: string, help: string, read: () => Promise<T | undefined>, value: (v: T) => number): void {
  new Gauge({
    name,
    help,
    registers,
    async collect() {
      const v = await read();
      if (v !== undefined) this.set(value(v));
    },
  });
}

/**
 * Shares one read between the gauges of a probe during a scrape (prom-client collects every metric of a
 * scrape concurrently): a read started less than a second ago is reused. Resolves undefined when it failed.
 */
function sharedRead<T>(read: () => Promise<T>, now: () => number): () => Promise<T | undefined> {
  let last: { at: number; value: Promise<T | undefined> } | undefined;
  return () => {
    const t = now();
    if (!last || t - last.at > 1000 || t < last.at) last = { at: t, value: read().catch(() => undefined) };
    return last.value;
  };
}
