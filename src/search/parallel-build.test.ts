import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { Analyzer } from '../text/analyzer.js';
import { mulberry32 } from '../common/seeded-random.js';
import { buildIndexData } from './index-builder.js';
import { DEFAULT_BM25, KeywordIndex } from './keyword-index.js';
import type { IndexableText, KeywordIndexData } from './keyword-index.js';
import { activeBuildWorkers, buildIndexDataParallel } from './parallel-build.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/index-build/${name}`, import.meta.url));

const WORDS = 'thủ tục hành chính hồ sơ cấp xã đăng ký kết hôn giấy tờ lệ phí một cửa liên thông văn bản quy phạm pháp luật nghị định thông tư quyết định ủy ban nhân dân tỉnh huyện cán bộ công chức viên chức thời hạn giải quyết ngày làm việc tiếp nhận trả kết quả thu tuc ho so'.split(' ');

/** Seeded records: shared words (terms met again by other shards) and words of their own (new terms late). */
function corpus(n: number, seed = 17): IndexableText[] {
  const rnd = mulberry32(seed);
  const pick = () => WORDS[Math.floor(rnd() * WORDS.length)];
  const text = (len: number) => Array.from({ length: len }, () => (rnd() < 0.1 ? `mã${Math.floor(rnd() * n * 3)}` : pick())).join(' ');
  return Array.from({ length: n }, (_, i) => ({ doc: `Quyết định ${i % 13}/2024/QĐ-UBND ${text(4)}`, heading: `Điều ${i % 40}. ${text(5)}`, body: text(20 + Math.floor(rnd() * 120)) }));
}

/** One record with 300 distinct term frequencies: its codes need two bytes. */
const manyFrequencies: IndexableText = {
  doc: '',
  heading: '',
  body: Array.from({ length: 300 }, (_, i) => Array.from({ length: i + 1 }, () => `x${i + 1}`).join(' ')).join(' '),
};

/** One record with 200 distinct term frequencies: codes up to 199, still one byte. */
const mediumFrequencies: IndexableText = {
  doc: '',
  heading: '',
  body: Array.from({ length: 200 }, (_, i) => Array.from({ length: i + 1 }, () => `y${i + 1}`).join(' ')).join(' '),
};

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSameData(actual: KeywordIndexData, expected: KeywordIndexData): void {
  expect(actual.size).toBe(expected.size);
  for (const k of ['chars', 'starts', 'slots'] as const) {
    expect(actual.terms[k].constructor, k).toBe(expected.terms[k].constructor);
    expect(bytes(actual.terms[k]).equals(bytes(expected.terms[k])), `terms.${k} differ`).toBe(true);
  }
  for (const k of ['offsets', 'postings', 'codes', 'factorStart', 'factors', 'idf', 'maxWeight'] as const) {
    expect(actual[k].constructor, k).toBe(expected[k].constructor);
    expect(bytes(actual[k]).equals(bytes(expected[k])), `${k} differ`).toBe(true);
  }
}

