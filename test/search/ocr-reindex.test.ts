/**
 * A scanned PDF in the knowledge folder, read by a scripted OCR engine behind the real cache: the
 * reindex reports OCR pages and low confidence, never recognises an unchanged scan twice, and answers
 * quoting it carry the scan notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSnapshot } from '../../src/search/reindex.js';
import { KnowledgeBase } from '../../src/search/knowledge-base.js';
import { AnswerComposer } from '../../src/answer/index.js';
import { Analyzer } from '../../src/text/analyzer.js';
import { CachingOcrEngine, closeOcrEngine, setOcrEngine } from '../../src/ingest/ocr/index.js';
import { buildPdf } from '../fixtures/loaders/build-pdf.js';
import { ocrPage, ScriptedOcrEngine } from '../support/ocr-pages.js';

const root = mkdtempSync(join(tmpdir(), 'cchc-ocr-reindex-'));
const knowledgeDir = join(root, 'knowledge');
const dataDir = join(root, 'data');
const SCAN = 'luat-40-2013-pccc-scan.pdf';

const engine = new ScriptedOcrEngine([
  ocrPage(1, [
    'QUỐC HỘI',
    'Luật số: 40/2013/QH13',
    'LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG CHÁY VÀ CHỮA CHÁY',
    'Điều 1. Trách nhiệm của chủ hộ gia đình',
    'Chủ hộ gia đình có trách nhiệm đôn đốc, nhắc nhở thành viên trong gia đình thực hiện quy định của pháp luật về phòng cháy và chữa cháy.',
  ]),
  ocrPage(2, ['Điều 2. Hiệu lực thi hành', 'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2014.'], 62),
]);

beforeAll(() => {
  mkdirSync(knowledgeDir, { recursive: true });
  // Two pages without a text layer: what a scanner produces, as far as the PDF loader can tell.
  writeFileSync(join(knowledgeDir, SCAN), buildPdf([[], []]));
  setOcrEngine(new CachingOcrEngine(engine, { dir: join(dataDir, 'ocr-cache'), settings: 'test' }));
});
afterAll(async () => {
  setOcrEngine(null);
  await closeOcrEngine();
  rmSync(root, { recursive: true, force: true });
});

describe('reindex of a scanned PDF', () => {
  it('reads the scan by OCR, marks it scanned and reports the low-confidence page with its confidence', async () => {
    const { content, report } = await buildSnapshot({ knowledgeDir, analyzer: new Analyzer() });
    expect(report.failed).toEqual([]);
    expect(engine.calls).toEqual([[1, 2]]);
    expect(content.files[SCAN].meta).toMatchObject({ number: '40/2013/QH13', scanned: true });
    expect(content.chunks.map((c) => c.citationPath)).toEqual(['Điều 1', 'Điều 2']);
    expect(report.ocr[SCAN]).toEqual({ pages: [1, 2], meanConfidence: 79, lowConfidence: [{ page: 2, confidence: 62 }] });
    expect(report.warnings[SCAN].join('\n')).toMatch(/OCR confidence below 80 .*page 2: 62/u);
  });

  it('does not recognise the unchanged scan again on a full reindex (cache by file hash)', async () => {
    const { report } = await buildSnapshot({ knowledgeDir, analyzer: new Analyzer(), previous: null });
    expect(report.chunks).toBe(2);
    expect(engine.calls).toEqual([[1, 2]]);
  });

  it('answers from the scan citing the right Điều, with the scan notice', async () => {
    const kb = await KnowledgeBase.open({ dataDir: join(root, 'kb-data'), knowledgeDir });
    const answer = new AnswerComposer().compose(kb.search('Chủ hộ gia đình có trách nhiệm gì về phòng cháy và chữa cháy?'));
    expect(answer.kind).toBe('answer');
    expect(answer.citations[0]).toMatchObject({ docId: SCAN, path: 'Điều 1' });
    expect(answer.notices.join(' ')).toContain('văn bản quét, có thể sai chính tả');
    expect(engine.calls.length).toBe(1);
  });
});
