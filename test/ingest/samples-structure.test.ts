import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, loadSource } from '../../src/ingest/loaders/index.js';
import { parseLegalText, collectArticles } from '../../src/ingest/legal-parser.js';
import { chunkDocument } from '../../src/ingest/chunker.js';
import type { LegalDocument } from '../../src/ingest/legal-unit.js';
import { isAppError } from '../../src/common/errors.js';
import { closeOcrEngine, setOcrEngine } from '../../src/ingest/ocr/index.js';
import { sharedDir } from '../support/shared.js';

const meta = { number: '', title: 'sample', status: 'unknown' as const };

async function parseSample(name: string): Promise<LegalDocument> {
  const bytes = readFileSync(join(sharedDir('samples'), name));
  const loaded = await loadSource({ relPath: name, format: detectFormat(name, bytes), bytes });
  return parseLegalText(loaded.text, { id: name, meta });
}

const numbers = (doc: LegalDocument) => collectArticles(doc.units).map((a) => a.number);
const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

describe('real sample documents load into the right Điều/Khoản structure', () => {
  const docs = new Map<string, LegalDocument>();
  const names = [
    'luat-20-2023-qh15-giao-dich-dien-tu-congbao.pdf',
    'luat-15-2012-qh13-xu-ly-vi-pham-hanh-chinh.pdf',
    'tt-02-2021-tt-btc-phi-kiem-dinh-pccc.pdf',
    'nd-30-2020-cong-tac-van-thu.docx',
    'luat-67-2006-qh11-cong-nghe-thong-tin.docx',
    'nd-297-2025-lien-thong-dien-tu-tthc-vbpl.html',
    'nd-30-2020-phu-luc-1-the-thuc-van-ban.doc',
  ];
  beforeAll(async () => {
    for (const n of names) docs.set(n, await parseSample(n));
  }, 60_000);

  it('Công báo PDF (split text runs): Điều 1–53 in 8 chapters, clauses found', () => {
    const doc = docs.get(names[0]) as LegalDocument;
    expect(numbers(doc)).toEqual(range(53));
    expect(doc.units.filter((u) => u.kind === 'chapter')).toHaveLength(8);
    const art1 = collectArticles(doc.units)[0];
    expect(art1.heading).toMatch(/^Phạm vi điều chỉnh/);
    expect(collectArticles(doc.units).some((a) => a.children.filter((c) => c.kind === 'clause').length >= 3)).toBe(true);
  });

  it('hard-wrapped PDF: 142 articles under Phần/Chương, same as the plain text of the law', () => {
    const doc = docs.get(names[1]) as LegalDocument;
    const corpus = parseLegalText(readFileSync(join(sharedDir('corpus'), '15-2012-QH13.txt'), 'utf8'), { id: 'c', meta });
    expect(numbers(doc)).toEqual(numbers(corpus));
    const clauses = (d: LegalDocument) => collectArticles(d.units).map((a) => a.children.filter((c) => c.kind === 'clause').length);
    const same = clauses(doc).filter((n, i) => n === clauses(corpus)[i]).length;
    expect(same / 142, 'clause counts per article should match the plain text almost everywhere').toBeGreaterThan(0.95);
    expect(doc.units.filter((u) => u.kind === 'part').length).toBeGreaterThanOrEqual(5);
  });

  it('Thông tư PDF without chapters: Điều 1–7 with clauses', () => {
    const doc = docs.get(names[2]) as LegalDocument;
    expect(numbers(doc)).toEqual(range(7));
    expect(collectArticles(doc.units).some((a) => a.children.length >= 2)).toBe(true);
  });

  it('Word DOCX: Nghị định 30/2020 has Điều 1–38 in 7 chapters', () => {
    const doc = docs.get(names[3]) as LegalDocument;
    expect(numbers(doc)).toEqual(range(38));
    expect(doc.units.filter((u) => u.kind === 'chapter')).toHaveLength(7);
  });

  it('WPS DOCX with in-paragraph breaks and malformed headings: 79 articles', () => {
    const doc = docs.get(names[4]) as LegalDocument;
    expect(numbers(doc)).toEqual(range(79));
  });

  it('saved web page with a repeated table of contents: 16 articles, each once', () => {
    const doc = docs.get(names[5]) as LegalDocument;
    expect(numbers(doc)).toEqual(range(16));
    expect(doc.warnings.filter((w) => /more than once/.test(w))).toEqual([]);
  });

  it('legacy .doc appendix without Điều: loads and is chunked by paragraphs with a warning', () => {
    const doc = docs.get(names[6]) as LegalDocument;
    expect(numbers(doc)).toEqual([]);
    expect(doc.warnings.join()).toMatch(/no Điều/);
    expect(chunkDocument(doc).length).toBeGreaterThan(3);
  });

  it('scanned PDF without a text layer fails with a precise reason when OCR is off', async () => {
    // With OCR (the default) the scan is read: src/ingest/ocr/ocr-scan.test.ts.
    setOcrEngine(null);
    const err = await parseSample('luat-40-2013-qh13-sua-doi-pccc-scan.pdf').catch((e: unknown) => e);
    await closeOcrEngine();
    expect(isAppError(err, 'NO_TEXT_LAYER')).toBe(true);
    expect(String((err as Error).message)).toMatch(/11 page/);
  });
});
