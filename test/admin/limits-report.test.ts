/**
 * Issue 11, failure 4, as the admin sees it: a hostile upload is refused (413) with a Vietnamese reason
 * naming the broken limit, and a hostile file already in the folder shows in the reindex report with a
 * Vietnamese explanation and the English detail, while the other files index.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/common/errors.js';
import { refusalText } from '../../src/http/admin/console-documents.js';
import { failureLine } from '../../src/http/admin/views/reindex.js';
import { buildDocxBomb } from '../fixtures/loaders/build-bomb.js';
import { startAdminApp, waitForJob } from './support.js';
import type { AdminHarness } from './support.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminApp();
});
afterAll(async () => {
  await h?.close();
});

describe('hostile files in the admin console', () => {
  it('refuses a DOCX bomb at upload with the limit explained in Vietnamese', async () => {
    const err = await h.documents.upload('bom.docx', buildDocxBomb({ megabytes: 150 }), 'web:quantri').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(err, 'DOCUMENT_TOO_LARGE'), `got ${String(err)}`).toBe(true);
    if (!isAppError(err)) return;
    expect(err.status).toBe(413);
    const text = refusalText(err, h.documents.maxBytes);
    expect(text).toContain('Tệp .docx khi giải nén quá lớn');
    expect(text).toContain('Chi tiết kỹ thuật:');
    expect((await h.documents.list()).map((d) => d.id), 'nothing was written').not.toContain('bom.docx');
  });

  it('reports a bomb already in the folder with a Vietnamese reason and indexes the rest', async () => {
    const before = h.knowledge.snapshot.chunks.length;
    writeFileSync(join(h.knowledgeDir, 'bom-san.docx'), buildDocxBomb({ megabytes: 150 }));
    const done = await waitForJob(h.documents, (await h.documents.reindex('web:quantri')).id);
    expect(done.state).toBe('succeeded');
    const failed = done.report?.failed ?? [];
    expect(failed.map((f) => f.file)).toEqual(['bom-san.docx']);
    expect(failed[0]).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 'uncompressed' });
    expect(failureLine(failed[0]!)).toMatch(/^bom-san\.docx: Tệp \.docx khi giải nén quá lớn.*Chi tiết kỹ thuật: .*expand to 150/);
    expect(h.knowledge.snapshot.chunks.length, 'the other files are still indexed').toBe(before);
  });

  it('keeps the English reason alone for reports written before codes were recorded', () => {
    expect(failureLine({ file: 'a.pdf', reason: 'old reason' })).toBe('a.pdf: old reason');
  });
});
