/**
 * Operations settings (issue 13): whether `serve` registers the webhooks at start, and how `/metrics` is
 * exposed. Kept apart from `config.ts` so that file's other blocks can change independently.
 */

/** The operations part of {@link import('./config.js').Config}. */
export interface OpsConfig {
  /**
   * `WEBHOOK_SET_AT_START` (default true): with a webhook secret and `PUBLIC_URL`, `serve` registers the
   * Telegram and Zalo webhooks (and the Telegram command menu) at start. Off: register them once with
   * `cchc webhook set` and start instances without touching the platforms.
   */
  webhookSetAtStart: boolean;
  /**
   * `/metrics` (Prometheus). Present when `METRICS_TOKEN` or `METRICS_PORT` is set; absent means no
   * metrics endpoint at all. With a token, every scrape must send `Authorization: Bearer <token>`; with a
   * port, `/metrics` is served on its own listener at `host:port` (default host 127.0.0.1, an admin
   * address) instead of the public port.
   */
  metrics?: { token?: string; host: string; port?: number };
}

type Int = (name: string, def: number, min: number, max: number) => number;
type Bool = (name: string, def: boolean) => boolean;

/** Reads the operations settings with `loadConfig`'s validators; problems go to `problems`. */
export function opsSettings(env: Record<string, string | undefined>, int: Int, bool: Bool, problems: string[]): OpsConfig {
  const token = env.METRICS_TOKEN || undefined;
  if (token && !/^[\x21-\x7e]{16,256}$/.test(token)) {
    problems.push('METRICS_TOKEN must be 16–256 printable ASCII characters without spaces (e.g. from "openssl rand -hex 24")');
  }
  const port = env.METRICS_PORT ? int('METRICS_PORT', 0, 1, 65535) : undefined;
  const host = env.METRICS_HOST || '127.0.0.1';
  if (env.METRICS_HOST && !env.METRICS_PORT) problems.push('METRICS_HOST needs METRICS_PORT (the separate metrics listener)');
  return {
    webhookSetAtStart: bool('WEBHOOK_SET_AT_START', true),
    metrics: token || port ? { token, host, port } : undefined,
  };
}
