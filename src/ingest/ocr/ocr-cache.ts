/**
 * An {@link OcrEngine} decorator that keeps recognised pages on disk, keyed by the SHA-256 of the file's
 * bytes, so an unchanged scan is never recognised twice — not after a full reindex, a restart, a
 * sidecar edit or a rename. Entries also record the engine settings (resolution, model) they were made
 * with; other settings miss the cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OcrEngine, OcrInput, OcrPage, OcrRequestOptions } from './ocr-types.js';

/** Bump when the stored page shape or the recogniser's output changes meaning. */
const CACHE_FORMAT = 1;

/** Options for {@link CachingOcrEngine}. */
export interface OcrCacheOptions {
  /** Folder for the cache files (e.g. DATA_DIR/ocr-cache); created when missing. */
  dir: string;
  /** Engine settings that change the result ("dpi=200 model=standard"); part of each entry. */
  settings: string;
}

interface CacheEntry {
  format: number;
  settings: string;
  pages: OcrPage[];
}

/** See the module comment. */
export class CachingOcrEngine implements OcrEngine {
  constructor(
    private readonly inner: OcrEngine,
    private readonly options: OcrCacheOptions,
  ) {}

  async recognize(input: OcrInput, options: OcrRequestOptions): Promise<OcrPage[]> {
    const file = join(this.options.dir, `${createHash('sha256').update(input.bytes).digest('hex')}.json`);
    const cached = new Map((await this.read(file)).map((p) => [p.page, p]));
    const wanted = input.kind === 'pdf' ? input.pages : [1];
    const missing = wanted.filter((p) => !cached.has(p));
    let done = 0;
    for (const page of wanted) {
      const hit = cached.get(page);
      if (hit) options.onPage?.(hit, ++done, wanted.length);
    }
    if (missing.length > 0) {
      const onPage = options.onPage ? (page: OcrPage) => options.onPage?.(page, ++done, wanted.length) : undefined;
      const fresh = await this.inner.recognize(input.kind === 'pdf' ? { ...input, pages: missing } : input, { ...options, onPage });
      for (const page of fresh) cached.set(page.page, page);
      await this.write(file, [...cached.values()].sort((a, b) => a.page - b.page));
    }
    return wanted.map((p) => cached.get(p)).filter((p): p is OcrPage => p !== undefined);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async read(file: string): Promise<OcrPage[]> {
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(file, 'utf8')) as CacheEntry;
    } catch {
      return []; // missing or damaged: recognise again
    }
    return entry.format === CACHE_FORMAT && entry.settings === this.options.settings && Array.isArray(entry.pages) ? entry.pages : [];
  }

  private async write(file: string, pages: OcrPage[]): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    const entry: CacheEntry = { format: CACHE_FORMAT, settings: this.options.settings, pages };
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(entry));
    await rename(temporary, file);
  }
}
