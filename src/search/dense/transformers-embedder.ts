import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../../common/errors.js';
import { readEmbedderConfig } from './embedder-config.js';
import type { EmbedderConfig } from './embedder-config.js';

/** Settings of {@link TransformersEmbedder.load}. */
export interface TransformersEmbedderOptions {
  /** Texts embedded per model call when embedding passages. Default 16. */
  batchSize: number;
  /** Overrides of the folder's embedder config (tests, experiments). */
  config?: Partial<EmbedderConfig>;
}

/** The slice of transformers.js's feature-extraction pipeline that we call. */
type Extractor = (texts: string[], options: { pooling: string; normalize: boolean }) => Promise<{ data: ArrayLike<number>; dims: number[] }>;

/**
 * TransformersEmbedder: text embeddings with `@huggingface/transformers` (ONNX Runtime) from a model
 * folder on local disk. It never downloads: remote models are switched off before loading, and a missing
 * folder or file is an error that says what to put where.
 *
 * The folder holds what transformers.js expects (`config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, `onnx/model.onnx` or another dtype's file) plus, optionally, `cchc-embedder.json`
 * with the model's query/passage prefixes, pooling and normalisation (see `readEmbedderConfig`; the
 * sentence-transformers files are read when it is absent). Embedding is async; the library is imported
 * on first load only, so a deployment without a model never loads ONNX Runtime.
 *
 * transformers.js keeps its settings in one global `env`; loading sets `env.localModelPath` to the
 * folder's parent, so load models one at a time.
 *
 * @example
 * const embedder = await TransformersEmbedder.load(process.env.EMBEDDING_MODEL_DIR!);
 * const q = await embedder.embedQuery('thủ tục cấp giấy phép xây dựng'); // Float32Array(embedder.dimension)
 */
export class TransformersEmbedder {
  private constructor(
    private readonly extract: Extractor,
    readonly config: EmbedderConfig,
    readonly dimension: number,
    private readonly batchSize: number,
    readonly modelDir: string,
  ) {}

  /** Loads the model in `modelDir` and measures its vector length with one probe text. */
  static async load(modelDir: string, options: Partial<TransformersEmbedderOptions> = {}): Promise<TransformersEmbedder> {
    const dir = resolve(modelDir);
    for (const f of ['config.json', 'tokenizer.json']) {
      if (!existsSync(resolve(dir, f))) {
        throw new AppError('CONFIG_INVALID', `embedding model folder ${dir} has no ${f}: put a transformers.js (ONNX) model folder there, downloaded on a machine with internet`);
      }
    }
    const config = { ...readEmbedderConfig(dir), ...options.config };
    if (config.pooling === 'none') throw new AppError('CONFIG_INVALID', `pooling "none" gives one vector per token; set mean, cls or last_token for ${dir}`);
    let extract: Extractor;
    try {
      const { env, pipeline } = await import('@huggingface/transformers');
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      env.localModelPath = `${dirname(dir)}/`;
      const pipe = await pipeline('feature-extraction', basename(dir), { local_files_only: true, dtype: config.dtype as 'fp32' });
      extract = pipe as unknown as Extractor;
    } catch (err: unknown) {
      throw new AppError('CONFIG_INVALID', `cannot load the embedding model in ${dir} (dtype ${config.dtype})`, { cause: err });
    }
    const probe = await extract(['a'], { pooling: config.pooling, normalize: config.normalize });
    const dimension = probe.dims[probe.dims.length - 1];
    return new TransformersEmbedder(extract, config, dimension, options.batchSize ?? 16, dir);
  }

  /** Embeds one query, with the model's query prefix. */
  async embedQuery(query: string): Promise<Float32Array> {
    return (await this.embed([this.config.queryPrefix + query]))[0];
  }

  /** Embeds passages in batches, with the model's passage prefix; one vector per text, in order. */
  async embedPassages(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      out.push(...(await this.embed(texts.slice(i, i + this.batchSize).map((t) => this.config.passagePrefix + t))));
    }
    return out;
  }

  private async embed(texts: string[]): Promise<Float32Array[]> {
    const t = await this.extract(texts, { pooling: this.config.pooling, normalize: this.config.normalize });
    const d = t.dims[t.dims.length - 1];
    const data = Float32Array.from(t.data);
    return texts.map((_, i) => data.slice(i * d, (i + 1) * d));
  }
}
