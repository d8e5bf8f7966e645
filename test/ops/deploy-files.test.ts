import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PrometheusMetrics } from '../../src/metrics/index.js';
import { REPO_ROOT } from '../support/shared.js';

/** Every series name the bot declares (from the `# TYPE` lines of a real scrape, with histogram suffixes). */
async function exposedNames(): Promise<Set<string>> {
  const m = new PrometheusMetrics({
    probes: { outbox: async () => ({ pending: 0, oldestPendingAt: null, failed: 0 }), tickets: async () => ({ open: 0, claimed: 0, overdue: 0 }), index: () => ({ chunks: 1, createdAt: new Date().toISOString() }) },
  });
  const names = new Set<string>();
  for (const [, name, type] of (await m.render()).matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}

describe('deploy/prometheus/alerts.yml', () => {
  const doc = parse(readFileSync(join(REPO_ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as { groups: Array<{ name: string; rules: Array<{ alert: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }> };
  const rules = doc.groups.flatMap((g) => g.rules);

  it('has named rules with an expression, a severity and a summary', () => {
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      expect(r.alert, JSON.stringify(r)).toMatch(/^Cchc[A-Za-z]+$/);
      expect(r.expr.trim()).not.toBe('');
      expect(['warning', 'critical']).toContain(r.labels?.severity);
      expect(r.annotations?.summary).toBeTruthy();
    }
  });

  it('only uses metric names the bot exposes (or Prometheus\'s own "up")', async () => {
    const names = await exposedNames();
    const functions = new Set(['increase', 'rate', 'histogram_quantile', 'sum', 'by', 'le', 'or', 'and', 'up', 'job', 'result', 'probe']);
    const unknown: string[] = [];
    for (const r of rules) {
      const expr = r.expr.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
      for (const word of expr.match(/[a-zA-Z_][a-zA-Z0-9_]*/g) ?? []) {
        if (!functions.has(word) && !names.has(word)) unknown.push(`${r.alert}: ${word}`);
      }
    }
    expect(unknown, 'an alert refers to a metric the bot does not expose (renamed?)').toEqual([]);
    for (const needed of ['cchc_tickets_overdue', 'cchc_sla_breaches_total', 'cchc_outbox_oldest_age_seconds']) {
      expect(rules.some((r) => r.expr.includes(needed)), `an alert on ${needed}`).toBe(true);
    }
  });
});

describe('Dockerfile', () => {
  const text = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  it('is multi-stage, runs as a non-root user, keeps DATA_DIR in a volume and checks /healthz', () => {
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^VOLUME \["\/var\/lib\/cchc-bot"\]$/m);
    expect(text).toMatch(/DATA_DIR=\/var\/lib\/cchc-bot/);
    expect(text).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
  });

  it('copies every file the runtime reads from the build stage', () => {
    for (const path of ['/app/dist', '/app/node_modules', '/app/package.json', '/app/src/http/public']) expect(text).toContain(`COPY --from=build ${path}`);
    expect(text).toContain('COPY knowledge ./knowledge');
  });
});
