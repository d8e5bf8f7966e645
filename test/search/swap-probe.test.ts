/**
 * Curated answers and search answers asked about something else than they speak of (round 12): each curated
 * phrasing asked again with its document number, group of staff, level of government, "không được" or one side
 * of a contrast changed (`src/eval/swap-probe.ts`). At b2d7f34, 11 of 23, 39 of 41, 21 of 24 (tỉnh), 21 of 24
 * (huyện), 3 of 3, 22 of 22 (contrasts) and 4 of 4 (deputy) still got the entry; "Theo Luật 2025, viên chức là
 * ai?" got the definition of công chức. The first passage of a search is held to the same checks.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { retrieverFromSnapshot } from '../../src/search/knowledge-base.js';
import type { Retriever } from '../../src/search/retriever.js';
import { parseFaqFile } from '../../src/ingest/faq-file.js';
import type { FaqEntry } from '../../src/ingest/faq-file.js';
import { SWAPS, runSwap } from '../../src/eval/swap-probe.js';
import { KNOWLEDGE_DIR } from '../knowledge/shipped.js';

let retriever: Retriever;
let entries: FaqEntry[];

beforeAll(async () => {
  const analyzer = new Analyzer();
  const { content } = await buildSnapshot({ knowledgeDir: KNOWLEDGE_DIR, analyzer });
  retriever = retrieverFromSnapshot(content, analyzer).retriever;
  entries = parseFaqFile(readFileSync(join(KNOWLEDGE_DIR, 'faq.yaml'), 'utf8')).entries;
}, 60_000);

describe('curated answers asked about something else (shipped knowledge)', () => {
  it('give no curated phrasing its entry once the thing asked about is changed', () => {
    const changed: Record<string, number> = {};
    const kept: string[] = [];
    for (const swap of SWAPS) {
      const r = runSwap(retriever, entries, swap);
      changed[swap.name] = r.changed;
      kept.push(...r.kept.map((k) => `${swap.name}: ${k}`));
    }
    // Each kind of change was asked of the phrasings it applies to (the counts of round 12, with some slack).
    expect(changed['document number (serial + 7)']).toBeGreaterThan(15);
    expect(changed['công chức → viên chức']).toBeGreaterThan(30);
    expect(changed['xã → tỉnh']).toBeGreaterThan(20);
    expect(changed['không được → được']).toBeGreaterThanOrEqual(3);
    expect(changed['tối đa → tối thiểu'] + changed['trực tuyến → trực tiếp'] + changed['Chủ tịch → Phó Chủ tịch']).toBeGreaterThanOrEqual(10);
    expect(kept).toEqual([]);
    // The phrasings as written keep their answers.
    expect(retriever.search('theo luật 2025 công chức là ai').faq?.entry.answer).toMatch(/^Công chức là/u);
    expect(retriever.search('Cán bộ, công chức không được làm những việc gì?').faq?.entry.id).toBe('faq-125');
  });
});

describe('the first passage of a search, about something else', () => {
  it('is not confident, and says what was asked and what was found', () => {
    const cases: Array<[string, { asked: string[]; found: string[] }]> = [
      ['trách nhiệm của chủ tịch UBND huyện về CCHC', { asked: ['cấp huyện'], found: ['cấp xã'] }],
      ['Cán bộ, công chức được làm những việc gì?', { asked: ['những việc được làm'], found: ['những việc không được làm'] }],
      ['Mức phạt tiền tối thiểu trong lĩnh vực lưu trữ là bao nhiêu?', { asked: ['mức tối thiểu'], found: ['mức tối đa'] }],
      ['phó chủ tịch ubnd xã có nhiệm vụ gì', { asked: ['phó chủ tịch'], found: ['chủ tịch'] }],
    ];
    for (const [q, other] of cases) {
      const found = retriever.search(q);
      expect(found.faq, q).toBeUndefined();
      expect(found.otherSubject, q).toEqual(other);
      expect(found.confidence, q).toBeLessThanOrEqual(0.3);
    }
    for (const q of ['trách nhiệm của chủ tịch UBND xã về CCHC', 'muc phat toi da trong linh vuc luu tru']) expect(retriever.search(q).otherSubject, q).toBeUndefined();
  });
});
