/**
 * Citations and validity: how a cited document is labelled ("Nghị định 118/2025/NĐ-CP"), the notice shown
 * when it is no longer (fully) in force, and the {@link Citation} built for a chunk.
 */
import { msg } from '../common/messages-vi.js';
import type { MessageKey } from '../common/messages-vi.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import type { Citation } from './types.js';

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
export function docLabel(meta: DocumentMeta): string {
  if (!meta.number) return meta.title;
  const type = DOC_TYPE_BY_CODE.find(([re]) => re.test(meta.number))?.[1];
  return type ? `${type} ${meta.number}` : meta.number;
}

/** The Vietnamese validity notice for a document that is not fully in force, or undefined. */
export function validityNotice(meta: DocumentMeta): string | undefined {
  const by = meta.replacedBy ? msg('answer.notice.by', { replacedBy: meta.replacedBy }) : '';
  const number = docLabel(meta);
  const key: Partial<Record<DocumentMeta['status'], MessageKey>> = {
    replaced: 'answer.notice.replaced',
    expired: 'answer.notice.expired',
    partly_expired: 'answer.notice.partly',
    not_yet_in_force: 'answer.notice.notYet',
  };
  const k = key[meta.status];
  return k ? msg(k, { number, by }) : undefined;
}

/** Builds the citation for a chunk of a document. */
export function citationFor(chunk: Chunk, meta: DocumentMeta, marker: number): Citation {
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
  };
}

