import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from '../args.js';

/** Files a transformers.js feature-extraction model folder needs (fp32 ONNX weights). */
export const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'] as const;

/** The instructions printed by `model download`: how to bring a model folder to this machine. */
export function downloadInstructions(name: string, dir: string): string {
  const base = `https://huggingface.co/${name}/resolve/main`;
  return [
    `The bot never downloads models itself (servers often have no internet). To turn dense retrieval on with ${name}:`,
    '',
    '1. On a machine with internet, download these files of the model, keeping the folder layout:',
    ...MODEL_FILES.map((f) => `     ${base}/${f}`),
    `   for example:  for f in ${MODEL_FILES.join(' ')}; do curl -L --create-dirs -o "${name.split('/').pop()}/$f" "${base}/$f"; done`,
    `   (or: huggingface-cli download ${name} ${MODEL_FILES.join(' ')} --local-dir ${name.split('/').pop()})`,
    '   Use a model with ONNX weights (the Xenova/… or onnx-community/… repositories, or intfloat/multilingual-e5-small).',
    `2. Copy that folder to this machine, to ${dir}`,
    `3. Set EMBEDDING_MODEL_DIR=${dir} (in .env) and restart; the log says "dense retrieval on (model …)".`,
    '   E5 models need "query: " / "passage: " prefixes: add cchc-embedder.json to the folder, e.g.',
    '   {"queryPrefix": "query: ", "passagePrefix": "passage: ", "pooling": "mean", "normalize": true}',
  ].join('\n');
}

export const modelCommand: Command = {
  name: 'model',
  summary: 'Explain how to install an embedding model for the optional dense retrieval (EMBEDDING_MODEL_DIR).',
  usage: 'model download <name> [--dir <folder>]',
  options: { dir: { type: 'string', description: 'Folder the model should end up in (default: ./models/<model name>)' } },
  async run({ values, positionals }) {
    const [sub, name] = positionals;
    if (sub !== 'download' || !name) {
      process.stderr.write('model: usage: npm run cchc -- model download <name> [--dir <folder>], e.g. model download intfloat/multilingual-e5-small\n');
      return 2;
    }
    if (!/^[\w.-]+\/[\w.-]+$/.test(name)) {
      process.stderr.write(`model: "${name}" is not a Hugging Face model name such as intfloat/multilingual-e5-small\n`);
      return 2;
    }
    const dir = resolve(typeof values.dir === 'string' ? values.dir : `models/${name.split('/').pop()}`);
    const missing = MODEL_FILES.filter((f) => !existsSync(resolve(dir, f)));
    if (!missing.length) {
      process.stdout.write(`The model is already in ${dir}. Set EMBEDDING_MODEL_DIR=${dir} to turn dense retrieval on.\n`);
      return 0;
    }
    process.stderr.write(`${downloadInstructions(name, dir)}\n`);
    return 2;
  },
};
