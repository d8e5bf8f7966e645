/**
 * The retrieval engines compared by `npm run bench`: ours, and two peers set up as a user would.
 * Each engine builds from passages and answers a query with up to 10 passage ids.
 */
import MiniSearch from 'minisearch';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildPassageRetriever } from '../../src/search/passage-corpus.js';
import type { Passage } from '../../src/search/passage-corpus.js';
import type { Glossary } from '../../src/text/glossary.js';

export interface Engine {
  search(query: string): string[];
}

export type EngineName = 'cchc' | 'minisearch' | 'bm25';

export function buildEngine(name: EngineName, passages: Passage[], glossary: Glossary): Engine {
  switch (name) {
    case 'cchc': {
      const r = buildPassageRetriever(passages, new Analyzer(), glossary);
      return { search: (q) => r.search(q, 10).hits.map((h) => h.chunk.id) };
    }
    case 'minisearch': {
      // MiniSearch with default options: only the fields to index are given.
      const ms = new MiniSearch<Passage>({ fields: ['title', 'text'] });
      ms.addAll(passages);
      return { search: (q) => ms.search(q).slice(0, 10).map((h) => String(h.id)) };
    }
    case 'bm25':
      return new PlainBm25(passages);
  }
}

/**
 * Textbook Okapi BM25 (k1 = 1.2, b = 0.75) over title + text, lower-cased Unicode word tokens, with an
 * inverted index of Maps: the reference baseline described in shared/eval/README.md.
 */
export class PlainBm25 implements Engine {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private readonly avg: number;
  private readonly ids: string[];

  constructor(passages: Passage[]) {
    this.ids = passages.map((p) => p.id);
    passages.forEach((p, i) => {
      const toks = tokenize(`${p.title} ${p.text}`);
      this.lengths.push(toks.length);
      for (const t of toks) {
        let m = this.postings.get(t);
        if (!m) this.postings.set(t, (m = new Map()));
        m.set(i, (m.get(i) ?? 0) + 1);
      }
    });
    this.avg = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }

  search(query: string): string[] {
    const n = this.lengths.length;
    const scores = new Map<number, number>();
    for (const t of new Set(tokenize(query))) {
      const m = this.postings.get(t);
      if (!m) continue;
      const idf = Math.log(1 + (n - m.size + 0.5) / (m.size + 0.5));
      for (const [d, tf] of m) {
        const s = (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * this.lengths[d]) / this.avg));
        scores.set(d, (scores.get(d) ?? 0) + s);
      }
    }
    return [...scores].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([d]) => this.ids[d]);
  }
}

function tokenize(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
