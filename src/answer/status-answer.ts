/**
 * Answers to validity questions about a named document ("NĐ 61 còn hiệu lực không?", "được thay bằng văn
 * bản nào?", "có hiệu lực từ ngày nào?"), written from the document's metadata (status, dates,
 * replaced_by) rather than from retrieved text, and citing the document's article on entry into force (its
 * heading says "hiệu lực" or "điều khoản thi hành", or its text "có hiệu lực từ").
 */
import { msg } from '../common/messages-vi.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import type { QueryIntent } from '../search/types.js';
import { citationFor, docLabel, validityNotice } from './citations.js';
import type { AnswerReply } from './types.js';

type StatusIntent = Extract<QueryIntent, { kind: 'status' }>;

/** The status answer, or undefined when the metadata cannot answer what is asked (then search answers). */
export function statusAnswer(intent: StatusIntent, excerptOf: (text: string) => string): AnswerReply | undefined {
  const lead = statusLead(intent);
  if (!lead) return undefined;
  const notice = validityNotice(intent.doc);
  // The provision of the amending or replacing document that states the change comes first, quoted.
  const first = intent.statedIn ?? { chunk: intent.chunk, doc: intent.doc };
  const citations = [citationFor(first.chunk, first.doc, 1)];
  if (intent.statedIn && intent.statedIn.chunk.id !== intent.chunk.id) citations.push(citationFor(intent.chunk, intent.doc, 2));
  return {
    kind: 'answer',
    source: 'status',
    lead,
    // Who issued it and when come from the front matter, which no passage states: the document is cited
    // (its article on entry into force), not quoted.
    passages: intent.ask === 'issuer' || intent.ask === 'issued' ? [] : [{ marker: 1, text: excerptOf(first.chunk.text) }],
    citations,
    notices: notice ? [notice] : [],
    confidence: 1,
  };
}

/** One or two sentences answering the status question from metadata; undefined when it does not say. */
export function statusLead(intent: StatusIntent): string | undefined {
  const { doc, ask, related } = intent;
  const label = docLabel(doc);
  const list = related.map((d) => docLabel(d)).join(', ');
  switch (ask) {
    case 'issued':
      return doc.issuedDate ? msg('answer.status.issued', { label, date: vnDate(doc.issuedDate) }) : undefined;
    case 'issuer':
      if (!doc.issuer) return undefined;
      return msg('answer.status.issuer', { label, issuer: doc.issuer, date: doc.issuedDate ? msg('answer.status.onDate', { date: vnDate(doc.issuedDate) }) : '' });
    case 'effective': {
      if (!doc.effectiveDate) return undefined;
      const first = msg('answer.status.effective', { label, date: vnDate(doc.effectiveDate) });
      return doc.status === 'in_force' ? first : `${first} ${currentStatus(doc, related) ?? ''}`.trim();
    }
    case 'replaces':
      return list ? msg('answer.status.replaces', { label, list }) : undefined;
    case 'amends':
      return list ? msg('answer.status.amends', { label, list }) : undefined;
    case 'amended_by': {
      // What amended it, then whether it is still in force (the replacing documents are in its own metadata).
      const replacing = (doc.replacedBy ?? '').split(/,\s*/).filter(Boolean).map((number) => ({ number, title: number, status: 'unknown' as const }));
      const status = currentStatus(doc, replacing);
      return list ? `${msg('answer.status.amendedBy', { label, list })}${status ? ` ${status}` : ''}` : status;
    }
    case 'replaced_by':
      return doc.status === 'in_force' ? msg('answer.status.notReplaced', { label }) : currentStatus(doc, related);
    default:
      return currentStatus(doc, related);
  }
}

/**
 * What to tell an official when the metadata lacks the date asked for and the document's own text does not
 * state it either (its passage on entry into force, else its first, does not speak of "hiệu lực"): that the
 * date is not recorded, with what is known (issue date, current status). Search would answer from another
 * document's article on entry into force ("nđ 42 có hiệu lực từ bao giờ" led with Nghị định 118/2025's date).
 * Undefined when the metadata answers ({@link statusLead}) or the document's text may.
 */
export function statusGap(intent: StatusIntent): string | undefined {
  const { doc, ask, chunk, related } = intent;
  if (ask !== 'effective' || doc.effectiveDate || /hiệu lực/iu.test(`${chunk.title} ${chunk.text}`)) return undefined;
  const label = docLabel(doc);
  const issued = doc.issuedDate ? msg('answer.status.issuedNote', { date: vnDate(doc.issuedDate) }) : '';
  const status = currentStatus(doc, related);
  return [msg('answer.status.effectiveUnknown', { label, issued }), status ? msg('answer.status.asRecorded', { status }) : '', msg('answer.status.askStaff')]
    .filter(Boolean)
    .join(' ');
}

/** "X còn hiệu lực từ ngày …", "X đã bị thay thế bởi Y từ ngày …", … */
function currentStatus(doc: DocumentMeta, related: readonly DocumentMeta[]): string | undefined {
  const label = docLabel(doc);
  const by = related.length ? msg('answer.status.by', { list: related.map((d) => docLabel(d)).join(', ') }) : '';
  const since = doc.effectiveDate ? msg('answer.status.since', { date: vnDate(doc.effectiveDate) }) : '';
  switch (doc.status) {
    case 'in_force':
      return msg('answer.status.inForce', { label, since });
    case 'partly_expired':
      return msg('answer.status.partly', { label, by });
    case 'replaced': {
      const from = related.length === 1 && related[0].effectiveDate ? msg('answer.status.since', { date: vnDate(related[0].effectiveDate) }) : '';
      return msg('answer.status.replaced', { label, by, from });
    }
    case 'expired':
      return msg('answer.status.expired', { label, by });
    case 'not_yet_in_force':
      return msg('answer.status.notYet', { label, since });
    default:
      return undefined;
  }
}

/** "2025-07-01" → "01/7/2025" (day with two digits, month without a leading zero, as in legal texts). */
export function vnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${Number(m[2])}/${m[1]}` : iso;
}
