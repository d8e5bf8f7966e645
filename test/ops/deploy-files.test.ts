import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PrometheusMetrics } from '../../src/metrics/index.js';
import { REPO_ROOT } from '../support/shared.js';
import { parseStartScript, startCommand } from '../../scripts/start-command.js';

/** Every series name the bot declares (from the `# TYPE` lines of a real scrape, with histogram suffixes). */
async function exposedNames(): Promise<Set<string>> {
  const m = new PrometheusMetrics({
    probes: { outbox: async () => ({ pending: 0, oldestPendingAt: null, failed: 0 }), tickets: async () => ({ open: 0, claimed: 0, overdue: 0 }), index: () => ({ chunks: 1, createdAt: new Date().toISOString() }), zaloOa: async () => ({ status: 'connected', accessExpiresAt: null }) },
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
    const functions = new Set(['increase', 'rate', 'histogram_quantile', 'sum', 'max', 'by', 'le', 'or', 'and', 'up', 'job', 'result', 'probe']);
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

describe('start commands', () => {
  const start = startCommand(REPO_ROOT);
  const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
  /** The flags between `node` and the CLI script on a command line. */
  const flagsOf = (line: string | undefined) => {
    const words = (line ?? '').trim().split(/\s+/);
    const from = words.findIndex((w) => /(^|\/)node$/.test(w)) + 1;
    const to = words.findIndex((w) => w.endsWith('dist/src/cli/main.js'));
    return from > 0 && to > from ? words.slice(from, to) : [];
  };

  it('npm start sets the memory settings the soak was measured with', () => {
    expect(start.env.MALLOC_MMAP_THRESHOLD_).toBe('131072');
    expect(start.nodeFlags).toEqual(['--min-semi-space-size=8', '--max-semi-space-size=8']);
  });

  it('the container entry point and the systemd unit run node with the same flags and environment', () => {
    const entry = read('deploy/docker-entrypoint.sh');
    expect(flagsOf(entry.split('\n').find((l) => l.startsWith('exec node')))).toEqual(start.nodeFlags);
    const unit = read('deploy/systemd/cchc-bot.service');
    expect(flagsOf(unit.split('\n').find((l) => l.startsWith('ExecStart=')))).toEqual(start.nodeFlags);
    const docker = read('Dockerfile');
    for (const [name, value] of Object.entries(start.env)) {
      expect(unit, `systemd unit: ${name}`).toContain(`Environment=${name}=${value}`);
      expect(docker, `Dockerfile: ${name}`).toMatch(new RegExp(`^\\s*(ENV )?${name}=${value}\\b`, 'm'));
    }
  });

  it('parses a start script into its environment settings and node flags', () => {
    expect(parseStartScript('A=1 B_2=x node --f=1 -g dist/src/cli/main.js serve')).toEqual({ env: { A: '1', B_2: 'x' }, nodeFlags: ['--f=1', '-g'] });
    expect(() => parseStartScript('tsx src/cli/main.ts serve')).toThrow(/does not run node/);
  });
});