describe('buildIndexDataParallel', () => {
  const records = [...corpus(600), manyFrequencies, ...corpus(150, 5)];
  const single = buildIndexData(records, new Analyzer(), DEFAULT_BM25);

  it('gives the single-thread build byte for byte, whatever the number of workers and the batch size', async () => {
    expect(single.codes, 'the corpus exercises two-byte codes').toBeInstanceOf(Uint16Array);
    for (const [workers, batchRecords] of [
      [1, 256],
      [2, 7],
      [3, 50],
      [2, 1000],
    ]) {
      const data = await buildIndexDataParallel(records, DEFAULT_BM25, { workers, batchRecords });
      expectSameData(data, single);
    }
    expect(activeBuildWorkers(), 'every worker stopped').toBe(0);
  });

  it('gives the single-thread build when merged term ids exceed the inline bits and records straddle chunks', async () => {
    // Chunks of 64 postings: most records straddle two. With 10 inline bits, ids from 1024 on go to the side
    // map (postings mapped one by one, not in place). The corpus has a record with two-byte codes as well.
    expect(single.offsets.length, 'more terms than 10 inline bits hold').toBeGreaterThan(1025);
    for (const lowTermBits of [24, 10]) expectSameData(await buildIndexDataParallel(records, DEFAULT_BM25, { workers: 2, batchRecords: 40, lowTermBits, chunkBytesLog2: 8 }), single);
  });

  it('gives the single-thread build when every code fits a byte (postings laid out in place), codes up to 199', async () => {
    const plain = [...corpus(300, 9), mediumFrequencies, ...corpus(100, 11)];
    const expected = buildIndexData(plain, new Analyzer(), DEFAULT_BM25);
    expect(expected.codes, 'one-byte codes').toBeInstanceOf(Uint8Array);
    expect(Math.max(...expected.codes), 'codes above 127 present').toBeGreaterThan(127);
    for (const chunkBytesLog2 of [25, 8]) expectSameData(await buildIndexDataParallel(plain, DEFAULT_BM25, { workers: 2, batchRecords: 30, chunkBytesLog2 }), expected);
    // One worker: its term ids are the merged ones, so its postings are copied as they are (records straddle chunks).
    for (const chunkBytesLog2 of [25, 8]) expectSameData(await buildIndexDataParallel(plain, DEFAULT_BM25, { workers: 1, batchRecords: 30, chunkBytesLog2 }), expected);
  });

  it('leaves the event loop free while it builds (timers keep firing)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      KeywordIndex.build(records, new Analyzer());
      expect(ticks, 'the synchronous build blocks the loop').toBe(0);
      await buildIndexDataParallel(records, DEFAULT_BM25, { workers: 1, batchRecords: 64 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
  });

  it('reads a generator once, in order, like the single-thread build', async () => {
    let reads = 0;
    function* stream(): Generator<IndexableText> {
      for (const r of records) {
        reads++;
        yield r;
      }
    }
    expectSameData(await buildIndexDataParallel(stream(), DEFAULT_BM25, { workers: 2, batchRecords: 64 }), single);
    expect(reads).toBe(records.length);
  });

  it('handles fewer records than workers, and no records at all', async () => {
    const two = records.slice(0, 2);
    expectSameData(await buildIndexDataParallel(two, DEFAULT_BM25, { workers: 4, batchRecords: 1 }), buildIndexData(two, new Analyzer(), DEFAULT_BM25));
    const none = await buildIndexDataParallel([], DEFAULT_BM25, { workers: 2 });
    expectSameData(none, buildIndexData([], new Analyzer(), DEFAULT_BM25));
    expect(none.size).toBe(0);
  });

  it('rejects with the analyser\'s error and stops every worker when a record cannot be analysed', async () => {
    const bad = [...records.slice(0, 300), { doc: '', heading: 'Điều 1', body: 'kho nổ tung' }, ...records.slice(300)];
    await expect(buildIndexDataParallel(bad, DEFAULT_BM25, { workers: 2, batchRecords: 16, script: fixture('throwing-analyzer-worker.mjs') })).rejects.toThrow(
      /index build worker failed: .*analyzer exploded on a record/,
    );
    expect(activeBuildWorkers()).toBe(0);
    // The same script builds normally without the record it cannot analyse.
    expectSameData(await buildIndexDataParallel(records, DEFAULT_BM25, { workers: 2, script: fixture('throwing-analyzer-worker.mjs') }), single);
  });

  it('rejects when a worker dies without replying, and does not hang', async () => {
    await expect(buildIndexDataParallel(records, DEFAULT_BM25, { workers: 2, batchRecords: 16, script: fixture('crashing-worker.mjs') })).rejects.toThrow(
      /index build worker failed: worker exited \(code 3\)/,
    );
    expect(activeBuildWorkers()).toBe(0);
  });

  it('does not wait for nothing when results held back arrive together and fill the window', async () => {
    const got = await buildIndexDataParallel(records, DEFAULT_BM25, { workers: 2, batchRecords: 8, script: fixture('late-first-reply-worker.mjs'), stallMs: 5000 });
    expectSameData(got, single);
    expect(activeBuildWorkers()).toBe(0);
  });

  it('rejects when no worker answers within the stall limit, and stops the workers', async () => {
    await expect(buildIndexDataParallel(records, DEFAULT_BM25, { workers: 2, batchRecords: 16, script: fixture('silent-worker.mjs'), stallMs: 300 })).rejects.toThrow(
      /index build worker failed: no worker answered for 0 s/,
    );
    expect(activeBuildWorkers()).toBe(0);
  });

  it('rejects when the records cannot be read, and stops the workers', async () => {
    function* broken(): Generator<IndexableText> {
      yield* records.slice(0, 500);
      throw new Error('corpus unreadable');
    }
    await expect(buildIndexDataParallel(broken(), DEFAULT_BM25, { workers: 2, batchRecords: 32 })).rejects.toThrow('corpus unreadable');
    expect(activeBuildWorkers()).toBe(0);
  });
});

describe('KeywordIndex.buildAsync', () => {
  it('ranks exactly like the synchronous build, with workers and on this thread', async () => {
    const records = corpus(400, 3);
    const analyzer = new Analyzer();
    const sync = KeywordIndex.build(records, analyzer);
    const query = analyzer.indexTerms('thủ tục đăng ký kết hôn lệ phí').map((term) => ({ term, weight: 1 }));
    for (const workers of [0, 2]) {
      const index = await KeywordIndex.buildAsync(records, analyzer, DEFAULT_BM25, { workers });
      expectSameData(index.toData(), sync.toData());
      expect(index.search(query, 10)).toEqual(sync.search(query, 10));
    }
  });
});
