/**
 * The answer layout as plain text: the record stored with each question and shown to staff, and the body
 * of Zalo messages (which have no markup).
 */
import type { Answer } from '../answer/index.js';
import { layoutAnswer, sourceLine } from './answer-layout.js';

/**
 * The paragraphs of an answer as plain text, in layout order: answer, curated-source label, "⚠️" notices,
 * the uncovered parts, quotes as "[1] …", then the sources under their heading, each link alone on the
 * line after its source (bare URLs are linked by every messenger; one glued to text may not be), once per
 * document.
 */
export function answerPlainBlocks(a: Answer): string[] {
  const l = layoutAnswer(a);
  const blocks: string[] = [l.lead];
  if (l.sourceLabel) blocks.push(`(${l.sourceLabel})`);
  for (const n of l.notices) blocks.push(`⚠️ ${n}`);
  if (l.uncovered) blocks.push(l.uncovered);
  for (const q of l.quotes) blocks.push(`[${q.marker}] ${q.text}`);
  if (l.sources.length) {
    // Two clauses of one document share its link: print it once, under the first.
    const printed = new Set<string>();
    const lines = l.sources.flatMap((s) => {
      if (!s.url || printed.has(s.url)) return [sourceLine(s)];
      printed.add(s.url);
      return [sourceLine(s), s.url];
    });
    blocks.push([l.sourcesHeading, ...lines].join('\n'));
  }
  return blocks.filter((b) => b.trim());
}

/** A plain-text rendering of an answer, stored with the question and shown to staff. */
export function answerToPlainText(a: Answer): string {
  return answerPlainBlocks(a).join('\n\n');
}
