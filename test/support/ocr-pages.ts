/**
 * Synthetic OCR results for tests that need what a recogniser returns without running one: lines of
 * words laid out top to bottom on an A4 page at 144 dpi.
 */
import type { OcrEngine, OcrInput, OcrPage, OcrTextLine } from '../../src/ingest/ocr/index.js';

/** A line of words at `top` px, 12 px per letter, left edge `x` (default 150), confidence 95. */
export function ocrLine(top: number, text: string, x = 150, confidence = 95): OcrTextLine {
  let left = x;
  const words = text.split(' ').map((word) => {
    const box = { x0: left, y0: top, x1: left + 12 * word.length, y1: top + 28 };
    left = box.x1 + 10;
    return { text: word, confidence, box };
  });
  return { words, box: { x0: x, y0: top, x1: left, y1: top + 28 }, rowHeight: 28, baseline: top + 22 };
}

/** A page of paragraphs, one line each, 60 px apart. */
export function ocrPage(page: number, paragraphs: string[], confidence = 95): OcrPage {
  return {
    page,
    width: 1190,
    height: 1684,
    pixelsPerPoint: 2,
    confidence,
    lines: paragraphs.map((p, i) => ocrLine(150 + 60 * i, p, 150, confidence)),
    ms: 1,
  };
}

/** An engine that returns the given pages (blank ones for other numbers) and counts the pages it is asked for. */
export class ScriptedOcrEngine implements OcrEngine {
  readonly calls: number[][] = [];
  constructor(private readonly pages: OcrPage[]) {}
  async recognize(input: OcrInput): Promise<OcrPage[]> {
    const wanted = input.kind === 'pdf' ? input.pages : [1];
    this.calls.push(wanted);
    return wanted.map((n) => this.pages.find((p) => p.page === n) ?? { ...ocrPage(n, []), confidence: 0 });
  }
  async close(): Promise<void> {}
}
