/**
 * Issue 11, failure 4: a small hostile file must not take the server down. A DOCX whose document.xml
 * inflates to 150 MB is refused from the ZIP central directory before anything inflates it; an archive
 * that lies about its sizes is caught while inflating; PDFs are bounded by pages and text. Each refusal
 * names the broken limit, and the other files of the folder still index.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/common/errors.js';
import { limitKindOf, loadSource } from '../../src/ingest/loaders/index.js';
import type { LoadLimits } from '../../src/ingest/loaders/index.js';
import { buildSnapshot } from '../../src/search/reindex.js';
import { InProcessParser } from '../../src/search/parse-file.js';
import { Analyzer } from '../../src/text/analyzer.js';
import { buildDocxBomb } from '../fixtures/loaders/build-bomb.js';
import { buildPdf } from '../fixtures/loaders/build-pdf.js';

const GOOD_MD = '# Quy định\n\nĐiều 1. Phạm vi điều chỉnh\n\nNghị định này quy định về thủ tục hành chính.\n';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function folder(files: Record<string, Uint8Array | string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'cchc-hostile-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

async function refusal(relPath: string, bytes: Uint8Array, limits?: Partial<LoadLimits>): Promise<unknown> {
  const parser = new InProcessParser(limits);
  return parser.trialLoad(relPath, bytes).then(
    () => undefined,
    (err: unknown) => err,
  );
}

function pdfPages(count: number, line = 'Dieu 1. Noi dung'): Uint8Array {
  return buildPdf(Array.from({ length: count }, (_, i) => [{ x: 72, y: 760, text: `${line} ${i + 1}` }]));
}

describe('bounded parsing of hostile files', () => {
  it('refuses a 150 MB DOCX bomb from its central directory and still indexes the other files', async () => {
    const bomb = buildDocxBomb({ megabytes: 150 });
    expect(bomb.length, 'the bomb is small on disk').toBeLessThan(1024 * 1024);
    const knowledgeDir = await folder({ 'bom.docx': bomb, 'quy-dinh.md': GOOD_MD });
    const { report } = await buildSnapshot({ knowledgeDir, analyzer: new Analyzer() });
    expect(report.failed.map((f) => f.file)).toEqual(['bom.docx']);
    expect(report.failed[0], 'help: checkZipLimits in docx-loader.ts must run before mammoth').toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 'uncompressed' });
    expect(report.failed[0]?.reason).toMatch(/expand to 150(\.\d)? MB/);
    expect(report.documents, 'the good file is indexed').toBe(1);
  });

  it('refuses an archive whose entry inflates beyond the size it declares', async () => {
    const liar = buildDocxBomb({ megabytes: 6, declaredSize: 1000 });
    const err = await refusal('liar.docx', liar, { maxUncompressedBytes: 2 * 1024 * 1024 });
    expect(isAppError(err, 'DOCUMENT_TOO_LARGE'), `got ${String(err)}`).toBe(true);
    expect(limitKindOf(err)).toBe('uncompressed');
    expect(String(err)).toMatch(/inflates beyond/);
  });

  it('refuses an archive with too many entries', async () => {
    const err = await refusal('many.docx', buildDocxBomb({ megabytes: 0, extraEntries: 30 }), { maxZipEntries: 20 });
    expect(limitKindOf(err)).toBe('entries');
  });

  it('accepts a DOCX within the limits (the hand-built archive is valid)', async () => {
    const ok = buildDocxBomb({ megabytes: 1, blockBytes: 20_000 });
    const loaded = await loadSource({ relPath: 'ok.docx', format: 'docx', bytes: ok }, { maxUncompressedBytes: 2 * 1024 * 1024, maxZipEntries: 10, maxPdfPages: 10, maxTextChars: 10_000_000, timeoutMs: 1000 });
    expect(loaded.text.split('\n').length).toBeGreaterThan(300);
  });

  it('refuses a PDF with more pages than allowed, before reading them', async () => {
    const err = await refusal('dai.pdf', pdfPages(12), { maxPdfPages: 10 });
    expect(limitKindOf(err)).toBe('pages');
    expect(String(err)).toMatch(/12 pages; the limit is 10/);
  });

  it('refuses a PDF whose text passes the character limit', async () => {
    const err = await refusal('nhieu-chu.pdf', pdfPages(8, 'Dieu 1. '.repeat(20)), { maxTextChars: 500 });
    expect(limitKindOf(err)).toBe('text');
  });

  it('refuses a text file whose text passes the character limit', async () => {
    const err = await refusal('dai.md', new TextEncoder().encode(GOOD_MD.repeat(50)), { maxTextChars: 1000 });
    expect(limitKindOf(err)).toBe('text');
  });
});
