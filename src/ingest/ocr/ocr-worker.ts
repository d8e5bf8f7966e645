/**
 * Entry point of one OCR pool worker thread (see worker-pool-engine.ts): renders and recognises the
 * pages it is sent with an {@link InProcessOcrEngine}, so pdf.js rendering and image decoding never run
 * on the server's main thread. Messages: {@link WorkerRequest} in, {@link WorkerReply} out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../../common/errors.js';
import { InProcessOcrEngine, type OcrEngineOptions } from './in-process-engine.js';
import type { OcrInput, OcrPage } from './ocr-types.js';

/** One job for a pool worker. */
export interface WorkerRequest {
  id: number;
  relPath: string;
  input: OcrInput;
}

/** The worker's answer to a {@link WorkerRequest}. */
export type WorkerReply = { id: number; pages: OcrPage[] } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  const engine = new InProcessOcrEngine(workerData as OcrEngineOptions);
  port.on('message', (request: WorkerRequest) => {
    engine.recognize(request.input, { relPath: request.relPath }).then(
      (pages) => port.postMessage({ id: request.id, pages } satisfies WorkerReply),
      (error: unknown) => port.postMessage({ id: request.id, error: describeError(error) } satisfies WorkerReply),
    );
  });
}
