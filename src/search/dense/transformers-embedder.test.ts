import { mkdtempSync, rmSync, writeFileSync, mkdirSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransformersEmbedder } from './transformers-embedder.js';
import { readEmbedderConfig, EMBEDDER_CONFIG_FILE } from './embedder-config.js';
import { HnswVectorIndex } from './vector-index.js';
import { dot } from './vector-math.js';
import { isAppError } from '../../common/errors.js';
import { makeTinyModel, expectedTinyVector, TINY_DIMENSION } from '../../../test/fixtures/dense/tiny-model.js';

const root = mkdtempSync(join(tmpdir(), 'tiny-model-'));
const modelDir = join(root, 'tiny-model');
let embedder: TransformersEmbedder;

beforeAll(async () => {
  makeTinyModel(modelDir);
  embedder = await TransformersEmbedder.load(modelDir, { batchSize: 2 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const norm = (v: Float32Array): number => Math.sqrt(dot(v, v));

describe('TransformersEmbedder', () => {
  it('keeps the generated tiny model small', () => {
    const size = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? size(join(d, e.name)) : statSync(join(d, e.name)).size), 0);
    expect(size(modelDir), 'help: the tiny model grew; keep test fixtures to a few hundred KB').toBeLessThan(300_000);
  });

  it('reads the dimension from the model and returns unit vectors', async () => {
    expect(embedder.dimension).toBe(TINY_DIMENSION);
    const v = await embedder.embedQuery('thủ tục đăng ký kết hôn');
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(TINY_DIMENSION);
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  it('computes what the static table says: mean of the word vectors, prefix included, normalised', async () => {
    const v = await embedder.embedQuery('Thủ tục đăng ký kết hôn?');
    const expected = expectedTinyVector('query thủ tục đăng ký kết hôn');
    expect(dot(v, expected), 'help: tokenizer or pooling differs from the table (diacritics stripped? CLS/SEP counted?)').toBeCloseTo(1, 5);
  });

  it('applies the query and passage prefixes from the model config', async () => {
    const q = await embedder.embedQuery('giấy phép xây dựng');
    const [p] = await embedder.embedPassages(['giấy phép xây dựng']);
    expect(dot(p, expectedTinyVector('passage giấy phép xây dựng'))).toBeCloseTo(1, 5);
    expect(dot(q, p)).toBeLessThan(0.999);
  });

  it('embeds passages in batches, one vector per text, in order', async () => {
    const texts = ['thuế thu nhập cá nhân', 'khiếu nại tố cáo', 'bảo hiểm xã hội', 'hộ tịch khai sinh', 'đất đai'];
    const vs = await embedder.embedPassages(texts);
    expect(vs).toHaveLength(5);
    vs.forEach((v, i) => expect(dot(v, expectedTinyVector(`passage ${texts[i]}`))).toBeCloseTo(1, 5));
  });

  it('finds the matching passage through hnswlib', async () => {
    const texts = ['thuế thu nhập doanh nghiệp', 'đăng ký kết hôn hộ tịch', 'giấy phép xây dựng nhà ở', 'khiếu nại tố cáo tiếp công dân'];
    const vs = await embedder.embedPassages(texts);
    const index = HnswVectorIndex.build(vs, embedder.dimension);
    const hits = index.search(await embedder.embedQuery('kết hôn hộ tịch'), 2);
    expect(hits[0].id).toBe(1);
  });

  it('refuses a folder without a model, saying what is missing', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(TransformersEmbedder.load(empty)).rejects.toSatisfy((e: unknown) => isAppError(e, 'CONFIG_INVALID') && /config\.json/.test((e as Error).message));
  });
});

describe('readEmbedderConfig', () => {
  it('reads prompts, pooling and normalisation from sentence-transformers files', () => {
    const dir = join(root, 'st');
    mkdirSync(join(dir, '1_Pooling'), { recursive: true });
    writeFileSync(join(dir, 'config_sentence_transformers.json'), JSON.stringify({ prompts: { query: 'query: ', document: 'passage: ' } }));
    writeFileSync(join(dir, 'modules.json'), JSON.stringify([{ type: 'sentence_transformers.models.Transformer', path: '' }, { type: 'sentence_transformers.models.Pooling', path: '1_Pooling' }]));
    writeFileSync(join(dir, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true }));
    expect(readEmbedderConfig(dir)).toEqual({ queryPrefix: 'query: ', passagePrefix: 'passage: ', pooling: 'cls', normalize: false, dtype: 'fp32' });
  });

  it('lets our own file override and lists the allowed poolings on a bad value', () => {
    const dir = join(root, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, EMBEDDER_CONFIG_FILE), JSON.stringify({ pooling: 'max' }));
    expect(() => readEmbedderConfig(dir)).toThrow(/pooling must be one of mean, cls/);
  });
});
