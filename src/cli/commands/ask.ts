import { configureOcr } from '../../ingest/ocr/index.js';
import { loadConfig } from '../../config/index.js';
import { AnswerComposer, answerByParts } from '../../answer/index.js';
import type { Answer } from '../../answer/index.js';
import { answerToPlainText } from '../../conversation/index.js';
import { KnowledgeBase } from '../../search/knowledge-base.js';
import type { SearchResult } from '../../search/types.js';
import type { Command } from '../args.js';

export const askCommand: Command = {
  name: 'ask',
  summary: 'Answer one question from the indexed knowledge folder, as officials read it (--json adds confidence and timing).',
  usage: 'ask "<câu hỏi>" [--json]',
  options: { json: { type: 'boolean', description: 'Print the answer structure as JSON, with the confidence and the search time' } },
  async run({ values, positionals }) {
    const question = positionals.join(' ').trim();
    if (!question) {
      process.stderr.write('ask: give the question in quotes, e.g. npm run cchc -- ask "Thủ tục hành chính là gì?"\n');
      return 2;
    }
    const cfg = loadConfig();
    await configureOcr({ ...cfg.ocr, dataDir: cfg.dataDir });
    const kb = await KnowledgeBase.open({ dataDir: cfg.dataDir, knowledgeDir: cfg.knowledgeDir });
    const result = kb.search(question);
    const composer = new AnswerComposer({ threshold: cfg.answerThreshold, cautionBelow: cfg.answerCautionBelow });
    // As the conversation core answers: a question in several parts may be answered part by part.
    const answer = await answerByParts(question, result, { search: (t) => kb.search(t), compose: (r) => composer.compose(r), wouldAnswer: (r) => composer.wouldAnswer(r) });
    process.stdout.write(`${askOutput(answer, result, values.json === true)}\n`);
    return 0;
  },
};

/**
 * What `ask` prints: the answer in the layout officials read on every channel (no confidence, no timing),
 * or with `--json` the whole answer structure plus the confidence and the search time, for staff and tests.
 */
export function askOutput(answer: Answer, result: Pick<SearchResult, 'confidence' | 'ms'>, json: boolean): string {
  if (json) return JSON.stringify({ answer, confidence: result.confidence, ms: result.ms }, null, 2);
  return answerToPlainText(answer);
}
