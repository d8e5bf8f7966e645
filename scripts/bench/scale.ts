/**
 * Scale benchmark (issue 17): the bot's retriever over the eval corpus at 1×, 5× and 10× (near-duplicate
 * copies from scale-corpus.ts, seed 17, 10% of words dropped per copy) and plain BM25 at the largest size,
 * side by side in one run. Each size is built in its own child process (scale-one.ts, with --expose-gc so
 * "RSS after build" is measured after a collection), and each snapshot is loaded again in a fresh process
 * to measure a restart.
 *
 * Alone: `nice -n 10 node dist/scripts/bench/scale.js [--sizes 1,5,10] [--no-bm25] [--workers N] [--write]`
 * (`--workers`: index build worker threads, 0 for the single-thread build; default one per core); `--write`
 * replaces the "## Scale (issue 17)" section of bench/results.md. `npm run bench` appends the section
 * (BENCH_SCALE=0 skips it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the scale benchmark reads its inputs, and what it runs. */
export interface ScaleBenchOptions {
  evalDir: string;
  knowledgeDir: string;
  /** Corpus multiples. Default [1, 5, 10]. */
  sizes?: number[];
  /** Also run plain BM25 at the largest size. Default true. */
  bm25?: boolean;
  /** Index build worker threads (0: in the building thread). Default: one per core. */
  workers?: number;
}

interface BuildRow {
  engine: string;
  copies: number;
  passages: number;
  buildMs: number;
  rssBefore: number;
  rssAfterBuild: number;
  peakRss: number;
  p50: number;
  p95: number;
  recall5: number;
  firstStage?: { exhaustive: [number, number]; pruned: [number, number]; postings: number; scored: number };
  snapshot?: { writeMs: number; bytes: number; peakRss: number };
  load?: { loadMs: number; readyMs: number; rss: number; peakRss: number };
}

