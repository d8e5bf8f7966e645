import type { Answer } from '../answer/index.js';

/** Plain-text rendering of an answer for the terminal (the CLI `ask` command). */
export function renderAnswerText(a: Answer): string {
  const lines: string[] = [];
  lines.push(a.kind === 'answer' ? a.lead : a.message);
  for (const n of a.notices) lines.push(`⚠ ${n}`);
  for (const p of a.passages) lines.push('', `[${p.marker}] ${p.text}`);
  if (a.citations.length) {
    lines.push('', 'Nguồn:');
    for (const c of a.citations) {
      const doc = [c.docNumber, c.docTitle].filter(Boolean).join(' – ');
      lines.push(`[${c.marker}] ${c.path}, ${doc} (${c.statusLabel})${c.replacedBy ? ` → ${c.replacedBy}` : ''}${c.url ? ` ${c.url}` : ''}`);
    }
  }
  return lines.join('\n');
}
