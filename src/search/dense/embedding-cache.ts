import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** On-disk shape of the cache file. */
interface CacheFile {
  format: 1;
  model: string;
  dimension: number;
  /** [chunk hash, base64 of the little-endian float32 vector] */
  vectors: Array<[string, string]>;
}

/**
 * EmbeddingCache: passage vectors keyed by chunk hash (title + text), so a restart or a reindex embeds
 * only new or changed chunks. With a model id it persists to `<dataDir>/dense/embeddings-<id hash>.json`
 * (written through a temporary file and a rename); without one it lives in memory only. A missing or
 * unreadable file is an empty cache, never an error.
 */
export class EmbeddingCache {
  private readonly vectors = new Map<string, Float32Array>();
  private readonly file: string | undefined;
  private loaded = false;

  constructor(
    dataDir: string,
    private readonly model?: string,
  ) {
    this.file = model ? join(dataDir, 'dense', `embeddings-${createHash('sha256').update(model).digest('hex').slice(0, 16)}.json`) : undefined;
  }

  /** Reads the cache file once (later calls do nothing). */
  async load(): Promise<void> {
    if (this.loaded || !this.file) return;
    this.loaded = true;
    try {
      const data = JSON.parse(await readFile(this.file, 'utf8')) as CacheFile;
      if (data.format !== 1 || data.model !== this.model) return;
      for (const [hash, b64] of data.vectors) {
        const buf = Buffer.from(b64, 'base64');
        const v = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
        if (v.length === data.dimension) this.vectors.set(hash, v);
      }
    } catch {
      // No cache yet, or unreadable: every passage is embedded again.
    }
  }

  get(hash: string): Float32Array | undefined {
    return this.vectors.get(hash);
  }

  set(hash: string, vector: Float32Array): void {
    this.vectors.set(hash, vector);
  }

  /** Drops vectors of chunks not in `keep` and writes the file (when persistent). */
  async save(keep: ReadonlySet<string>): Promise<void> {
    for (const h of [...this.vectors.keys()]) if (!keep.has(h)) this.vectors.delete(h);
    if (!this.file || !this.model) return;
    const entries = [...this.vectors.entries()];
    const data: CacheFile = {
      format: 1,
      model: this.model,
      dimension: entries[0]?.[1].length ?? 0,
      vectors: entries.map(([h, v]) => [h, Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')]),
    };
    await mkdir(join(this.file, '..'), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}-${Date.now()}`;
    await writeFile(tmp, JSON.stringify(data));
    await rename(tmp, this.file);
  }
}
