/**
 * Metrics adapters: the Prometheus implementation of the `Metrics` port (`common/metrics.ts`). Only the
 * composition root (`app/`) imports this folder.
 */
export { PrometheusMetrics } from './prometheus-metrics.js';
export type { PrometheusMetricsOptions, ScrapeProbes } from './prometheus-metrics.js';
