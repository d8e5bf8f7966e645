/**
 * The answer measurements of `eval`: the official-style dev set over a knowledge folder, and
 * leave-documents-out on a passage corpus. Both run the bot's own search → compose path.
 */
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../../config/index.js';
import { AnswerComposer } from '../../answer/index.js';
import { Analyzer } from '../../text/analyzer.js';
import { buildSnapshot } from '../../search/reindex.js';
import { retrieverFromSnapshot } from '../../search/knowledge-base.js';
import type { Passage } from '../../search/passage-corpus.js';
import type { EvalQuestion } from '../../search/eval-runner.js';
import { readOfficialQuestions, readOffTopicMessages } from '../../eval/dev-set.js';
import { evaluateOfficial } from '../../eval/official-eval.js';
import { leaveDocsOut } from '../../eval/leave-docs-out.js';
import { leaveDocsOutMarkdown, officialMarkdown } from '../../eval/report-md.js';
import { summarize } from '../../eval/summary.js';
import type { DecisionRow } from '../../eval/decision.js';
import { readJsonl } from '../jsonl.js';
import { loadGlossary } from '../load-glossary.js';

/** Options shared by the two answer measurements (already parsed from the command line). */
export interface AnswerEvalArgs {
  /** The command as typed, printed above the figures. */
  command: string;
  offtopic: string[];
  out?: string;
  json: boolean;
}

/** `eval --knowledge DIR --questions FILES…`: the official-style dev set through `ask`'s path. */
export async function runOfficialEval(knowledgeDir: string, questionPaths: string[], a: AnswerEvalArgs): Promise<number> {
  const cfg = loadConfig();
  const questions = await readOfficialQuestions(questionPaths);
  const messages = a.offtopic.length ? await readOffTopicMessages(a.offtopic) : [];
  const analyzer = new Analyzer();
  const { content, report } = await buildSnapshot({ knowledgeDir, analyzer });
  for (const f of report.failed) process.stderr.write(`eval: ${f.file} skipped: ${f.reason}\n`);
  const { retriever } = retrieverFromSnapshot(content, analyzer);
  const composer = new AnswerComposer({ threshold: cfg.answerThreshold, cautionBelow: cfg.answerCautionBelow });
  const rows = await evaluateOfficial(
    { search: (t) => retriever.search(t), compose: (r) => composer.compose(r), wouldAnswer: (r) => composer.wouldAnswer(r) },
    questions,
    messages,
  );
  await finish(rows, a, () => officialMarkdown(rows, a.command));
  return 0;
}

/**
 * `eval --corpus C --questions Q --leave-docs-out`: answered shares with a tenth of the documents removed;
 * `--leave-passages-out`: with the labelled passages of a tenth of the questions removed, their documents kept.
 */
export async function runLeaveDocsOutEval(
  corpusPath: string,
  questionsPath: string,
  seeds: number[],
  fraction: number,
  a: AnswerEvalArgs,
  unit: 'documents' | 'passages' = 'documents',
): Promise<number> {
  const cfg = loadConfig();
  const passages = await readJsonl(corpusPath, isPassage, 'passage');
  const questions = await readJsonl(questionsPath, isQuestion, 'question');
  const messages = a.offtopic.length ? await readOffTopicMessages(a.offtopic) : [];
  const composer = new AnswerComposer({ threshold: cfg.answerThreshold, cautionBelow: cfg.answerCautionBelow });
  const runs = await leaveDocsOut({
    passages,
    questions,
    messages,
    seeds,
    fraction,
    unit,
    analyzer: new Analyzer(),
    glossary: await loadGlossary(cfg.knowledgeDir),
    composer,
    onSeed: (seed, removed) => process.stderr.write(`eval: seed ${seed} done (removed ${removed.length} ${unit})\n`),
  });
  const docCount = new Set(passages.map((p) => p.doc)).size;
  const rows = runs.flatMap((r) => r.rows);
  await finish(rows, a, () => leaveDocsOutMarkdown(runs, a.command, docCount, unit));
  return 0;
}

async function finish(rows: DecisionRow[], a: AnswerEvalArgs, markdown: () => string): Promise<void> {
  if (a.out) await writeFile(a.out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  if (a.json) process.stdout.write(`${JSON.stringify(summarize(rows))}\n`);
  else process.stdout.write(`${markdown()}\n`);
}

/** Checks one corpus line. */
export const isPassage = (v: unknown): v is Passage =>
  !!v && typeof v === 'object' && ['id', 'doc', 'title', 'text'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');

/** Checks one benchmark question line. */
export const isQuestion = (v: unknown): v is EvalQuestion =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as EvalQuestion).id === 'string' &&
  typeof (v as EvalQuestion).question === 'string' &&
  Array.isArray((v as EvalQuestion).relevant);
