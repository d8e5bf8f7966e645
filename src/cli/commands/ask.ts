import { configureOcr } from '../../ingest/ocr/index.js';
import { loadConfig } from '../../config/index.js';
import { AnswerComposer } from '../../answer/index.js';
import { KnowledgeBase } from '../../search/knowledge-base.js';
import type { Command } from '../args.js';
import { renderAnswerText } from '../render-answer.js';

export const askCommand: Command = {
  name: 'ask',
  summary: 'Answer one question from the indexed knowledge folder, with citations and confidence.',
  usage: 'ask "<câu hỏi>" [--json]',
  options: { json: { type: 'boolean', description: 'Print the answer structure as JSON' } },
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
    const answer = new AnswerComposer({ threshold: cfg.answerThreshold }).compose(result);
    if (values.json) process.stdout.write(`${JSON.stringify({ answer, confidence: result.confidence, ms: result.ms }, null, 2)}\n`);
    else process.stdout.write(`${renderAnswerText(answer)}\n\nĐộ tin cậy: ${answer.confidence.toFixed(2)} (${result.ms.toFixed(1)} ms)\n`);
    return 0;
  },
};
