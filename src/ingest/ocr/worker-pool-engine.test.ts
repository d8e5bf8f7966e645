import { afterEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { isAppError } from '../../common/errors.js';
import { WorkerPoolOcrEngine } from './worker-pool-engine.js';
import type { OcrInput } from './ocr-types.js';

const FAKE_WORKER = fileURLToPath(new URL('../../../test/fixtures/ocr/fake-ocr-worker.mjs', import.meta.url));
const pdf = (pages: number[]): OcrInput => ({ kind: 'pdf', bytes: new Uint8Array([1, 2, 3]), pages });

let pool: WorkerPoolOcrEngine | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

async function rejection(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(isAppError(error, 'DOCUMENT_UNREADABLE'), `expected DOCUMENT_UNREADABLE, got ${String(error)}`).toBe(true);
  return String((error as Error).message);
}

describe('WorkerPoolOcrEngine', () => {
  it('recognises the pages in worker threads, spread over the workers, and returns them in page order', async () => {
    pool = new WorkerPoolOcrEngine({ workers: 2, workerFile: FAKE_WORKER, workerData: { delayMs: 20 } });
    const progress: number[] = [];
    const pages = await pool.recognize(pdf([3, 1, 2, 4]), { relPath: 'scan.pdf', onPage: (_p, done) => progress.push(done) });
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    // The fake worker reports its thread id as `ms`: never the main thread (0), and two distinct workers.
    const threads = new Set(pages.map((p) => p.ms));
    expect(threads.has(0)).toBe(false);
    expect(threads.size).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('stops a page that runs over the page budget, names the setting, and replaces the worker', async () => {
    pool = new WorkerPoolOcrEngine({ workers: 1, pageTimeoutMs: 1500, workerFile: FAKE_WORKER, workerData: { hang: [2] } });
    expect(await rejection(pool.recognize(pdf([1, 2, 3]), { relPath: 'scan.pdf' }))).toMatch(/scan\.pdf: OCR of page 2 ran over the time budget of 1\.5 s per page \(OCR_PAGE_TIMEOUT_S\)/u);
    const again = await pool.recognize(pdf([1]), { relPath: 'other.pdf' });
    expect(again.map((p) => p.page)).toEqual([1]);
  });

  it('refuses the rest of a file once its budget is spent', async () => {
    pool = new WorkerPoolOcrEngine({ workers: 1, pageTimeoutMs: 10_000, fileTimeoutMs: 1500, workerFile: FAKE_WORKER, workerData: { delayMs: 400 } });
    expect(await rejection(pool.recognize(pdf([1, 2, 3, 4, 5, 6, 7, 8]), { relPath: 'long.pdf' }))).toMatch(/long\.pdf: .*OCR_FILE_TIMEOUT_S/u);
  });

  it('reports a page the worker cannot read, and a worker that dies', async () => {
    pool = new WorkerPoolOcrEngine({ workers: 1, workerFile: FAKE_WORKER, workerData: { fail: [2], crash: [5] } });
    expect(await rejection(pool.recognize(pdf([1, 2]), { relPath: 'a.pdf' }))).toMatch(/page 2 is unreadable/u);
    expect(await rejection(pool.recognize(pdf([5]), { relPath: 'b.pdf' }))).toMatch(/b\.pdf: the OCR worker stopped on page 5/u);
    expect((await pool.recognize(pdf([1]), { relPath: 'c.pdf' })).length).toBe(1);
  });
});
