/**
 * Citations and validity: how a cited document is labelled ("Nghị định 118/2025/NĐ-CP"), the notice shown
 * when it is no longer (fully) in force or has been amended, whether a passage is a team summary and which
 * official provision it stands for, and the {@link Citation} built for a chunk.
 */
import { msg } from '../common/messages-vi.js';
import type { MessageKey } from '../common/messages-vi.js';
import type { Chunk, DocumentLink, DocumentMeta } from '../ingest/legal-unit.js';
import type { Citation } from './types.js';
import { foldDiacritics } from '../text/vietnamese.js';

const DOC_TYPE_BY_CODE: Array<[RegExp, string]> = [
  [/\/NĐ-/u, 'Nghị định'],
  [/\/NQ-|\/NQ$/u, 'Nghị quyết'],
  [/\/QĐ-/u, 'Quyết định'],
  [/\/TT-/u, 'Thông tư'],
  [/\/CT-/u, 'Chỉ thị'],
  [/\/VBHN-/u, 'Văn bản hợp nhất'],
  [/\/QH\d+$/u, 'Luật'],
];

/** "Nghị định 118/2025/NĐ-CP" from a number; the bare number when the type is not recognisable. */
export function docLabel(meta: Pick<DocumentMeta, 'number' | 'title'> & Partial<Pick<DocumentMeta, 'status'>>): string {
  if (!meta.number) return meta.title;
  // A resolution of the Quốc hội ("202/2025/QH15") has the same symbol as a law; its title tells them apart.
  const resolution = /\/QH\d+$/u.test(meta.number) && /^nghị quyết/iu.test(meta.title);
  const type = resolution ? 'Nghị quyết' : DOC_TYPE_BY_CODE.find(([re]) => re.test(meta.number))?.[1];
  return type ? `${type} ${meta.number}` : meta.number;
}

/** "Nghị định 48/2013/NĐ-CP (Điều 1), Nghị định 118/2025/NĐ-CP (Khoản 5 Điều 40)". */
function linkLabels(links: readonly DocumentLink[]): string {
  return links.map((l) => `${docLabel({ number: l.number, title: l.number })}${l.articles ? ` (${l.articles})` : ''}`).join(', ');
}

/**
 * The Vietnamese notice for a document that is not fully in force or has been amended, followed by the
 * document's caution when it has one and by the scan notice when its text was recognised by OCR
 * ("văn bản quét, có thể sai chính tả"); undefined when there is nothing to say. A partly expired document
 * names what replaced or amended it, with the provisions ("… bởi Nghị định 118/2025/NĐ-CP (Khoản 8 Điều 40)").
 */
export function validityNotice(meta: DocumentMeta): string | undefined {
  const number = docLabel(meta);
  const amended = meta.amendedBy?.length ? linkLabels(meta.amendedBy) : '';
  const byText = meta.replacedBy || amended;
  const by = byText ? msg('answer.notice.by', { replacedBy: byText }) : '';
  const key: Partial<Record<DocumentMeta['status'], MessageKey>> = {
    replaced: 'answer.notice.replaced',
    expired: 'answer.notice.expired',
    partly_expired: 'answer.notice.partly',
    not_yet_in_force: 'answer.notice.notYet',
  };
  const k = key[meta.status];
  const amendedOnly = !meta.replacedBy && (meta.status === 'partly_expired' || (!k && amended));
  const status = amendedOnly ? amendmentNotice(meta, number, by, amended) : k ? msg(k, { number, by }) : undefined;
  const caution = meta.caution ? msg('answer.notice.caution', { number, caution: meta.caution }) : undefined;
  const scanned = meta.scanned ? msg('answer.notice.scanned', { number }) : undefined;
  const parts = [status, caution, scanned].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' ') : undefined;
}

/**
 * The notice of a document amended (or partly expired) by others: up to date with the amendments its text
 * includes (`consolidated`), to be compared with the others ("… đã cập nhật theo Nghị định 48/2013/NĐ-CP (Điều
 * 1), chưa cập nhật theo Nghị định 92/2017/NĐ-CP, cần đối chiếu").
 */
function amendmentNotice(meta: DocumentMeta, number: string, by: string, amended: string): string {
  const partly = meta.status === 'partly_expired';
  const { merged, pending } = mergedAmendments(meta);
  if (!merged.length) return msg(partly ? 'answer.notice.partly' : 'answer.notice.amended', { number, by, links: amended });
  if (!pending.length) return msg(partly ? 'answer.notice.partlyIncluded' : 'answer.notice.amendedIncluded', { number, by, links: amended });
  return msg(partly ? 'answer.notice.partlySome' : 'answer.notice.amendedSome', { number, by, links: amended, included: numberLabels(merged), pending: numberLabels(pending) });
}

