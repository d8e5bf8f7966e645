import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeBase, retrieverFromSnapshot, retrieverFromSnapshotSliced } from '../../src/search/knowledge-base.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import type { SnapshotContent } from '../../src/search/snapshot.js';
import { InProcessParser } from '../../src/search/parse-file.js';
import type { ConfigKind, FileParser } from '../../src/search/parse-file.js';
import { Analyzer } from '../../src/text/analyzer.js';
import { TimeSlicer, yieldToEventLoop } from '../../src/common/time-slice.js';
import type { FaqEntry } from '../../src/ingest/faq-file.js';
import { REPO_ROOT } from '../support/shared.js';

// A server reindexes while it answers: the work on its main thread after parsing is cut into slices.
// These tests check the structure (slices, what is ready before the swap, nothing lost meanwhile), not timings.

const analyzer = new Analyzer();
const knowledgeDir = join(REPO_ROOT, 'knowledge');
const QUESTIONS = ['Nghị định 61/2018/NĐ-CP còn hiệu lực không?', 'thu tuc hanh chinh la gi', 'Cán bộ cấp xã gồm những chức vụ nào?', 'Luật 99/2030/QH15 quy định gì?'];

describe('a search generation built in slices', () => {
  let snapshot: SnapshotContent;
  const configCalls: ConfigKind[] = [];
  beforeAll(async () => {
    const inProcess = new InProcessParser();
    const spy: FileParser = {
      parse: (req) => inProcess.parse(req),
      trialLoad: (rel, bytes) => inProcess.trialLoad(rel, bytes),
      parseConfig: (kind, rel, text) => {
        configCalls.push(kind);
        return inProcess.parseConfig(kind, rel, text);
      },
    };
    snapshot = (await buildSnapshot({ knowledgeDir, analyzer, parser: spy })).content;
  }, 120_000);

  it('reads faq.yaml and glossary.yaml through the reindex parser (the server parses them in its parse process)', () => {
    expect(configCalls.sort()).toEqual(['faq', 'glossary']);
    expect(snapshot.faq.length).toBeGreaterThan(30);
    expect(snapshot.glossary.abbreviations.length).toBeGreaterThan(5);
  });

  it('answers like the one built at once, lets the event loop in, and has its intent tables ready before any question', async () => {
    const slicer = new TimeSlicer(0);
    const sliced = await retrieverFromSnapshotSliced(snapshot, analyzer, [], slicer);
    const atOnce = retrieverFromSnapshot(snapshot, analyzer);
    expect(slicer.pauses, 'the build hands the event loop back between slices').toBeGreaterThan(snapshot.faq.length);
    expect(sliced.retriever.prepared, 'built before the swap, not by the first question naming a document').toBe(true);
    expect(atOnce.retriever.prepared).toBe(false);
    expect(sliced.faq.list().map((e) => e.id)).toEqual(atOnce.faq.list().map((e) => e.id));
    for (const q of QUESTIONS) {
      const a = sliced.retriever.search(q);
      const b = atOnce.retriever.search(q);
      expect(a.hits.map((h) => h.chunk.id), q).toEqual(b.hits.map((h) => h.chunk.id));
      expect(a.intent, q).toEqual(b.intent);
      expect(a.faq?.entry.id, q).toBe(b.faq?.entry.id);
    }
  });
});

describe('KnowledgeBase.reindex under live FAQ additions', () => {
  const root = mkdtempSync(join(tmpdir(), 'cchc-slices-'));
  let kb: KnowledgeBase;
  beforeAll(async () => {
    cpSync(knowledgeDir, join(root, 'knowledge'), { recursive: true });
    kb = await KnowledgeBase.open({ dataDir: join(root, 'data'), knowledgeDir: join(root, 'knowledge') });
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps every Q&A approved while the next generation was being built', async () => {
    const entry = (i: number): FaqEntry => ({
      id: `staff-late-${i}`,
      question: `Kho lưu trữ số ${i} của phường Hòa Bình mở cửa vào ngày thứ mấy trong tuần?`,
      variants: [],
      answer: `Kho số ${i} mở cửa thứ Hai.`,
      source: { number: '', article: '' },
      origin: 'staff',
    });
    const before = kb.snapshot.version;
    let done = false;
    const run = kb.reindex({ full: true }).finally(() => {
      done = true;
    });
    let added = 0;
    while (!done) {
      kb.addFaq(entry(added++));
      await yieldToEventLoop();
    }
    await run;
    expect(kb.snapshot.version).not.toBe(before);
    expect(added, 'Q&As were added during the reindex').toBeGreaterThan(3);
    for (const i of [0, Math.floor(added / 2), added - 1]) {
      expect(kb.search(entry(i).question).faq?.entry.id, `entry ${i} of ${added}`).toBe(`staff-late-${i}`);
    }
  }, 120_000);
});
