/**
 * Markdown tables of the two answer measurements, shared by the `eval` command and `npm run bench`.
 */
import type { DecisionRow } from './decision.js';
import type { SeedRun } from './leave-docs-out.js';
import { answeredShare, byStyle, failures, summarize } from './summary.js';
import type { DecisionSummary, ReliabilityBucket } from './summary.js';

const pct = (v: number | undefined): string => (v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/** Targets of the answers issue, for the "met" column. */
export const TARGETS = {
  removedAnswered: 0.1,
  offTopicAnswered: 0.05,
  coveredAnswered: 0.85,
  answeredRight: 0.97,
  officialCoveredRight: 0.9,
  officialDeclined: 0.95,
} as const;

/**
 * Leave-documents-out figures: pooled over seeds, with the range per seed, and the reliability diagram.
 * By passages (`unit`), the removed questions are those whose labelled passages were taken out while their
 * statutes stayed; the issue sets no target for them, so the row shows none.
 */
export function leaveDocsOutMarkdown(runs: readonly SeedRun[], command: string, docCount: number, unit: 'documents' | 'passages' = 'documents'): string {
  const byPassage = unit === 'passages';
  const all = runs.flatMap((r) => r.rows);
  const pooled = summarize(all);
  const per = runs.map((r) => summarize(r.rows));
  const range = (f: (s: DecisionSummary) => number | undefined): string => {
    const vs = per.map(f).filter((v): v is number => v !== undefined);
    return vs.length ? `${pct(Math.min(...vs))} – ${pct(Math.max(...vs))}` : '–';
  };
  const lines: Array<[string, (s: DecisionSummary) => number | undefined, string, (v: number) => boolean]> = [
    byPassage
      ? ['removed-passage questions answered (their statute kept)', (s) => answeredShare(s, 'removed'), '–', () => true]
      : ['removed-document questions answered', (s) => answeredShare(s, 'removed'), `≤ ${pct(TARGETS.removedAnswered)}`, (v) => v <= TARGETS.removedAnswered],
    ['covered questions answered', (s) => s.coveredAnswered, `≥ ${pct(TARGETS.coveredAnswered)}`, (v) => v >= TARGETS.coveredAnswered],
    ['answered covered questions with a right passage in the top 5', (s) => s.answeredPrecision, `≥ ${pct(TARGETS.answeredRight)}`, (v) => v >= TARGETS.answeredRight],
    ['off-topic and junk messages answered', (s) => answeredShare(s, 'off_topic', 'junk'), `≤ ${pct(TARGETS.offTopicAnswered)}`, (v) => v <= TARGETS.offTopicAnswered],
    ['social messages answered', (s) => answeredShare(s, 'social'), `≤ ${pct(TARGETS.offTopicAnswered)}`, (v) => v <= TARGETS.offTopicAnswered],
  ];
  const n = (g: string) => all.filter((r) => r.group === g).length;
  const removedDocs = runs[0]?.removedDocs.length ?? 0;
  return [
    `Command: \`${command}\``,
    '',
    (byPassage
      ? `${runs.length} seeds (${runs.map((r) => r.seed).join(', ')}); per seed the ${removedDocs} labelled passages of a share of the questions removed, their ${docCount} documents kept. `
      : `${runs.length} seeds (${runs.map((r) => r.seed).join(', ')}); ${removedDocs} of ${docCount} documents removed per seed. `) +
      `Asked over all seeds: ${n('covered')} covered questions, ${n('removed')} ${byPassage ? 'removed-passage' : 'removed-document'} questions, ` +
      `${n('off_topic') + n('junk') + n('social')} social/off-topic/junk messages. Decision: the bot's own (search → compose).`,
    '',
    '| measure | pooled | per seed (min – max) | target | met |',
    '|---|---|---|---|---|',
    ...lines.map(([name, f, target, ok]) => {
      const v = f(pooled);
      // A miss that one decimal would round onto the target is shown with two ("96.96%", not "97.0%").
      const shown = v !== undefined && !ok(v) && pct(v) === target.replace(/^[≤≥] /u, '') ? `${(v * 100).toFixed(2)}%` : pct(v);
      const met = v === undefined || target === '–' ? '–' : ok(v) ? 'yes' : '**no**';
      return `| ${name} | ${shown} | ${range(f)} | ${target} | ${met} |`;
    }),
    '',
    `Covered questions answered with a right passage in the top 5: ${pct(pooled.coveredAnsweredRight)} of all covered. ` +
      `wouldAnswer/compose disagreements: ${pooled.inconsistent}.`,
    '',
    reliabilityMarkdown(pooled.reliability, pooled.ece, `right = a labelled passage in the top 5 (never for ${byPassage ? 'removed-passage' : 'removed-document'} questions and other messages)`),
  ].join('\n');
}

/** Official dev set figures: the two targets, per group, per style, and the failures. */
export function officialMarkdown(rows: readonly DecisionRow[], command: string, maxFailures = 60): string {
  const s = summarize(rows);
  const covered = rows.filter((r) => r.group === 'covered');
  const articleRows = covered.filter((r) => r.articleRight !== undefined);
  const fails = failures(rows);
  const coveredRight = s.coveredAnsweredRight;
  return [
    `Command: \`${command}\``,
    '',
    '| measure | value | target | met |',
    '|---|---|---|---|',
    `| covered questions answered from a labelled document | ${pct(coveredRight)} (${covered.filter((r) => r.answered && r.right).length}/${covered.length}) | ≥ ${pct(TARGETS.officialCoveredRight)} | ${coveredRight >= TARGETS.officialCoveredRight ? 'yes' : '**no**'} |`,
    `| uncovered, off-topic, junk and social messages not answered | ${pct(s.unanswerableDeclined)} (${rows.filter((r) => r.group !== 'covered' && !r.answered).length}/${rows.filter((r) => r.group !== 'covered').length}) | ≥ ${pct(TARGETS.officialDeclined)} | ${s.unanswerableDeclined >= TARGETS.officialDeclined ? 'yes' : '**no**'} |`,
    `| answered covered questions whose document is labelled | ${pct(s.answeredPrecision)} | | |`,
    `| answered with the labelled article (questions with an article label) | ${pct(articleRows.length ? articleRows.filter((r) => r.articleRight).length / articleRows.length : undefined)} (${articleRows.length} labelled) | | |`,
    '',
    '| group | messages | answered |',
    '|---|---|---|',
    ...s.groups.map((g) => `| ${g.group} | ${g.n} | ${pct(g.answered)} |`),
    '',
    '| style tag | messages | handled well |',
    '|---|---|---|',
    ...byStyle(rows).map((b) => `| ${b.style} | ${b.n} | ${pct(b.ok)} |`),
    '',
    reliabilityMarkdown(s.reliability, s.ece, 'right = the source answered from (or that would be) is a labelled document'),
    '',
    `Failures (${fails.length}${fails.length > maxFailures ? `, first ${maxFailures}` : ''}): covered = not answered or answered from an unlabelled document; others = answered.`,
    '',
    '| id | group | message | bot | confidence |',
    '|---|---|---|---|---|',
    ...fails.slice(0, maxFailures).map((r) => `| ${r.id} | ${r.group} | ${cell(r.text)} | ${r.kind}/${r.detail}${r.group === 'covered' && r.answered && !r.right ? ' (wrong document)' : ''} | ${r.confidence.toFixed(2)} |`),
    '',
    `wouldAnswer/compose disagreements: ${s.inconsistent}.`,
  ].join('\n');
}

function reliabilityMarkdown(buckets: readonly ReliabilityBucket[], ece: number, note: string): string {
  return [
    `Reliability diagram (${note}); expected calibration error ${ece.toFixed(3)}:`,
    '',
    '| confidence | messages | mean confidence | share right |',
    '|---|---|---|---|',
    ...buckets.map((b) => `| ${b.lo.toFixed(1)}–${(b.lo + 0.1).toFixed(1)} | ${b.n} | ${b.meanConfidence.toFixed(2)} | ${pct(b.right)} |`),
  ].join('\n');
}

function cell(text: string): string {
  const t = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return t.length > 90 ? `${t.slice(0, 89)}…` : t;
}
