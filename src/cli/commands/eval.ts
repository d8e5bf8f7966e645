import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../../config/index.js';
import { AnswerComposer } from '../../answer/index.js';
import { Analyzer } from '../../text/analyzer.js';
import { loadGlossary } from '../load-glossary.js';
import { buildPassageRetriever } from '../../search/passage-corpus.js';
import { runEval } from '../../search/eval-runner.js';
import type { Command } from '../args.js';
import { readJsonl } from '../jsonl.js';
import { isPassage, isQuestion, runLeaveDocsOutEval, runOfficialEval } from './eval-answers.js';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Measure retrieval (recall, mrr) or the answer decision (knowledge dev set, leave-documents-out).',
  usage: [
    'eval --corpus C.jsonl --questions Q.jsonl [--out R.jsonl]',
    '       eval --corpus C.jsonl --questions Q.jsonl --leave-docs-out [--seeds 1,2,3,4,5] [--fraction 0.1] [--offtopic F.jsonl] [--out rows.jsonl]',
    '       eval --corpus C.jsonl --questions Q.jsonl --leave-passages-out [--seeds …] [--fraction 0.1] [--offtopic F.jsonl] [--out rows.jsonl]',
    '       eval --knowledge knowledge/ --questions eval/official/*.jsonl [--offtopic eval/offtopic/] [--out rows.jsonl]',
  ].join('\n'),
  options: {
    corpus: { type: 'string', description: 'Passages, one JSON per line: id, doc, title, text' },
    questions: { type: 'string', description: 'Questions (JSONL); with --knowledge also several files or a folder' },
    knowledge: { type: 'string', description: 'Knowledge folder: run the official-style dev set through the ask path' },
    offtopic: { type: 'string', description: 'Social/off-topic/junk messages (JSONL file or folder), must not be answered' },
    'leave-docs-out': { type: 'boolean', description: 'With --corpus: remove a share of the documents per seed and measure the answer decision' },
    'leave-passages-out': { type: 'boolean', description: 'With --corpus: remove the labelled passages of a share of the questions per seed (their documents kept) and measure the answer decision' },
    seeds: { type: 'string', description: 'Leave-documents-out (or -passages-out) seeds, comma-separated', default: '1,2,3,4,5' },
    fraction: { type: 'string', description: 'Share of the documents (by passages: of the questions) removed per seed', default: '0.1' },
    json: { type: 'boolean', description: 'Answer measurements: print the summary as JSON instead of Markdown' },
    out: { type: 'string', description: 'Write one result line per question here' },
  },
  async run({ values, positionals }) {
    const questionPaths = [values.questions, ...positionals].filter((q): q is string => typeof q === 'string');
    const answerArgs = {
      command: `npm run cchc -- eval ${process.argv.slice(3).join(' ')}`,
      offtopic: typeof values.offtopic === 'string' ? [values.offtopic] : [],
      out: typeof values.out === 'string' ? values.out : undefined,
      json: values.json === true,
    };
    if (typeof values.knowledge === 'string') {
      if (!questionPaths.length) return usageError('--knowledge needs --questions (files or a folder)');
      return runOfficialEval(values.knowledge, questionPaths, answerArgs);
    }
    if (typeof values.corpus !== 'string' || typeof values.questions !== 'string') {
      return usageError('give --corpus and --questions, or --knowledge and --questions (see --help)');
    }
    if (values['leave-docs-out'] && values['leave-passages-out']) return usageError('give --leave-docs-out or --leave-passages-out, not both');
    if (values['leave-docs-out'] || values['leave-passages-out']) {
      const seeds = String(values.seeds).split(',').map((s) => Number(s.trim()));
      const fraction = Number(values.fraction);
      if (seeds.some((s) => !Number.isInteger(s))) return usageError(`--seeds must be whole numbers separated by commas, got "${values.seeds}"`);
      if (!(fraction > 0 && fraction < 1)) return usageError(`--fraction must be a number between 0 and 1, got "${values.fraction}"`);
      return runLeaveDocsOutEval(values.corpus, values.questions, seeds, fraction, answerArgs, values['leave-passages-out'] ? 'passages' : 'documents');
    }
    return retrievalEval(values.corpus, values.questions, typeof values.out === 'string' ? values.out : undefined);
  },
};

function usageError(text: string): number {
  process.stderr.write(`eval: ${text}\n`);
  return 2;
}

/** The retrieval benchmark: recall@1/5/10, mrr@10, answered share and latency over a passage corpus. */
async function retrievalEval(corpus: string, questionsPath: string, out: string | undefined): Promise<number> {
  const cfg = loadConfig();
  const passages = await readJsonl(corpus, isPassage, 'passage');
  const questions = await readJsonl(questionsPath, isQuestion, 'question');
  const analyzer = new Analyzer();
  const glossary = await loadGlossary(cfg.knowledgeDir);
  const t0 = performance.now();
  const retriever = buildPassageRetriever(passages, analyzer, glossary);
  const buildMs = performance.now() - t0;
  const composer = new AnswerComposer({ threshold: cfg.answerThreshold, cautionBelow: cfg.answerCautionBelow });
  const { rows, summary } = runEval(retriever, questions, (result) => composer.wouldAnswer(result));
  if (out) await writeFile(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const result = {
    ...summary,
    passages: passages.length,
    index_build_ms: Math.round(buildMs),
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
