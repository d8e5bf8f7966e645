import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { modelCommand, MODEL_FILES } from './model.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-model-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let out = '';
let err = '';
beforeEach(() => {
  out = err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('model download', () => {
  it('downloads nothing: explains where to get the files and how to set EMBEDDING_MODEL_DIR, exit 2', async () => {
    const dir = join(root, 'e5');
    const code = await modelCommand.run({ values: { dir }, positionals: ['download', 'intfloat/multilingual-e5-small'] });
    expect(code).toBe(2);
    expect(err).toContain('https://huggingface.co/intfloat/multilingual-e5-small/resolve/main/onnx/model.onnx');
    expect(err).toContain('tokenizer.json');
    expect(err).toContain(`EMBEDDING_MODEL_DIR=${dir}`);
  });

  it('says so when the folder already holds the model', async () => {
    const dir = join(root, 'ready');
    for (const f of MODEL_FILES) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), '{}');
    }
    expect(await modelCommand.run({ values: { dir }, positionals: ['download', 'intfloat/multilingual-e5-small'] })).toBe(0);
    expect(out).toContain('already');
  });

  it('rejects a missing sub-command or an odd model name', async () => {
    expect(await modelCommand.run({ values: {}, positionals: [] })).toBe(2);
    expect(await modelCommand.run({ values: {}, positionals: ['download', '../../etc'] })).toBe(2);
    expect(err).toContain('not a Hugging Face model name');
  });
});
