/**
 * The process-wide OCR engine the loaders use. The composition root configures it once from the
 * settings ({@link configureOcr}); until then a single in-process engine is created on first use, so
 * tools and tests that never configure anything still read scans.
 *
 * Why a registry and not a loader option: `loadSource(file)` is called from the reindex, the admin
 * document service and the CLI, and the loaders keep that one-argument shape.
 */
import type { OcrEngine } from './ocr-types.js';
import { InProcessOcrEngine } from './in-process-engine.js';

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
