/**
 * Wires metrics for one app: the Prometheus registry with its scrape-time probes when `/metrics` is
 * configured (METRICS_TOKEN or METRICS_PORT), otherwise the no-op port; plus the optional separate
 * metrics listener.
 */
import type { Server } from 'node:http';
import type { Config } from '../config/index.js';
import type { Logger } from '../common/logger.js';
import { noopMetrics } from '../common/metrics.js';
import type { Metrics } from '../common/metrics.js';
import { PrometheusMetrics } from '../metrics/index.js';
import { createMetricsServer } from '../http/index.js';
import type { MetricsEndpoint } from '../http/index.js';
import type { OpsStore } from '../storage/index.js';
import type { TicketStore } from '../escalation/index.js';
import type { KnowledgeBase } from '../search/knowledge-base.js';

/** The metrics of one app. */
export interface OpsMetrics {
  metrics: Metrics;
  /** For `/metrics` on the public port (token required); undefined when served elsewhere or off. */
  publicEndpoint?: MetricsEndpoint;
  /** Starts the separate metrics listener when METRICS_PORT is set; resolves with its port. */
  listen(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Builds the app's metrics from the settings; reads the store and index only when Prometheus scrapes. */
export function createOpsMetrics(config: Config, deps: { ops: Pick<OpsStore, 'outboxBacklog'>; tickets: Pick<TicketStore, 'listTickets'>; knowledge: KnowledgeBase; logger: Logger; now?: () => number; zaloOa?: () => Promise<{ status: string; accessExpiresAt: number | null }> }): OpsMetrics {
  const settings = config.metrics;
  if (!settings) return { metrics: noopMetrics, listen: async () => undefined, close: async () => {} };
  const now = deps.now ?? Date.now;
  const slaMs = config.escalationRemindMinutes * 60_000;
  const prom = new PrometheusMetrics({
    now,
    probes: {
      outbox: () => deps.ops.outboxBacklog(),
      tickets: async () => {
        const waiting = await deps.tickets.listTickets({ states: ['open', 'claimed'], limit: 10_000 });
        const t = now();
        return {
          open: waiting.filter((x) => x.state === 'open').length,
          claimed: waiting.filter((x) => x.state === 'claimed').length,
          overdue: waiting.filter((x) => t - x.createdAt >= slaMs).length,
        };
      },
      index: () => ({ chunks: deps.knowledge.snapshot.chunks.length, createdAt: deps.knowledge.snapshot.createdAt }),
      zaloOa: deps.zaloOa,
    },
  });
  const endpoint: MetricsEndpoint = { contentType: prom.contentType, render: () => prom.render(), token: settings.token };
  let server: Server | undefined;
  return {
    metrics: prom,
    publicEndpoint: settings.port ? undefined : endpoint,
    async listen() {
      if (!settings.port) return undefined;
      const s = createMetricsServer(endpoint, deps.logger);
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(settings.port, settings.host, () => resolve());
      });
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : settings.port;
      deps.logger.info({ host: settings.host, port }, `metrics on http://${settings.host}:${port}/metrics`);
      return port;
    },
    async close() {
      const s = server;
      if (!s) return;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeAllConnections();
      await closed;
    },
  };
}
