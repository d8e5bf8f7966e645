/**
 * `node dist/scripts/bench/dense-make-tiny-model.js [dir]`: writes the tiny static-embedding model that the
 * dense tests generate on the fly (WordPiece tokenizer.json + a one-Gather ONNX graph, about 20 KB) into
 * `dir` (default: a new temporary folder) and prints the folder. Use it to try the transformer path of
 * `dense-bench` or the app without a real model: `DENSE_MODEL_DIR=$(node …) node dist/scripts/bench/dense-bench.js`.
 * Its vectors are seeded noise, so its retrieval figures mean nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeTinyModel } from '../../test/fixtures/dense/tiny-model.js';

const dir = resolve(process.argv[2] ?? join(mkdtempSync(join(tmpdir(), 'cchc-tiny-')), 'tiny-model'));
makeTinyModel(dir);
process.stdout.write(`${dir}\n`);
