import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../common/errors.js';

/** Pooling methods of transformers.js feature extraction. */
export const POOLINGS = ['mean', 'cls', 'first_token', 'last_token', 'eos', 'none'] as const;
/** How token vectors become one text vector. */
export type Pooling = (typeof POOLINGS)[number];

/** How a model folder wants to be used: model-specific, so it lives with the model, not in code. */
export interface EmbedderConfig {
  /** Text put before a query (E5: "query: "; BGE: an instruction; many models: ""). */
  queryPrefix: string;
  /** Text put before a passage (E5: "passage: "). */
  passagePrefix: string;
  pooling: Pooling;
  /** L2-normalise the pooled vector. */
  normalize: boolean;
  /** ONNX weight variant to load (fp32 → onnx/model.onnx, q8 → onnx/model_quantized.onnx, …). */
  dtype: string;
}

/** Our own per-model file, written next to the model by an admin or by the model download command. */
export const EMBEDDER_CONFIG_FILE = 'cchc-embedder.json';

/** Used for whatever neither our file nor the sentence-transformers files say. */
export const DEFAULT_EMBEDDER_CONFIG: EmbedderConfig = { queryPrefix: '', passagePrefix: '', pooling: 'mean', normalize: true, dtype: 'fp32' };

function readJson(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err: unknown) {
    throw new AppError('CONFIG_INVALID', `${file} is not valid JSON`, { cause: err });
  }
}

/** Settings read from the files sentence-transformers saves with a model (prompts, pooling, Normalize). */
function fromSentenceTransformers(dir: string): Partial<EmbedderConfig> {
  const out: Partial<EmbedderConfig> = {};
  const st = readJson(join(dir, 'config_sentence_transformers.json'));
  const prompts = (st?.prompts ?? {}) as Record<string, unknown>;
  if (typeof prompts.query === 'string') out.queryPrefix = prompts.query;
  const passage = prompts.passage ?? prompts.document;
  if (typeof passage === 'string') out.passagePrefix = passage;
  const modules = readJson(join(dir, 'modules.json')) as unknown;
  if (Array.isArray(modules)) {
    const types = modules.map((m) => String((m as Record<string, unknown>).type ?? ''));
    out.normalize = types.some((t) => t.endsWith('Normalize'));
    const poolingModule = modules.find((m) => String((m as Record<string, unknown>).type ?? '').endsWith('Pooling')) as Record<string, unknown> | undefined;
    const pool = poolingModule ? readJson(join(dir, String(poolingModule.path ?? '1_Pooling'), 'config.json')) : undefined;
    if (pool?.pooling_mode_cls_token) out.pooling = 'cls';
    else if (pool?.pooling_mode_lasttoken) out.pooling = 'last_token';
    else if (pool?.pooling_mode_mean_tokens) out.pooling = 'mean';
  }
  return out;
}

/**
 * Reads how to use the model in `dir`: `cchc-embedder.json` first, then the sentence-transformers files
 * (`config_sentence_transformers.json` prompts, `modules.json` and its Pooling config), then defaults
 * (no prefixes, mean pooling, normalised, fp32). Nothing here is specific to one model.
 * Throws `CONFIG_INVALID` naming the allowed values when a setting is wrong.
 */
export function readEmbedderConfig(dir: string): EmbedderConfig {
  const own = readJson(join(dir, EMBEDDER_CONFIG_FILE)) ?? {};
  const merged = { ...DEFAULT_EMBEDDER_CONFIG, ...fromSentenceTransformers(dir), ...own } as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['queryPrefix', 'passagePrefix', 'dtype'] as const) if (typeof merged[key] !== 'string') problems.push(`${key} must be a string`);
  if (typeof merged.normalize !== 'boolean') problems.push('normalize must be true or false');
  if (!POOLINGS.includes(merged.pooling as Pooling)) problems.push(`pooling must be one of ${POOLINGS.join(', ')}`);
  if (problems.length) throw new AppError('CONFIG_INVALID', `${join(dir, EMBEDDER_CONFIG_FILE)}: ${problems.join('; ')}`);
  return merged as unknown as EmbedderConfig;
}