function child(args: string[]): unknown {
  const out = execFileSync(process.execPath, ['--expose-gc', join(here, 'scale-one.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
    // glibc malloc as the server runs (npm start, Dockerfile, systemd unit): buffers from 128 KB up mmapped.
    env: { ...process.env, MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072' },
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

/** Runs the scale benchmark and returns its Markdown section. */
export function runScaleBench(o: ScaleBenchOptions): string {
  const sizes = o.sizes ?? [1, 5, 10];
  const load = loadavg().map((v) => v.toFixed(2)).join(', ');
  const rows: BuildRow[] = [];
  for (const copies of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-scale-'));
    try {
      process.stderr.write(`bench: scale ${copies}× build…\n`);
      const row = child(['build', 'cchc', String(copies), o.evalDir, o.knowledgeDir, dir, ...(o.workers === undefined ? [] : [String(o.workers)])]) as BuildRow;
      process.stderr.write(`bench: scale ${copies}× snapshot load…\n`);
      row.load = child(['load', o.knowledgeDir, dir]) as BuildRow['load'];
      rows.push(row);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (o.bm25 ?? true) {
    const copies = Math.max(...sizes);
    process.stderr.write(`bench: scale ${copies}× plain BM25…\n`);
    rows.push(child(['build', 'bm25', String(copies), o.evalDir, o.knowledgeDir, tmpdir()]) as BuildRow);
  }
  const loadAfter = loadavg().map((v) => v.toFixed(2)).join(', ');
  return render(rows, load, loadAfter);
}

function render(rows: BuildRow[], loadBefore: string, loadAfter: string): string {
  const f = (v: number, d = 1) => v.toFixed(d);
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const name = (r: BuildRow) => (r.engine === 'bm25' ? 'plain BM25' : 'cchc-bot');
  const ours = rows.filter((r) => r.engine === 'cchc');
  const base = ours.find((r) => r.copies === 1) ?? ours[0];
  const big = ours[ours.length - 1];
  const lines = [
    '## Scale (issue 17)',
    '',
    `Run ${new Date().toISOString()} on Node ${process.version}, ${cpus().length} cores shared with other jobs (load average ${loadBefore} at the start, ${loadAfter} at the end; figures on a quiet machine are lower). Corpus: shared/eval × N, copies made by \`scripts/bench/scale-corpus.ts\` (seed 17, 10% of body words dropped per copy); 525 dev questions, full \`Retriever.search\` per question after 25 warm-up questions. Each size runs in its own process, with \`MALLOC_MMAP_THRESHOLD_=${process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072'}\` as the server's start commands set it; "load" is a fresh process that reads the snapshot, builds the retriever and answers one question. Produced by \`nice -n 10 node dist/scripts/bench/scale.js --write\` (also part of \`npm run bench\`).`,
    '',
    '| engine | corpus | passages | p50 ms | p95 ms | recall@5 (copies count) | build s | passages/s | RSS before build MB | RSS after build MB | peak RSS MB | snapshot MB | snapshot write s | snapshot load s | ready after restart s | RSS after restart MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        name(r),
        `${r.copies}×`,
        n(r.passages),
        f(r.p50, 2),
        f(r.p95, 2),
        f(r.recall5, 3),
        f(r.buildMs / 1000),
        n(r.passages / (r.buildMs / 1000)),
        n(r.rssBefore),
        n(r.rssAfterBuild),
        n(r.peakRss),
        r.snapshot ? f(r.snapshot.bytes / 1e6) : '–',
        r.snapshot ? f(r.snapshot.writeMs / 1000, 2) : '–',
        r.load ? f(r.load.loadMs / 1000, 2) : '–',
        r.load ? f(r.load.readyMs / 1000, 2) : '–',
        r.load ? n(r.load.rss) : '–',
      ].join(' | ').replace(/^/, '| ').replace(/$/, ' |'),
    ),
  ];
  lines.push(
    '',
    'First stage alone (keyword index, top 50 as the retriever asks, the same expanded query terms): exhaustive scoring against MaxScore (`searchPruned`; `search` prunes only from 50,000 postings per query). Not what the retriever uses for long questions at 5× and 10×: it calls `searchReduced`, whose cost is in the p50/p95 of the table above.',
    '',
    '| corpus | records matched per query (exhaustive) | records scored exactly (MaxScore) | exhaustive p50 / p95 ms | MaxScore p50 / p95 ms |',
    '|---|---|---|---|---|',
    ...ours
      .filter((r) => r.firstStage)
      .map((r) => {
        const fs = r.firstStage as NonNullable<BuildRow['firstStage']>;
        return `| ${r.copies}× | ${n(fs.postings)} | ${n(fs.scored)} | ${f(fs.exhaustive[0], 2)} / ${f(fs.exhaustive[1], 2)} | ${f(fs.pruned[0], 2)} / ${f(fs.pruned[1], 2)} |`;
      }),
  );
  if (base && big && big !== base) {
    const growth = big.p95 / base.p95;
    const rate = big.passages / (big.buildMs / 1000);
    const checks: Array<[string, boolean, string]> = [
      [`p95 at ${big.copies}× ≤ 2.5 × p95 at ${base.copies}×`, growth <= 2.5, `${f(growth, 2)}×`],
      [`peak RSS at ${big.copies}× ≤ 700 MB`, big.peakRss <= 700, `${n(big.peakRss)} MB`],
      [`build at ${big.copies}× ≥ 10,000 passages/s`, rate >= 10000, `${n(rate)}/s`],
      [`snapshot load at ${big.copies}× ≤ 2 s`, (big.load?.loadMs ?? Infinity) <= 2000, `${f((big.load?.loadMs ?? NaN) / 1000, 2)} s`],
    ];
    lines.push('', '| target | met | value |', '|---|---|---|', ...checks.map(([t, ok, v]) => `| ${t} | ${ok ? 'yes' : '**no**'} | ${v} |`));
  }
  return lines.join('\n') + '\n';
}

/** Replaces (or appends) the scale section of a results file. */
export function replaceSection(md: string, section: string): string {
  const start = md.indexOf('## Scale (issue 17)');
  if (start < 0) return `${md.trimEnd()}\n\n${section}`;
  const next = md.indexOf('\n## ', start + 3);
  return md.slice(0, start) + section + (next < 0 ? '' : `\n${md.slice(next + 1)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const root = resolve(here, '../../..');
  const sizesArg = argv[argv.indexOf('--sizes') + 1];
  const evalDir = resolve(process.env.BENCH_EVAL_DIR ?? join(root, '../shared/eval'));
  const knowledgeDir = resolve(process.env.KNOWLEDGE_DIR ?? join(root, 'knowledge'));
  const section = runScaleBench({
    evalDir,
    knowledgeDir,
    sizes: argv.includes('--sizes') ? sizesArg.split(',').map(Number) : undefined,
    bm25: !argv.includes('--no-bm25'),
    workers: argv.includes('--workers') ? Number(argv[argv.indexOf('--workers') + 1]) : undefined,
  });
  process.stdout.write(section);
  if (argv.includes('--write')) {
    const file = join(root, 'bench', 'results.md');
    writeFileSync(file, replaceSection(existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n', section));
  }
}
