/**
 * The process-wide OCR engine the loaders use. The composition root configures it once from the
 * settings ({@link configureOcr}); until then a single in-process engine is created on first use, so
 * tools and tests that never configure anything still read scans.
 *
 * Why a registry and not a loader option: `loadSource(file)` is called from the reindex, the admin
 * document service and the CLI, and the loaders keep that one-argument shape.
 */
import { join } from 'node:path';
import type { OcrEngine } from './ocr-types.js';
import { InProcessOcrEngine } from './in-process-engine.js';
import { CachingOcrEngine } from './ocr-cache.js';
import { DEFAULT_OCR_DPI } from './page-renderer.js';
import { WorkerPoolOcrEngine } from './worker-pool-engine.js';

let current: OcrEngine | null = null;
let disabled = false;

/** Installs `engine` as the OCR engine (closing none); `null` disables OCR (scans fail as before). */
export function setOcrEngine(engine: OcrEngine | null): void {
  current = engine;
  disabled = engine === null;
}

/** The configured engine, a default in-process one, or undefined when OCR is disabled. */
export function ocrEngine(): OcrEngine | undefined {
  if (disabled) return undefined;
  current ??= new InProcessOcrEngine();
  return current;
}

/** Closes the current engine's workers (at shutdown); the next use creates a default one again. */
export async function closeOcrEngine(): Promise<void> {
  const engine = current;
  current = null;
  disabled = false;
  if (engine) await engine.close();
}

/** Settings for {@link configureOcr} (from `Config.ocr` and `DATA_DIR`). */
export interface OcrServiceOptions {
  /** Worker threads; 0 turns OCR off. */
  workers: number;
  pageTimeoutMs: number;
  fileTimeoutMs: number;
  /** DATA_DIR: results are cached in its `ocr-cache` folder. */
  dataDir: string;
}

/**
 * Installs the server's OCR engine: a worker pool behind a cache in `DATA_DIR/ocr-cache`, or none
 * when `workers` is 0. Closes the engine it replaces.
 *
 * @example await configureOcr({ ...config.ocr, dataDir: config.dataDir });
 */
export async function configureOcr(options: OcrServiceOptions): Promise<void> {
  const previous = current;
  if (options.workers === 0) {
    setOcrEngine(null);
  } else {
    const pool = new WorkerPoolOcrEngine({ workers: options.workers, pageTimeoutMs: options.pageTimeoutMs, fileTimeoutMs: options.fileTimeoutMs });
    setOcrEngine(new CachingOcrEngine(pool, { dir: join(options.dataDir, 'ocr-cache'), settings: `dpi=${DEFAULT_OCR_DPI} model=standard cleanup=red,deskew` }));
  }
  if (previous && previous !== current) await previous.close();
}
