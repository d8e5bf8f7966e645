import { configureOcr } from '../../ingest/ocr/index.js';
import { loadConfig } from '../../config/index.js';
import { Analyzer } from '../../text/analyzer.js';
import { SnapshotStore } from '../../search/snapshot.js';
import { reindex } from '../../search/reindex.js';
import { configureIndexBuild } from '../../search/parallel-build.js';
import type { ReindexReport } from '../../search/reindex.js';
import type { Command } from '../args.js';
import { progressBar } from '../progress.js';

/** Human-readable change report of a reindex. */
export function formatReport(r: ReindexReport): string {
  const list = (label: string, items: string[]) => (items.length ? [`${label} (${items.length}):`, ...items.map((i) => `  ${i}`)] : []);
  return [
    `Snapshot ${r.version}: ${r.documents} documents, ${r.chunks} chunks, ${r.faqEntries} FAQ entries in ${r.ms} ms`,
    ...list('Added', r.added),
    ...list('Changed', r.changed),
    ...list('Removed', r.removed),
    `Unchanged: ${r.unchanged}`,
    `Articles: +${r.articles.added.length} −${r.articles.removed.length} ~${r.articles.changed.length}`,
    ...list('FAILED (skipped)', r.failed.map((f) => `${f.file}: ${f.reason}`)),
    ...list('Parse warnings', Object.entries(r.warnings).flatMap(([f, ws]) => ws.map((w) => `${f}: ${w}`))),
    ...list('FAQ problems', r.faqProblems),
    ...list('Q&As to review (their source changed)', r.faqReview.map((f) => `${f.faqId} “${f.question}”: ${f.reason}`)),
    ...list('Glossary problems', r.glossaryProblems),
    `Courses served: ${r.courses ?? 0}`,
    ...list('COURSE PROBLEMS (course not served)', r.courseProblems ?? []),
    ...list('Read by OCR (scans)', Object.entries(r.ocr ?? {}).map(([f, o]) => `${f}: ${o.pages.length} page(s), mean confidence ${o.meanConfidence}${o.lowConfidence.length ? `; low confidence: ${o.lowConfidence.map((p) => `page ${p.page} (${p.confidence})`).join(', ')}` : ''}`)),
  ].join('\n');
}

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'Rebuild the search index from KNOWLEDGE_DIR (incremental: only changed files are parsed again).',
  usage: 'reindex [--full] [--json]',
  options: {
    full: { type: 'boolean', description: 'Parse every file again, ignoring the previous snapshot' },
    json: { type: 'boolean', description: 'Print the change report as JSON' },
  },
  async run({ values }) {
    const cfg = loadConfig();
    await configureOcr({ ...cfg.ocr, dataDir: cfg.dataDir });
    configureIndexBuild({ workers: cfg.indexBuildWorkers });
    const { report } = await reindex(new SnapshotStore(cfg.dataDir), {
      knowledgeDir: cfg.knowledgeDir,
      analyzer: new Analyzer(),
      full: Boolean(values.full),
      onProgress: values.json ? undefined : progressBar('Indexing'),
    });
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return 0;
  },
};
