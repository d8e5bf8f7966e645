import { describe, expect, it } from 'vitest';
import type { DecisionRow } from './decision.js';
import { leaveDocsOutMarkdown } from './report-md.js';

/** `n` answered covered rows, `right` of them with a right passage in the top 5. */
function covered(n: number, right: number): DecisionRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `q${i}`, group: 'covered', text: 'q', answered: true, kind: 'answer', detail: 'search', confidence: 0.9,
    right: i < right, styles: [], consistent: true, ms: 1,
  }));
}
const rightInTop5 = (md: string) => md.split('\n').find((l) => l.startsWith('| answered covered questions with a right passage'));

describe('leave-documents-out table', () => {
  it('shows two decimals for a miss that one decimal would round onto the target', () => {
    const row = rightInTop5(leaveDocsOutMarkdown([{ seed: 1, removedDocs: [], rows: covered(10_000, 9_696) }], 'cmd', 1));
    expect(row).toContain('| 96.96% |');
    expect(row).toMatch(/\*\*no\*\* \|$/);
  });

  it('keeps one decimal otherwise', () => {
    expect(rightInTop5(leaveDocsOutMarkdown([{ seed: 1, removedDocs: [], rows: covered(1000, 960) }], 'cmd', 1))).toContain('| 96.0% |');
    const met = rightInTop5(leaveDocsOutMarkdown([{ seed: 1, removedDocs: [], rows: covered(10_000, 9_704) }], 'cmd', 1));
    expect(met).toContain('| 97.0% |');
    expect(met).toMatch(/yes \|$/);
  });

  it('by passages, names the removed-passage questions and sets them no target', () => {
    const removed: DecisionRow[] = [{ ...covered(1, 0)[0], id: 'r', group: 'removed', answered: true }, { ...covered(1, 0)[0], id: 's', group: 'removed', answered: false }];
    const md = leaveDocsOutMarkdown([{ seed: 1, removedDocs: ['p1', 'p2'], rows: [...covered(10, 10), ...removed] }], 'cmd', 3, 'passages');
    expect(md).toContain('| removed-passage questions answered (their statute kept) | 50.0% | 50.0% – 50.0% | – | – |');
    expect(md).toContain('the 2 labelled passages of a share of the questions removed, their 3 documents kept');
    expect(md).not.toContain('removed-document');
  });
});
