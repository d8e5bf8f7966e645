import { sha256 } from '../common/hash.js';
import type { Analyzer } from '../text/analyzer.js';
import type { Glossary } from '../text/glossary.js';
import { parseDocReference } from '../text/doc-number.js';
import type { Chunk, DocumentMeta } from '../ingest/legal-unit.js';
import { KeywordIndex } from './keyword-index.js';
import { QueryExpander } from './query-expander.js';
import { Retriever } from './retriever.js';

/** One line of an eval corpus file: a retrievable passage (an article) of a document. */
export interface Passage {
  id: string;
  /** Document number and title, e.g. "58/2010/QH12 Luật Viên chức 2010". */
  doc: string;
  /** Article heading, e.g. "Điều 28. Thay đổi nội dung…". */
  title: string;
  text: string;
}

/**
 * Builds a Retriever over ready-made passages (the eval format), using the same index, query analysis,
 * glossary expansion and re-ranking as the bot. Each passage is one chunk; its document's number is
 * recognised from the `doc` field so questions that name a document get the same boost.
 */
export function buildPassageRetriever(passages: readonly Passage[], analyzer: Analyzer, glossary: Glossary): Retriever {
  const docs = new Map<string, DocumentMeta>();
  const chunks: Chunk[] = passages.map((p) => {
    if (!docs.has(p.doc)) {
      const ref = parseDocReference(p.doc)[0];
      const number = ref?.canonical ?? '';
      docs.set(p.doc, { number, title: number ? p.doc.replace(number, '').trim() : p.doc, status: 'unknown' });
    }
    const article = /^Điều\s+(\d+[a-zđ]?)/iu.exec(p.title)?.[1] ?? '';
    return {
      id: p.id,
      docId: p.doc,
      headings: article ? [{ kind: 'article', number: article, heading: p.title.replace(/^Điều\s+\S+\s*[.:]?\s*/u, '') }] : [],
      citationPath: article ? `Điều ${article}` : p.title,
      title: p.title,
      text: p.text,
      hash: sha256(`${p.title}\n${p.text}`),
    };
  });
  const index = KeywordIndex.build(
    passages.map((p) => ({ doc: p.doc, heading: p.title, body: p.text })),
    analyzer,
  );
  return new Retriever({ index, chunks, docs, analyzer, expander: new QueryExpander(analyzer, glossary) });
}
