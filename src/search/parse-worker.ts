/**
 * Entry point of the parse child process (see `isolated-file-parser.ts`): receives one job at a time over
 * IPC, parses it with the size limits it was started with (`argv[2]`, JSON; OCR settings in `argv[3]`) and
 * sends the result or a
 * serialised error back. It runs from the compiled `dist/` JavaScript, never from TypeScript sources, and
 * exits when its parent goes away.
 */
import { describeError, isAppError } from '../common/errors.js';
import { limitKindOf, resolveLimits } from '../ingest/loaders/index.js';
import type { LoadLimits } from '../ingest/loaders/index.js';
import { parseConfigFile, parseKnowledgeFile, trialLoadFile } from './parse-file.js';
import type { ParseJob, ParseReply } from './parse-protocol.js';
import { configureOcr } from '../ingest/ocr/index.js';
import type { OcrServiceOptions } from '../ingest/ocr/index.js';

const limits: LoadLimits = resolveLimits(JSON.parse(process.argv[2] ?? '{}') as Partial<LoadLimits>);

async function run(job: ParseJob): Promise<ParseReply> {
  try {
    if (job.kind === 'parse') {
      return { id: job.id, ok: true, value: await parseKnowledgeFile({ knowledgeDir: job.knowledgeDir, relPath: job.relPath, bytes: job.bytes }, limits) };
    }
    if (job.kind === 'config') return { id: job.id, ok: true, value: parseConfigFile(job.config, job.text) };
    return { id: job.id, ok: true, value: await trialLoadFile(job.relPath, job.bytes, limits) };
  } catch (err: unknown) {
    if (isAppError(err)) return { id: job.id, ok: false, code: err.code, detail: err.detail, limit: limitKindOf(err) };
    return { id: job.id, ok: false, message: describeError(err) };
  }
}

// Scanned pages: the OCR settings of the server (worker threads, cache under DATA_DIR, budgets), `argv[3]`.
const ocr = JSON.parse(process.argv[3] ?? 'null') as OcrServiceOptions | null;
if (ocr) await configureOcr(ocr);

process.on('message', (job: ParseJob) => {
  void run(job).then((reply) => process.send?.(reply));
});
process.on('disconnect', () => process.exit(0));
// Modules are loaded: the parent starts the job's clock from here, not from the process start.
process.send?.({ ready: true });
