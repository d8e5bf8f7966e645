import { describe, it, expect } from 'vitest';
import { PrometheusMetrics } from './prometheus-metrics.js';

/** The value of one sample line (`name{labels} value`) in the text format, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('PrometheusMetrics', () => {
  it('counts updates, questions, escalations, failed replies, breaches and reindexes with their labels', async () => {
    const m = new PrometheusMetrics({ defaultMetrics: false });
    m.updateReceived('telegram', 'new');
    m.updateReceived('telegram', 'new');
    m.updateReceived('zalo', 'unrecorded');
    m.questionHandled('zalo', 'answered', 0.2);
    m.questionHandled('zalo', 'abstained', 3);
    m.questionHandled('web', 'chat', 0.001);
    m.escalated('auto', false);
    m.escalated('manual', true);
    m.replyFailed('zalo');
    m.slaBreached();
    m.reindexFinished(42, true);
    m.reindexFinished(1, false);
    const text = await m.render();
    expect(sample(text, 'cchc_updates_received_total{channel="telegram",result="new"}')).toBe(2);
    expect(sample(text, 'cchc_updates_received_total{channel="zalo",result="unrecorded"}')).toBe(1);
    expect(sample(text, 'cchc_questions_total{channel="zalo",outcome="answered"}')).toBe(1);
    expect(sample(text, 'cchc_questions_total{channel="web",outcome="chat"}')).toBe(1);
    expect(sample(text, 'cchc_answer_duration_seconds_bucket{le="0.25",channel="zalo"}')).toBe(1);
    expect(sample(text, 'cchc_answer_duration_seconds_bucket{le="4",channel="zalo"}')).toBe(2);
    expect(sample(text, 'cchc_answer_duration_seconds_count{channel="web"}'), 'chat replies are not answer latencies').toBeUndefined();
    expect(sample(text, 'cchc_escalations_total{reason="auto",ticket="new"}')).toBe(1);
    expect(sample(text, 'cchc_escalations_total{reason="manual",ticket="joined"}')).toBe(1);
    expect(sample(text, 'cchc_replies_failed_total{channel="zalo"}')).toBe(1);
    expect(sample(text, 'cchc_sla_breaches_total')).toBe(1);
    expect(sample(text, 'cchc_reindex_total{result="ok"}')).toBe(1);
    expect(sample(text, 'cchc_reindex_total{result="failed"}')).toBe(1);
    expect(sample(text, 'cchc_reindex_duration_seconds_sum')).toBe(42);
    expect(m.contentType).toContain('text/plain');
  });

  it('reads the probes once per scrape and derives ages from the clock', async () => {
    let reads = 0;
    const now = 1_700_000_100_000;
    const m = new PrometheusMetrics({
      defaultMetrics: false,
      now: () => now,
      probes: {
        outbox: async () => {
          reads++;
          return { pending: 3, oldestPendingAt: now - 90_000, failed: 1 };
        },
        tickets: async () => ({ open: 2, claimed: 1, overdue: 2 }),
        index: () => ({ chunks: 1234, createdAt: new Date(now - 3_600_000).toISOString() }),
      },
    });
    const text = await m.render();
    expect(reads, 'the three outbox gauges share one database read').toBe(1);
    expect(sample(text, 'cchc_outbox_pending')).toBe(3);
    expect(sample(text, 'cchc_outbox_failed')).toBe(1);
    expect(sample(text, 'cchc_outbox_oldest_age_seconds')).toBe(90);
    expect(sample(text, 'cchc_tickets_waiting{state="open"}')).toBe(2);
    expect(sample(text, 'cchc_tickets_overdue')).toBe(2);
    expect(sample(text, 'cchc_index_chunks')).toBe(1234);
    expect(sample(text, 'cchc_index_age_seconds')).toBe(3600);
    expect(sample(text, 'cchc_probe_up{probe="outbox"}')).toBe(1);
  });

  it('reports a probe that fails as down instead of failing the scrape', async () => {
    const m = new PrometheusMetrics({
      defaultMetrics: false,
      probes: { outbox: () => Promise.reject(new Error('database down')), tickets: async () => ({ open: 0, claimed: 0, overdue: 0 }) },
    });
    const text = await m.render();
    expect(sample(text, 'cchc_probe_up{probe="outbox"}')).toBe(0);
    expect(sample(text, 'cchc_probe_up{probe="tickets"}')).toBe(1);
  });

  it('includes Node event-loop lag among the default metrics', async () => {
    const text = await new PrometheusMetrics().render();
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_resident_memory_bytes');
  });
});
