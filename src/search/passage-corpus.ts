import { sha256 } from '../common/hash.js';
import type { Analyzer } from '../text/analyzer.js';
import type { Glossary } from '../text/glossary.js';
import { parseDocReference } from '../text/doc-number.js';
import type { DocumentMeta } from '../ingest/legal-unit.js';
import { DEFAULT_BM25, KeywordIndex } from './keyword-index.js';
import type { ParallelBuildOptions } from './parallel-build.js';
import type { IndexableText } from './keyword-index.js';
import { PassageStoreBuilder } from './passage-store.js';
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
 *
 * Passages are read once, in order, and kept as UTF-8 in a {@link PassageStore}: `passages` may be a
 * generator, and then no passage stays in memory as JS strings (what the scale benchmark measures).
 */
export function buildPassageRetriever(passages: Iterable<Passage>, analyzer: Analyzer, glossary: Glossary): Retriever {
  const corpus = passageCorpus(passages);
  const index = KeywordIndex.build(corpus.records(), analyzer);
  return corpus.retriever(index, analyzer, glossary);
}

/** {@link buildPassageRetriever} with the index built in worker threads ({@link KeywordIndex.buildAsync}). */
export async function buildPassageRetrieverAsync(passages: Iterable<Passage>, analyzer: Analyzer, glossary: Glossary, options: ParallelBuildOptions = {}): Promise<Retriever> {
  const corpus = passageCorpus(passages);
  const index = await KeywordIndex.buildAsync(corpus.records(), analyzer, DEFAULT_BM25, options);
  return corpus.retriever(index, analyzer, glossary);
}

/** The passages as index records, stored as chunks while they are read; then the retriever over them. */
function passageCorpus(passages: Iterable<Passage>) {
  const docs = new Map<string, DocumentMeta>();
  const store = new PassageStoreBuilder();
  function* records(): Generator<IndexableText> {
    for (const p of passages) {
      if (!docs.has(p.doc)) {
        const ref = parseDocReference(p.doc)[0];
        const number = ref?.canonical ?? '';
        docs.set(p.doc, { number, title: number ? p.doc.replace(number, '').trim() : p.doc, status: 'unknown' });
      }
      const article = /^Điều\s+(\d+[a-zđ]?)/iu.exec(p.title)?.[1] ?? '';
      store.add({
        id: p.id,
        docId: p.doc,
        headings: article ? [{ kind: 'article', number: article, heading: p.title.replace(/^Điều\s+\S+\s*[.:]?\s*/u, '') }] : [],
        citationPath: article ? `Điều ${article}` : p.title,
        title: p.title,
        text: p.text,
        hash: sha256(`${p.title}\n${p.text}`),
      });
      yield { doc: p.doc, heading: p.title, body: p.text };
    }
  }
  return {
    records,
    retriever(index: KeywordIndex, analyzer: Analyzer, glossary: Glossary): Retriever {
      const chunks = store.finish().chunks();
      return new Retriever({ index, chunks, docs, analyzer, expander: new QueryExpander(analyzer, glossary) });
    },
  };
}
