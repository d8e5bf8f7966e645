/**
 * Leave-documents-out measurement on a passage corpus (the shared benchmark): remove a random share of
 * the documents, then ask the questions about the removed documents (must not be answered), the
 * questions still covered (must be answered, with a right passage in the top 5) and messages that are
 * not questions about reform (must not be answered), through the bot's own answer path.
 *
 * Leave-passages-out (`unit: 'passages'`) removes instead the labelled passages of a random share of the
 * questions and keeps the rest of their documents: the answer is missing while its statute is there, as
 * when an official asks about a provision a summary in `knowledge/` leaves out. The other articles of the
 * statute then fill the top five, so the signs that whole documents are missing (several documents
 * competing, none agreeing) do not show.
 */
import type { Analyzer } from '../text/analyzer.js';
import type { Glossary } from '../text/glossary.js';
import { buildPassageRetriever } from '../search/passage-corpus.js';
import type { Passage } from '../search/passage-corpus.js';
import type { EvalQuestion } from '../search/eval-runner.js';
import type { Answer } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';
import { answerDetail, decide, featuresOf } from './decision.js';
import type { AnswerPath, DecisionRow } from './decision.js';
import type { OffTopicMessage } from './dev-set.js';
import { mulberry32 } from '../common/seeded-random.js';

/** Options for {@link leaveDocsOut}. */
export interface LeaveDocsOutOptions {
  passages: readonly Passage[];
  questions: readonly EvalQuestion[];
  /** Social, off-topic and junk messages, asked once per seed. */
  messages: readonly OffTopicMessage[];
  seeds: readonly number[];
  /** Share of the documents (or, by passages, of the questions) removed per seed. Default 0.1. */
  fraction?: number;
  /** What is removed: whole documents (default) or the labelled passages of some questions. */
  unit?: 'documents' | 'passages';
  analyzer: Analyzer;
  glossary: Glossary;
  /** The composer's decision, as the bot makes it. */
  composer: { compose(result: SearchResult): Answer; wouldAnswer(result: SearchResult): boolean };
  /** Called after each seed (progress). */
  onSeed?: (seed: number, removedDocs: string[]) => void;
}

/** Result of one seed: which documents were removed and every decision. */
export interface SeedRun {
  seed: number;
  /** Documents removed (by documents), or passages removed (by passages). */
  removedDocs: string[];
  rows: DecisionRow[];
}

/** Runs the measurement for every seed; each seed builds its own index without the removed documents. */
export async function leaveDocsOut(o: LeaveDocsOutOptions): Promise<SeedRun[]> {
  const docs = [...new Set(o.passages.map((p) => p.doc))].sort();
  const docOf = new Map(o.passages.map((p) => [p.id, p.doc]));
  const runs: SeedRun[] = [];
  const byPassage = o.unit === 'passages';
  const questionIds = o.questions.map((q) => q.id).sort();
  const relevantOf = new Map(o.questions.map((q) => [q.id, q.relevant]));
  for (const seed of o.seeds) {
    // By passages: the labelled passages of the questions picked; a passage another question also needs goes too.
    const removed = new Set(byPassage ? pickDocs(questionIds, o.fraction ?? 0.1, seed).flatMap((id) => relevantOf.get(id) ?? []) : pickDocs(docs, o.fraction ?? 0.1, seed));
    const kept = o.passages.filter((p) => !removed.has(byPassage ? p.id : p.doc));
    const retriever = buildPassageRetriever(kept, o.analyzer, o.glossary);
    const path: AnswerPath = { search: (t) => retriever.search(t, 10), compose: (r) => o.composer.compose(r), wouldAnswer: (r) => o.composer.wouldAnswer(r) };
    const rows: DecisionRow[] = [];
    for (const q of o.questions) {
      const qDocs = byPassage ? q.relevant.map((id) => (docOf.has(id) ? id : undefined)) : q.relevant.map((id) => docOf.get(id));
      const gone = qDocs.filter((d) => d === undefined || removed.has(d)).length;
      // A question with some relevant passages removed and some kept is neither covered nor removed.
      if (gone > 0 && gone < qDocs.length) continue;
      const group = gone === 0 ? 'covered' : 'removed';
      const d = await decide(path, q.question);
      const top5 = new Set(d.result.hits.slice(0, 5).map((h) => h.chunk.id));
      const right = group === 'covered' && q.relevant.some((id) => top5.has(id));
      rows.push(row(q.id, group, seed, q.question, d, right, []));
    }
    for (const m of o.messages) rows.push(row(m.id, m.kind, seed, m.text, await decide(path, m.text), false, []));
    runs.push({ seed, removedDocs: [...removed], rows });
    o.onSeed?.(seed, [...removed]);
  }
  return runs;
}

function row(
  id: string,
  group: DecisionRow['group'],
  seed: number,
  text: string,
  d: Awaited<ReturnType<typeof decide>>,
  right: boolean,
  styles: string[],
): DecisionRow {
  return {
    id,
    group,
    seed,
    text,
    answered: d.answer.kind === 'answer',
    kind: d.answer.kind,
    detail: answerDetail(d.answer),
    confidence: d.answer.confidence,
    right,
    features: featuresOf(d.result),
    styles,
    consistent: d.consistent,
    ms: d.ms,
  };
}

/** A random `fraction` of `docs` (at least one), reproducible from `seed`. */
export function pickDocs(docs: readonly string[], fraction: number, seed: number): string[] {
  const n = Math.max(1, Math.round(docs.length * fraction));
  const rand = mulberry32(seed);
  const pool = [...docs];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n).sort();
}

