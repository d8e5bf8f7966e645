/**
 * Application CPU per update without HTTP, for comparing two builds in one process under the same load:
 * `node dist/scripts/bench/app-path.js <rootA> <rootB>` loads each root's built QueueDispatcher (with the
 * SQLite reply outbox on a file), ConversationService, KnowledgeBase (knowledge/ of this checkout) and
 * AnswerComposer, then pushes the FAQ questions through each, 16 at a time, in alternating rounds. Prints
 * the median CPU and wall time per update of each root. A root is a checkout with `dist/` built.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFaqFile } from '../../src/ingest/faq-file.js';

interface Dispatcher {
  accept(m: unknown, sender: { send(chatId: string, r: unknown): Promise<void> }): Promise<unknown>;
  drain(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const knowledgeDir = resolve(here, '../../../knowledge');
const roots = process.argv.slice(2, 4).map((r) => resolve(r));
if (roots.length !== 2) throw new Error('usage: app-path.js <rootA> <rootB>');
const work = mkdtempSync(join(tmpdir(), 'cchc-app-path-'));

async function setup(root: string, n: number): Promise<Dispatcher> {
  const dist = join(root, 'dist/src');
  const { KnowledgeBase } = await import(join(dist, 'search/knowledge-base.js'));
  const { AnswerComposer } = await import(join(dist, 'answer/index.js'));
  const { ConversationService, QueueDispatcher } = await import(join(dist, 'conversation/index.js'));
  const { openStore } = await import(join(dist, 'storage/index.js'));
  const dir = join(work, String(n));
  // The server's store options (a build that does not know checkpointIntervalMs ignores it).
  const store = await openStore(`sqlite:${join(dir, 'bot.db')}`, { checkpointIntervalMs: 1000 });
  const knowledge = await KnowledgeBase.open({ dataDir: dir, knowledgeDir });
  const service = new ConversationService({ knowledge, composer: new AnswerComposer({}), store, rateLimitPerMinute: 100_000 });
  return new QueueDispatcher({ updates: store, outbox: store, handler: service }) as Dispatcher;
}

const faq = parseFaqFile(readFileSync(join(knowledgeDir, 'faq.yaml'), 'utf8')).entries;
const questions = faq.flatMap((e) => [e.question, ...e.variants]).map((q, i) => (i % 3 === 0 ? `${q} trong thực tế` : q));
const apps = [await setup(roots[0], 0), await setup(roots[1], 1)];
let chat = 1;

async function round(d: Dispatcher, n: number): Promise<{ cpu: number; wall: number }> {
  let sent = 0;
  const sender = { send: async () => void sent++ };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const batch: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const c = String(chat++);
    batch.push(d.accept({ channel: 'telegram', chatId: c, userId: c, updateKey: c, ts: Date.now(), kind: 'text', text: questions[i % questions.length], displayName: 'Bench' }, sender));
    if (batch.length === 16) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  await d.drain();
  const cpu = process.cpuUsage(cpu0);
  if (sent < n) throw new Error(`${sent} of ${n} replies sent`);
  return { cpu: (cpu.user + cpu.system) / 1000 / n, wall: (performance.now() - t0) / n };
}

for (const d of apps) await round(d, 200); // warm-up
const results: Array<Array<{ cpu: number; wall: number }>> = [[], []];
for (let r = 0; r < 6; r++) for (const i of r % 2 ? [1, 0] : [0, 1]) results[i].push(await round(apps[i], 300));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
roots.forEach((root, i) => {
  const cpu = results[i].map((x) => x.cpu);
  process.stdout.write(`${root}: CPU ${median(cpu).toFixed(2)} ms/update, wall ${median(results[i].map((x) => x.wall)).toFixed(2)} ms/update (median of 6 rounds of 300; CPU per round ${cpu.map((x) => x.toFixed(2)).join(' ')})\n`);
});
rmSync(work, { recursive: true, force: true });
process.exit(0);