/** The amending documents whose changes the text includes (`consolidated`), and the others. */
export function mergedAmendments(meta: DocumentMeta): { merged: DocumentLink[]; pending: DocumentLink[] } {
  const included = new Set(meta.consolidated ?? []);
  const links = meta.amendedBy ?? [];
  return { merged: links.filter((l) => included.has(l.number)), pending: links.filter((l) => !included.has(l.number)) };
}

/** "Nghị định 48/2013/NĐ-CP, Nghị định 118/2025/NĐ-CP": the documents linked, without their provisions. */
export function numberLabels(links: readonly DocumentLink[]): string {
  return links.map((l) => docLabel({ number: l.number, title: l.number })).join(', ');
}

/**
 * The official provision a chunk stands for: the summary article's "Tương ứng văn bản gốc" reference, or
 * the chunk's own path when a summary article carries its official number; undefined for official texts
 * and for summary sections without a checked number.
 */
export function officialRefOf(chunk: Chunk, meta: DocumentMeta): string | undefined {
  if (meta.kind !== 'summary') return undefined;
  if (chunk.officialRef) return chunk.officialRef;
  return chunk.headings.at(-1)?.topic ? undefined : chunk.citationPath;
}

/**
 * What an official reads next to a summary citation: "bản tóm lược", or with the official provisions when
 * they differ from the cited path ("bản tóm lược, tương ứng Khoản 5, 6 Điều 19 văn bản gốc"); undefined for
 * official texts. Channels append it to the citation line.
 */
export function summaryNote(c: Pick<Citation, 'summary' | 'officialRef' | 'path'>): string | undefined {
  if (!c.summary) return undefined;
  if (!c.officialRef) return msg('citation.summaryUnnumbered');
  return c.officialRef === c.path ? msg('citation.summary') : msg('citation.summaryRef', { ref: c.officialRef });
}

/** Builds the citation for a chunk of a document. */
export function citationFor(chunk: Chunk, meta: DocumentMeta, marker: number): Citation {
  const summary = meta.kind === 'summary';
  const officialRef = officialRefOf(chunk, meta);
  return {
    marker,
    chunkId: chunk.id,
    docId: chunk.docId,
    docNumber: meta.number,
    docTitle: meta.title,
    path: chunk.citationPath,
    articleTitle: chunk.title,
    status: meta.status,
    statusLabel: msg(`status.${meta.status}` as MessageKey),
    current: meta.status === 'in_force' || meta.status === 'partly_expired',
    replacedBy: meta.replacedBy,
    url: meta.sourceUrl,
    ...(summary && { summary }),
    ...(officialRef && { officialRef }),
  };
}

/** Whether a document no longer applies (replaced or expired). */
export function isOutdated(doc: Pick<DocumentMeta, 'status'>): boolean {
  return doc.status === 'replaced' || doc.status === 'expired';
}

/** " (đã bị thay thế)" after a document no longer in force, else "". */
export function statusSuffix(doc: Pick<DocumentMeta, 'status'>): string {
  return isOutdated(doc) ? ` (${msg(`status.${doc.status}` as MessageKey)})` : '';
}

/**
 * "Theo Khoản 2 Điều 17 Nghị định 118/2025/NĐ-CP: <câu trả lời>"; an unnumbered summary section reads
 * "Theo Quyết định 4599/QĐ-UBND, phần “Mục tiêu của Đề án”: …".
 */
export function sourceLead(doc: DocumentMeta, where: string, answer: string, question?: string): string {
  const field = question === undefined ? undefined : unaskedField(doc, question);
  // " (lĩnh vực lưu trữ)", " (đã bị thay thế)", or both in one bracket.
  const notes = [field ? msg('answer.lead.field', { field }) : '', isOutdated(doc) ? msg(`status.${doc.status}` as MessageKey) : ''].filter(Boolean);
  const params = { where, document: docLabel(doc), status: notes.length ? ` (${notes.join(', ')})` : '', answer };
  if (!where) return msg('answer.lead.direct', params).replace(/^Theo\s+/u, 'Theo ');
  return msg(isTopicPath(where) ? 'answer.lead.directTopic' : 'answer.lead.direct', params);
}

function isTopicPath(path: string): boolean {
  return /^phần\s+“/u.test(path) || /,\s*phần\s+“/u.test(path);
}

/** The field a document's title confines it to ("… xử phạt vi phạm hành chính trong lĩnh vực lưu trữ" → "lưu trữ"). */
const FIELD = /\btrong lĩnh vực\s+([^,;()]+)$/iu;

/**
 * The field the answering document is confined to when the question does not name it: "chủ tịch ubnd xã được
 * phạt tối đa bao nhiêu" answered from the decree on penalties for archives must say the figure is for archives,
 * not for every field.
 */
export function unaskedField(doc: Pick<DocumentMeta, 'title'>, question: string): string | undefined {
  const field = FIELD.exec(doc.title.trim())?.[1].trim();
  if (!field) return undefined;
  const fold = (t: string) => foldDiacritics(t.toLowerCase()).replace(/\s+/gu, ' ');
  return fold(question).includes(fold(field)) ? undefined : field;
}
