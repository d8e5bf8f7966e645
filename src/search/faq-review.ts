import { canonicalDocNumber } from '../text/doc-number.js';
import type { FaqEntry } from '../ingest/faq-file.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';

/** A curated Q&A that staff should look at again, and why (in Vietnamese, for the console and reports). */
export interface FaqReviewItem {
  faqId: string;
  question: string;
  origin: FaqEntry['origin'];
  reason: string;
}

/**
 * Flags curated Q&As whose source is no longer a sound basis: the cited document is not indexed, is
 * replaced or expired, the cited article is missing, or its text changed since the previous snapshot
 * (`changedChunkIds`). Staff answers without a cited document are not flagged.
 */
export function reviewFaq(
  entries: readonly FaqEntry[],
  docs: ReadonlyMap<string, DocumentMeta>,
  chunks: readonly Chunk[],
  changedChunkIds: ReadonlySet<string> = new Set(),
): FaqReviewItem[] {
  const byNumber = new Map<string, { id: string; meta: DocumentMeta }>();
  const indexed = new Set(chunks.map((c) => c.docId));
  for (const [id, meta] of docs) {
    if (!meta.number) continue;
    const key = canonicalDocNumber(meta.number) ?? meta.number;
    const seen = byNumber.get(key);
    // A summary left out because the official text of the same number is indexed must not hide that text.
    if (!seen || (!indexed.has(seen.id) && indexed.has(id))) byNumber.set(key, { id, meta });
  }
  // "docId#article" → ids of the chunks under that article: every chunk's headings are read once, at the
  // first entry citing an article, not once per entry.
  let articleChunks: Map<string, string[]> | undefined;
  const chunksUnder = (docId: string, article: string): string[] => {
    if (!articleChunks) {
      articleChunks = new Map();
      for (const c of chunks) {
        for (const h of c.headings) {
          if (h.kind !== 'article') continue;
          const key = `${c.docId}#${h.number.toLowerCase()}`;
          const ids = articleChunks.get(key);
          if (!ids) articleChunks.set(key, [c.id]);
          else if (ids[ids.length - 1] !== c.id) ids.push(c.id);
        }
      }
    }
    return articleChunks.get(`${docId}#${article}`) ?? [];
  };
  const out: FaqReviewItem[] = [];
  for (const e of entries) {
    if (!e.source.number) continue;
    const flag = (reason: string) => out.push({ faqId: e.id, question: e.question, origin: e.origin, reason });
    const doc = byNumber.get(canonicalDocNumber(e.source.number) ?? e.source.number);
    if (!doc) {
      flag(`Văn bản ${e.source.number} không có trong cơ sở dữ liệu`);
      continue;
    }
    if (doc.meta.status === 'replaced' || doc.meta.status === 'expired') {
      flag(`Văn bản ${e.source.number} ${doc.meta.status === 'replaced' ? 'đã bị thay thế' : 'đã hết hiệu lực'}${doc.meta.replacedBy ? ` (${doc.meta.replacedBy})` : ''}`);
      continue;
    }
    const article = /Điều\s+(\d+[a-zđ]?)/iu.exec(e.source.article)?.[1]?.toLowerCase();
    if (!article) continue;
    const cited = chunksUnder(doc.id, article);
    if (!cited.length) flag(`Không tìm thấy Điều ${article} trong văn bản ${e.source.number}`);
    else if (cited.some((id) => changedChunkIds.has(id))) flag(`Nội dung Điều ${article} của văn bản ${e.source.number} vừa thay đổi`);
  }
  return out;
}
