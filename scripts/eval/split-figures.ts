/**
 * The knowledge dev-set figures split the way `scripts/fit-confidence.ts` splits the rows it fits on: the
 * confidence model is fitted on two thirds of the official dev set (and of eval/offtopic), so a figure
 * over the whole set flatters it. This reports the headline figures over all rows, the fitting split and
 * the checking split (never fitted on).
 *
 * Usage (after `npm run build`):
 *   npm run cchc -- eval --knowledge knowledge --questions eval/official --offtopic eval/offtopic --out /tmp/rows.jsonl
 *   node dist/scripts/eval/split-figures.js /tmp/rows.jsonl
 */
import { readFileSync } from 'node:fs';
import { officialSplit } from '../../src/eval/split.js';

interface Row {
  id: string;
  group: string;
  answered: boolean;
  right: boolean;
}

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: split-figures <rows.jsonl>\n');
  process.exit(2);
}
const rows = readFileSync(path, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}% (${n}/${of})` : '–');
const line = (name: string, set: Row[]) => {
  const covered = set.filter((r) => r.group === 'covered');
  const others = set.filter((r) => r.group !== 'covered');
  return `| ${name} | ${pct(covered.filter((r) => r.answered && r.right).length, covered.length)} | ${pct(others.filter((r) => !r.answered).length, others.length)} |`;
};
process.stdout.write(
  [
    '| rows | covered answered from a labelled document | uncovered, off-topic, junk, social not answered |',
    '|---|---|---|',
    line('all', rows),
    line('fitting split', rows.filter((r) => officialSplit(r.id) === 'fit')),
    line('checking split (not fitted on)', rows.filter((r) => officialSplit(r.id) === 'check')),
    '',
  ].join('\n'),
);
