import { summaryNote } from '../answer/index.js';
import type { Answer } from '../answer/index.js';

/** A plain-text rendering of an answer, stored with the question and shown to staff. */
export function answerToPlainText(a: Answer): string {
  const lines = [a.kind === 'answer' ? a.lead : a.message, ...a.notices];
  for (const p of a.passages) lines.push(`[${p.marker}] ${p.text}`);
  for (const c of a.citations) lines.push(`[${c.marker}] ${c.path}, ${c.docNumber || c.docTitle} (${[c.statusLabel, summaryNote(c)].filter(Boolean).join('; ')})`);
  return lines.join('\n');
}
