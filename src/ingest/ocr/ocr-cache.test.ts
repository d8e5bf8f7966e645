import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachingOcrEngine } from './ocr-cache.js';
import type { OcrEngine, OcrInput, OcrPage } from './ocr-types.js';

/** Records every page it is asked to recognise. */
class CountingEngine implements OcrEngine {
  readonly calls: number[][] = [];
  async recognize(input: OcrInput): Promise<OcrPage[]> {
    const pages = input.kind === 'pdf' ? input.pages : [1];
    this.calls.push(pages);
    return pages.map((page) => ({ page, width: 10, height: 10, pixelsPerPoint: 1, confidence: 90 - page, lines: [], ms: 5 }));
  }
  async close(): Promise<void> {}
}

const root = mkdtempSync(join(tmpdir(), 'cchc-ocr-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const input = (pages: number[], bytes = new Uint8Array([1, 2, 3])): OcrInput => ({ kind: 'pdf', bytes, pages });

describe('CachingOcrEngine', () => {
  it('recognises an unchanged file only once, across engine instances (a restart)', async () => {
    const dir = join(root, 'a');
    const inner = new CountingEngine();
    const first = await new CachingOcrEngine(inner, { dir, settings: 's' }).recognize(input([1, 2]), { relPath: 'x.pdf' });
    const progress: number[] = [];
    const second = await new CachingOcrEngine(inner, { dir, settings: 's' }).recognize(input([1, 2]), { relPath: 'renamed.pdf', onPage: (p) => progress.push(p.page) });
    expect(inner.calls).toEqual([[1, 2]]);
    expect(second).toEqual(first);
    expect(progress).toEqual([1, 2]);
    expect(readdirSync(dir)).toEqual(['039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81.json']);
  });

  it('recognises only the pages it does not hold yet', async () => {
    const inner = new CountingEngine();
    const engine = new CachingOcrEngine(inner, { dir: join(root, 'b'), settings: 's' });
    await engine.recognize(input([1]), { relPath: 'x.pdf' });
    const pages = await engine.recognize(input([1, 2, 3]), { relPath: 'x.pdf' });
    expect(inner.calls).toEqual([[1], [2, 3]]);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
  });

  it('misses when the bytes or the engine settings differ', async () => {
    const inner = new CountingEngine();
    const dir = join(root, 'c');
    await new CachingOcrEngine(inner, { dir, settings: 'dpi=200' }).recognize(input([1]), { relPath: 'x.pdf' });
    await new CachingOcrEngine(inner, { dir, settings: 'dpi=300' }).recognize(input([1]), { relPath: 'x.pdf' });
    await new CachingOcrEngine(inner, { dir, settings: 'dpi=300' }).recognize(input([1], new Uint8Array([9])), { relPath: 'x.pdf' });
    expect(inner.calls.length).toBe(3);
  });
});
