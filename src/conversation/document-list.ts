import { docLabel } from '../answer/index.js';
import { msg } from '../common/messages-vi.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';

/**
 * The /vanban reply: documents in force, newest first, then (apart, for reference) the ones expired or
 * replaced, each with its replacement.
 */
export function documentListText(all: Iterable<DocumentMeta>): string {
  const docs = [...all].sort((a, b) => (b.issuedDate ?? '').localeCompare(a.issuedDate ?? ''));
  if (!docs.length) return msg('chat.documents.none');
  const current = docs.filter((d) => d.status === 'in_force' || d.status === 'partly_expired');
  const old = docs.filter((d) => !current.includes(d));
  const line = (d: DocumentMeta) => `• ${docLabel(d)} – ${d.title}${d.status === 'partly_expired' ? ' (hết hiệu lực một phần)' : ''}`;
  const parts = [msg('chat.documents.header', { count: current.length }), ...current.map(line)];
  if (old.length) parts.push('', msg('chat.documents.outdated'), ...old.map((d) => `${line(d)}${d.replacedBy ? ` → thay bằng ${d.replacedBy}` : ''}`));
  return parts.join('\n');
}
