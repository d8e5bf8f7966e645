import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbedderConfig } from './embedder-config.js';
import { EMBEDDER_CONFIG_FILE } from './embedder-config.js';

/**
 * Minimal protobuf writer: just the wire types ONNX needs (varint and length-delimited fields).
 * See https://protobuf.dev/programming-guides/encoding/.
 */
class ProtoWriter {
  private readonly parts: Uint8Array[] = [];

  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) b |= 0x80;
      bytes.push(b);
    } while (v > 0n);
    this.parts.push(Uint8Array.from(bytes));
  }

  /** A varint field (int32, int64, enum). */
  int(field: number, value: number): this {
    this.varint((field << 3) | 0);
    this.varint(value);
    return this;
  }

  /** A length-delimited field: bytes, a UTF-8 string or an embedded message. */
  bytes(field: number, value: Uint8Array | string | ProtoWriter): this {
    const data = typeof value === 'string' ? new TextEncoder().encode(value) : value instanceof ProtoWriter ? value.finish() : value;
    this.varint((field << 3) | 2);
    this.varint(data.length);
    this.parts.push(data);
    return this;
  }

  finish(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}

const msg = (): ProtoWriter => new ProtoWriter();
// onnx.proto enums: TensorProto.DataType FLOAT = 1, INT64 = 7; AttributeProto.AttributeType INT = 2.
const FLOAT = 1;
const INT64 = 7;
const ATTR_INT = 2;

/** ValueInfoProto of a tensor whose dimensions are named (dynamic) or fixed. */
function tensorInfo(name: string, elemType: number, dims: ReadonlyArray<string | number>): ProtoWriter {
  const shape = msg();
  for (const d of dims) shape.bytes(1, typeof d === 'string' ? msg().bytes(2, d) : msg().int(1, d));
  return msg().bytes(1, name).bytes(2, msg().bytes(1, msg().int(1, elemType).bytes(2, shape)));
}

/**
 * Encodes a static-embedding ONNX model: `last_hidden_state = Gather(table, input_ids)`, with input
 * `input_ids` [batch, sequence] int64 and output [batch, sequence, dimension] float. Pooling is left to
 * the caller (transformers.js's feature-extraction pipeline pools with the attention mask), as it is for
 * an ordinary encoder. Opset 17, IR version 8.
 */
export function encodeStaticEmbeddingOnnx(table: Float32Array, vocabSize: number, dimension: number): Uint8Array {
  if (table.length !== vocabSize * dimension) throw new Error(`table has ${table.length} values, expected ${vocabSize}×${dimension}`);
  const initializer = msg()
    .int(1, vocabSize)
    .int(1, dimension)
    .int(2, FLOAT)
    .bytes(8, 'embedding_table')
    .bytes(9, new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
  const gather = msg()
    .bytes(1, 'embedding_table')
    .bytes(1, 'input_ids')
    .bytes(2, 'last_hidden_state')
    .bytes(3, 'gather_embeddings')
    .bytes(4, 'Gather')
    .bytes(5, msg().bytes(1, 'axis').int(20, ATTR_INT).int(3, 0));
  const graph = msg()
    .bytes(1, gather)
    .bytes(2, 'static_embedding')
    .bytes(5, initializer)
    .bytes(11, tensorInfo('input_ids', INT64, ['batch_size', 'sequence_length']))
    .bytes(12, tensorInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', dimension]));
  return msg().int(1, 8).bytes(2, 'cchc-bot').bytes(7, graph).bytes(8, msg().bytes(1, '').int(2, 17)).finish();
}

/** What {@link writeStaticEmbeddingModel} needs: the vocabulary and one vector per entry. */
export interface StaticEmbeddingModel {
  /** Whole words, lower-case NFC; the special tokens [PAD] [UNK] [CLS] [SEP] are added in front. */
  words: readonly string[];
  /** Vectors of the special tokens (4 rows) then of the words, flat row-major. */
  vectors: Float32Array;
  dimension: number;
  config: EmbedderConfig;
}

/** The special tokens every static model starts with, in id order. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/**
 * Writes a model folder that `@huggingface/transformers` loads like any BERT-style encoder:
 * `config.json`, `tokenizer.json` (WordPiece over whole words, BERT normaliser keeping diacritics),
 * `tokenizer_config.json`, `onnx/model.onnx` (a Gather over the table) and the embedder config.
 *
 * Use it to make the tiny test model, or to export word vectors (e.g. corpus embeddings) in a form the
 * transformer path can load. It does not train anything.
 */
export function writeStaticEmbeddingModel(dir: string, m: StaticEmbeddingModel): void {
  const vocabSize = SPECIAL_TOKENS.length + m.words.length;
  const vocab: Record<string, number> = {};
  [...SPECIAL_TOKENS, ...m.words].forEach((w, i) => (vocab[w] = i));
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t, i) => special(i, t)),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: false,
    model_max_length: 512,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
  };
  const config = { model_type: 'bert', architectures: ['BertModel'], hidden_size: m.dimension, vocab_size: vocabSize, max_position_embeddings: 512 };
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2));
  writeFileSync(join(dir, EMBEDDER_CONFIG_FILE), JSON.stringify(m.config, null, 2));
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeStaticEmbeddingOnnx(m.vectors, vocabSize, m.dimension));
}
