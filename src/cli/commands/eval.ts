import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { AnswerComposer } from '../../answer/index.js';
import { Analyzer } from '../../text/analyzer.js';
import { emptyGlossary, parseGlossary } from '../../text/glossary.js';
import type { Glossary } from '../../text/glossary.js';
import { buildPassageRetriever } from '../../search/passage-corpus.js';
import type { Passage } from '../../search/passage-corpus.js';
import { runEval } from '../../search/eval-runner.js';
import type { EvalQuestion } from '../../search/eval-runner.js';
import type { Command } from '../args.js';
import { readJsonl } from '../jsonl.js';

const isPassage = (v: unknown): v is Passage =>
  !!v && typeof v === 'object' && ['id', 'doc', 'title', 'text'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');
const isQuestion = (v: unknown): v is EvalQuestion =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as EvalQuestion).id === 'string' &&
  typeof (v as EvalQuestion).question === 'string' &&
  Array.isArray((v as EvalQuestion).relevant);

/** Loads the admin glossary from the knowledge folder (empty when absent). */
export async function loadGlossary(knowledgeDir: string): Promise<Glossary> {
  try {
    return parseGlossary(await readFile(join(knowledgeDir, 'glossary.yaml'), 'utf8')).glossary;
  } catch {
    return emptyGlossary();
  }
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Measure retrieval on a passage corpus and questions (recall@1/5/10, mrr@10, answered share, latency).',
  usage: 'eval --corpus C.jsonl --questions Q.jsonl [--out R.jsonl]',
  options: {
    corpus: { type: 'string', description: 'Passages, one JSON per line: id, doc, title, text' },
    questions: { type: 'string', description: 'Questions, one JSON per line: id, question, relevant[]' },
    out: { type: 'string', description: 'Write one result line per question here' },
  },
  async run({ values }) {
    if (typeof values.corpus !== 'string' || typeof values.questions !== 'string') {
      process.stderr.write('eval: --corpus and --questions are required (see --help)\n');
      return 2;
    }
    const cfg = loadConfig();
    const passages = await readJsonl(values.corpus, isPassage, 'passage');
    const questions = await readJsonl(values.questions, isQuestion, 'question');
    const analyzer = new Analyzer();
    const glossary = await loadGlossary(cfg.knowledgeDir);
    const t0 = performance.now();
    const retriever = buildPassageRetriever(passages, analyzer, glossary);
    const buildMs = performance.now() - t0;
    const composer = new AnswerComposer({ threshold: cfg.answerThreshold });
    const { rows, summary } = runEval(retriever, questions, (c, faq) => faq || c >= composer.threshold);
    if (typeof values.out === 'string') await writeFile(values.out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const out = {
      ...summary,
      passages: passages.length,
      index_build_ms: Math.round(buildMs),
      rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  },
};
