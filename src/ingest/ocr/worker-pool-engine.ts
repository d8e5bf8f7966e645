/**
 * The server's {@link OcrEngine}: a small pool of worker threads (ocr-worker.ts), each rendering and
 * recognising one page at a time, so a reindex with scans never blocks webhooks on the main thread.
 * Each page has a time budget (the worker is stopped and replaced when it runs over) and so has each
 * file (its remaining pages are refused once the budget is spent); each worker's heap is capped.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../common/errors.js';
import type { OcrEngineOptions } from './in-process-engine.js';
import type { OcrEngine, OcrInput, OcrPage, OcrRequestOptions } from './ocr-types.js';
import type { WorkerReply, WorkerRequest } from './ocr-worker.js';

/** Options for {@link WorkerPoolOcrEngine}. */
export interface WorkerPoolOptions extends OcrEngineOptions {
  /** Worker threads; default 1. Each holds one engine and model (about 100–200 MB while recognising). */
  workers?: number;
  /** Longest one page may take, ms; default 120 000. */
  pageTimeoutMs?: number;
  /** Longest all the requested pages of one file may take, ms; default 1 800 000. */
  fileTimeoutMs?: number;
  /** The compiled worker script; default `ocr-worker.js` beside this module (under dist/ when run from sources). */
  workerFile?: string;
  /**
   * Heap cap of each worker (pdf.js page rendering), MB; default 1024. A page that needs more stops its
   * worker and is reported as failed, the server carries on. (The recogniser's WebAssembly memory lives
   * in tesseract.js's own thread and is bounded by the image size at the fixed rendering resolution.)
   */
  maxHeapMb?: number;
  /** Extra `workerData` for a custom `workerFile` (tests). */
  workerData?: Record<string, unknown>;
}

interface FileRun {
  relPath: string;
  deadline: number;
  failed: boolean;
}

interface Job {
  run: FileRun;
  input: OcrInput;
  page: number;
  resolve: (pages: OcrPage[]) => void;
  reject: (error: AppError) => void;
}

interface Slot {
  worker: Worker | null;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  id: number;
}

/** See the module comment. */
export class WorkerPoolOcrEngine implements OcrEngine {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private readonly pageTimeoutMs: number;
  private readonly fileTimeoutMs: number;
  private readonly workerFile: string;
  private readonly workerData: Record<string, unknown>;
  private readonly maxHeapMb: number;
  private closed = false;
  private nextId = 1;

  constructor(options: WorkerPoolOptions = {}) {
    this.slots = Array.from({ length: Math.max(1, options.workers ?? 1) }, () => ({ worker: null, job: null, timer: null, id: 0 }));
    this.pageTimeoutMs = options.pageTimeoutMs ?? 120_000;
    this.fileTimeoutMs = options.fileTimeoutMs ?? 1_800_000;
    this.workerFile = options.workerFile ?? defaultWorkerFile();
    this.maxHeapMb = options.maxHeapMb ?? 1024;
    const engine: OcrEngineOptions = { ...(options.dpi !== undefined && { dpi: options.dpi }), ...(options.model && { model: options.model }) };
    this.workerData = { ...engine, ...options.workerData };
  }

