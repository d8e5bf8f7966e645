/**
 * `node dist/scripts/bench/webhook-only.js [runs]`: only the webhook load benchmark of `npm run bench`
 * (echo bot and cchc-bot in the same run, the same questions), repeated `runs` times (default 1). Prints,
 * per run, the table rows, the throughput and saturated-p95 ratios against the echo bot, and the load
 * average before and after (the machine may be shared). Writes nothing.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import { runWebhookLoad } from './webhook-load.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? join(root, 'knowledge'));
const faq = parseFaqFile(readFileSync(join(knowledgeDir, 'faq.yaml'), 'utf8')).entries;
const questions = faq.flatMap((e) => [e.question, ...e.variants]).map((q, i) => (i % 3 === 0 ? `${q} trong thực tế` : q));
const runs = Math.max(1, Number(process.argv[2] ?? 1));
const f = (v: number, d = 1) => v.toFixed(d);
const load = () => loadavg().map((v) => v.toFixed(2)).join(' ');
for (let run = 1; run <= runs; run++) {
  const before = load();
  const [echo, echoSteady, bot, botSteady] = await runWebhookLoad(root, questions);
  const lines = [
    `run ${run}/${runs}: load average before ${before}, after ${load()}`,
    ...[echo, echoSteady, bot, botSteady].map((r) => `  ${r.name}: ${r.updates} updates, ${Math.round(r.updatesPerSecond)}/s, p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms, CPU ${f(r.cpuMsPerUpdate, 2)} ms/update, lost ${r.lost}, duplicated ${r.duplicated}`),
    `  throughput ratio ${f(bot.updatesPerSecond / echo.updatesPerSecond, 2)}×, saturated p95 ratio ${f(bot.p95 / echo.p95, 2)}×`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
