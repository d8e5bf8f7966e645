/**
 * `node dist/scripts/bench/webhook-only.js [runs]`: only the webhook load benchmark of `npm run bench`
 * (echo bot and cchc-bot in the same run, the same questions), repeated `runs` times (default 1). Prints,
 * per run, the table rows, the throughput and saturated-p95 ratios against the echo bot, and the load
 * average before and after (the machine may be shared). With `--write`, replaces the "Webhook load" section
 * of bench/results.md with the last run's tables and every run's ratios.
 *
 * @example
 * npx tsc -p tsconfig.build.json && node dist/scripts/bench/webhook-only.js 2 --write
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { runWebhookLoad, webhookSection } from './webhook-load.js';
import type { LoadResult } from './webhook-load.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? join(root, 'knowledge'));
const faq = parseFaqFile(readFileSync(join(knowledgeDir, 'faq.yaml'), 'utf8')).entries;
const questions = faq.flatMap((e) => [e.question, ...e.variants]).map((q, i) => (i % 3 === 0 ? `${q} trong thực tế` : q));
const args = process.argv.slice(2);
const runs = Math.max(1, Number(args.find((a) => /^\d+$/.test(a)) ?? 1));
const summaries: string[] = [];
let last: LoadResult[] = [];
const f = (v: number, d = 1) => v.toFixed(d);
const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');
for (let run = 1; run <= runs; run++) {
  const before = load();
  last = await runWebhookLoad(root, questions);
  const [echoCold, echo, , botCold, bot] = last;
  const lines = [
    `run ${run}/${runs}: load average before ${before}, after ${load()}`,
    ...last.map((r) => `  ${r.name}: ${r.updates} updates, ${Math.round(r.updatesPerSecond)}/s, p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, CPU ${f(r.cpuMsPerUpdate, 2)} ms/update, lost ${r.lost}, duplicated ${r.duplicated}`),
    `  warm: throughput ratio ${f(bot.updatesPerSecond / echo.updatesPerSecond, 2)}×, saturated p95 ratio ${f(bot.p95 / echo.p95, 2)}×`,
    `  right after start: throughput ratio ${f(botCold.updatesPerSecond / echoCold.updatesPerSecond, 2)}×, saturated p95 ratio ${f(botCold.p95 / echoCold.p95, 2)}×`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const pair = (b: LoadResult, e: LoadResult) => `echo ${Math.round(e.updatesPerSecond)}/s p95 ${f(e.p95)} ms, cchc-bot ${Math.round(b.updatesPerSecond)}/s p95 ${f(b.p95)} ms: throughput ${f(b.updatesPerSecond / e.updatesPerSecond, 2)}×, saturated p95 ${f(b.p95 / e.p95, 2)}×, CPU ${f(b.cpuMsPerUpdate, 2)} vs ${f(e.cpuMsPerUpdate, 2)} ms/update`;
  summaries.push(`run ${run}: load average ${before} → ${load()}; warm: ${pair(bot, echo)}; right after start: ${pair(botCold, echoCold)}`);
}
if (args.includes('--write')) {
  const path = join(root, 'bench', 'results.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const note = [`Run ${new Date().toISOString()} with \`node dist/scripts/bench/webhook-only.js ${runs} --write\` (this section only; the tables are the last run's). Every run (1-, 5-, 15-minute load averages before → after):`, '', ...summaries.map((x) => `- ${x}`)].join('\n');
  const section = webhookSection(last, note);
  const start = text.indexOf('## Webhook load');
  const end = start < 0 ? -1 : text.indexOf('\n## ', start + 1);
  const updated = start < 0 ? `${text}\n${section}` : `${text.slice(0, start)}${section}${end < 0 ? '' : `\n${text.slice(end + 1)}`}`;
  writeFileSync(path, updated);
  process.stdout.write(`wrote the webhook section of ${path}\n`);
}