  async recognize(input: OcrInput, options: OcrRequestOptions): Promise<OcrPage[]> {
    if (this.closed) throw new AppError('INTERNAL', 'the OCR worker pool is closed');
    const run: FileRun = { relPath: options.relPath, deadline: Date.now() + this.fileTimeoutMs, failed: false };
    const pages = input.kind === 'pdf' ? input.pages : [1];
    let done = 0;
    const jobs = pages.map(
      (page) =>
        new Promise<OcrPage[]>((resolve, reject) => {
          const single: OcrInput = input.kind === 'pdf' ? { ...input, pages: [page] } : input;
          this.queue.push({ run, input: single, page, resolve, reject });
        }).then((result) => {
          done += 1;
          for (const p of result) options.onPage?.(p, done, pages.length);
          return result;
        }),
    );
    this.pump();
    try {
      return (await Promise.all(jobs)).flat().sort((a, b) => a.page - b.page);
    } catch (error: unknown) {
      run.failed = true;
      await Promise.allSettled(jobs);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new AppError('INTERNAL', `${job.run.relPath}: OCR stopped (shutting down)`));
    await Promise.all(this.slots.map((slot) => this.stopWorker(slot)));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.takeJob();
      if (!job) return;
      this.start(slot, job);
    }
  }

  /** The next job whose file is still going and within its budget; others are refused on the way. */
  private takeJob(): Job | undefined {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      if (job.run.failed) job.reject(new AppError('DOCUMENT_UNREADABLE', `${job.run.relPath}: OCR of page ${job.page} skipped after an earlier page failed.`));
      else if (Date.now() >= job.run.deadline) job.reject(this.overBudget(job, 'file'));
      else return job;
    }
    return undefined;
  }

  private start(slot: Slot, job: Job): void {
    const worker = slot.worker ?? this.spawn(slot);
    const id = this.nextId++;
    slot.job = job;
    slot.id = id;
    const budget = Math.min(this.pageTimeoutMs, job.run.deadline - Date.now());
    slot.timer = setTimeout(() => this.fail(slot, this.overBudget(job, budget < this.pageTimeoutMs ? 'file' : 'page'), true), budget);
    worker.ref(); // a busy worker keeps the process alive until the page is done
    worker.postMessage({ id, relPath: job.run.relPath, input: job.input } satisfies WorkerRequest);
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.workerFile, { workerData: this.workerData, resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    worker.on('message', (reply: WorkerReply) => {
      if (slot.worker !== worker || slot.job === null || reply.id !== slot.id) return;
      if ('error' in reply) this.fail(slot, new AppError('DOCUMENT_UNREADABLE', reply.error), false);
      else this.finish(slot, reply.pages);
    });
    worker.on('error', (error: unknown) => {
      if (slot.worker === worker && slot.job) this.fail(slot, new AppError('DOCUMENT_UNREADABLE', `${slot.job.run.relPath}: the OCR worker crashed on page ${slot.job.page} (${String(error)}).`, { cause: error }), true);
    });
    worker.on('exit', () => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      if (slot.job) this.fail(slot, new AppError('DOCUMENT_UNREADABLE', `${slot.job.run.relPath}: the OCR worker stopped on page ${slot.job.page}.`), false);
    });
    slot.worker = worker;
    return worker;
  }

  private finish(slot: Slot, pages: OcrPage[]): void {
    const job = this.release(slot);
    job?.resolve(pages);
    this.pump();
  }

  private fail(slot: Slot, error: AppError, stopWorker: boolean): void {
    const job = this.release(slot);
    if (stopWorker) void this.stopWorker(slot);
    job?.reject(error);
    this.pump();
  }

  /** Frees the slot; its idle worker no longer keeps the process alive (CLI commands exit when done). */
  private release(slot: Slot): Job | null {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    slot.worker?.unref();
    return job;
  }

  private async stopWorker(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = null;
    if (worker) await worker.terminate();
  }

  private overBudget(job: Job, kind: 'page' | 'file'): AppError {
    const limit = kind === 'page' ? `${this.pageTimeoutMs / 1000} s per page (OCR_PAGE_TIMEOUT_S)` : `${this.fileTimeoutMs / 1000} s per file (OCR_FILE_TIMEOUT_S)`;
    return new AppError('DOCUMENT_UNREADABLE', `${job.run.relPath}: OCR of page ${job.page} ran over the time budget of ${limit}; scan it again at a lower resolution or split the file.`);
  }
}

/**
 * `ocr-worker.js` beside this module. Run from TypeScript sources (tests), the compiled worker under
 * `dist/` is used: worker threads cannot load `.ts` files, so `npx tsc -p tsconfig.build.json` first.
 */
function defaultWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), 'ocr-worker.js');
  const root = resolve(dirname(here), '../../..');
  const built = join(root, 'dist/src/ingest/ocr/ocr-worker.js');
  if (!existsSync(built)) throw new AppError('INTERNAL', `the OCR worker is not built (${built}); run "npx tsc -p tsconfig.build.json"`);
  return built;
}
