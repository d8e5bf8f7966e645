/**
 * The official-style dev set over `knowledge/`: every question goes through the same path as
 * `ask --json` (search, then compose); follow-ups are searched after their previous question the way the
 * conversation core does it.
 */
import { canonicalDocNumber } from '../text/doc-number.js';
import { isFollowUp } from '../conversation/index.js';
import type { Answer } from '../answer/index.js';
import type { SearchResult } from '../search/types.js';
import { answerDetail, decide, featuresOf } from './decision.js';
import type { AnswerPath, DecisionRow } from './decision.js';
import type { OffTopicMessage, OfficialQuestion, RelevantSource } from './dev-set.js';

/**
 * The text the conversation core searches for a question asked right after `previous`: both together,
 * the follow-up first, when the question reads as one ("còn cấp xã thì sao?"), else the question alone.
 */
export function followUpSearchText(question: string, previous: string | undefined): string {
  if (!previous) return question;
  return isFollowUp(question, 0, 0) ? `${question} ${previous}` : question;
}

/** Runs the dev questions and the off-topic messages; one row each. */
export async function evaluateOfficial(path: AnswerPath, questions: readonly OfficialQuestion[], messages: readonly OffTopicMessage[]): Promise<DecisionRow[]> {
  const rows: DecisionRow[] = [];
  for (const q of questions) {
    const text = followUpSearchText(q.question, q.previous);
    const d = await decide(path, text);
    const group = q.covered ? 'covered' : 'uncovered';
    const docs = sourceDocs(d.answer, d.result);
    const right = q.covered && docs.some((n) => matchesRelevant(n, q.relevant));
    const articleLabels = q.relevant.filter((r) => r.article);
    const articleRight =
      q.covered && d.answer.kind === 'answer' && articleLabels.length
        ? d.answer.citations.some((c) => articleLabels.some((r) => sameDoc(c.docNumber, r.doc) && citesArticle(`${c.path} ${c.officialRef ?? ''}`, r.article as string)))
        : undefined;
    rows.push({
      id: q.id,
      group,
      text,
      answered: d.answer.kind === 'answer',
      kind: d.answer.kind,
      detail: answerDetail(d.answer),
      confidence: d.answer.confidence,
      right,
      ...(articleRight !== undefined ? { articleRight } : {}),
      features: featuresOf(d.result),
      styles: q.styles,
      consistent: d.consistent,
      ms: d.ms,
    });
  }
  for (const m of messages) {
    const d = await decide(path, m.text);
    rows.push({
      id: m.id,
      group: m.kind,
      text: m.text,
      answered: d.answer.kind === 'answer',
      kind: d.answer.kind,
      detail: answerDetail(d.answer),
      confidence: d.answer.confidence,
      right: false,
      features: featuresOf(d.result),
      styles: [m.kind],
      consistent: d.consistent,
      ms: d.ms,
    });
  }
  return rows;
}

/**
 * The document(s) the bot answers from: an answer's first citation; for a message it did not answer,
 * what it would have answered from (the FAQ source, else the top hit), so calibration can be fitted.
 */
function sourceDocs(answer: Answer, result: SearchResult): string[] {
  if (answer.kind === 'answer') return answer.citations.length ? [answer.citations[0].docNumber] : [];
  if (result.faq) return [result.faq.entry.source.number];
  return result.hits.length ? [result.hits[0].doc.number] : [];
}

function matchesRelevant(number: string, relevant: readonly RelevantSource[]): boolean {
  return relevant.some((r) => sameDoc(number, r.doc));
}

/** Same document number, compared in canonical form ("ND-CP" and "NĐ-CP" agree). */
export function sameDoc(a: string, b: string): boolean {
  if (!a || !b) return false;
  return (canonicalDocNumber(a) ?? a.trim()) === (canonicalDocNumber(b) ?? b.trim());
}

/** Whether a citation path ("Khoản 2 Điều 17", "Khoản 1–3 Điều 8") names the article ("Điều 17"). */
function citesArticle(path: string, article: string): boolean {
  const want = /(\d+[a-zđ]?)/iu.exec(article)?.[1]?.toLowerCase();
  if (!want) return false;
  return [...path.matchAll(/Điều\s+(\d+[a-zđ]?)/giu)].some((m) => m[1].toLowerCase() === want);
}
