/**
 * Answers to validity questions about a named document ("NĐ 61 còn hiệu lực không?", "được thay bằng văn
 * bản nào?", "có hiệu lực từ ngày nào?"), written from the document's metadata (status, dates,
 * replaced_by) rather than from retrieved text, and citing the document's article on entry into force (its
 * heading says "hiệu lực" or "điều khoản thi hành", or its text "có hiệu lực từ").
 */
import { msg } from '../common/messages-vi.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import type { QueryIntent } from '../search/types.js';
import { citationFor, docLabel, mergedAmendments, numberLabels, sourceLead, validityNotice } from './citations.js';
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
  // The provision recording that the replacement was replaced in turn, when the lead names it.
  for (const r of namesOnward(intent) ? (intent.onward ?? []) : []) {
    if (!citations.some((c) => c.chunkId === r.chunk.id)) citations.push(citationFor(r.chunk, r.doc, citations.length + 1));
  }
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
  const lead = bareStatusLead(intent);
  // A replacement replaced in turn (Luật 77/2015 → 65/2025 → 72/2025): the text in force is named too.
  return lead && namesOnward(intent) ? `${lead} ${onwardText(intent)}` : lead;
}

/** Whether the answer names the replacements of a replacement: for questions about its status, not what it replaces or amends, nor who issued it. */
function namesOnward(intent: StatusIntent): boolean {
  return Boolean(intent.onward?.length) && !['replaces', 'amends', 'issued', 'issuer'].includes(intent.ask);
}

/** "Luật 65/2025/QH15 cũng đã bị thay thế bởi Luật 72/2025/QH15 (Khoản 2 Điều 51)." for each onward link. */
function onwardText(intent: StatusIntent): string {
  return (intent.onward ?? [])
    .map((r) => msg('answer.status.onward', { other: numberLabels([{ number: r.target }]), label: docLabel(r.doc), articles: r.articles ? ` (${r.articles})` : '' }))
    .join(' ');
}

function bareStatusLead(intent: StatusIntent): string | undefined {
  const { doc, ask, related } = intent;
  const label = docLabel(doc);
  const list = related.map((d) => docLabel(d)).join(', ');
  // No linked document, but the document's own text names one in the relation asked.
  const fromText = intent.linkSentence ? sourceLead(doc, intent.statedIn?.chunk.citationPath ?? '', intent.linkSentence) : undefined;
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
      return list ? msg('answer.status.replaces', { label, list }) : fromText;
    case 'amends':
      return list ? msg('answer.status.amends', { label, list }) : fromText;
    case 'amended_by': {
      // What amended it, then whether it is still in force (the replacing documents are in its own metadata).
      const status = currentStatus(doc, replacingOf(doc));
      return list ? `${msg('answer.status.amendedBy', { label, list })}${status ? ` ${status}` : ''}` : fromText;
    }
    case 'replaced_by':
      return doc.status === 'in_force' ? msg('answer.status.notReplaced', { label }) : currentStatus(doc, related);
    default:
      return currentStatus(doc, related);
  }
}

/**
 * What to tell an official when the metadata does not hold what a status question asks and the document's
 * own text (its passage on entry into force, else its first) does not state it either: that it is not
 * recorded, with what is known (issue date, current status). Search would answer from a passage that does
 * not say it ("nđ 42 có hiệu lực từ bao giờ" led with Nghị định 118/2025's date; "nđ 107 có hiệu lực từ ngày
 * nào" with the date it ceased to apply). Covers the date it took effect, a status recorded as unknown, and
 * what it replaces or amends or what amended it when no document is linked. Undefined when the metadata
 * answers ({@link statusLead}) or the document's text may.
 */
export function statusGap(intent: StatusIntent): string | undefined {
  const { doc, ask, chunk, related } = intent;
  const text = `${chunk.title} ${chunk.text}`;
  const label = docLabel(doc);
  // The status named with a gap says what replaced it, whatever relation was asked.
  const status = currentStatus(doc, ask === 'validity' || ask === 'replaced_by' || ask === 'effective' ? related : replacingOf(doc));
  const issued = doc.issuedDate ? msg('answer.status.issuedNote', { date: vnDate(doc.issuedDate) }) : '';
  let gap: string | undefined;
  if (ask === 'effective' && !doc.effectiveDate && !STATES_START.test(text)) gap = msg('answer.status.effectiveUnknown', { label, issued });
  else if ((ask === 'validity' || ask === 'replaced_by') && !status) gap = msg('answer.status.statusUnknown', { label, issued });
  else if (ask === 'replaces' && !related.length && !intent.linkSentence) gap = msg('answer.status.replacesUnknown', { label });
  else if (ask === 'amends' && !related.length && !intent.linkSentence) gap = msg('answer.status.amendsUnknown', { label });
  else if (ask === 'amended_by' && !related.length && !intent.linkSentence) gap = msg('answer.status.amendedByUnknown', { label });
  if (!gap) return undefined;
  return [gap, status ? msg('answer.status.asRecorded', { status }) : '', msg('answer.status.askStaff')].filter(Boolean).join(' ');
}

/** A text that states when the document took effect ("có hiệu lực (thi hành) (kể) từ …"), not when it ceased to. */
const STATES_START = /(?<!hết\s(?:có\s)?)(?:có\s)?hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ\s+(?:ngày\s+)?(?:\d|ký)/iu;

/** The documents that replaced `doc`, from its own front matter (numbers only). */
function replacingOf(doc: DocumentMeta): DocumentMeta[] {
  return (doc.replacedBy ?? '').split(/,\s*/).filter(Boolean).map((number) => ({ number, title: number, status: 'unknown' as const }));
}

/** "X còn hiệu lực từ ngày …", "X đã bị thay thế bởi Y từ ngày …", … */
function currentStatus(doc: DocumentMeta, related: readonly DocumentMeta[]): string | undefined {
  const label = docLabel(doc);
  const by = related.length ? msg('answer.status.by', { list: related.map((d) => docLabel(d)).join(', ') }) : '';
  const since = doc.effectiveDate ? msg('answer.status.since', { date: vnDate(doc.effectiveDate) }) : '';
  switch (doc.status) {
    case 'in_force':
      return msg('answer.status.inForce', { label, since });
    case 'partly_expired': {
      // Up to date with every document that amended it: nothing left for the official to compare.
      const { merged, pending } = mergedAmendments(doc);
      const upToDate = !doc.replacedBy && merged.length > 0 && !pending.length;
      return msg(upToDate ? 'answer.status.partlyIncluded' : 'answer.status.partly', { label, by, included: numberLabels(merged) });
    }
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
